/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';

import { SandboxClient } from '../../../sandbox/client';
import { sandboxCredentials } from '../../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../../sandbox/server';

let sandbox: Sandbox;
let control: SandboxClient;
let receiver: http.Server;
let receiverUrl: string;
const received: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];

const api = () =>
	axios.create({
		baseURL: `${control.urls.charthop}/v1/org/acme`,
		headers: { authorization: `Bearer ${sandboxCredentials.charthop.accessToken}` },
		validateStatus: () => true,
	});

const httpStep = (headers: Record<string, string> = {}) => ({
	type: 'HTTP',
	httpUrl: receiverUrl,
	httpHeaders: headers,
});

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	control = new SandboxClient(sandbox.url);
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

beforeEach(async () => {
	await control.reset();
	received.length = 0;
});

afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
	await sandbox.close();
});

describe('sandbox ChartHop API', () => {
	it('answers 401 with a message to a wrong token', async () => {
		const response = await axios.get(`${control.urls.charthop}/v1/org/acme/action`, {
			headers: { authorization: 'Bearer nope' },
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ status: 401, message: 'Invalid or expired access token' });
	});

	it('answers 404 for another org', async () => {
		const response = await axios.get(`${control.urls.charthop}/v1/org/globex/action`, {
			headers: { authorization: `Bearer ${sandboxCredentials.charthop.accessToken}` },
			validateStatus: () => true,
		});
		expect(response.status).toBe(404);
		expect(response.data.message).toBe('Org globex not found');
	});

	it.each([
		[{}, 'Body must be {"action": {...}}'],
		[{ action: { event: 'change.*' } }, 'action.sensitive is required'],
		[{ action: { sensitive: false } }, 'action.event or action.cronSchedule is required'],
		[{ action: { sensitive: false, event: 'change..x' } }, 'Invalid event pattern: change..x'],
		[
			{ action: { sensitive: false, event: 'change.*', filter: 'dept:x' } },
			'Invalid filter: Unknown field: dept',
		],
		[
			{
				action: {
					sensitive: false,
					event: 'change.*',
					steps: [{ type: 'HTTP', httpUrl: 'ftp://x' }],
				},
			},
			'action.steps[0].httpUrl must be an http(s) URL',
		],
	])('refuses to create %j: %s', async (body, message) => {
		const response = await api().post('/action', body);
		expect(response.status).toBe(400);
		expect(response.data.message).toBe(message);
	});

	it('creates, reads and deletes an action', async () => {
		const created = await api().post('/action', {
			action: { sensitive: false, event: 'person.*', steps: [httpStep()] },
		});
		expect(created.status).toBe(201);
		expect((await api().get(`/action/${created.data.id}`)).data).toEqual(created.data);
		expect((await api().delete(`/action/${created.data.id}`)).status).toBe(204);
		expect((await api().get(`/action/${created.data.id}`)).status).toBe(404);
	});

	it('runs an HTTP step with its headers for a matching event only', async () => {
		await api().post('/action', {
			action: {
				sensitive: false,
				event: 'change.*',
				filter: 'is:manager',
				steps: [httpStep({ 'x-n8n-secret': 's3' })],
			},
		});
		await control.charthop.hire({ directs: 0 });
		await control.charthop.emit({ code: 'person.update', personId: 'p_1001' });
		expect(received).toEqual([]);

		const { event } = await control.charthop.hire({ directs: 2 });
		expect(received).toHaveLength(1);
		expect(received[0].headers['x-n8n-secret']).toBe('s3');
		expect(received[0].body).toMatchObject({
			id: event.id,
			code: 'change.create.hire',
			matchFilters: ['is:manager'],
		});
	});

	it('lists events from a timestamp, in pages linked by next', async () => {
		await control.charthop.emit({ code: 'group.create', entityId: 'g_1', at: 1000 });
		await control.charthop.emit({ code: 'group.update', entityId: 'g_1', at: 2000 });
		await control.charthop.emit({ code: 'group.delete', entityId: 'g_1', at: 3000 });
		const first = await api().get('/event', { params: { from: 2000, limit: 1 } });
		expect(first.data.data.map((e: { code: string }) => e.code)).toEqual(['group.update']);
		const second = await api().get('/event', { params: { from: first.data.next, limit: 1 } });
		expect(second.data.data.map((e: { code: string }) => e.code)).toEqual(['group.delete']);
		expect(second.data.next).toBeUndefined();
	});

	it('sends app notifications with the filters that matched and the custom payload evaluated', async () => {
		await control.charthop.setApp({
			eventNotifyUrl: receiverUrl,
			events: [
				'change.create.hire [department:engineering]',
				'change.create.hire [is:manager]',
				'person.*',
			],
			payload: { email: 'contact.workEmail' },
		});
		await control.charthop.hire({
			first: 'Ida',
			last: 'Lo',
			department: 'Engineering',
			directs: 0,
		});
		expect(received).toHaveLength(1);
		expect(received[0].body).toMatchObject({
			matchFilters: ['department:engineering'],
			payload: { email: 'ida.lo@acme.example' },
		});
	});
});
