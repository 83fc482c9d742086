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

/**
 * What static data keeps of a secret: its SHA-256. Static data shows in the workflow JSON and in
 * every execution, so it must hold nothing a viewer could send back as the secret.
 */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

/** Whether `received` is the secret whose hash is `expectedHash`, compared in constant time. */
export function matchesSecretHash(received: unknown, expectedHash: string | undefined): boolean {
	if (typeof received !== 'string' || !received || typeof expectedHash !== 'string') return false;
	const expected = Buffer.from(expectedHash, 'hex');
	const actual = createHash('sha256').update(received).digest();
	return expected.length === actual.length && timingSafeEqual(actual, expected);
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
