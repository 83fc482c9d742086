import type { IDataObject } from 'n8n-workflow';

import { chartHopShapes } from '../../dev/delivery-shapes/charthop';
import type { DeliveryShape } from '../../dev/delivery-shapes/types';
import { nodeType, type TriggerHandle } from '../../dev/harness';
import { SandboxHarness } from '../../dev/sandbox-harness';

/**
 * Every shape of the ChartHop delivery corpus through a ChartHop Trigger activated as the corpus
 * assumes (one pattern `*`, automatic registration), in order: the HTTP status, the
 * acknowledgement and the items the workflow starts with.
 */

let env: SandboxHarness;
let trigger: TriggerHandle;
/** The secret header n8n gave the automated action (static data keeps only its hash). */
let auth: Record<string, string>;

beforeAll(async () => {
	env = await SandboxHarness.start();
	await env.control.reset();
	trigger = env.harness.trigger({
		name: 'ChartHop delivery shapes',
		nodes: [
			{
				name: 'ChartHop Trigger',
				type: nodeType('chartHopTrigger'),
				typeVersion: 1,
				webhookId: 'charthop-delivery-shapes',
				parameters: { events: { pattern: [{ event: '*' }] } },
				credentials: { chartHopApi: { id: 'charthop-1', name: 'ChartHop' } },
			},
		],
		connections: {},
	});
	await trigger.activate();
	const [action] = await env.control.charthop.actions();
	auth = { 'x-n8n-secret': String(action.steps[0].httpHeaders?.['x-n8n-secret']) };
});

afterAll(async () => {
	if (trigger?.isActive) await trigger.deactivate();
	await env?.close();
});

async function send(shape: DeliveryShape) {
	if (typeof shape.body === 'string') {
		return await trigger.deliver({
			rawBody: shape.body,
			headers: {
				'content-type': shape.contentType ?? 'application/json',
				...shape.headers,
				...auth,
			},
		});
	}
	return await trigger.deliver({
		body: shape.body,
		headers: {
			...(shape.contentType ? { 'content-type': shape.contentType } : {}),
			...shape.headers,
			...auth,
		},
	});
}

describe('ChartHop Trigger: every delivery shape of the corpus ends as specified', () => {
	it.each(chartHopShapes.map((shape) => [shape.name, shape] as const))(
		'%s',
		async (_name, shape) => {
			const delivery = await send(shape);

			expect(delivery.error).toBeUndefined();
			expect(delivery.response?.statusCode).toBe(shape.status);
			const items = (delivery.items[0] ?? []) as IDataObject[];
			expect(
				items.map((item) => ({
					type: item.type,
					entityId: (item.entity as IDataObject).id,
				})),
			).toEqual(shape.items.map(({ type, entityId }) => ({ type, entityId })));
			shape.items.forEach((expected, index) => {
				if (expected.changedFields)
					expect(items[index].changedFields).toEqual(expected.changedFields);
			});
			if (shape.status === 200) {
				expect(delivery.response?.body).toMatchObject({
					status: 'accepted',
					received: expect.any(Number),
					emitted: shape.items.length,
					...shape.ack,
				});
			}
			if (shape.items.length) expect(delivery.run?.status).toBe('success');
			else expect(delivery.run).toBeUndefined();
		},
	);

	it('flags unrecognized items with the element as sent and what could not be read', () => {
		const batch = trigger.deliveries.find((delivery) =>
			JSON.stringify(delivery.body).includes('ev_shape_12b'),
		);
		expect(batch?.items[0][1]).toMatchObject({
			source: 'charthop',
			type: 'charthop.unrecognized',
			entity: { type: 'unknown', id: '' },
			raw: { id: 'ev_shape_12b', code: 'person.update' },
			problems: ['"entityId" is missing'],
		});
	});

	it('says so in the item when it cut a field nested too deep to store', () => {
		const deep = trigger.deliveries.find((delivery) =>
			JSON.stringify(delivery.body).includes('ev_shape_21'),
		);
		expect(deep?.items[0][0].warnings).toEqual([
			expect.stringContaining('"data" was nested more than'),
		]);
	});
});
