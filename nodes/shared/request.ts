import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { redactSecrets, vendorApiError } from './errors';
import { parseMaybeJson } from './json';
import type { RetryPolicy } from './retry';
import {
	defaultRetryPolicy,
	isIdempotentMethod,
	isRetryableNetworkError,
	isRetryableStatus,
	networkErrorCode,
	parseRetryAfter,
	rateLimitDelayMs,
	retryDelayMs,
	wasNeverSent,
} from './retry';
import type { RateLimit, ThrottleIdentity } from './throttle';
import { capLimit, throttle, throttleKey } from './throttle';

export interface VendorResponse<T = unknown> {
	body: T;
	headers: IDataObject;
	statusCode: number;
}

export interface VendorRequestOptions {
	/** Shown in error messages, e.g. "Coresignal". */
	vendor: string;
	credentialType: string;
	request: IHttpRequestOptions;
	/** Calls with one identity (endpoint group, base URL, API key) are spaced to `limit`. */
	throttle?: { identity: ThrottleIdentity; limit: RateLimit };
	retry?: Partial<RetryPolicy>;
	itemIndex?: number;
	/** How to fix a failure with this status, shown as the error's description. */
	describeFailure?: (status: number) => string | undefined;
	/** Statuses the caller handles itself: returned instead of thrown. */
	acceptStatuses?: number[];
	/**
	 * Whether sending the request twice does what sending it once does. Defaults to the method's
	 * nature (GET, HEAD, PUT, DELETE yes; POST, PATCH no); a read-only POST may say true.
	 * A request that is not idempotent is only resent when the vendor cannot have acted on it.
	 */
	idempotent?: boolean;
	/** How long one attempt may wait for the vendor. */
	timeoutMs?: number;
	/** Epoch ms after which no attempt starts and no retry waits (a lifecycle hook's budget). */
	deadline?: number;
	/** Values that must never reach an error message, description or log (tokens, keys). */
	secrets?: Array<string | undefined>;
	/**
	 * For a call that must get through if it can (deleting a registration): also resend after a
	 * 500 and a refused connection, as long as the deadline allows. Only for idempotent calls.
	 */
	persistent?: boolean;
}

/** What a vendor's transport lets each call decide and hands to `vendorRequest` as it is. */
export type VendorCallOptions = Pick<
	VendorRequestOptions,
	| 'itemIndex'
	| 'acceptStatuses'
	| 'describeFailure'
	| 'idempotent'
	| 'deadline'
	| 'persistent'
	| 'secrets'
>;

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A credential's Base URL (or the vendor's default when empty), without a trailing slash. */
export function baseUrlOf(configured: string | undefined, defaultUrl: string): string {
	return (configured || defaultUrl).replace(/\/+$/, '');
}

/**
 * The Base URL of every credential test, trimmed as `baseUrlOf` trims it. n8n evaluates this
 * expression when a user clicks "Test", without running node code.
 */
export const CREDENTIAL_TEST_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';

/** The per-call timeout a credential's "Timeout (Seconds)" asks for (30 s when unset). */
export function timeoutMs(seconds: unknown): number {
	return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/** A lifecycle hook's budget: two full calls, so one retry or one follow-up call fits. */
export function hookDeadline(seconds: unknown, now = Date.now()): number {
	return now + 2 * timeoutMs(seconds);
}

/**
 * Set on the error of a request that is not idempotent when the vendor may have acted on it
 * (a 5xx, a timeout, a cut connection): the caller must find out, e.g. by listing.
 */
const OUTCOME_UNKNOWN = 'outcomeUnknown';

/**
 * Whether a failure may pass by itself (5xx, 429, timeout, a dropped or refused connection): a
 * registration check that fails like this proves nothing about the registration.
 */
export function isTransientFailure(error: unknown): boolean {
	const status = Number((error as { httpCode?: unknown })?.httpCode);
	if (Number.isInteger(status) && status >= 100) return status >= 500 || status === 429;
	return (
		networkErrorCode(error) !== undefined ||
		/did not (answer|finish) in time|Could not reach/.test(String((error as Error)?.message))
	);
}

export function isOutcomeUnknown(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.[OUTCOME_UNKNOWN] === true;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

type Readable = AsyncIterable<Buffer | string> & { pipe: unknown; resume: () => void };

async function readStream(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks).toString('utf8');
}

function isReadable(body: unknown): body is Readable {
	return !!body && typeof (body as Readable).pipe === 'function';
}

function requestPath(request: IHttpRequestOptions): string {
	return request.url.split('?')[0];
}

/** How to fix a call the vendor kept refusing as over its rate limit. */
function rateLimitedDescription(
	vendor: string,
	refusals: number,
	firstRefusedAt: number | undefined,
): string {
	const what =
		refusals > 1 && firstRefusedAt !== undefined
			? `kept refusing the request as over its rate limit, ${refusals} times over ${Math.round((Date.now() - firstRefusedAt) / 1000)} s, although n8n slowed down after each refusal`
			: 'kept refusing the request as over its rate limit';
	return `${vendor} ${what}. Something else is probably using the same API key at the same time (another n8n worker or instance, another tool). Lower "Max Requests per Second" in the credential (for example the limit divided by the number of processes that use this key at once), or run these items again later.`;
}

/**
 * The one way this package talks to a vendor: authenticated by n8n, throttled per API key,
 * retried on 429/502/503/504 and dropped connections (honouring `Retry-After`), and turned into a
 * `NodeApiError` that carries the vendor's own message on any other failure.
 */
export async function vendorRequest<T = unknown>(
	this: IAllExecuteFunctions,
	options: VendorRequestOptions,
): Promise<VendorResponse<T>> {
	const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
	const method = options.request.method ?? 'GET';
	const idempotent = options.idempotent ?? isIdempotentMethod(method);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const secrets = (options.secrets ?? []).filter((secret): secret is string => !!secret);
	const persistent = options.persistent === true && idempotent;
	const path = requestPath(options.request);
	/** Whether waiting `delayMs` before another attempt still fits the caller's budget. */
	const fits = (delayMs: number) =>
		options.deadline === undefined || Date.now() + delayMs < options.deadline;

	const throttling = options.throttle && {
		...options.throttle,
		key: throttleKey(options.throttle.identity),
	};

	/** Resends after failures other than a throttled call's 429 (these count toward `maxRetries`). */
	let attempt = 0;
	/** 429s of a throttled call, and when the first came: these are bounded in time instead. */
	let refusals = 0;
	let firstRefusedAt: number | undefined;

	for (;;) {
		const sentAt = throttling
			? await throttle.waitForSlot(throttling.key, throttling.limit)
			: Date.now();
		const remaining = options.deadline === undefined ? timeoutMs : options.deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeApiError(
				this.getNode(),
				{ message: 'time budget spent' },
				{
					message: `${options.vendor} did not finish in time`,
					description: `${method} ${path} was not sent: the time allowed for this step ran out while ${options.vendor} was slow or failing. Check that ${options.vendor} is reachable from n8n and try again.`,
					itemIndex: options.itemIndex,
				},
			);
		}
		const request: IHttpRequestOptions = {
			json: true,
			...options.request,
			timeout: Math.min(timeoutMs, remaining),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				options.credentialType,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const retryable =
				(persistent && networkErrorCode(error) !== undefined) ||
				(isRetryableNetworkError(error) && (idempotent || wasNeverSent(error)));
			const delay = retryDelayMs(attempt, policy);
			if (retryable && attempt < policy.maxRetries && fits(delay)) {
				attempt++;
				await sleep(delay);
				continue;
			}
			const code = networkErrorCode(error);
			const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
			const apiError = new NodeApiError(
				this.getNode(),
				{ message: redactSecrets((error as Error).message, secrets) },
				{
					// The socket code stays out of the message: n8n would replace the whole message with
					// its generic text for that code.
					message: timedOut
						? `${options.vendor} did not answer in time`
						: `Could not reach ${options.vendor}`,
					description: timedOut
						? `${method} ${path} got no answer within ${Math.round(request.timeout! / 1000)} s. ${options.vendor} may be overloaded or unreachable from n8n; try again later.`
						: `${method} ${path} failed before ${options.vendor} answered${code ? ` (${code})` : ''}. Check the Base URL in the credential and that the service is reachable from n8n.`,
					itemIndex: options.itemIndex,
				},
			);
			if (!idempotent && !wasNeverSent(error)) apiError.context[OUTCOME_UNKNOWN] = true;
			throw apiError;
		}

		if (throttling) throttle.recordLatency(throttling.identity.scope, Date.now() - sentAt);
		const status = response.statusCode;
		if (status < 400 || options.acceptStatuses?.includes(status)) {
			return { body: response.body as T, headers: response.headers ?? {}, statusCode: status };
		}

		const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
		if (status === 429 && throttling) {
			// The throttle slows the key down; the call waits and goes back through it, for as long
			// as the rate-limit budget and the caller's deadline allow, whatever the retry count.
			throttle.refused(throttling.key, throttling.limit, { sentAt, retryAfterMs });
			refusals++;
			firstRefusedAt ??= Date.now();
			const delay = rateLimitDelayMs(
				retryAfterMs,
				throttling.limit.perMilliseconds,
				policy.baseDelayMs,
			);
			if (Date.now() + delay - firstRefusedAt <= policy.rateLimitBudgetMs && fits(delay)) {
				if (isReadable(response.body)) response.body.resume();
				await sleep(delay);
				continue;
			}
		}
		// A 429 means the vendor refused before acting, so even a create may be sent again.
		const retryable = persistent
			? status >= 500 || status === 429
			: idempotent
				? isRetryableStatus(status)
				: status === 429;
		const delay = retryDelayMs(attempt, policy, retryAfterMs);
		if (
			retryable &&
			!(status === 429 && throttling) &&
			attempt < policy.maxRetries &&
			(retryAfterMs === undefined || retryAfterMs <= policy.maxDelayMs) &&
			fits(delay)
		) {
			if (isReadable(response.body)) response.body.resume();
			attempt++;
			await sleep(delay);
			continue;
		}

		let body: unknown = response.body;
		if (isReadable(body)) body = parseMaybeJson(await readStream(body));
		else if (Buffer.isBuffer(body)) body = parseMaybeJson(body.toString('utf8'));
		// Every pass through the loop sent the call once: retries after other failures, and each
		// 429 that was waited out (the last one, which ends here, was not).
		const resent = attempt + refusals - (status === 429 && throttling ? 1 : 0);
		const retried = resent > 0 ? ` (after ${resent} ${resent === 1 ? 'retry' : 'retries'})` : '';
		const apiError = vendorApiError(this.getNode(), {
			vendor: options.vendor,
			status,
			body,
			method,
			path: path + retried,
			description:
				options.describeFailure?.(status) ??
				(status === 429
					? rateLimitedDescription(options.vendor, refusals, firstRefusedAt)
					: undefined),
			itemIndex: options.itemIndex,
			secrets,
		});
		if (!idempotent && status >= 500) apiError.context[OUTCOME_UNKNOWN] = true;
		throw apiError;
	}
}

/** What the request core needs to know about a vendor and its credential, said once per vendor. */
export interface VendorProfile {
	/** Shown in error messages, e.g. "Coresignal". */
	vendor: string;
	credentialType: string;
	/** Used when the credential's Base URL is empty. */
	defaultBaseUrl: string;
	/**
	 * Credential fields holding a key or token: kept out of every message, and the first one set
	 * names the throttle's identity (vendors count requests per key).
	 */
	secretFields: readonly string[];
	/** How to fix a failure with this status, when the call has no advice of its own. */
	describeFailure: (status: number) => string | undefined;
}

/** The fields every vendor credential of this package has besides its secrets. */
export interface ConnectionCredentials extends IDataObject {
	baseUrl?: string;
	maxRequestsPerSecond?: number;
	timeoutSeconds?: number;
}

/** A request below the credential's Base URL; `json` defaults to true, `accept` to JSON. */
export type CredentialHttpRequest = Omit<IHttpRequestOptions, 'baseURL'>;

export interface CredentialRequestOptions extends VendorCallOptions {
	/** A function when the request depends on the credential (ChartHop's organization). */
	request: CredentialHttpRequest | ((credentials: ConnectionCredentials) => CredentialHttpRequest);
	/**
	 * Calls with one scope, Base URL and key are spaced to `limit`, or to the credential's "Max
	 * Requests per Second" when that is lower. Left out: the call is not spaced.
	 */
	throttle?: { scope: string; limit: RateLimit };
}

/**
 * A call to a vendor with the credential of its profile: the credential's Base URL, timeout and
 * rate cap applied, its secrets kept out of messages, the vendor's advice on failures.
 */
export async function credentialRequest<T = unknown>(
	this: IAllExecuteFunctions,
	profile: VendorProfile,
	call: CredentialRequestOptions,
): Promise<VendorResponse<T>> {
	const { request, throttle: spacing, describeFailure, secrets, ...options } = call;
	const credentials = await this.getCredentials<ConnectionCredentials>(
		profile.credentialType,
		call.itemIndex,
	);
	const baseURL = baseUrlOf(credentials.baseUrl, profile.defaultBaseUrl);
	const keys = profile.secretFields.map((field) => {
		const value = credentials[field];
		return typeof value === 'string' && value !== '' ? value : undefined;
	});
	const http = typeof request === 'function' ? request(credentials) : request;

	return await vendorRequest.call<
		IAllExecuteFunctions,
		[VendorRequestOptions],
		Promise<VendorResponse<T>>
	>(this, {
		...options,
		vendor: profile.vendor,
		credentialType: profile.credentialType,
		request: {
			...http,
			baseURL,
			headers: { accept: 'application/json', ...http.headers },
			json: http.json ?? true,
		},
		throttle: spacing && {
			identity: {
				scope: spacing.scope,
				baseUrl: baseURL,
				secret: keys.find((key) => key !== undefined),
			},
			limit: capLimit(spacing.limit, credentials.maxRequestsPerSecond),
		},
		describeFailure: (status) => describeFailure?.(status) ?? profile.describeFailure(status),
		timeoutMs: timeoutMs(credentials.timeoutSeconds),
		secrets: [...keys, ...(secrets ?? [])],
	});
}
