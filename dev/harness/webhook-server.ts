/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IWebhookFunctions } from 'n8n-workflow';

import type { RecordedResponse, WebhookRequest } from './http-shims';
import { BodyParseError, toWebhookRequest, toWebhookResponse } from './http-shims';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

export type WebhookRoute = (
	req: WebhookRequest,
	res: Response,
	recorded: () => RecordedResponse | undefined,
) => Promise<void>;

function sendJson(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/**
 * A real HTTP server on 127.0.0.1 (OS-chosen port) standing in for n8n's webhook endpoints.
 * Routes are `METHOD path` (path without the leading slash, e.g. `webhook/<webhookId>/<path>`),
 * added while a trigger is active and removed when it is deactivated, like n8n's webhook table.
 */
export class WebhookServer {
	private readonly routes = new Map<string, WebhookRoute>();

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
	) {}

	static async start(): Promise<WebhookServer> {
		const server = createServer();
		// Idle keep-alive sockets stay open until the client (fetch, axios) closes them. With Node's
		// 5 s default the server may close one just as a client on a starved event loop reuses it,
		// and that delivery fails with ECONNRESET. close() still ends every connection.
		server.keepAliveTimeout = 0;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const instance = new WebhookServer(server, `http://127.0.0.1:${port}`);
		server.on(
			'request',
			(req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res),
		);
		return instance;
	}

	register(method: string, path: string, route: WebhookRoute): () => void {
		const key = `${method.toUpperCase()} ${path.replace(/^\/+/, '')}`;
		this.routes.set(key, route);
		return () => {
			if (this.routes.get(key) === route) this.routes.delete(key);
		};
	}

	isRegistered(method: string, path: string): boolean {
		return this.routes.has(`${method.toUpperCase()} ${path.replace(/^\/+/, '')}`);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(incoming: IncomingMessage, outgoing: ServerResponse) {
		const path = new URL(incoming.url ?? '/', this.baseUrl).pathname.replace(/^\/+/, '');
		const method = (incoming.method ?? 'GET').toUpperCase();
		const route = this.routes.get(`${method} ${path}`);
		if (!route) {
			incoming.resume();
			const [, ...rest] = path.split('/');
			sendJson(outgoing, 404, {
				code: 404,
				message: `The requested webhook "${method} ${rest.join('/')}" is not registered.`,
				hint: 'The workflow must be active for a production URL to run successfully.',
			});
			return;
		}

		let req: WebhookRequest;
		try {
			req = await toWebhookRequest(incoming);
		} catch (error) {
			if (!(error instanceof BodyParseError)) throw error;
			sendJson(outgoing, 422, { code: 422, message: error.message });
			return;
		}
		const { res, recorded } = toWebhookResponse(outgoing);
		try {
			await route(req, res, recorded);
		} catch (error) {
			if (!outgoing.headersSent) {
				sendJson(outgoing, 500, { code: 500, message: (error as Error).message });
			}
		}
	}
}
