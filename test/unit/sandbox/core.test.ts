import axios from 'axios';

import { parseBody } from '../../../sandbox/core/body';
import { Router } from '../../../sandbox/core/router';
import { CORESIGNAL_API_KEY } from '../../../sandbox/credentials';
import { coresignalV2, vendorApi, sandboxPerFile } from './support';

const env = sandboxPerFile();

describe('sandbox server', () => {
	it('listens on an OS-chosen port and mounts every vendor under its prefix', async () => {
		expect(env.sandbox.port).toBeGreaterThan(0);
		expect(env.sandbox.client.urls).toEqual({
			coresignal: `${env.sandbox.url}/coresignal/cdapi`,
			charthop: `${env.sandbox.url}/charthop`,
			humansourcing: `${env.sandbox.url}/humansourcing`,
		});
	});

	it('answers 404 with the list of vendor prefixes outside any vendor', async () => {
		const response = await vendorApi(env.sandbox.url).get('/nowhere');
		expect(response.status).toBe(404);
		expect(response.data.vendors).toEqual(['/coresignal/cdapi', '/charthop', '/humansourcing']);
	});

	it("answers a vendor's unknown path in that vendor's error shape", async () => {
		const response = await coresignalV2(env.sandbox).get('/v2/no_such_thing');
		expect(response.status).toBe(404);
		expect(response.data).toEqual({ detail: 'Not Found' });
	});
});

describe('router', () => {
	it('prefers literal segments over params and decodes params', () => {
		const router = new Router()
			.get('/items/:id', () => ({ status: 200, body: 'param' }))
			.get('/items/special', () => ({ status: 200, body: 'literal' }));
		expect(router.match('GET', '/items/special').found?.route.pattern).toBe('/items/special');
		expect(router.match('GET', '/items/a%2Fb').found?.params).toEqual({ id: 'a/b' });
	});

	it('reports the methods a known path allows', () => {
		const router = new Router().get('/items', () => ({ status: 200 }));
		expect(router.match('POST', '/items')).toEqual({ found: undefined, allowed: ['GET'] });
	});
});

describe('body parsing', () => {
	it('parses multipart/form-data fields and files', () => {
		const boundary = 'XyZ';
		const raw = Buffer.from(
			[
				`--${boundary}`,
				'Content-Disposition: form-data; name="webhook_url"',
				'',
				'https://example.test/hook',
				`--${boundary}`,
				'Content-Disposition: form-data; name="ids_file"; filename="ids.csv"',
				'Content-Type: text/csv',
				'',
				'1\n2\n3',
				`--${boundary}--`,
				'',
			].join('\r\n'),
		);
		const parsed = parseBody(raw, `multipart/form-data; boundary=${boundary}`);
		expect(parsed.form?.fields).toEqual({ webhook_url: 'https://example.test/hook' });
		expect(parsed.form?.files).toHaveLength(1);
		expect(parsed.form?.files[0]).toMatchObject({
			field: 'ids_file',
			filename: 'ids.csv',
			contentType: 'text/csv',
		});
		expect(parsed.form?.files[0].data.toString()).toBe('1\n2\n3');
	});

	it('reports invalid JSON instead of throwing', () => {
		expect(parseBody(Buffer.from('{nope'), 'application/json').bodyError).toMatch(/not valid JSON/);
	});
});

describe('fault injection', () => {
	it('answers the next N matching requests with the given status, body and Retry-After', async () => {
		await env.sandbox.client.addFault({
			vendor: 'coresignal',
			method: 'GET',
			pathPrefix: '/coresignal/cdapi/v2/subscriptions',
			count: 2,
			status: 503,
			retryAfter: 7,
		});
		const api = coresignalV2(env.sandbox);
		const first = await api.get('/v2/subscriptions');
		const second = await api.get('/v2/subscriptions');
		const third = await api.get('/v2/subscriptions');
		expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
		expect(first.headers['retry-after']).toBe('7');
		expect(first.data).toEqual({ detail: 'Injected fault: 503' });
		expect(await env.sandbox.client.faults()).toEqual([]);
	});

	it('leaves requests that do not match alone', async () => {
		await env.sandbox.client.addFault({ method: 'POST', status: 500 });
		expect((await coresignalV2(env.sandbox).get('/v2/subscriptions')).status).toBe(200);
		expect(await env.sandbox.client.faults()).toHaveLength(1);
	});

	it('drops the connection without an answer', async () => {
		await env.sandbox.client.addFault({ vendor: 'coresignal', action: 'drop' });
		await expect(coresignalV2(env.sandbox).get('/v2/subscriptions')).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|socket hang up/),
		});
	});

	it('cuts the response body midway', async () => {
		await env.sandbox.client.addFault({ vendor: 'coresignal', action: 'truncate' });
		const request = axios.get(
			`${env.sandbox.client.urls.coresignal}/v2/employee_clean/collect/100001`,
			{
				headers: { apikey: CORESIGNAL_API_KEY },
				responseType: 'text',
			},
		);
		await expect(request).rejects.toThrow(/aborted|ECONNRESET|socket hang up/);
	});
});

describe('request log', () => {
	it('records method, path, query, JSON body, credential label and status', async () => {
		await coresignalV2(env.sandbox).post('/v2/subscriptions/simulate?x=1', {
			webhook_url: env.receiver.url,
		});
		const [logged] = await env.sandbox.client.requests({ vendor: 'coresignal' });
		expect(logged).toMatchObject({
			method: 'POST',
			path: '/coresignal/cdapi/v2/subscriptions/simulate',
			query: { x: '1' },
			body: { webhook_url: env.receiver.url },
			credential: 'coresignal:apikey:dev',
			status: 200,
		});
	});

	it('never stores a secret, only a label or a short hash of an unknown one', async () => {
		await coresignalV2(env.sandbox).get('/v2/subscriptions');
		await coresignalV2(env.sandbox, 'wrong-key-that-must-not-be-logged').get('/v2/subscriptions');
		const log = await env.sandbox.client.requests();
		const text = JSON.stringify(log);
		expect(text).not.toContain(CORESIGNAL_API_KEY);
		expect(text).not.toContain('wrong-key-that-must-not-be-logged');
		expect(log[1].credential).toMatch(/^unknown:[0-9a-f]{8}$/);
	});

	it('filters by sequence number so a test can look only at its own requests', async () => {
		await coresignalV2(env.sandbox).get('/v2/subscriptions');
		const [first] = await env.sandbox.client.requests();
		await coresignalV2(env.sandbox).get('/v2/subscriptions?page=2');
		const later = await env.sandbox.client.requests({ since: first.seq });
		expect(later.map((r) => r.query)).toEqual([{ page: '2' }]);
	});
});

describe('clock', () => {
	it('moves forward by the requested amount and back on reset', async () => {
		const advanced = await env.sandbox.client.advanceClock({ days: 2, seconds: 30 });
		expect(advanced.offsetMs).toBe(2 * 86_400_000 + 30_000);
		await env.sandbox.client.reset();
		expect((await env.sandbox.client.clock()).offsetMs).toBe(0);
	});
});

describe('config', () => {
	it('changes latency and rate limits at runtime, and reset restores the start values', async () => {
		const changed = await env.sandbox.client.configure({
			latencyMs: 5,
			rateLimits: { coresignal: { collect: { requests: 1, windowMs: 1000 } } },
		});
		expect(changed.latencyMs).toBe(5);
		expect(changed.rateLimits.coresignal.collect).toEqual({ requests: 1, windowMs: 1000 });
		await env.sandbox.client.reset();
		const restored = await env.sandbox.client.config();
		expect(restored.latencyMs).toBe(0);
		expect(restored.rateLimits.coresignal.collect).toEqual({ requests: 54, windowMs: 1000 });
	});

	it('refuses settings for a vendor that has none', async () => {
		await expect(
			env.sandbox.client.configure({ vendors: { humansourcing: { x: 1 } } }),
		).rejects.toThrow(/no settings/);
	});
});

describe('webhook delivery', () => {
	it("POSTs JSON to a URL and returns the receiver's status and body", async () => {
		env.receiver.respondWith = { status: 202, body: { ok: true } };
		const result = await env.sandbox.client.deliver(env.receiver.url, [{ hello: 'world' }]);
		expect(result).toMatchObject({ status: 202, body: { ok: true }, size: 1 });
		expect(env.receiver.bodies).toEqual([[{ hello: 'world' }]]);
		expect(await env.sandbox.client.deliveries()).toHaveLength(1);
	});

	it('reports an unreachable receiver as status 0 with the error', async () => {
		const result = await env.sandbox.client.deliver('http://127.0.0.1:1/nothing', {});
		expect(result.status).toBe(0);
		expect(result.error).toMatch(/ECONNREFUSED/);
	});
});
