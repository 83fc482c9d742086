import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Shortest secret a user may choose for a trigger: anything shorter is guessable. */
export const MIN_SECRET_LENGTH = 16;

/** What a user-chosen secret may contain to travel in a URL unchanged (no encoding, no ambiguity). */
export const URL_SAFE_SECRET = /^[A-Za-z0-9_-]+$/;

/** How the triggers' messages suggest making a secret. */
export const HOW_TO_GENERATE_SECRET = 'e.g. the output of "openssl rand -hex 24"';

/** Why a user-chosen secret is too short, naming `where` it is set; undefined when it is long enough. */
export function shortSecretProblem(
	secret: string,
	where: string,
): { message: string; description: string } | undefined {
	if (secret.length >= MIN_SECRET_LENGTH) return undefined;
	return {
		message: 'The webhook secret is too short',
		description: `Set ${where} to at least ${MIN_SECRET_LENGTH} random characters (${HOW_TO_GENERATE_SECRET}); it has ${secret.length}.`,
	};
}

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
