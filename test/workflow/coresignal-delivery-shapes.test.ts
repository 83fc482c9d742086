import type { IDataObject } from 'n8n-workflow';

import { coresignalShapes } from '../../dev/delivery-shapes/coresignal';
import type { DeliveryShape } from '../../dev/delivery-shapes/types';
import { nodeType, type TriggerHandle } from '../../dev/harness';
import { coresignalToken } from '../../dev/coresignal-token';
import { SandboxHarness } from '../../dev/sandbox-harness';

/**
 * Every delivery shape of the corpus through a Coresignal Trigger on v2 employee profile changes
 * with no filters: the HTTP status, the acknowledgement and the items the workflow receives.
 */

let env: SandboxHarness;
let trigger: TriggerHandle;

beforeAll(async () => {
	env = await SandboxHarness.start();
	await env.control.coresignal.configure({ initialisingMs: 0 });
	trigger = env.harness.trigger({
		nodes: [
			{
				name: 'Coresignal Trigger',
				type: nodeType('coresignalTrigger'),
				webhookId: 'coresignal-delivery-shapes',
				parameters: {
					apiVersion: 'v2',
					event: 'employeeProfile',
					subscribeBy: 'ids',
					employeeIds: '100001',
				},
				credentials: {
					coresignalApi: { id: 'cs-key', name: 'Coresignal sandbox' },
					coresignalJwtApi: { id: 'cs-jwt', name: 'Coresignal sandbox JWT' },
				},
			},
		],
		connections: {},
	});
	await trigger.activate();
});

afterAll(async () => {
	if (trigger?.isActive) await trigger.deactivate();
	await env?.close();
});

async function send(shape: DeliveryShape) {
	const token = { token: coresignalToken(env.sandbox, trigger.staticData) };
	const headers = { 'content-type': shape.contentType ?? 'application/json', ...shape.headers };
	return typeof shape.body === 'string'
		? await trigger.deliver({ rawBody: shape.body, headers, query: token })
		: await trigger.deliver({ body: shape.body, headers, query: token });
}

describe.each(coresignalShapes.map((shape) => [shape.name, shape] as const))(
	'%s',
	(_name, shape) => {
		let delivery: Awaited<ReturnType<typeof send>>;

		beforeAll(async () => {
			delivery = await send(shape);
		});

		it(`is answered ${shape.status}`, () => {
			expect(delivery.error).toBeUndefined();
			expect(delivery.response?.statusCode).toBe(shape.status);
		});

		it('gets the shared acknowledgement', () => {
			const ack = delivery.response?.body as IDataObject;
			expect(ack).toMatchObject({ status: 'accepted', emitted: shape.items.length, ...shape.ack });
		});

		it(
			shape.items.length
				? 'starts one execution with the expected items, in order'
				: 'starts no execution',
			() => {
				const items = delivery.items[0] ?? [];
				expect(
					items.map((item) => ({
						type: item.type,
						entityId: (item.entity as IDataObject).id,
						changedFields: item.changedFields,
					})),
				).toEqual(shape.items.map((item) => expect.objectContaining(item)));
				if (shape.items.length) expect(delivery.run?.status).toBe('success');
				else expect(delivery.run).toBeUndefined();
			},
		);

		if (shape.items.some((item) => item.type === 'coresignal.unrecognized')) {
			it('says, in each unrecognized item, what could not be read and keeps what was sent', () => {
				const unrecognized = (delivery.items[0] ?? []).filter(
					(item) => item.type === 'coresignal.unrecognized',
				);
				expect(unrecognized.length).toBeGreaterThan(0);
				for (const item of unrecognized) {
					expect((item.problems as string[]).length).toBeGreaterThan(0);
					for (const problem of item.problems as string[])
						expect(problem).toEqual(expect.any(String));
					expect(item.raw).toEqual(expect.any(Object));
					expect(item.source).toBe('coresignal');
				}
			});
		}
	},
);
