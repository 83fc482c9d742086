/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseDelivery } from '../../../nodes/HumanSourcing/trigger/delivery';
import { exampleDelivery, EXAMPLE_NAMES } from '../../../sandbox/humansourcing/deliveries';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

interface Received {
	url: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

let sandbox: Sandbox;
let receiver: http.Server;
let receiverUrl: string;
const PATH = `/webhook/${randomUUID()}`;
const received: Received[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	receiver = http.createServer((req, res) => {
		// Only the sandbox's POSTs count: a stray request from another process that used this port before is not ours.
		if (req.method !== 'POST' || !req.url?.startsWith(PATH)) {
			req.resume();
			res.writeHead(404).end();
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				url: req.url ?? '',
				headers: req.headers,
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
			});
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"message":"Workflow was started"}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${PATH}`;
});

beforeEach(() => {
	received.length = 0;
});

afterAll(async () => {
	await sandbox.close();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('sandbox Human Sourcing deliveries', () => {
	it('serves the six documented examples', async () => {
		const examples = await sandbox.client.humansourcing.examples();
		expect(Object.keys(examples)).toEqual(EXAMPLE_NAMES);
		expect(examples['candidate.delete']).toEqual([
			{ event: 'delete', type: 'candidate', data: { id: 12121 } },
		]);
	});

	it('pushes the chosen examples as one JSON array and reports the answer', async () => {
		const record = await sandbox.client.humansourcing.deliver({
			url: receiverUrl,
			examples: ['job.creation', 'candidate.delete'],
		});
		expect(record).toMatchObject({
			status: 200,
			body: { message: 'Workflow was started' },
			source: 'humansourcing',
			size: 2,
		});
		expect(received[0].body).toEqual([
			...exampleDelivery('job.creation'),
			...exampleDelivery('candidate.delete'),
		]);
	});

	it('sends the secret header and keeps the token in the URL', async () => {
		await sandbox.client.humansourcing.deliver({
			url: `${receiverUrl}?token=abc`,
			examples: ['job.delete'],
			headers: { 'X-HS-Secret': 's3cret' },
		});
		expect(received[0].url).toBe(`${PATH}?token=abc`);
		expect(received[0].headers['x-hs-secret']).toBe('s3cret');
		expect(received[0].headers['content-type']).toBe('application/json');
	});

	it('generates random variants that are valid and reproducible', async () => {
		const random = {
			count: 50,
			seed: 5,
			types: ['candidate' as const],
			events: ['creation' as const, 'update' as const],
		};
		await sandbox.client.humansourcing.deliver({ url: receiverUrl, random });
		await sandbox.client.humansourcing.deliver({ url: receiverUrl, random });
		const [first, second] = received.map((r) => r.body);
		expect(first).toEqual(second);
		const events = parseDelivery(first).map((element) => (element.ok ? element.event : undefined));
		expect(events.map((e) => e?.type)).toEqual(Array(50).fill('candidate'));
		expect(new Set(events.map((e) => e?.event))).toEqual(new Set(['creation', 'update']));
	});

	it('sends exact elements as given, even malformed ones', async () => {
		await sandbox.client.humansourcing.deliver({
			url: receiverUrl,
			elements: [{ event: 'archive' }],
		});
		expect(received[0].body).toEqual([{ event: 'archive' }]);
	});

	it('refuses an unknown example name', async () => {
		await expect(
			sandbox.client.humansourcing.deliver({
				url: receiverUrl,
				examples: ['job.archive' as never],
			}),
		).rejects.toThrow('Unknown examples job.archive');
	});

	it('counts its deliveries in the state until reset', async () => {
		await sandbox.client.humansourcing.deliver({ url: receiverUrl, examples: ['job.update'] });
		expect(sandbox.humansourcing.state().deliveriesSent).toBeGreaterThan(0);
		await sandbox.client.reset();
		expect(sandbox.humansourcing.state()).toEqual({ deliveriesSent: 0 });
	});
});
