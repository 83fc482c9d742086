/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IncomingHttpHeaders } from 'node:http';

export interface UploadedFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

/** A request as vendor handlers see it: already parsed, with the path relative to the vendor prefix. */
export interface SandboxRequest {
	method: string;
	/** Path below the vendor prefix, still URL-encoded (e.g. `/v2/employee_clean/collect/42`). */
	path: string;
	/** Path from the sandbox root, e.g. `/coresignal/cdapi/v2/subscriptions`. */
	fullPath: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON body (undefined when the body is empty or not JSON). */
	body?: unknown;
	/** Set when the client said JSON but sent something unparseable. */
	bodyError?: string;
	/** Fields and files of a multipart/form-data or url-encoded body. */
	form?: { fields: Record<string, string>; files: UploadedFile[] };
	/** Decoded `:param` values of the matched route. */
	params: Record<string, string>;
	/** Label of the credential the vendor recognised (never the secret itself). */
	credential?: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string | number>;
	/** Objects and arrays are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
}

export const json = (
	status: number,
	body: unknown,
	headers: Record<string, string | number> = {},
): SandboxResponse => ({ status, body, headers });

export function encodeBody(response: SandboxResponse): { data: Buffer; contentType?: string } {
	const { body } = response;
	if (body === undefined || body === null || response.status === 204) return { data: Buffer.alloc(0) };
	if (Buffer.isBuffer(body)) return { data: body, contentType: 'application/octet-stream' };
	if (typeof body === 'string') return { data: Buffer.from(body), contentType: 'text/plain; charset=utf-8' };
	return { data: Buffer.from(JSON.stringify(body)), contentType: 'application/json' };
}
