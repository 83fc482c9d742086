/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CORESIGNAL_API_KEY, CORESIGNAL_JWT } from '../../../sandbox/credentials';
import type { Sandbox, SandboxOptions } from '../../../sandbox/server';
import { startSandbox } from '../../../sandbox/server';

/** An axios client for a sandbox vendor that never throws on HTTP status. */
export function vendorApi(baseURL: string, headers: Record<string, string> = {}): AxiosInstance {
	return axios.create({ baseURL, headers, validateStatus: () => true });
}

export const coresignalV2 = (sandbox: Sandbox, apikey: string = CORESIGNAL_API_KEY) =>
	vendorApi(sandbox.client.urls.coresignal, { apikey });

export const coresignalV1 = (sandbox: Sandbox, jwt: string = CORESIGNAL_JWT) =>
	vendorApi(sandbox.client.urls.coresignal, { authorization: `Bearer ${jwt}` });

export interface ReceivedRequest {
	url: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

export interface Receiver {
	url: string;
	/** Parsed JSON bodies received, oldest first. */
	bodies: unknown[];
	/** The same requests with the URL (path and query) and headers they came with. */
	requests: ReceivedRequest[];
	/** What the receiver answers next (default 200 `{"received": n}`). */
	respondWith: { status: number; body?: unknown } | undefined;
	close(): Promise<void>;
}

/**
 * A tiny webhook receiver standing in for n8n. Its path is unique, and only POSTs to it count: a port the system
 * hands out may have belonged to another process a moment ago, whose clients can still send to it (seen when
 * several test runs share one machine); those requests get a 404 and are not recorded.
 */
export async function startReceiver(): Promise<Receiver> {
	const receiver: Receiver = {
		url: '',
		bodies: [],
		requests: [],
		respondWith: undefined,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const path = `/webhook/${randomUUID()}`;
	const server = http.createServer((req, res) => {
		if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://receiver').pathname !== path) {
			req.resume();
			res.writeHead(404).end();
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown;
			try {
				body = JSON.parse(text);
			} catch {
				// Recorded as it came, so a spec fails on what the sandbox sent instead of crashing here.
				body = { unparseable: text };
			}
			receiver.bodies.push(body);
			receiver.requests.push({ url: req.url ?? '', headers: req.headers, body });
			const answer = receiver.respondWith ?? {
				status: 200,
				body: { received: Array.isArray(body) ? body.length : 1 },
			};
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer.body ?? {}));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}?token=secret`;
	return receiver;
}

/**
 * The sandbox this test file talks to (on a free port, reset before every test) and a webhook receiver standing in
 * for n8n (emptied before every test). Registers the jest hooks that start, reset and close both.
 */
export function sandboxPerFile(options: SandboxOptions = {}): {
	sandbox: Sandbox;
	receiver: Receiver;
} {
	const env = {} as { sandbox: Sandbox; receiver: Receiver };
	beforeAll(async () => {
		env.sandbox = await startSandbox(options);
		env.receiver = await startReceiver();
	});
	afterAll(async () => {
		await env.sandbox?.close();
		await env.receiver?.close();
	});
	beforeEach(async () => {
		await env.sandbox.client.reset();
		env.receiver.bodies.length = 0;
		env.receiver.requests.length = 0;
		env.receiver.respondWith = undefined;
	});
	return env;
}
