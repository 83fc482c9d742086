import { INITIALISING_MS, RENEW_DAYS } from './guesses';

export interface CoresignalConfig {
	/** Employees exist with ids `firstEmployeeId` … `firstEmployeeId + employeeCount - 1`. */
	firstEmployeeId: number;
	employeeCount: number;
	/** Collect credits left (one pool for all keys, like a team's). */
	credits: number;
	/** Subscriptions per page of `GET /v2/subscriptions` (Coresignal: "approximately 1,000"). */
	pageSize: number;
	validityDays: number;
	renewDays: number;
	/** Renew may not push the expiry further than this after creation. */
	maxLifetimeDays: number;
	/** Renew answers 409 for this long after creation. */
	initialisingMs: number;
	/** Active subscriptions per key. */
	maxSubscriptions: number;
	maxIdsPerSubscription: number;
	/** Delay before `/subscriptions/simulate` delivers (Coresignal: "a few minutes"). */
	simulateDelayMs: number;
	/** Bulk collect: how long a data request stays "in progress" (sandbox clock). */
	bulkReadyMs?: number;
	/** Bulk collect: records per gzipped file (Coresignal: at most 10,000). */
	bulkFileRecords?: number;
	/** Bulk collect: records per request (Coresignal: 10,000; raise it to test bigger downloads). */
	bulkMaxRecords?: number;
	/**
	 * The shape of the create answer (undocumented: only "a subscription ID" is promised). `object` (default)
	 * is `{id, status, created_at, expiring_at}`; the others are the variants the trigger must read.
	 */
	createAnswer?: CreateAnswer;
	/**
	 * What DELETE does: `removed` (default) forgets the subscription, so GET answers 404; `inactive`
	 * keeps it with status "inactive", as Coresignal's docs describe ("makes a subscription inactive").
	 */
	deletedSubscriptions?: 'removed' | 'inactive';
	/**
	 * Whether `GET /subscriptions/{id}` shows the webhook URL, and under which key (undocumented: the
	 * documented detail fields do not include it). `none` (default) follows the docs.
	 */
	detailWebhookUrl?: DetailWebhookUrl;
}

export type DetailWebhookUrl = 'none' | 'webhook_url' | 'webhookUrl' | 'nested';

export type CreateAnswer = 'object' | 'string' | 'subscription_id' | 'subscriptionId' | 'data' | 'subscription';

export const defaultCoresignalConfig: CoresignalConfig = {
	firstEmployeeId: 100_001,
	employeeCount: 10_000,
	credits: 10_000,
	pageSize: 1000,
	validityDays: 91,
	renewDays: RENEW_DAYS,
	maxLifetimeDays: 365,
	initialisingMs: INITIALISING_MS,
	maxSubscriptions: 500,
	maxIdsPerSubscription: 300_000,
	simulateDelayMs: 50,
};

/**
 * Documented limits (https://docs.coresignal.com/api-introduction/rate-limits, and 9 or 18 creations per
 * minute on each webhook-subscriptions page); management calls have no documented limit.
 */
export const coresignalRateLimits = {
	'subscription-create': { requests: 9, windowMs: 60_000 },
	'subscription-create-base': { requests: 18, windowMs: 60_000 },
	'subscription-manage': null,
	simulate: { requests: 1, windowMs: 1000 },
	collect: { requests: 54, windowMs: 1000 },
	search: { requests: 18, windowMs: 1000 },
	bulk: { requests: 27, windowMs: 1000 },
};
