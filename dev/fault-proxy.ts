/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * An HTTP proxy that sits between n8n (a credential's Base URL points at it) and the sandbox, with faults switchable
 * at run time: pass, down, hang, respond <status> without forwarding, `after:<status>` (the vendor acts, its answer is
 * replaced), cut (headers and half the body, then the socket is destroyed).
 *
 * Rules match by method and path (a RegExp on the path with its query string) and may apply to the next N matching
 * requests only; the first live rule that matches decides. Each rule counts the requests it saw. "Down" is not a rule:
 * the proxy stops listening and destroys open sockets, and listens again on the same port when brought back up.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultAction =
	| { kind: 'pass' }
	/** Accepts the request and never answers until the rule is removed (then the socket is destroyed). */
	| { kind: 'hang' }
	/** Answers without forwarding. */
	| { kind: 'respond'; status: number; retryAfterSeconds?: number; body?: unknown }
	/** Forwards, lets the vendor act, discards its answer and answers `status` instead. */
	| { kind: 'after'; status: number }
	/** Forwards, sends the vendor's headers and half its body, then destroys the socket. */
	| { kind: 'cut' };

export interface RuleSpec {
	/** e.g. 'POST'; every method when omitted. */
	method?: string;
	/** Tested against the path with its query string; every path when omitted. */
	path?: RegExp;
	action: FaultAction;
	/** Applies to the next `times` matching requests only; then it no longer matches. Unlimited when omitted. */
	times?: number;
	/** Called when the rule takes a request, before it acts: e.g. to add the rule that decides what follows. */
	onMatch?: () => void;
}

export interface Rule extends RuleSpec {
	id: number;
	/** Matching requests this rule decided. */
	seen: number;
}

export interface ProxiedRequest {
	method: string;
	path: string;
	/** The rule that decided, or undefined when the request passed without one. */
	ruleId?: number;
	action: FaultAction['kind'];
	/** The status sent to the client; undefined when none was (hang, cut before headers, closed). */
	status?: number;
}

/** Parses `pass`, `hang`, `cut`, `500`, `respond:429`, `after:502` (the short forms tests use). */
export function parseAction(text: string, retryAfterSeconds?: number): FaultAction {
	if (text === 'pass' || text === 'hang' || text === 'cut') return { kind: text };
	const after = /^after:(\d{3})$/.exec(text);
	if (after) return { kind: 'after', status: Number(after[1]) };
	const respond = /^(?:respond:)?(\d{3})$/.exec(text);
	if (respond) return { kind: 'respond', status: Number(respond[1]), retryAfterSeconds };
	throw new Error(`unknown fault "${text}"`);
}

interface Upstream {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

export class FaultProxy {
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	/** Requests held by a hang rule, by rule id. */
	private readonly hung = new Map<number, Set<http.ServerResponse>>();
	private rules: Rule[] = [];
	private nextId = 1;
	private listening = false;
	private port = 0;
	readonly log: ProxiedRequest[] = [];

	private constructor(
		private readonly target: URL,
		private readonly host: string,
	) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch(() => res.destroy());
		});
		this.server.keepAliveTimeout = 5_000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** Starts a proxy to `target` (e.g. the sandbox's URL) on `port` (a free one when 0). */
	static async start(target: string, { port = 0, host = '127.0.0.1' } = {}): Promise<FaultProxy> {
		const proxy = new FaultProxy(new URL(target), host);
		proxy.port = port;
		await proxy.up();
		return proxy;
	}

	/** e.g. `http://127.0.0.1:41234`: put it where the sandbox URL would go. */
	get url(): string {
		return `http://${this.host}:${this.port}`;
	}

	get isDown(): boolean {
		return !this.listening;
	}

	/** Adds a rule after the existing ones; returns it (its `seen` counts live). */
	add(spec: RuleSpec): Rule {
		const rule: Rule = { ...spec, id: this.nextId++, seen: 0 };
		this.rules.push(rule);
		return rule;
	}

	/** Removes one rule; requests it holds (hang) are released by destroying their sockets. */
	remove(rule: Rule | number): void {
		const id = typeof rule === 'number' ? rule : rule.id;
		this.rules = this.rules.filter((candidate) => candidate.id !== id);
		for (const res of this.hung.get(id) ?? []) res.destroy();
		this.hung.delete(id);
	}

	/** Removes every rule (releasing hung requests) and brings the proxy back up if it was down. */
	async clear(): Promise<void> {
		for (const rule of [...this.rules]) this.remove(rule);
		await this.up();
	}

	listRules(): Rule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	/** Requests held right now by hang rules. */
	get hanging(): number {
		let count = 0;
		for (const held of this.hung.values()) count += held.size;
		return count;
	}

	/** Refuses connections: stops listening and destroys every open socket. */
	async down(): Promise<void> {
		if (!this.listening) return;
		this.listening = false;
		const closed = new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
		for (const socket of this.sockets) socket.destroy();
		for (const held of this.hung.values()) held.clear();
		await closed;
	}

	/** Listens again on the same port. */
	async up(): Promise<void> {
		if (this.listening) return;
		await new Promise<void>((resolveListen, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, this.host, () => {
				this.server.removeListener('error', reject);
				resolveListen();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.listening = true;
	}

	async close(): Promise<void> {
		for (const rule of [...this.rules]) this.remove(rule);
		await this.down();
	}

	private match(method: string, path: string): Rule | undefined {
		const rule = this.rules.find(
			(candidate) =>
				(candidate.times === undefined || candidate.seen < candidate.times) &&
				(!candidate.method || candidate.method.toUpperCase() === method) &&
				(!candidate.path || candidate.path.test(path)),
		);
		if (rule) {
			rule.seen++;
			rule.onMatch?.();
		}
		return rule;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const path = req.url ?? '/';
		const body = await readAll(req);
		const rule = this.match(method, path);
		const action: FaultAction = rule?.action ?? { kind: 'pass' };
		const entry: ProxiedRequest = { method, path, ruleId: rule?.id, action: action.kind };
		this.log.push(entry);

		switch (action.kind) {
			case 'hang': {
				const held = this.hung.get(rule!.id) ?? new Set();
				this.hung.set(rule!.id, held);
				held.add(res);
				res.on('close', () => held.delete(res));
				return;
			}
			case 'respond': {
				const headers: Record<string, string | number> = { 'content-type': 'application/json' };
				if (action.retryAfterSeconds !== undefined)
					headers['retry-after'] = action.retryAfterSeconds;
				const payload = Buffer.from(
					JSON.stringify(action.body ?? { message: `Injected fault: ${action.status}` }),
				);
				headers['content-length'] = payload.length;
				entry.status = action.status;
				res.writeHead(action.status, headers);
				res.end(payload);
				return;
			}
			default:
				break;
		}

		let upstream: Upstream;
		try {
			upstream = await this.forward(method, path, req.headers, body);
		} catch {
			res.destroy();
			return;
		}
		if (action.kind === 'after') {
			const payload = Buffer.from(JSON.stringify({ message: `Injected fault: ${action.status}` }));
			entry.status = action.status;
			res.writeHead(action.status, {
				'content-type': 'application/json',
				'content-length': payload.length,
			});
			res.end(payload);
			return;
		}
		const headers: http.OutgoingHttpHeaders = {
			...withoutHopHeaders(upstream.headers),
			'content-length': String(upstream.body.length),
		};
		delete headers['transfer-encoding'];
		entry.status = upstream.status;
		res.writeHead(upstream.status, headers);
		if (action.kind === 'cut') {
			res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () =>
				res.destroy(),
			);
			return;
		}
		res.end(upstream.body);
	}

	private async forward(
		method: string,
		path: string,
		incoming: http.IncomingHttpHeaders,
		body: Buffer,
	): Promise<Upstream> {
		const headers: http.OutgoingHttpHeaders = {
			...withoutHopHeaders(incoming),
			host: this.target.host,
		};
		if (body.length) headers['content-length'] = String(body.length);
		return await new Promise<Upstream>((resolveForward, reject) => {
			const upstream = http.request(
				{
					host: this.target.hostname,
					port: this.target.port,
					method,
					path,
					headers,
					agent: false,
				},
				(response) => {
					readAll(response).then(
						(data) =>
							resolveForward({
								status: response.statusCode ?? 502,
								headers: response.headers,
								body: data,
							}),
						reject,
					);
				},
			);
			upstream.on('error', reject);
			upstream.end(body);
		});
	}
}

function withoutHopHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
	const copy: http.OutgoingHttpHeaders = { ...headers };
	delete copy.connection;
	delete copy['keep-alive'];
	return copy;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}
