/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IncomingMessage } from 'node:http';

import type { UploadedFile } from './http';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export interface ParsedBody {
	body?: unknown;
	bodyError?: string;
	form?: { fields: Record<string, string>; files: UploadedFile[] };
}

/** JSON, url-encoded forms and simple multipart/form-data; anything else stays raw. */
export function parseBody(raw: Buffer, contentType = ''): ParsedBody {
	if (raw.length === 0) return {};
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || type.endsWith('+json')) {
		try {
			return { body: JSON.parse(raw.toString('utf8')) };
		} catch (error) {
			return { bodyError: `Body is not valid JSON: ${(error as Error).message}` };
		}
	}
	if (type === 'application/x-www-form-urlencoded') {
		return { form: { fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] } };
	}
	if (type === 'multipart/form-data') {
		const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
		if (!boundary) return { bodyError: 'multipart/form-data without a boundary' };
		return { form: parseMultipart(raw, boundary) };
	}
	return {};
}

function parseMultipart(raw: Buffer, boundary: string): { fields: Record<string, string>; files: UploadedFile[] } {
	const fields: Record<string, string> = {};
	const files: UploadedFile[] = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		const partStart = start + delimiter.length;
		if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
		const next = raw.indexOf(delimiter, partStart);
		if (next === -1) break;
		// Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
		const part = raw.subarray(partStart + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const content = part.subarray(headerEnd + 4);
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
			if (name !== undefined && filename !== undefined) {
				files.push({ field: name, filename, contentType, data: Buffer.from(content) });
			} else if (name !== undefined) {
				fields[name] = content.toString('utf8');
			}
		}
		start = next;
	}
	return { fields, files };
}
