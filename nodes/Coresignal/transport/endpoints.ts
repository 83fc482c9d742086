import type { RateLimit } from '../../shared/throttle';
import { perSecond } from '../../shared/throttle';
import type { Dataset, SubscribeBy, SubscriptionEvent } from '../subscriptions/spec';
import type { ApiVersion } from './api';

/**
 * Coresignal's endpoints: every path below the Base URL, per API version, with the limits that
 * go with them. v2 paths: https://docs.coresignal.com/api-introduction/webhooks/subscription-management,
 * legacy v1 paths: https://docs.coresignal.com/api/subscription-management.
 */

/** https://docs.coresignal.com/api-introduction/authorization */
export const DEFAULT_BASE_URL = 'https://api.coresignal.com/cdapi';

/**
 * Legacy v1 has one dataset (Clean) and one subscription event (experience changes), so the node
 * hides both parameters for v1 and ignores what they hold.
 */
export const datasetOf = (version: ApiVersion, chosen: () => Dataset): Dataset =>
	version === 'v1' ? 'employee_clean' : chosen();

export const eventOf = (version: ApiVersion, chosen: () => SubscriptionEvent): SubscriptionEvent =>
	version === 'v1' ? 'experience' : chosen();

/**
 * Per-endpoint request rates (https://docs.coresignal.com/api-introduction/rate-limits), one
 * throttle bucket each. Subscription calls (9 per minute) are not spaced: activations are rare, so
 * they back off after a 429 instead of waiting 6.7 seconds before every call.
 */
export const CORESIGNAL_LIMITS = {
	search: perSecond(18),
	collect: perSecond(54),
	bulk: perSecond(27),
	// "The endpoint will allow to send one request per second."
	// https://docs.coresignal.com/api-introduction/webhooks/subscription-simulation
	simulate: perSecond(1),
	subscriptions: undefined,
} satisfies Record<string, RateLimit | undefined>;

export type CoresignalBucket = keyof typeof CORESIGNAL_LIMITS;

/** The spaced limits in words, as the credentials describe them: "search 18/s, collect 54/s, …". */
export function spacedLimitsText(): string {
	return Object.entries(CORESIGNAL_LIMITS)
		.flatMap(([bucket, limit]: [string, RateLimit | undefined]) =>
			limit ? [`${bucket} ${(limit.requests * 1000) / limit.perMilliseconds}/s`] : [],
		)
		.join(', ');
}

/**
 * Coresignal's largest search page (https://docs.coresignal.com/api-introduction/requests/elasticsearch-dsl/results-pagination).
 */
export const SEARCH_PAGE_SIZE = 1000;

/** Records per bulk request and per file (https://docs.coresignal.com/api-introduction/requests/bulk-collect). */
export const BULK_MAX_RECORDS = 10_000;

export const subscriptionsPath = (version: ApiVersion) => `/${version}/subscriptions`;

export const subscriptionPath = (version: ApiVersion, id: string) =>
	`${subscriptionsPath(version)}/${encodeURIComponent(id)}`;

/** Renewal exists in v2 only (https://docs.coresignal.com/api/webhooks-changelog-august-2025). */
export const canRenew = (version: ApiVersion) => version === 'v2';

export const renewPath = (version: ApiVersion, id: string) =>
	`${subscriptionPath(version, id)}/renew`;

export const simulatePath = (version: ApiVersion) => `${subscriptionsPath(version)}/simulate`;

const METHOD_SEGMENT: Record<SubscribeBy, string> = { ids: 'ids', esDsl: 'es_dsl', all: 'all' };

/** Where a subscription is created: https://docs.coresignal.com/api/clean-employee-api-webhook-subscriptions */
export function createSubscriptionPath(choice: {
	version: ApiVersion;
	event: SubscriptionEvent;
	dataset: Dataset;
	subscribeBy: SubscribeBy;
}): string {
	const method = METHOD_SEGMENT[choice.subscribeBy];
	if (choice.version === 'v1')
		return `/v1/subscriptions/professional_network/member_experience/${method}`;
	return choice.event === 'experience'
		? `/v2/subscriptions/experience_changes/${choice.dataset}/${method}`
		: `/v2/subscriptions/${choice.dataset}/${method}`;
}

export function searchPath(version: ApiVersion, dataset: Dataset, preview: boolean): string {
	if (version === 'v1') return '/v1/professional_network/clean_member/search/es_dsl';
	return `/v2/${dataset}/search/es_dsl${preview ? '/preview' : ''}`;
}

/** An employee id, a shorthand name (`john-smith-1`) or a full profile URL. */
export function collectPath(version: ApiVersion, dataset: Dataset, key: string | number): string {
	const segment = encodeURIComponent(String(key).trim());
	return version === 'v1'
		? `/v1/professional_network/clean_member/collect/${segment}`
		: `/v2/${dataset}/collect/${segment}`;
}

export type SubmitMethod = 'es_dsl' | 'id_file';

export function submitPath(version: ApiVersion, dataset: Dataset, method: SubmitMethod): string {
	return version === 'v1'
		? `/v1/professional_network/clean_member/bulk_collect/${method}`
		: `/v2/data_requests/${dataset}/${method}`;
}

export function filesPath(version: ApiVersion, requestId: string): string {
	const id = encodeURIComponent(requestId.trim());
	return version === 'v1' ? `/v1/bulk_collect/${id}/files` : `/v2/data_requests/${id}/files`;
}

/** File names look like `json/part-00000-….json.gz`: each segment is encoded, the `/` kept. */
export function filePath(version: ApiVersion, requestId: string, fileName: string): string {
	const name = fileName.split('/').map(encodeURIComponent).join('/');
	return `${filesPath(version, requestId)}/${name}`;
}
