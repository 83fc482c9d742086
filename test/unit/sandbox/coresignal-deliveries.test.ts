import { TRACKABLE_FIELDS } from '../../../sandbox/coresignal/catalog';
import { coresignalV1, coresignalV2, sandboxPerFile } from './support';

const env = sandboxPerFile({ rateLimits: { coresignal: { 'subscription-create': null } } });

async function subscribe(
	path: string,
	body: object,
	api = coresignalV2(env.sandbox),
): Promise<string> {
	const response = await api.post(path, { webhook_url: env.receiver.url, ...body });
	expect(response.status).toBe(200);
	return response.data.id as string;
}

type Change = { member_id: number; status: string; changed_fields?: string[] | null };
const received = (): Change[] => env.receiver.bodies.flat() as Change[];

describe('deliveries of profile changes', () => {
	it('POST a JSON array of {member_id, status, changed_fields} to the subscription’s webhook URL', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/es_dsl', {
			es_dsl_query: { query: { match_all: {} } },
		});
		await env.sandbox.client.coresignal.deliver(id, { count: 50 });
		const changes = received();
		expect(changes).toHaveLength(50);
		for (const change of changes) {
			expect(Object.keys(change).sort()).toEqual(['changed_fields', 'member_id', 'status']);
			if (change.status === 'changed') {
				expect(change.changed_fields?.length).toBeGreaterThan(0);
				for (const field of change.changed_fields ?? []) expect(TRACKABLE_FIELDS).toContain(field);
			} else {
				expect(['started_matching_query', 'stopped_matching_query']).toContain(change.status);
				expect(change.changed_fields).toBeNull();
			}
		}
	});

	it('draws member ids from the subscribed ids', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100005, 100006] });
		await env.sandbox.client.coresignal.deliver(id, { count: 20 });
		expect(new Set(received().map((c) => c.member_id))).toEqual(new Set([100005, 100006]));
	});

	it('reports only tracked fields when tracked_fields was set', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', {
			ids: [100001],
			tracked_fields: ['skills', 'headline'],
		});
		await env.sandbox.client.coresignal.deliver(id, { count: 20, status: 'changed' });
		const changes = received();
		expect(changes).toHaveLength(20);
		for (const change of changes) {
			expect(['skills', 'headline']).toEqual(expect.arrayContaining(change.changed_fields ?? []));
		}
	});

	it('can force one status', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100001] });
		await env.sandbox.client.coresignal.deliver(id, { count: 5, status: 'stopped_matching_query' });
		expect(received().map((c) => c.status)).toEqual(Array(5).fill('stopped_matching_query'));
	});
});

describe('deliveries of experience changes', () => {
	it('send status "changed" and no changed_fields on v2', async () => {
		const id = await subscribe('/v2/subscriptions/experience_changes/employee_clean/all', {});
		await env.sandbox.client.coresignal.deliver(id, { count: 3 });
		expect(received()).toEqual(Array(3).fill({ member_id: expect.any(Number), status: 'changed' }));
	});

	it('send status "changed_experience" on v1', async () => {
		const id = await subscribe(
			'/v1/subscriptions/professional_network/member_experience/ids',
			{ ids: [100009] },
			coresignalV1(env.sandbox),
		);
		await env.sandbox.client.coresignal.deliver(id, { count: 2 });
		expect(received()).toEqual([
			{ member_id: 100009, status: 'changed_experience' },
			{ member_id: 100009, status: 'changed_experience' },
		]);
	});
});

describe('delivery results', () => {
	it("return the receiver's status and body", async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100001] });
		env.receiver.respondWith = { status: 401, body: { message: 'Authorization data is wrong!' } };
		const result = await env.sandbox.client.coresignal.deliver(id);
		expect(result).toMatchObject({
			status: 401,
			body: { message: 'Authorization data is wrong!' },
			subscriptionId: id,
		});
	});

	it('send given changes exactly as they are, even malformed ones', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100001] });
		await env.sandbox.client.coresignal.deliver(id, { changes: [{ member_id: 'x' }, 42] });
		expect(env.receiver.bodies).toEqual([[{ member_id: 'x' }, 42]]);
	});

	it('record the date of the last successful webhook in the subscription detail', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100001] });
		await env.sandbox.client.coresignal.deliver(id);
		const { data } = await coresignalV2(env.sandbox).get(`/v2/subscriptions/${id}`);
		expect(data.last_webhook_sent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('refuse to deliver for an expired subscription unless forced', async () => {
		const id = await subscribe('/v2/subscriptions/employee_clean/ids', { ids: [100001] });
		await env.sandbox.client.advanceClock({ days: 92 });
		await expect(env.sandbox.client.coresignal.deliver(id)).rejects.toThrow(/409.*expired/);
		expect((await env.sandbox.client.coresignal.deliver(id, { force: true })).status).toBe(200);
	});

	it('deliver 10,000 changes in one POST', async () => {
		const id = await subscribe('/v2/subscriptions/experience_changes/employee_clean/all', {});
		const result = await env.sandbox.client.coresignal.deliver(id, { count: 10_000 });
		expect(result).toMatchObject({ status: 200, size: 10_000, body: { received: 10_000 } });
		expect(env.receiver.bodies).toHaveLength(1);
		expect(received()).toHaveLength(10_000);
	});
});

describe('reproducibility', () => {
	it('gives the same subscription ids and changes after a reset (seeded)', async () => {
		const run = async () => {
			const id = await subscribe('/v2/subscriptions/employee_clean/es_dsl', {
				es_dsl_query: { query: { match_all: {} } },
			});
			await env.sandbox.client.coresignal.deliver(id, { count: 5 });
			return { id, changes: received() };
		};
		const first = await run();
		await env.sandbox.client.reset();
		env.receiver.bodies.length = 0;
		expect(await run()).toEqual(first);
	});
});
