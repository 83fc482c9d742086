/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { SandboxClient } from './client';
import { parseBody, readBody } from './core/body';
import { Clock } from './core/clock';
import { registerControlApi } from './core/control';
import { Deliveries } from './core/deliver';
import { FaultInjector } from './core/faults';
import type { Fault } from './core/faults';
import type { SandboxRequest, SandboxResponse } from './core/http';
import { encodeBody, json } from './core/http';
import { Random } from './core/random';
import type { RateLimitConfig } from './core/rateLimit';
import { RateLimiter } from './core/rateLimit';
import type { LoggedRequest } from './core/requestLog';
import { RequestLog } from './core/requestLog';
import { Router } from './core/router';
import type { VendorContext, VendorModule } from './core/vendor';
import type { VendorInstances, VendorName } from './vendors';
import { vendorFactories } from './vendors';

export type VendorOptions = { [K in VendorName]?: Parameters<(typeof vendorFactories)[K]>[1] };

export interface SandboxOptions extends VendorOptions {
	/** 0 (default) lets the OS choose. */
	port?: number;
	host?: string;
	/** Added before every vendor answer (not control calls). */
	latencyMs?: number;
	/** Seeds every random choice (subscription ids, delivered changes, simulations). */
	seed?: number;
	/** Overrides of the vendors' default rate limits. */
	rateLimits?: RateLimitConfig;
}

export interface SandboxConfig {
	latencyMs: number;
	rateLimits: RateLimitConfig;
	vendors: Record<string, unknown>;
}

export interface SandboxConfigUpdate {
	latencyMs?: number;
	rateLimits?: RateLimitConfig;
	vendors?: Record<string, Record<string, unknown>>;
}

/** Everything the control API (and in-process tests) can reach. */
export interface SandboxInternals {
	clock: Clock;
	faults: FaultInjector;
	requests: RequestLog;
	deliveries: Deliveries;
	rateLimits: RateLimiter;
	vendors: Record<string, VendorModule>;
	config(): SandboxConfig;
	configure(update: SandboxConfigUpdate): SandboxConfig;
	reset(): void;
	state(): Record<string, unknown>;
	deliver: VendorContext['deliver'];
}

export type Sandbox = SandboxInternals &
	VendorInstances & {
		/** e.g. `http://127.0.0.1:5679` */
		url: string;
		port: number;
		/** The control API over HTTP, as other processes would use it. */
		client: SandboxClient;
		close(): Promise<void>;
	};

function credentialFingerprint(req: http.IncomingMessage): string | undefined {
	const secret = req.headers.authorization ?? req.headers.apikey;
	if (!secret) return undefined;
	const value = Array.isArray(secret) ? secret.join(',') : secret;
	return `unknown:${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}

function loggableBody(sreq: SandboxRequest): unknown {
	if (sreq.form) {
		const files = sreq.form.files.map((f) => ({
			field: f.field,
			filename: f.filename,
			size: f.data.length,
		}));
		return { ...sreq.form.fields, ...(files.length ? { files } : {}) };
	}
	return sreq.body;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const { port = 0, host = '127.0.0.1', seed = 42 } = options;
	let latencyMs = options.latencyMs ?? 0;

	const clock = new Clock();
	const faults = new FaultInjector();
	const requests = new RequestLog();
	const deliveries = new Deliveries();
	let random = new Random(seed);

	const deliver: VendorContext['deliver'] = async (url, body, meta = {}) =>
		await deliveries.send(
			meta.source ?? 'control',
			{ url, body, headers: meta.headers },
			{ subscriptionId: meta.subscriptionId, at: new Date(clock.now()).toISOString() },
		);
	const ctx: VendorContext = { clock, random: () => random, seed, deliver };

	const vendors = {} as Record<string, VendorModule>;
	for (const [name, factory] of Object.entries(vendorFactories)) {
		const vendorOptions = options[name as VendorName] as Record<string, unknown> | undefined;
		vendors[name] = (factory as (c: VendorContext, o?: Record<string, unknown>) => VendorModule)(
			ctx,
			vendorOptions,
		);
	}
	const mounted = Object.values(vendors).map((vendor) => {
		const router = new Router();
		vendor.register(router);
		const control = new Router();
		vendor.registerControl?.(control);
		return { vendor, router, control };
	});

	const defaultLimits: RateLimitConfig = {};
	for (const vendor of Object.values(vendors))
		defaultLimits[vendor.name] = { ...vendor.rateLimits };
	const rateLimits = new RateLimiter(clock, defaultLimits);
	if (options.rateLimits) rateLimits.configure(options.rateLimits);

	const internals: SandboxInternals = {
		clock,
		faults,
		requests,
		deliveries,
		rateLimits,
		vendors,
		deliver,
		config: () => ({
			latencyMs,
			rateLimits: rateLimits.effective(),
			vendors: Object.fromEntries(Object.values(vendors).map((v) => [v.name, v.config?.()])),
		}),
		configure(update) {
			if (update.latencyMs !== undefined) latencyMs = update.latencyMs;
			if (update.rateLimits) rateLimits.configure(update.rateLimits);
			for (const [name, vendorUpdate] of Object.entries(update.vendors ?? {})) {
				const vendor = vendors[name];
				if (!vendor?.configure) throw new Error(`Vendor "${name}" has no settings`);
				vendor.configure(vendorUpdate);
			}
			return internals.config();
		},
		reset() {
			latencyMs = options.latencyMs ?? 0;
			random = new Random(seed);
			clock.reset();
			faults.clear();
			requests.clear();
			deliveries.clear();
			rateLimits.reset();
			if (options.rateLimits) rateLimits.configure(options.rateLimits);
			for (const vendor of Object.values(vendors)) vendor.reset();
		},
		state: () => ({
			clock: clock.state(),
			config: internals.config(),
			faults: faults.list(),
			requestCount: requests.list().length,
			deliveryCount: deliveries.list().length,
			vendors: Object.fromEntries(Object.values(vendors).map((v) => [v.name, v.state()])),
		}),
	};

	const controlRouter = new Router();
	registerControlApi(controlRouter, internals);

	async function route(
		router: Router,
		sreq: SandboxRequest,
	): Promise<{ response: SandboxResponse; allowed: string[]; matched: boolean }> {
		const { found, allowed } = router.match(sreq.method, sreq.path);
		if (!found) return { response: json(404, { error: 'Not found' }), allowed, matched: false };
		sreq.params = found.params;
		return { response: await found.route.handler(sreq), allowed, matched: true };
	}

	async function handleVendor(
		entry: (typeof mounted)[number],
		sreq: SandboxRequest,
		log: Omit<LoggedRequest, 'seq'>,
		req: http.IncomingMessage,
	): Promise<{ response?: SandboxResponse; fault?: Fault }> {
		const { vendor, router } = entry;
		// A vendor's gateway counts a request when it arrives; the latency stands for the work and
		// the way back, so a late latency timer here cannot make requests look bunched.
		const arrivedAt = clock.now();
		if (latencyMs > 0) await delay(latencyMs);

		const fault = faults.take({
			vendor: vendor.name,
			method: sreq.method,
			fullPath: sreq.fullPath,
		});
		if (fault) log.fault = fault.id;
		if (fault?.action === 'drop' || fault?.action === 'hang') return { fault };
		if (fault?.action === 'respond') {
			const status = fault.status ?? 500;
			const message = `Injected fault: ${status}`;
			const headers: Record<string, string | number> = {};
			if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
			const body = fault.body ?? vendor.errorBody?.(status, message) ?? { message };
			return { response: json(status, body, headers), fault };
		}

		const { found, allowed } = router.match(sreq.method, sreq.path);
		if (!found) {
			return {
				response:
					vendor.notFound?.(sreq, allowed) ??
					(allowed.length
						? json(405, { message: 'Method Not Allowed' }, { allow: allowed.join(', ') })
						: json(404, { message: 'Not Found' })),
				fault,
			};
		}
		sreq.params = found.params;
		const { route: matched } = found;

		if (matched.auth !== false && vendor.authenticate) {
			const auth = vendor.authenticate(sreq, matched.auth);
			log.credential = auth.credential ?? credentialFingerprint(req);
			if (!auth.ok) return { response: auth.response, fault };
			sreq.credential = auth.credential;
		}

		if (matched.rateGroup) {
			const bucket = `${sreq.credential ?? 'anonymous'}${matched.ratePerPath ? `|${sreq.path}` : ''}`;
			const decision = rateLimits.take(vendor.name, matched.rateGroup, bucket, arrivedAt);
			if (!decision.allowed) {
				const limited =
					vendor.rateLimited?.(sreq, decision.retryAfterSeconds) ??
					json(429, { message: 'Too Many Requests' });
				limited.headers = { ...limited.headers, 'retry-after': decision.retryAfterSeconds };
				return { response: limited, fault };
			}
		}
		return { response: await matched.handler(sreq), fault };
	}

	function send(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		response: SandboxResponse,
		fault?: 'truncate' | 'halve',
	): void {
		const encoded = encodeBody(response);
		const { contentType } = encoded;
		const data =
			fault === 'halve'
				? encoded.data.subarray(0, Math.floor(encoded.data.length / 2))
				: encoded.data;
		const headers: Record<string, string | number> = { ...response.headers };
		if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['content-type'] = contentType;
		}
		headers['content-length'] = data.length;
		res.writeHead(response.status, headers);
		if (req.method === 'HEAD') {
			res.end();
		} else if (fault === 'truncate') {
			res.write(data.subarray(0, Math.floor(data.length / 2)), () => res.destroy());
		} else {
			res.end(data);
		}
	}

	/** Connections a `hang` fault holds open; closed with the sandbox. */
	const hung = new Set<Socket>();

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await readBody(req);
		const parsed = parseBody(raw, req.headers['content-type']);
		const sreq: SandboxRequest = {
			method,
			path: url.pathname,
			fullPath: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody: raw,
			...parsed,
			params: {},
		};

		if (url.pathname === '/_control' || url.pathname.startsWith('/_control/')) {
			const rest = url.pathname.slice('/_control'.length) || '/';
			const vendorControl = mounted.find(
				({ vendor }) => rest === `/${vendor.name}` || rest.startsWith(`/${vendor.name}/`),
			);
			sreq.path = vendorControl ? rest.slice(vendorControl.vendor.name.length + 1) || '/' : rest;
			try {
				const { response } = await route(vendorControl?.control ?? controlRouter, sreq);
				send(req, res, response);
			} catch (error) {
				send(req, res, json(400, { error: (error as Error).message }));
			}
			return;
		}

		const entry = mounted.find(
			({ vendor }) =>
				url.pathname === vendor.prefix || url.pathname.startsWith(`${vendor.prefix}/`),
		);
		if (!entry) {
			send(
				req,
				res,
				json(404, {
					error: 'No sandbox vendor here',
					vendors: mounted.map((m) => m.vendor.prefix),
				}),
			);
			return;
		}
		sreq.path = url.pathname.slice(entry.vendor.prefix.length) || '/';
		const log: Omit<LoggedRequest, 'seq'> = {
			at: new Date(clock.now()).toISOString(),
			vendor: entry.vendor.name,
			method,
			path: url.pathname,
			query: sreq.query,
			body: loggableBody(sreq),
			contentType: req.headers['content-type'],
		};
		let outcome: { response?: SandboxResponse; fault?: Fault };
		try {
			outcome = await handleVendor(entry, sreq, log, req);
		} catch (error) {
			outcome = { response: json(500, { detail: `Sandbox error: ${(error as Error).message}` }) };
		}
		log.status = outcome.response?.status;
		log.credential ??= credentialFingerprint(req);
		requests.add(log);
		if (outcome.fault?.action === 'hang') {
			hung.add(req.socket);
			req.socket.once('close', () => hung.delete(req.socket));
			return;
		}
		if (!outcome.response) {
			req.socket.destroy();
			return;
		}
		if (outcome.fault?.action === 'process-then-respond') {
			const status = outcome.fault.status ?? 502;
			outcome.response = json(
				status,
				outcome.fault.body ??
					entry.vendor.errorBody?.(status, `Injected fault after processing: ${status}`) ?? {
						message: `Injected fault after processing: ${status}`,
					},
			);
			log.status = status;
		}
		const action = outcome.fault?.action;
		send(
			req,
			res,
			outcome.response,
			action === 'truncate' || action === 'halve' ? action : undefined,
		);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) send(req, res, json(500, { error: error.message }));
			else res.destroy();
		});
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const url = `http://${host}:${address.port}`;

	return {
		...internals,
		...(vendors as unknown as VendorInstances),
		url,
		port: address.port,
		client: new SandboxClient(url),
		async close() {
			for (const vendor of Object.values(vendors)) vendor.close?.();
			for (const socket of hung) socket.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
