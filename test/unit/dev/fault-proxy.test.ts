/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { FaultProxy, parseAction } from '../../../dev/fault-proxy';

/** A vendor stand-in that counts what reached it. */
let vendor: http.Server;
let vendorUrl: string;
let reached: Array<{ method: string; url: string; body: string }>;
let proxy: FaultProxy;

const BIG_BODY = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i })) });

beforeAll(async () => {
	vendor = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			reached.push({ method: req.method ?? '', url: req.url ?? '', body });
			const payload = req.url === '/big' ? BIG_BODY : JSON.stringify({ ok: true, body });
			res.writeHead(201, { 'content-type': 'application/json', 'x-vendor': 'yes' });
			res.end(payload);
		});
	});
	await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
	vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
});

afterAll(async () => {
	vendor.closeAllConnections();
	await new Promise<void>((resolve) => vendor.close(() => resolve()));
});

beforeEach(async () => {
	reached = [];
	proxy = await FaultProxy.start(vendorUrl);
});

afterEach(async () => {
	await proxy.close();
});

async function call(path: string, method = 'POST', body = '{"a":1}') {
	return await fetch(`${proxy.url}${path}`, {
		method,
		body: method === 'GET' ? undefined : body,
		headers: { 'content-type': 'application/json' },
		signal: AbortSignal.timeout(3_000),
	});
}

test('without rules it forwards method, path, body and the vendor answer', async () => {
	const response = await call('/v2/things?x=1');
	expect(response.status).toBe(201);
	expect(response.headers.get('x-vendor')).toBe('yes');
	expect(await response.json()).toEqual({ ok: true, body: '{"a":1}' });
	expect(reached).toEqual([{ method: 'POST', url: '/v2/things?x=1', body: '{"a":1}' }]);
});

test('respond answers with the status and Retry-After without reaching the vendor', async () => {
	proxy.add({ action: parseAction('429', 1) });
	const response = await call('/v2/things');
	expect(response.status).toBe(429);
	expect(response.headers.get('retry-after')).toBe('1');
	expect(reached).toEqual([]);
});

test('after:<status> lets the vendor act, then answers the status instead', async () => {
	proxy.add({ action: parseAction('after:502') });
	const response = await call('/v2/things');
	expect(response.status).toBe(502);
	expect(reached).toHaveLength(1);
});

test('cut sends the headers and part of the body, then destroys the connection', async () => {
	proxy.add({ action: { kind: 'cut' } });
	const response = await call('/big', 'GET');
	expect(response.status).toBe(201);
	await expect(response.text()).rejects.toThrow();
	expect(reached).toHaveLength(1);
});

test('hang never answers until its rule is removed', async () => {
	const rule = proxy.add({ action: { kind: 'hang' } });
	const pending = call('/v2/things').then(
		() => 'answered',
		() => 'failed',
	);
	const early = await Promise.race([
		pending,
		new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300)),
	]);
	expect(early).toBe('still waiting');
	expect(proxy.hanging).toBe(1);
	proxy.remove(rule);
	expect(await pending).toBe('failed');
	expect(reached).toEqual([]);
});

test('down refuses connections; up listens again on the same port', async () => {
	const url = proxy.url;
	await proxy.down();
	await expect(call('/v2/things')).rejects.toThrow();
	await proxy.up();
	expect(proxy.url).toBe(url);
	expect((await call('/v2/things')).status).toBe(201);
});

test('a rule matches by method and path only', async () => {
	proxy.add({ method: 'DELETE', path: /^\/v2\/things\/\w+$/, action: parseAction('500') });
	expect((await call('/v2/things/1', 'DELETE')).status).toBe(500);
	expect((await call('/v2/things/1', 'GET')).status).toBe(201);
	expect((await call('/v2/other/1', 'DELETE')).status).toBe(201);
});

test('times limits a rule to the next N matching requests and seen counts them', async () => {
	const rule = proxy.add({ action: parseAction('503'), times: 2 });
	const statuses = [];
	for (let i = 0; i < 3; i++) statuses.push((await call('/v2/things')).status);
	expect(statuses).toEqual([503, 503, 201]);
	expect(proxy.listRules().find((r) => r.id === rule.id)?.seen).toBe(2);
});
