import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { parseMaybeJson, vendorApiError } from './errors';
import type { RetryPolicy } from './retry';
import {
	defaultRetryPolicy,
	isRetryableNetworkError,
	isRetryableStatus,
	networkErrorCode,
	parseRetryAfter,
	retryDelayMs,
} from './retry';
import type { RateLimit } from './throttle';
import { waitForSlot } from './throttle';

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
	/** Calls that share `key` are spaced to `limit`. */
	throttle?: { key: string; limit: RateLimit };
	retry?: Partial<RetryPolicy>;
	itemIndex?: number;
	/** How to fix a failure with this status, shown as the error's description. */
	describeFailure?: (status: number) => string | undefined;
	/** Statuses the caller handles itself: returned instead of thrown. */
	acceptStatuses?: number[];
}

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

/**
 * The one way this package talks to a vendor: authenticated by n8n, throttled per credential,
 * retried on 429/502/503/504 and dropped connections (honouring `Retry-After`), and turned into a
 * `NodeApiError` that carries the vendor's own message on any other failure.
 */
export async function vendorRequest<T = unknown>(
	this: IAllExecuteFunctions,
	options: VendorRequestOptions,
): Promise<VendorResponse<T>> {
	const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
	const request: IHttpRequestOptions = {
		json: true,
		...options.request,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const method = request.method ?? 'GET';

	for (let attempt = 0; ; attempt++) {
		if (options.throttle) await waitForSlot(options.throttle.key, options.throttle.limit);

		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				options.credentialType,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (isRetryableNetworkError(error) && attempt < policy.maxRetries) {
				await sleep(retryDelayMs(attempt, policy));
				continue;
			}
			const code = networkErrorCode(error);
			throw new NodeApiError(
				this.getNode(),
				{ message: (error as Error).message },
				{
					// The socket code stays out of the message: n8n would replace the whole message with
					// its generic text for that code.
					message: `Could not reach ${options.vendor}`,
					description: `${method} ${requestPath(request)} failed before ${options.vendor} answered${code ? ` (${code})` : ''}. Check the Base URL in the credential and that the service is reachable from n8n.`,
					itemIndex: options.itemIndex,
				},
			);
		}

		const status = response.statusCode;
		if (status < 400 || options.acceptStatuses?.includes(status)) {
			return { body: response.body as T, headers: response.headers ?? {}, statusCode: status };
		}

		const retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
		if (
			isRetryableStatus(status) &&
			attempt < policy.maxRetries &&
			(retryAfterMs === undefined || retryAfterMs <= policy.maxDelayMs)
		) {
			if (isReadable(response.body)) response.body.resume();
			await sleep(retryDelayMs(attempt, policy, retryAfterMs));
			continue;
		}

		let body: unknown = response.body;
		if (isReadable(body)) body = parseMaybeJson(await readStream(body));
		else if (Buffer.isBuffer(body)) body = parseMaybeJson(body.toString('utf8'));
		const retried = attempt > 0 ? ` (after ${attempt} ${attempt === 1 ? 'retry' : 'retries'})` : '';
		throw vendorApiError(this.getNode(), {
			vendor: options.vendor,
			status,
			body,
			method,
			path: requestPath(request) + retried,
			description:
				options.describeFailure?.(status) ??
				(status === 429
					? `${options.vendor} kept rate-limiting the request${retried}. Lower "Max Requests per Second" in the credential or try again later.`
					: undefined),
			itemIndex: options.itemIndex,
		});
	}
}
