import { CREATE_ENDPOINTS } from '../../sandbox/coresignal/catalog';
import { credentialLabels } from '../../sandbox/credentials';
import { NODE } from '../../dev/coresignal-workflow';
import type { CoresignalNodeEnv } from './coresignal-node.setup';
import { startCoresignalNodeEnv } from './coresignal-node.setup';

let env: CoresignalNodeEnv;

beforeAll(async () => {
	env = await startCoresignalNodeEnv();
});

afterAll(async () => {
	await env.close();
});

beforeEach(async () => {
	await env.freshSandbox();
	env.sandbox.coresignal.configure({ initialisingMs: 0, pageSize: 1000 });
});

const OWNER = credentialLabels.coresignalApiKey;
const WEBHOOK = 'https://hr.example.com/webhook/coresignal';
const experienceByIds = CREATE_ENDPOINTS.find(
	(e) =>
		e.version === 'v2' &&
		e.kind === 'experience' &&
		e.dataset === 'employee_clean' &&
		e.method === 'ids',
)!;

/** Subscriptions made directly in the sandbox, faster than the 9-per-minute create limit allows. */
function seedSubscriptions(count: number): string[] {
	return Array.from(
		{ length: count },
		(_, i) =>
			env.sandbox.coresignal.store.create(OWNER, experienceByIds, {
				webhookUrl: WEBHOOK,
				ids: [100_001 + i],
			}).id,
	);
}

describe('Subscription', () => {
	it('Create subscribes the webhook URL with the same choices as the trigger', async () => {
		const result = await env.run({
			resource: 'subscription',
			operation: 'create',
			webhookUrl: WEBHOOK,
			event: 'experience',
			subscribeBy: 'ids',
			employeeIds: '100001, 100002',
		});

		const [created] = env.output(result);
		expect(created).toEqual(
			expect.objectContaining({ id: expect.any(String), status: 'active', webhook_url: WEBHOOK }),
		);
		const [stored] = env.sandbox.coresignal.store.all();
		expect(stored).toEqual(
			expect.objectContaining({
				id: created.id,
				kind: 'experience',
				ids: [100_001, 100_002],
				webhookUrl: WEBHOOK,
			}),
		);
	});

	it('Create refuses a combination Coresignal does not offer, before calling it', async () => {
		const result = await env.run({
			resource: 'subscription',
			operation: 'create',
			webhookUrl: WEBHOOK,
			event: 'employeeProfile',
			dataset: 'employee_base',
			subscribeBy: 'esDsl',
			esDslQuery: JSON.stringify({ query: { range: { last_updated: { gte: '2025-01-01' } } } }),
		});

		expect(result.nodes[NODE].error?.message).toMatch(/does not allow a "last_updated" filter/);
		expect(env.sandbox.requests.list()).toEqual([]);
	});

	it('Get returns the subscription’s details', async () => {
		const [id] = seedSubscriptions(1);

		const result = await env.run({
			resource: 'subscription',
			operation: 'get',
			subscriptionId: id,
		});

		expect(env.output(result)).toEqual([expect.objectContaining({ id, status: 'active' })]);
	});

	it('Get shows Coresignal’s message and what to do for an unknown ID', async () => {
		const result = await env.run({
			resource: 'subscription',
			operation: 'get',
			subscriptionId: 'nope',
		});

		expect(result.nodes[NODE].error?.message).toBe(
			'Coresignal answered 404: Subscription not found',
		);
		expect(result.nodes[NODE].error?.description).toMatch(/Check the id and the credential/);
	});

	it('Get Many with Return All walks every page until the last', async () => {
		env.sandbox.coresignal.configure({ pageSize: 3 });
		const ids = seedSubscriptions(8);

		const result = await env.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
		});

		expect(env.output(result).map((s) => s.id)).toEqual(ids);
		const pages = env.sandbox.requests.list({ pathPrefix: '/coresignal/cdapi/v2/subscriptions' });
		expect(pages.map((request) => request.query.page)).toEqual(['1', '2', '3', '4']);
	});

	it('Get Many stops at the Limit without fetching further pages', async () => {
		env.sandbox.coresignal.configure({ pageSize: 3 });
		seedSubscriptions(8);

		const result = await env.run({ resource: 'subscription', operation: 'getAll', limit: 4 });

		expect(env.output(result)).toHaveLength(4);
		expect(env.sandbox.requests.list()).toHaveLength(2);
	});

	it('Get Many lists expired subscriptions with the Status filter', async () => {
		const ids = seedSubscriptions(2);
		env.sandbox.clock.advance(92 * 24 * 60 * 60 * 1000);

		const active = await env.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
		});
		const expired = await env.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			status: 'expired',
		});

		expect(env.output(active)).toEqual([]);
		expect(env.output(expired).map((s) => [s.id, s.status])).toEqual(
			ids.map((id) => [id, 'expired']),
		);
	});

	it('Renew extends the expiry date', async () => {
		const [id] = seedSubscriptions(1);
		env.sandbox.clock.advance(30 * 24 * 60 * 60 * 1000);
		const before = env.sandbox.coresignal.store.find(id)!.expiringAt;

		const result = await env.run({
			resource: 'subscription',
			operation: 'renew',
			subscriptionId: id,
		});

		const [renewed] = env.output(result);
		expect(renewed.id).toBe(id);
		expect(Date.parse(String(renewed.expiring_at))).toBeGreaterThan(before);
	});

	it('Renew explains that Legacy v1 subscriptions cannot be renewed', async () => {
		const result = await env.run({
			apiVersion: 'v1',
			resource: 'subscription',
			operation: 'renew',
			subscriptionId: 'x',
		});

		expect(result.nodes[NODE].error?.message).toBe('Legacy v1 subscriptions cannot be renewed');
	});

	it('Delete removes the subscription and returns {deleted: true}', async () => {
		const [id] = seedSubscriptions(1);

		const result = await env.run({
			resource: 'subscription',
			operation: 'delete',
			subscriptionId: id,
		});

		expect(env.output(result)).toEqual([{ deleted: true, id }]);
		expect(env.sandbox.coresignal.store.find(id)).toBeUndefined();
	});

	it('Delete under Continue On Fail reports the unknown ID and deletes the others', async () => {
		const [first, second] = seedSubscriptions(2);

		const result = await env.run(
			{ resource: 'subscription', operation: 'delete', subscriptionId: '={{ $json.id }}' },
			[{ id: first }, { id: 'gone' }, { id: second }],
			{ continueOnFail: true },
		);

		const items = result.nodes[NODE].outputs[0];
		expect(items.map((item) => item.json.deleted ?? item.json.error)).toEqual([
			true,
			'Coresignal answered 404: Subscription not found',
			true,
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('Simulate makes Coresignal send an example notification to the URL', async () => {
		const receiver = env.harness.baseUrl + '/simulated';

		const result = await env.run({
			resource: 'subscription',
			operation: 'simulate',
			webhookUrl: receiver,
		});

		expect(env.output(result)).toEqual([
			expect.objectContaining({ simulated: true, webhook_url: receiver }),
		]);
		const [delivery] = await env.sandbox.client.waitForDeliveries(1);
		expect(delivery).toEqual(expect.objectContaining({ url: receiver }));
	});

	it('Simulate refuses something that is not a URL, before calling Coresignal', async () => {
		const result = await env.run({
			resource: 'subscription',
			operation: 'simulate',
			webhookUrl: 'my webhook',
		});

		expect(result.nodes[NODE].error?.message).toBe('"my webhook" is not a webhook URL');
		expect(env.sandbox.requests.list()).toEqual([]);
	});
});
