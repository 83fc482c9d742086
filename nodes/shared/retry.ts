export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * How long a throttled call keeps being resent after the vendor's first 429 (counted from
	 * that refusal). A 429 means the vendor did nothing, so resending is always safe, and the
	 * throttle slows the key down meanwhile: callers sharing the key converge on the vendor's
	 * limit instead of failing items after a fixed number of tries.
	 */
	rateLimitBudgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 60_000,
	rateLimitBudgetMs: 60_000,
};

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
]);

/** Failures that prove the request never reached the vendor: safe to send again whatever it does. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}

interface NetworkFailure {
	code?: unknown;
	cause?: { code?: unknown };
	/** n8n's NodeApiError keeps the socket error code here (e.g. "ECONNREFUSED"). */
	httpCode?: unknown;
}

/** The socket error code (ECONNRESET …) of a failed request, wherever the HTTP stack put it. */
export function networkErrorCode(error: unknown): string | undefined {
	const failure = (error ?? {}) as NetworkFailure;
	const code = failure.code ?? failure.cause?.code ?? failure.httpCode;
	return typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : undefined;
}

export function isRetryableNetworkError(error: unknown): boolean {
	const code = networkErrorCode(error);
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

export function wasNeverSent(error: unknown): boolean {
	const code = networkErrorCode(error);
	return code !== undefined && NOT_SENT_NETWORK_CODES.has(code);
}

/** Methods whose repetition has the effect of one call (RFC 9110 §9.2.2). */
export function isIdempotentMethod(method: string): boolean {
	return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with full jitter, never shorter than what the server asked for.
 * `attempt` counts from 0 for the first retry.
 */
export function retryDelayMs(
	attempt: number,
	policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	const jittered = exponential / 2 + random() * (exponential / 2);
	return Math.round(
		retryAfterMs === undefined ? jittered : retryAfterMs + random() * policy.baseDelayMs,
	);
}

/**
 * How long a throttled call waits after a 429 before it goes back through the throttle: the
 * vendor's `Retry-After`, or one rate-limit window when there is none (Coresignal documents no
 * Retry-After: https://docs.coresignal.com/api-introduction/rate-limits), plus up to
 * `jitterMs` so calls refused together do not come back together.
 */
export function rateLimitDelayMs(
	retryAfterMs: number | undefined,
	windowMs: number,
	jitterMs: number,
	random: () => number = Math.random,
): number {
	return Math.round((retryAfterMs ?? windowMs) + random() * jitterMs);
}
