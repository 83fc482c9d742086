import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseMaybeJson } from './json';

/** The human-readable text a vendor put in its error body: `{detail}`, `{message}`, `{error}` or plain text. */
export function vendorErrorText(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (Buffer.isBuffer(body)) return vendorErrorText(parseMaybeJson(body.toString('utf8')));
	if (typeof body !== 'object') return String(body);
	const record = body as IDataObject;
	for (const key of ['detail', 'message', 'error', 'error_description']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (Array.isArray(value) && value.length > 0)
			return value.map(describeValidationEntry).join('; ');
		if (value && typeof value === 'object') {
			const nested = vendorErrorText(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

function describeValidationEntry(entry: unknown): string {
	if (entry && typeof entry === 'object') {
		const { loc, msg } = entry as { loc?: unknown; msg?: unknown };
		if (typeof msg === 'string') {
			return Array.isArray(loc) ? `${loc.join('.')}: ${msg}` : msg;
		}
	}
	return typeof entry === 'string' ? entry : JSON.stringify(entry);
}

/** `text` with every known secret (and its URL-encoded form) replaced by a placeholder. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Short values would also hit ordinary words; secrets here are long random strings.
		if (typeof secret !== 'string' || secret.length < 8) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			result = result.split(form).join('[redacted]');
		}
	}
	return result;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
	if (secrets.length === 0 || value === null || value === undefined) return value;
	if (typeof value === 'string') return redactSecrets(value, secrets);
	if (typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	return parseMaybeJson(redactSecrets(JSON.stringify(value), secrets));
}

export interface HttpFailure {
	vendor: string;
	status: number;
	body: unknown;
	method: string;
	path: string;
	description?: string;
	itemIndex?: number;
	/** Values the vendor may echo that must not reach the error (tokens the request carried). */
	secrets?: readonly string[];
}

/** A vendor's HTTP error as n8n shows it: the vendor's own text as the message, our advice as the description. */
export function vendorApiError(node: INode, failure: HttpFailure): NodeApiError {
	const secrets = failure.secrets ?? [];
	const body = redactValue(failure.body, secrets);
	const text = vendorErrorText(body);
	const message = `${failure.vendor} answered ${failure.status}${text ? `: ${text}` : ''}`;
	const response: JsonObject = {
		status: failure.status,
		request: `${failure.method} ${failure.path}`,
		body: (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)
			? body
			: (text ?? null)) as JsonObject,
	};
	return new NodeApiError(node, response, {
		message,
		description: failure.description,
		httpCode: String(failure.status),
		itemIndex: failure.itemIndex,
	});
}

/** How to fix a vendor's HTTP failure: the vendor's advice by status, and for any other 5xx that it is having trouble. */
export function statusAdvice(
	vendor: string,
	byStatus: Record<number, string>,
): (status: number) => string | undefined {
	return (status) =>
		byStatus[status] ??
		(status >= 500 ? `${vendor} is having trouble. Try again later.` : undefined);
}

/** An error as n8n shows node errors: ours as they are, anything else wrapped, with the item it failed on. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error as Error, { itemIndex });
	if (itemIndex !== undefined) nodeError.context.itemIndex ??= itemIndex;
	return nodeError;
}
