/**
 * What Coresignal documents: datasets, endpoints, statuses, trackable fields
 * (https://docs.coresignal.com/api/clean-employee-api-webhook-subscriptions,
 * https://docs.coresignal.com/api-introduction/webhooks/subscription-management).
 */

export const DATASETS = ['employee_clean', 'employee_multi_source', 'employee_base'] as const;
export type Dataset = (typeof DATASETS)[number];

export type SubscriptionKind = 'profile' | 'experience';
export type SubscriptionMethod = 'ids' | 'es_dsl' | 'all';
export type ApiVersion = 'v1' | 'v2';

export interface CreateEndpoint {
	version: ApiVersion;
	kind: SubscriptionKind;
	dataset: Dataset;
	method: SubscriptionMethod;
	path: string;
	/** Coresignal's `entity` for the subscription detail (a guess, see guesses.ts). */
	entity: string;
	rateGroup: 'subscription-create' | 'subscription-create-base';
}

function v2(kind: SubscriptionKind, dataset: Dataset, method: SubscriptionMethod): CreateEndpoint {
	const entity = kind === 'profile' ? dataset : `experience_changes/${dataset}`;
	return {
		version: 'v2',
		kind,
		dataset,
		method,
		path: `/v2/subscriptions/${entity}/${method}`,
		entity,
		rateGroup: dataset === 'employee_base' ? 'subscription-create-base' : 'subscription-create',
	};
}

/**
 * Every documented create endpoint. Profile changes have no `all` endpoint; experience `all` is
 * documented for Clean only. Base Employee's `filter` method is not modelled.
 */
export const CREATE_ENDPOINTS: CreateEndpoint[] = [
	...DATASETS.flatMap((dataset) => [v2('profile', dataset, 'ids'), v2('profile', dataset, 'es_dsl')]),
	...DATASETS.flatMap((dataset) => [v2('experience', dataset, 'ids'), v2('experience', dataset, 'es_dsl')]),
	v2('experience', 'employee_clean', 'all'),
	...(['ids', 'es_dsl', 'all'] as const).map(
		(method): CreateEndpoint => ({
			version: 'v1',
			kind: 'experience',
			dataset: 'employee_clean',
			method,
			path: `/v1/subscriptions/professional_network/member_experience/${method}`,
			entity: 'professional_network/member_experience',
			rateGroup: 'subscription-create',
		}),
	),
];

export const PROFILE_STATUSES = ['started_matching_query', 'stopped_matching_query', 'changed'] as const;
export const EXPERIENCE_STATUS_V2 = 'changed';
export const EXPERIENCE_STATUS_V1 = 'changed_experience';

/**
 * The fields that trigger profile webhooks, spelled as documented (including `professionnal`):
 * "Fields that trigger webhooks", https://docs.coresignal.com/api/clean-employee-api-webhook-subscriptions.
 */
export const TRACKABLE_FIELDS = [
	'id',
	'company_id',
	'full_name',
	'name_first',
	'name_middle',
	'name_last',
	'websites_professionnal_network',
	'description',
	'job_title',
	'management_level',
	'department',
	'is_decision_maker',
	'is_working',
	'job_description',
	'recommendations_count',
	'connections_count',
	'location_raw_address',
	'location_country',
	'location_country_iso_2',
	'location_country_iso_3',
	'location_state',
	'location_city',
	'is_deleted',
	'is_hidden',
	'follower_count',
	'headline',
	'generated_headline',
	'picture_url',
	'public_profile_id',
	'total_experience_duration',
	'total_experience_duration_months',
	'member_quality',
	'skills',
	'shorthand_names',
	'location_regions',
	'experience',
	'education',
	'languages',
	'certifications',
	'courses',
	'awards',
	'activity',
	'organizations',
	'patents',
	'publications',
	'recommendations',
] as const;

/**
 * Fields a subscription's ES DSL query may not filter on: "`last_updated` filter is not available for
 * subscription requests" (https://docs.coresignal.com/employee-api/clean-employee-api/endpoints/webhook-subscriptions/subscribe-to-changes);
 * Base Employee also refuses `created` (https://docs.coresignal.com/employee-api/base-employee-api/endpoints/webhook-subscriptions/subscribe-to-changes).
 */
export const FORBIDDEN_QUERY_FIELDS: Record<Dataset, string[]> = {
	employee_clean: ['last_updated'],
	employee_multi_source: ['last_updated'],
	employee_base: ['last_updated', 'created'],
};

/** Collect cost per successful request, older credit model (https://docs.coresignal.com/api-introduction/credits). */
export const COLLECT_CREDITS: Record<Dataset, number> = {
	employee_clean: 1,
	employee_multi_source: 2,
	employee_base: 1,
};
