/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import type { IAllExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isOutcomeUnknown, isTransientFailure, vendorRequest } from '../../../nodes/shared/request';
import { hashSecret, matchesSecretHash } from '../../../nodes/shared/webhookAuth';

type Answer = { statusCode: number; body?: unknown; headers?: object } | { error: string };

/** A node context whose HTTP helper answers from a script and records what was sent. */
function scripted(answers: Answer[]) {
	const sent: IHttpRequestOptions[] = [];
	const sentAt: number[] = [];
	const node = { name: 'Vendor', type: 'test', typeVersion: 1, parameters: {} } as unknown as INode;
	const context = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				sent.push(request);
				sentAt.push(Date.now());
				const answer = answers.shift() ?? { statusCode: 200, body: {} };
				if ('error' in answer) throw Object.assign(new Error(answer.error), { code: answer.error });
				return { headers: {}, body: null, ...answer };
			},
		},
	} as unknown as IAllExecuteFunctions;
	return { context, sent, sentAt };
}

const fast = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };

async function call(answers: Answer[], extra: object = {}) {
	const { context, sent, sentAt } = scripted(answers);
	const result = vendorRequest
		.call(context, {
			vendor: 'Acme',
			credentialType: 'acmeApi',
			request: { method: 'POST', url: '/things', body: { name: 'x' } },
			retry: fast,
			...extra,
		})
		.then(
			(response) => ({ response, error: undefined }),
			(error: Error) => ({ response: undefined, error }),
		);
	return { ...(await result), sent, sentAt };
}

describe('which failures a request is sent again after', () => {
	it('does not resend a create the vendor may have carried out (502)', async () => {
		const { error, sent } = await call([{ statusCode: 502 }, { statusCode: 201 }]);
		expect(sent).toHaveLength(1);
		expect(error?.message).toBe('Acme answered 502');
		expect(isOutcomeUnknown(error)).toBe(true);
	});

	it('does not resend a create whose connection was cut', async () => {
		const { error, sent } = await call([{ error: 'ECONNRESET' }, { statusCode: 201 }]);
		expect(sent).toHaveLength(1);
		expect(isOutcomeUnknown(error)).toBe(true);
	});

	it('resends a create the vendor refused with 429', async () => {
		const { response, sent } = await call([
			{ statusCode: 429 },
			{ statusCode: 201, body: { id: 1 } },
		]);
		expect(sent).toHaveLength(2);
		expect(response?.body).toEqual({ id: 1 });
	});

	it('resends a create that never left (DNS not answering)', async () => {
		const { response, sent } = await call([{ error: 'EAI_AGAIN' }, { statusCode: 201 }]);
		expect(sent).toHaveLength(2);
		expect(response?.statusCode).toBe(201);
	});

	it('resends a GET after a 502', async () => {
		const { response, sent } = await call([{ statusCode: 502 }, { statusCode: 200 }], {
			request: { method: 'GET', url: '/things/1' },
		});
		expect(sent).toHaveLength(2);
		expect(response?.statusCode).toBe(200);
	});

	it('resends a POST the caller marks idempotent (a search) after a 502', async () => {
		const { sent } = await call([{ statusCode: 502 }, { statusCode: 200 }], { idempotent: true });
		expect(sent).toHaveLength(2);
	});

	it('keeps resending a persistent DELETE after a 500 and a refused connection', async () => {
		const { response, sent } = await call(
			[{ statusCode: 500 }, { error: 'ECONNREFUSED' }, { statusCode: 204 }],
			{ request: { method: 'DELETE', url: '/things/1' }, persistent: true },
		);
		expect(sent).toHaveLength(3);
		expect(response?.statusCode).toBe(204);
	});

	it('does not resend a plain DELETE after a 500', async () => {
		const { error, sent } = await call([{ statusCode: 500 }, { statusCode: 204 }], {
			request: { method: 'DELETE', url: '/things/1' },
		});
		expect(sent).toHaveLength(1);
		expect(error?.message).toBe('Acme answered 500');
	});

	it('never makes a create persistent', async () => {
		const { sent } = await call([{ statusCode: 500 }, { statusCode: 201 }], { persistent: true });
		expect(sent).toHaveLength(1);
	});

	it('does not mark a plain 4xx of a create as of unknown outcome', async () => {
		const { error } = await call([{ statusCode: 422, body: { detail: 'bad url' } }]);
		expect(error?.message).toBe('Acme answered 422: bad url');
		expect(isOutcomeUnknown(error)).toBe(false);
	});
});

describe('calls the vendor refuses as over its rate limit (429), when throttled', () => {
	/** A throttle of its own per test (a fresh API key), fast enough not to slow the test. */
	const throttled = (limit = { requests: 1000, perMilliseconds: 100 }) => ({
		throttle: {
			identity: { scope: 'acme:things', baseUrl: 'https://acme.test', secret: randomUUID() },
			limit,
		},
	});
	const refused = (retryAfter?: string): Answer => ({
		statusCode: 429,
		body: { message: 'Too many requests' },
		headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
	});

	it('are sent again for as long as the rate-limit budget lasts, not a fixed number of times', async () => {
		const answers = [...Array.from({ length: 8 }, () => refused('0')), { statusCode: 201 }];
		const { response, sent } = await call(answers, throttled());
		expect(sent.length).toBeGreaterThan(fast.maxRetries + 1);
		expect(response?.statusCode).toBe(201);
	});

	it('wait at least one rate-limit window when the vendor sends no Retry-After', async () => {
		const window = { requests: 10, perMilliseconds: 300 };
		const { response, sentAt } = await call([refused(), { statusCode: 201 }], throttled(window));
		expect(response?.statusCode).toBe(201);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(window.perMilliseconds);
	});

	it('fail visibly once the budget is spent, naming the rate limit and how to fix it', async () => {
		const answers = Array.from({ length: 100_000 }, () => refused('0'));
		const { error, sent } = await call(answers, {
			...throttled(),
			retry: { ...fast, rateLimitBudgetMs: 300 },
		});
		expect(sent.length).toBeGreaterThan(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Acme answered 429: Too many requests');
		const { description } = error as NodeApiError;
		expect(description).toContain('over its rate limit');
		expect(description).toContain('Max Requests per Second');
	});

	it('fail at once when the Retry-After is longer than the budget', async () => {
		const { error, sent } = await call([refused('120'), { statusCode: 201 }], throttled());
		expect(sent).toHaveLength(1);
		expect(error?.message).toBe('Acme answered 429: Too many requests');
	});

	it('are not sent again past the caller\'s deadline', async () => {
		const { error, sent } = await call([refused('5'), { statusCode: 201 }], {
			...throttled(),
			deadline: Date.now() + 2000,
		});
		expect(sent).toHaveLength(1);
		expect(error?.message).toBe('Acme answered 429: Too many requests');
	});
});

describe('time limits', () => {
	it('gives every attempt a timeout', async () => {
		const { sent } = await call([{ statusCode: 200 }], { timeoutMs: 1234 });
		expect(sent[0].timeout).toBe(1234);
	});

	it('shortens the timeout to what is left of the budget', async () => {
		const { sent } = await call([{ statusCode: 200 }], { deadline: Date.now() + 800 });
		expect(sent[0].timeout).toBeLessThanOrEqual(800);
	});

	it('names a vendor that did not answer in time', async () => {
		const { error } = await call([{ error: 'ECONNABORTED' }]);
		expect(error?.message).toBe('Acme did not answer in time');
	});

	it('stops retrying once the next wait would pass the deadline', async () => {
		const { error, sent } = await call(
			[{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 503 }],
			{
				request: { method: 'GET', url: '/x' },
				retry: { maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
				deadline: Date.now() + 2000,
			},
		);
		expect(sent).toHaveLength(1);
		expect(error?.message).toBe('Acme answered 503');
	});

	it('sends nothing once the budget is spent', async () => {
		const { error, sent } = await call([{ statusCode: 200 }], { deadline: Date.now() - 1 });
		expect(sent).toHaveLength(0);
		expect(error?.message).toBe('Acme did not finish in time');
	});
});

describe('secrets in vendor error text', () => {
	const token = 'tok_3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a8e';

	it('never repeats a secret the vendor echoed, in the message or the stored response', async () => {
		const { error } = await call(
			[{ statusCode: 422, body: { detail: `invalid webhook_url https://n8n/x?token=${token}` } }],
			{ secrets: [token] },
		);
		expect(error?.message).toBe(
			'Acme answered 422: invalid webhook_url https://n8n/x?token=[redacted]',
		);
		expect(JSON.stringify(error)).not.toContain(token);
	});

	it('also catches the URL-encoded form', async () => {
		const secret = 'a secret/with+chars';
		const { error } = await call(
			[{ statusCode: 400, body: { message: `bad ${encodeURIComponent(secret)}` } }],
			{ secrets: [secret] },
		);
		expect(error?.message).toBe('Acme answered 400: bad [redacted]');
	});
});

describe('which failures say nothing about a registration', () => {
	it('treats 5xx, 429, timeouts and unreachable vendors as transient', async () => {
		for (const answers of [
			[{ statusCode: 500 }],
			[{ statusCode: 429, headers: { 'retry-after': '999' } }],
		]) {
			const { error } = await call(answers, { retry: { maxRetries: 0 } });
			expect(isTransientFailure(error)).toBe(true);
		}
		expect(isTransientFailure((await call([{ error: 'ECONNABORTED' }])).error)).toBe(true);
		expect(isTransientFailure((await call([{ error: 'ECONNREFUSED' }])).error)).toBe(true);
	});

	it('treats 4xx answers as real', async () => {
		for (const statusCode of [400, 401, 403, 404, 422]) {
			const { error } = await call([{ statusCode }]);
			expect(isTransientFailure(error)).toBe(false);
		}
	});
});

describe('secrets kept as hashes', () => {
	it('recognises the secret from its hash only', () => {
		const hash = hashSecret('the-secret-value-0123456789');
		expect(hash).not.toContain('the-secret');
		expect(matchesSecretHash('the-secret-value-0123456789', hash)).toBe(true);
		expect(matchesSecretHash('the-secret-value-012345678', hash)).toBe(false);
		expect(matchesSecretHash(hash, hash)).toBe(false);
		expect(matchesSecretHash(undefined, hash)).toBe(false);
		expect(matchesSecretHash('x', undefined)).toBe(false);
	});
});
