import {
	CHARTHOP_ORG,
	CHARTHOP_TOKEN,
	CORESIGNAL_API_KEY,
	CORESIGNAL_JWT,
} from '../../../sandbox/credentials';
import { coresignalV1, coresignalV2, vendorApi, sandboxPerFile } from './support';

const env = sandboxPerFile();

describe('Coresignal API key (v2)', () => {
	it('accepts the dev key on the credential test request', async () => {
		const response = await coresignalV2(env.sandbox).get('/v2/subscriptions');
		expect(response.status).toBe(200);
		expect(response.data).toEqual([]);
	});

	it('answers 401 with {detail} for a wrong key', async () => {
		const response = await coresignalV2(env.sandbox, 'x'.repeat(32)).get('/v2/subscriptions');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ detail: 'Invalid API key' });
	});

	it('answers 401 with {detail} when the apikey header is missing', async () => {
		const response = await vendorApi(env.sandbox.client.urls.coresignal).get('/v2/subscriptions');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ detail: 'Not authenticated' });
	});

	it('does not accept the v1 JWT on v2 paths', async () => {
		expect((await coresignalV1(env.sandbox).get('/v2/subscriptions')).status).toBe(401);
	});
});

describe('Coresignal legacy JWT (v1)', () => {
	it('accepts the dev JWT as a Bearer token on the credential test request', async () => {
		expect((await coresignalV1(env.sandbox).get('/v1/subscriptions')).status).toBe(200);
	});

	it('answers 401 with {detail} for a wrong token', async () => {
		const response = await coresignalV1(env.sandbox, 'not.a.token').get('/v1/subscriptions');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ detail: 'Invalid or expired token' });
	});

	it('does not accept the API key on v1 paths', async () => {
		const response = await vendorApi(env.sandbox.client.urls.coresignal, {
			apikey: CORESIGNAL_API_KEY,
		}).get('/v1/subscriptions');
		expect(response.status).toBe(401);
	});

	it('keeps the JWT and the key apart even when both are sent', async () => {
		const both = vendorApi(env.sandbox.client.urls.coresignal, {
			apikey: CORESIGNAL_API_KEY,
			authorization: `Bearer ${CORESIGNAL_JWT}`,
		});
		expect((await both.get('/v1/subscriptions')).status).toBe(200);
		expect((await both.get('/v2/subscriptions')).status).toBe(200);
	});
});

describe('ChartHop token', () => {
	const chartHop = (token: string) =>
		vendorApi(env.sandbox.client.urls.charthop, { authorization: `Bearer ${token}` });

	it('answers the credential test with the org for the right token and org', async () => {
		const response = await chartHop(CHARTHOP_TOKEN).get(`/v1/org/${CHARTHOP_ORG}`);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ slug: 'acme', name: 'Acme Inc.' });
	});

	it('finds the org by id as well as by slug', async () => {
		const response = await chartHop(CHARTHOP_TOKEN).get(`/v1/org/${env.sandbox.charthop.org.id}`);
		expect(response.data.slug).toBe('acme');
	});

	it('answers 401 for a wrong token', async () => {
		expect((await chartHop('wrong').get(`/v1/org/${CHARTHOP_ORG}`)).status).toBe(401);
	});

	it('answers 404 for an org the token does not belong to', async () => {
		expect((await chartHop(CHARTHOP_TOKEN).get('/v1/org/globex')).status).toBe(404);
	});
});

describe('Human Sourcing', () => {
	it('answers HEAD and GET / so the credential test can prove reachability', async () => {
		const api = vendorApi(env.sandbox.client.urls.humansourcing);
		expect((await api.head('/')).status).toBe(200);
		expect((await api.get('/')).status).toBe(200);
	});
});
