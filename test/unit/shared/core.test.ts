import { buildHrEvent, toIsoTimestamp } from '../../../nodes/shared/envelope';
import { vendorErrorText } from '../../../nodes/shared/errors';
import {
	defaultRetryPolicy,
	isRetryableStatus,
	networkErrorCode,
	parseRetryAfter,
	retryDelayMs,
} from '../../../nodes/shared/retry';
import { capLimit, perSecond, slotIntervalMs } from '../../../nodes/shared/throttle';
import { generateSecret, secretsMatch } from '../../../nodes/shared/webhookAuth';

describe('what a vendor said when it failed', () => {
	it.each([
		[{ detail: 'Insufficient credits' }, 'Insufficient credits'],
		[{ message: 'Org not found' }, 'Org not found'],
		[
			{ detail: [{ loc: ['body', 'webhook_url'], msg: 'invalid url' }] },
			'body.webhook_url: invalid url',
		],
		[{ error: { message: 'nested' } }, 'nested'],
		['Bad Gateway', 'Bad Gateway'],
		[Buffer.from('{"detail":"from a buffer"}'), 'from a buffer'],
	])('%j → %s', (body, text) => {
		expect(vendorErrorText(body)).toBe(text);
	});

	it('is undefined for an empty body', () => {
		expect(vendorErrorText('')).toBeUndefined();
		expect(vendorErrorText({})).toBeUndefined();
	});
});

describe('when to retry and how long to wait', () => {
	it('retries rate limits and gateway errors only', () => {
		expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 402, 404, 409, 422, 500].some(isRetryableStatus)).toBe(false);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-25T10:00:00Z');
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['1.5'])).toBe(1500);
		expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('never waits less than the server asked', () => {
		for (const random of [0, 0.5, 0.999]) {
			expect(retryDelayMs(0, defaultRetryPolicy, 2000, () => random)).toBeGreaterThanOrEqual(2000);
		}
	});

	it('backs off exponentially with jitter, up to the cap', () => {
		const policy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retryDelayMs(0, policy, undefined, () => 0)).toBe(50);
		expect(retryDelayMs(0, policy, undefined, () => 1)).toBe(100);
		expect(retryDelayMs(3, policy, undefined, () => 1)).toBe(800);
		expect(retryDelayMs(9, policy, undefined, () => 1)).toBe(1000);
	});

	it('finds the socket error code wherever the HTTP stack put it', () => {
		expect(networkErrorCode({ code: 'ECONNRESET' })).toBe('ECONNRESET');
		expect(networkErrorCode({ cause: { code: 'ETIMEDOUT' } })).toBe('ETIMEDOUT');
		expect(networkErrorCode({ httpCode: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkErrorCode({ httpCode: '404' })).toBeUndefined();
	});
});

describe('the request-rate throttle', () => {
	it('spaces calls evenly over the window', () => {
		expect(slotIntervalMs(perSecond(54))).toBeCloseTo(18.52, 2);
		expect(slotIntervalMs({ requests: 9, perMilliseconds: 60_000 })).toBeCloseTo(6666.67, 2);
	});

	it('applies a credential cap only when it is stricter', () => {
		expect(capLimit(perSecond(54), 10)).toEqual(perSecond(10));
		expect(capLimit(perSecond(5), 10)).toEqual(perSecond(5));
		expect(capLimit(perSecond(54), 0)).toEqual(perSecond(54));
	});
});

describe('webhook secrets', () => {
	it('are 64 random hex characters', () => {
		const secret = generateSecret();
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(secret);
	});

	it('match only the exact value', () => {
		expect(secretsMatch('abc', 'abc')).toBe(true);
		expect(secretsMatch('abd', 'abc')).toBe(false);
		expect(secretsMatch('abcd', 'abc')).toBe(false);
		expect(secretsMatch(undefined, 'abc')).toBe(false);
		expect(secretsMatch(['abc'], 'abc')).toBe(false);
		expect(secretsMatch('', '')).toBe(false);
	});
});

describe('the HR event envelope', () => {
	it.each([
		['2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
		['2026-11-25', '2026-11-25T00:00:00.000Z'],
		[1764064800000, '2025-11-25T10:00:00.000Z'],
		[1764064800, '2025-11-25T10:00:00.000Z'],
		['1764064800000', '2025-11-25T10:00:00.000Z'],
		['not a date', null],
		[null, null],
		[{}, null],
	])('reads %j as %s', (value, iso) => {
		expect(toIsoTimestamp(value)).toBe(iso);
	});

	it('always has every field, with ids as strings', () => {
		expect(
			buildHrEvent({
				source: 'charthop',
				type: 'person.create',
				entityType: 'person',
				entityId: 42,
				changedFields: ['name', 7],
				receivedAt: '2026-11-25T10:00:00.000Z',
			}),
		).toEqual({
			source: 'charthop',
			type: 'person.create',
			entity: { type: 'person', id: '42' },
			changedFields: ['name'],
			occurredAt: null,
			receivedAt: '2026-11-25T10:00:00.000Z',
			subscription: {},
			data: null,
		});
	});
});
