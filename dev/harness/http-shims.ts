/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

import { parseIncomingMessage } from 'n8n-core';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

// n8n types these with express, which is not installed here; the shims provide what nodes use.
type Request = ReturnType<IWebhookFunctions['getRequestObject']>;
type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** What n8n's raw-body reader and body parser leave on an incoming webhook request. */
export type WebhookRequest = Request & {
	rawBody: Buffer;
	contentType?: string;
	encoding?: BufferEncoding;
};

export interface RecordedResponse {
	statusCode: number;
	headers: Record<string, string | string[] | number | undefined>;
	/** The body as sent: parsed JSON when it was JSON, text otherwise. */
	body: unknown;
}

export class BodyParseError extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

function queryObject(search: string): IDataObject {
	return { ...parseQueryString(search.replace(/^\?/, '')) } as IDataObject;
}

/**
 * Turns a node:http request into the express-like request n8n gives a webhook: `rawBody` as a
 * Buffer, `contentType`/`encoding` from n8n-core's `parseIncomingMessage`, and `body` parsed as
 * n8n's body parser does (JSON, form-urlencoded, text/plain; other types keep `{}` and only
 * `rawBody`). A malformed body throws `BodyParseError` (n8n answers 422).
 */
export async function toWebhookRequest(
	incoming: IncomingMessage,
	params: IDataObject = {},
): Promise<WebhookRequest> {
	const req = incoming as unknown as WebhookRequest & { _body?: boolean };
	parseIncomingMessage(incoming);
	const rawBody = await readBody(incoming);
	const url = new URL(incoming.url ?? '/', 'http://harness.invalid');
	const encoding = (req.encoding ?? 'utf-8') as BufferEncoding;
	const contentType = req.contentType;

	let body: unknown = {};
	if (rawBody.length > 0) {
		const text = rawBody.toString(encoding);
		try {
			if (contentType === 'application/json' || contentType?.endsWith('+json')) {
				body = jsonParse(text);
			} else if (contentType === 'application/x-www-form-urlencoded') {
				body = { ...parseQueryString(text, undefined, undefined, { maxKeys: 1000 }) };
			} else if (contentType === 'text/plain') {
				body = text;
			}
		} catch (error) {
			throw new BodyParseError(`Failed to parse request body: ${(error as Error).message}`);
		}
	}

	Object.assign(req, {
		rawBody,
		_body: true,
		body,
		params,
		query: queryObject(url.search),
		path: url.pathname,
		originalUrl: incoming.url,
		readRawBody: async () => {},
		get: (name: string) => incoming.headers[name.toLowerCase()],
		header: (name: string) => incoming.headers[name.toLowerCase()],
	});
	return req;
}

/**
 * The express-like response a webhook node writes to (`status`, `json`, `send`, `end`,
 * `setHeader`, `header`/`set`), recording what was sent so tests can assert on it.
 */
export function toWebhookResponse(outgoing: ServerResponse): {
	res: Response;
	recorded: () => RecordedResponse | undefined;
} {
	let sent: RecordedResponse | undefined;
	const res = outgoing as unknown as Response & ServerResponse;
	const originalEnd = outgoing.end.bind(outgoing);

	const record = (chunk: unknown) => {
		let body: unknown = chunk;
		if (Buffer.isBuffer(chunk)) body = chunk.toString('utf8');
		if (typeof body === 'string') {
			try {
				body = JSON.parse(body);
			} catch {
				// not JSON: keep the text
			}
		}
		sent = { statusCode: outgoing.statusCode, headers: outgoing.getHeaders(), body };
	};

	Object.assign(res, {
		status(code: number) {
			outgoing.statusCode = code;
			return res;
		},
		header(name: string, value: string) {
			outgoing.setHeader(name, value);
			return res;
		},
		set(name: string, value: string) {
			outgoing.setHeader(name, value);
			return res;
		},
		json(value: unknown) {
			if (!outgoing.hasHeader('content-type')) {
				outgoing.setHeader('content-type', 'application/json; charset=utf-8');
			}
			return res.end(JSON.stringify(value));
		},
		send(value: unknown) {
			if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value))
				return res.json(value);
			if (typeof value === 'string' && !outgoing.hasHeader('content-type')) {
				outgoing.setHeader('content-type', 'text/html; charset=utf-8');
			}
			return res.end(value as string | Buffer | undefined);
		},
		sendStatus(code: number) {
			outgoing.statusCode = code;
			return res.end(String(code));
		},
		end(chunk?: unknown, ...rest: unknown[]) {
			if (!sent) record(typeof chunk === 'function' ? undefined : chunk);
			return (originalEnd as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		},
	});
	return { res, recorded: () => sent };
}
