import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Constant-time comparison that does not leak the expected length: both sides are hashed to
 * the same size before `timingSafeEqual`.
 */
export function secretsMatch(received: unknown, expected: string | undefined): boolean {
	if (typeof received !== 'string' || !expected) return false;
	const a = createHash('sha256').update(received).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/** Ends the request with a JSON error and tells n8n not to start the workflow. */
export function rejectDelivery(
	context: IWebhookFunctions,
	status: 400 | 401 | 403 | 413 | 415,
	message: string,
): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(status).json({ status: 'rejected', message });
	return { noWebhookResponse: true };
}

export function headerValue(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name.toLowerCase()];
	if (Array.isArray(value)) return value[0];
	return typeof value === 'string' ? value : undefined;
}
