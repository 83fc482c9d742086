import type { IWebhookFunctions } from 'n8n-workflow';

import { parseJson } from './json';

/** How much of a body that is not JSON an unrecognized item keeps. */
const MAX_KEPT_TEXT = 10_000;

export type BodyResult = { ok: true; body: unknown } | { ok: false; message: string; text: string };

function parseJsonText(text: string): BodyResult {
	if (text.trim() === '') return { ok: true, body: undefined };
	const parsed = parseJson(text);
	if (parsed.ok) return { ok: true, body: parsed.value };
	return {
		ok: false,
		message: `The body is not valid JSON: ${parsed.error}`,
		text:
			text.length > MAX_KEPT_TEXT
				? `${text.slice(0, MAX_KEPT_TEXT)}… (${text.length} characters)`
				: text,
	};
}

function isEmptyObject(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.keys(value).length === 0
	);
}

/**
 * The delivery as JSON. n8n parses `application/json` bodies itself; anything else (text/plain,
 * a missing content type) is read from the raw body so a sender's wrong header does not lose events.
 */
export function readJsonBody(context: IWebhookFunctions): BodyResult {
	const request = context.getRequestObject();
	const body: unknown = request.body;
	// A JSON body that is a plain string was already parsed; a text/plain body still needs parsing.
	const isJson = /json/i.test(String(context.getHeaderData()['content-type'] ?? ''));
	if (typeof body === 'string') return isJson ? { ok: true, body } : parseJsonText(body);
	if (Buffer.isBuffer(body)) return parseJsonText(body.toString('utf8'));
	if ((body === undefined || isEmptyObject(body)) && request.rawBody?.length) {
		return parseJsonText(request.rawBody.toString('utf8'));
	}
	return { ok: true, body: isEmptyObject(body) ? undefined : body };
}
