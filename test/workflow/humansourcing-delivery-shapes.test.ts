/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IDataObject } from 'n8n-workflow';

import { humansourcingShapes } from '../../dev/delivery-shapes/humansourcing';
import type { DeliveryShape } from '../../dev/delivery-shapes/types';
import { Harness, nodeType, type TriggerHandle } from '../../dev/harness';

// Every shape of the corpus through a Human Sourcing Trigger set up as a new user gets it:
// version 2, all types and events, the default authentication (the credential's secret in ?token=).
const SECRET = 'hs-shapes-secret-0123456789abcdef';

let harness: Harness;
let trigger: TriggerHandle;

beforeAll(async () => {
	harness = await Harness.start({
		credentials: { humanSourcingWebhookApi: { headerName: 'X-Webhook-Secret', secret: SECRET } },
	});
	trigger = harness.trigger({
		name: 'Human Sourcing delivery shapes',
		nodes: [
			{
				name: 'Human Sourcing Trigger',
				type: nodeType('humanSourcingTrigger'),
				typeVersion: 2,
				webhookId: '5d1c0a2e-7f43-4b8e-9a61-3c2b1d0e9f87',
				parameters: {},
				credentials: { humanSourcingWebhookApi: { id: 'hs-shapes', name: 'Human Sourcing' } },
			},
		],
		connections: {},
	});
	await trigger.activate();
});

afterAll(async () => {
	if (trigger?.isActive) await trigger.deactivate();
	await harness?.close();
});

async function send(shape: DeliveryShape) {
	const headers = { 'content-type': shape.contentType ?? 'application/json', ...shape.headers };
	const query = { token: SECRET };
	return typeof shape.body === 'string'
		? await trigger.deliver({ rawBody: shape.body, headers, query })
		: await trigger.deliver({ body: shape.body, headers, query });
}

describe.each(humansourcingShapes.map((shape) => [shape.name, shape] as const))(
	'%s',
	(_name, shape) => {
		it(`is answered ${shape.status}, with the acknowledgement`, async () => {
			const delivery = await send(shape);
			expect(delivery.response?.statusCode).toBe(shape.status);
			if (shape.status === 200) {
				expect(delivery.response?.body).toMatchObject({
					status: 'accepted',
					emitted: shape.items.length,
					...shape.ack,
				});
			}
		});

		it(
			shape.items.length === 0
				? 'starts no execution'
				: `starts one execution with ${shape.items.map((item) => item.type).join(', ')}`,
			async () => {
				const delivery = await send(shape);
				const items = delivery.items[0] ?? [];
				expect(
					items.map((item) => ({
						type: item.type,
						entityId: (item.entity as IDataObject).id,
						...(shape.items.some((expected) => expected.changedFields)
							? { changedFields: item.changedFields }
							: {}),
					})),
				).toEqual(shape.items.map((expected) => ({ ...expected })));
				if (shape.items.length === 0) expect(delivery.run).toBeUndefined();
				else expect(delivery.run?.status).toBe('success');
			},
		);

		if (shape.items.some((item) => item.type === 'humansourcing.unrecognized')) {
			it('names what could not be read on each unrecognized item', async () => {
				const delivery = await send(shape);
				for (const item of delivery.items[0].filter(
					(i) => i.type === 'humansourcing.unrecognized',
				)) {
					expect(item.problems).toEqual(expect.arrayContaining([expect.any(String)]));
					expect(item.raw).toEqual(expect.any(Object));
				}
			});
		}
	},
);

it('has at least 12 shapes', () => {
	expect(humansourcingShapes.length).toBeGreaterThanOrEqual(12);
});
