import { CREATE_ENDPOINTS } from '../../../sandbox/coresignal/catalog';
import { CORESIGNAL_OTHER_API_KEY } from '../../../sandbox/credentials';
import { coresignalV1, coresignalV2, sandboxPerFile } from './support';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

// Most tests create many subscriptions; the rate-limit tests switch the documented limit back on.
const env = sandboxPerFile({ rateLimits: { coresignal: { 'subscription-create': null } } });

const byIds = (webhook_url: string, ids: unknown = [100001, 100002]) => ({ webhook_url, ids });
const byQuery = (webhook_url: string, query: object = { match: { job_title: 'Engineer' } }) => ({
	webhook_url,
	es_dsl_query: { query },
});

async function createById(api = coresignalV2(env.sandbox)): Promise<string> {
	const response = await api.post('/v2/subscriptions/employee_clean/ids', byIds(env.receiver.url));
	expect(response.status).toBe(200);
	return response.data.id as string;
}

describe('create', () => {
	it.each(CREATE_ENDPOINTS.map((e) => [e.path, e] as const))(
		'%s creates a subscription',
		async (_path, endpoint) => {
			const api = endpoint.version === 'v1' ? coresignalV1(env.sandbox) : coresignalV2(env.sandbox);
			const body =
				endpoint.method === 'ids'
					? byIds(env.receiver.url)
					: endpoint.method === 'es_dsl'
						? byQuery(env.receiver.url)
						: { webhook_url: env.receiver.url };
			const response = await api.post(endpoint.path, body);
			expect(response.status).toBe(200);
			expect(response.data).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				status: 'active',
				created_at: expect.stringMatching(DATE_TIME),
				expiring_at: expect.stringMatching(DATE_TIME),
			});
		},
	);

	it('makes subscriptions valid for 91 days', async () => {
		const { data } = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/ids',
			byIds(env.receiver.url),
		);
		expect(
			Date.parse(`${data.expiring_at.slice(0, 23)}Z`) -
				Date.parse(`${data.created_at.slice(0, 23)}Z`),
		).toBe(91 * DAY_MS);
	});

	it('has no profile-change "all" endpoint', async () => {
		const response = await coresignalV2(env.sandbox).post('/v2/subscriptions/employee_clean/all', {
			webhook_url: env.receiver.url,
		});
		expect(response.status).toBe(404);
	});

	it('has experience "all" only for Clean Employee', async () => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/experience_changes/employee_multi_source/all',
			{ webhook_url: env.receiver.url },
		);
		expect(response.status).toBe(404);
	});

	it('stores the ids, the query and the tracked fields it was given', async () => {
		const api = coresignalV2(env.sandbox);
		await api.post('/v2/subscriptions/employee_clean/ids', {
			...byIds(env.receiver.url),
			tracked_fields: ['skills'],
		});
		await api.post('/v2/subscriptions/employee_clean/es_dsl', byQuery(env.receiver.url));
		const [ids, query] = env.sandbox.coresignal.store.all();
		expect(ids).toMatchObject({
			ids: [100001, 100002],
			trackedFields: ['skills'],
			kind: 'profile',
		});
		expect(query.esDslQuery).toEqual({ query: { match: { job_title: 'Engineer' } } });
	});

	it.each([
		['an invalid webhook_url', byIds('not a url'), /webhook_url/],
		['a non-http webhook_url', byIds('ftp://example.test/x'), /webhook_url/],
		['no ids', byIds('http://127.0.0.1/x', []), /ids/],
		[
			'a non-numeric id',
			byIds('http://127.0.0.1/x', [1, 'abc']),
			/"abc" is not a valid employee id/,
		],
		['a negative id', byIds('http://127.0.0.1/x', [-3]), /-3 is not a valid employee id/],
		[
			'an untrackable field',
			{ ...byIds('http://127.0.0.1/x'), tracked_fields: ['skills', 'favourite_colour'] },
			/not trackable: favourite_colour/,
		],
	])('answers 422 naming the field for %s', async (_case, body, message) => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/ids',
			body,
		);
		expect(response.status).toBe(422);
		expect(response.data.detail).toMatch(message);
	});

	it('answers 422 for a last_updated filter in the query', async () => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/es_dsl',
			byQuery(env.receiver.url, {
				bool: { filter: [{ range: { last_updated: { gte: '2025-01-01' } } }] },
			}),
		);
		expect(response.status).toBe(422);
		expect(response.data.detail).toMatch(/last_updated filter is not available/);
	});

	it('answers 422 for an es_dsl_query that is not an object', async () => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/es_dsl',
			{
				webhook_url: env.receiver.url,
				es_dsl_query: '{"query": {}}',
			},
		);
		expect(response.status).toBe(422);
		expect(response.data.detail).toMatch(/^es_dsl_query/);
	});

	it('refuses tracked_fields on experience subscriptions', async () => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/experience_changes/employee_clean/ids',
			{
				...byIds(env.receiver.url),
				tracked_fields: ['skills'],
			},
		);
		expect(response.status).toBe(422);
	});

	it('answers 400 for a body that is not JSON', async () => {
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/ids',
			'{oops',
			{
				headers: { 'content-type': 'application/json' },
				transformRequest: [(data: string) => data],
			},
		);
		expect(response.status).toBe(400);
		expect(response.data.detail).toMatch(/not valid JSON/);
	});

	it('refuses more active subscriptions than the per-key cap', async () => {
		await env.sandbox.client.coresignal.configure({ maxSubscriptions: 2 });
		await createById();
		await createById();
		const response = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/employee_clean/ids',
			byIds(env.receiver.url),
		);
		expect(response.status).toBe(400);
		expect(response.data.detail).toMatch(/limit/);
	});
});

describe('create rate limit', () => {
	beforeEach(async () => {
		await env.sandbox.client.setRateLimits({
			coresignal: { 'subscription-create': { requests: 9, windowMs: 60_000 } },
		});
	});

	it('answers the 10th creation within a minute with 429, Retry-After and {detail}', async () => {
		const api = coresignalV2(env.sandbox);
		for (let i = 0; i < 9; i++) {
			expect(
				(await api.post('/v2/subscriptions/employee_clean/ids', byIds(env.receiver.url))).status,
			).toBe(200);
		}
		const limited = await api.post('/v2/subscriptions/employee_clean/ids', byIds(env.receiver.url));
		expect(limited.status).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
		expect(limited.data).toEqual({ detail: 'Endpoint rate limit has been exceeded.' });
	});

	it('counts each create endpoint separately', async () => {
		const api = coresignalV2(env.sandbox);
		for (let i = 0; i < 9; i++)
			await api.post('/v2/subscriptions/employee_clean/ids', byIds(env.receiver.url));
		const other = await api.post(
			'/v2/subscriptions/employee_clean/es_dsl',
			byQuery(env.receiver.url),
		);
		expect(other.status).toBe(200);
	});

	it('counts each key separately', async () => {
		for (let i = 0; i < 9; i++) await createById();
		expect((await createById(coresignalV2(env.sandbox, CORESIGNAL_OTHER_API_KEY))).length).toBe(36);
	});

	it('lets requests through again once the window has passed on the sandbox clock', async () => {
		for (let i = 0; i < 9; i++) await createById();
		await env.sandbox.client.advanceClock({ seconds: 61 });
		expect((await createById()).length).toBe(36);
	});

	it('allows 18 per minute on Base Employee endpoints', async () => {
		const api = coresignalV2(env.sandbox);
		const statuses: number[] = [];
		for (let i = 0; i < 19; i++) {
			statuses.push(
				(await api.post('/v2/subscriptions/employee_base/ids', byIds(env.receiver.url))).status,
			);
		}
		expect(statuses.filter((s) => s === 200)).toHaveLength(18);
		expect(statuses[18]).toBe(429);
	});
});

describe('list', () => {
	it('returns a bare array of the key’s active subscriptions with YYYY-MM-DD dates', async () => {
		const id = await createById();
		const response = await coresignalV2(env.sandbox).get('/v2/subscriptions');
		expect(response.data).toEqual([
			{
				id,
				status: 'active',
				created_at: expect.stringMatching(DATE),
				expiring_at: expect.stringMatching(DATE),
			},
		]);
	});

	it('pages by the configured page size', async () => {
		await env.sandbox.client.coresignal.configure({ pageSize: 2 });
		const ids = [await createById(), await createById(), await createById()];
		const api = coresignalV2(env.sandbox);
		const page1 = (await api.get('/v2/subscriptions?page=1')).data.map((s: { id: string }) => s.id);
		const page2 = (await api.get('/v2/subscriptions?page=2')).data.map((s: { id: string }) => s.id);
		const page3 = (await api.get('/v2/subscriptions?page=3')).data;
		expect([...page1, ...page2]).toEqual(ids);
		expect(page2).toHaveLength(1);
		expect(page3).toEqual([]);
	});

	it('lists expired subscriptions only with expired=true', async () => {
		const id = await createById();
		await env.sandbox.client.advanceClock({ days: 92 });
		const api = coresignalV2(env.sandbox);
		expect((await api.get('/v2/subscriptions')).data).toEqual([]);
		expect((await api.get('/v2/subscriptions?expired=true')).data).toEqual([
			expect.objectContaining({ id, status: 'expired' }),
		]);
	});

	it('shows another key none of them', async () => {
		await createById();
		expect(
			(await coresignalV2(env.sandbox, CORESIGNAL_OTHER_API_KEY).get('/v2/subscriptions')).data,
		).toEqual([]);
	});

	it('keeps v1 and v2 subscriptions apart', async () => {
		await coresignalV1(env.sandbox).post(
			'/v1/subscriptions/professional_network/member_experience/all',
			{
				webhook_url: env.receiver.url,
			},
		);
		expect((await coresignalV1(env.sandbox).get('/v1/subscriptions')).data).toHaveLength(1);
		expect((await coresignalV2(env.sandbox).get('/v2/subscriptions')).data).toEqual([]);
	});
});

describe('get', () => {
	it('returns the documented detail fields', async () => {
		const { data: created } = await coresignalV2(env.sandbox).post(
			'/v2/subscriptions/experience_changes/employee_clean/es_dsl',
			byQuery(env.receiver.url),
		);
		const response = await coresignalV2(env.sandbox).get(`/v2/subscriptions/${created.id}`);
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			id: created.id,
			status: 'active',
			created_at: expect.stringMatching(DATE),
			expiring_at: expect.stringMatching(DATE),
			entity: 'experience_changes/employee_clean',
			es_dsl_query: JSON.stringify({ query: { match: { job_title: 'Engineer' } } }),
			filters: null,
			last_webhook_sent: null,
		});
	});

	it('shows an expired subscription as expired', async () => {
		const id = await createById();
		await env.sandbox.client.advanceClock({ days: 91 });
		expect((await coresignalV2(env.sandbox).get(`/v2/subscriptions/${id}`)).data.status).toBe(
			'expired',
		);
	});

	it('answers 404 {detail} for an unknown id and for another key’s subscription', async () => {
		const id = await createById();
		const unknown = await coresignalV2(env.sandbox).get(
			'/v2/subscriptions/00000000-0000-4000-8000-000000000000',
		);
		const notYours = await coresignalV2(env.sandbox, CORESIGNAL_OTHER_API_KEY).get(
			`/v2/subscriptions/${id}`,
		);
		expect([unknown.status, notYours.status]).toEqual([404, 404]);
		expect(unknown.data).toEqual({ detail: 'Subscription not found' });
	});
});

describe('delete', () => {
	it('removes the subscription: a later get answers 404', async () => {
		const id = await createById();
		const api = coresignalV2(env.sandbox);
		expect((await api.delete(`/v2/subscriptions/${id}`)).status).toBe(200);
		expect((await api.get(`/v2/subscriptions/${id}`)).status).toBe(404);
	});

	it('answers 404 for an id that is already gone', async () => {
		const id = await createById();
		const api = coresignalV2(env.sandbox);
		await api.delete(`/v2/subscriptions/${id}`);
		expect((await api.delete(`/v2/subscriptions/${id}`)).status).toBe(404);
	});

	it('does not let another key delete it', async () => {
		const id = await createById();
		expect(
			(await coresignalV2(env.sandbox, CORESIGNAL_OTHER_API_KEY).delete(`/v2/subscriptions/${id}`))
				.status,
		).toBe(404);
		expect((await coresignalV2(env.sandbox).get(`/v2/subscriptions/${id}`)).status).toBe(200);
	});

	it('works for v1 subscriptions with the JWT', async () => {
		const { data } = await coresignalV1(env.sandbox).post(
			'/v1/subscriptions/professional_network/member_experience/ids',
			byIds(env.receiver.url),
		);
		expect((await coresignalV1(env.sandbox).delete(`/v1/subscriptions/${data.id}`)).status).toBe(
			200,
		);
	});
});

describe('renew', () => {
	it('answers 409 while the subscription is initialising', async () => {
		const id = await createById();
		const response = await coresignalV2(env.sandbox).post(`/v2/subscriptions/${id}/renew`);
		expect(response.status).toBe(409);
		expect(response.data.detail).toMatch(/initialising/);
	});

	it('moves the expiry to 91 days from now and answers with date-times', async () => {
		const id = await createById();
		await env.sandbox.client.advanceClock({ days: 80 });
		const response = await coresignalV2(env.sandbox).post(`/v2/subscriptions/${id}/renew`);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			id,
			status: 'active',
			expiring_at: expect.stringMatching(DATE_TIME),
		});
		const { now } = await env.sandbox.client.clock();
		expect(
			Date.parse(`${response.data.expiring_at.slice(0, 23)}Z`) - Date.parse(now),
		).toBeGreaterThan(90 * DAY_MS);
	});

	it('answers 400 for an expired subscription', async () => {
		const id = await createById();
		await env.sandbox.client.advanceClock({ days: 92 });
		const response = await coresignalV2(env.sandbox).post(`/v2/subscriptions/${id}/renew`);
		expect(response.status).toBe(400);
		expect(response.data.detail).toMatch(/expired/);
	});

	it('answers 400 when the new expiry would pass 1 year from creation', async () => {
		const id = await createById();
		const api = coresignalV2(env.sandbox);
		for (const days of [80, 80, 80]) {
			await env.sandbox.client.advanceClock({ days });
			expect((await api.post(`/v2/subscriptions/${id}/renew`)).status).toBe(200);
		}
		await env.sandbox.client.advanceClock({ days: 80 });
		const response = await api.post(`/v2/subscriptions/${id}/renew`);
		expect(response.status).toBe(400);
		expect(response.data.detail).toMatch(/1 year/);
	});

	it('answers 404 for an unknown subscription or another key’s', async () => {
		const id = await createById();
		await env.sandbox.client.advanceClock({ days: 1 });
		expect((await coresignalV2(env.sandbox).post('/v2/subscriptions/nope/renew')).status).toBe(404);
		expect(
			(
				await coresignalV2(env.sandbox, CORESIGNAL_OTHER_API_KEY).post(
					`/v2/subscriptions/${id}/renew`,
				)
			).status,
		).toBe(404);
	});
});

describe('simulate', () => {
	it('answers at once and then delivers one random change to the webhook URL', async () => {
		const response = await coresignalV2(env.sandbox).post('/v2/subscriptions/simulate', {
			webhook_url: env.receiver.url,
		});
		expect(response.status).toBe(200);
		const [delivery] = await env.sandbox.client.waitForDeliveries(1);
		expect(delivery).toMatchObject({ status: 200, source: 'coresignal:simulate', size: 1 });
		expect(env.receiver.bodies).toEqual([
			[
				expect.objectContaining({
					member_id: expect.any(Number),
					status: expect.stringMatching(
						/^(started_matching_query|stopped_matching_query|changed)$/,
					),
				}),
			],
		]);
	});

	it('sends the v1 experience status for the v1 endpoint', async () => {
		await coresignalV1(env.sandbox).post('/v1/subscriptions/simulate', {
			webhook_url: env.receiver.url,
		});
		await env.sandbox.client.waitForDeliveries(1);
		expect(env.receiver.bodies[0]).toEqual([
			{ member_id: expect.any(Number), status: 'changed_experience' },
		]);
	});

	it('allows one request per second', async () => {
		const api = coresignalV2(env.sandbox);
		expect(
			(await api.post('/v2/subscriptions/simulate', { webhook_url: env.receiver.url })).status,
		).toBe(200);
		const second = await api.post('/v2/subscriptions/simulate', { webhook_url: env.receiver.url });
		expect(second.status).toBe(429);
		expect(second.headers['retry-after']).toBe('1');
	});

	it('answers 422 for an invalid webhook_url', async () => {
		const response = await coresignalV2(env.sandbox).post('/v2/subscriptions/simulate', {
			webhook_url: 'nope',
		});
		expect(response.status).toBe(422);
	});
});
