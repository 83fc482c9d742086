import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ApiVersion } from '../transport/api';
import { datasetOf, eventOf } from '../transport/endpoints';
import type { Dataset, SubscribeBy, SubscriptionEvent, SubscriptionSpec } from './spec';
import { parseEmployeeIds, parseEsDslQuery } from './spec';
import { TRACKABLE_FIELD_OPTIONS } from './trackedFields';

export const apiVersionField: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	options: [
		{
			name: 'V2 (API Key)',
			value: 'v2',
			description: 'Current API, authenticated with an API key',
		},
		{
			name: 'Legacy V1 (JWT)',
			value: 'v1',
			description: 'Older API for accounts that still use a JWT token',
		},
	],
	default: 'v2',
};

/** What a node set to Legacy V1 cannot do, shown under API Version. */
export const legacyV1Notice: INodeProperties = {
	displayName:
		'Legacy V1 (JWT) reaches Clean Employee and experience changes only; updates start about two days after subscribing. Not supported on V1: employee profile changes (v1 had "member_changes" subscriptions, this node does not support them), Tracked Fields, the Multi-Source and Base Employee datasets. Coresignal asks JWT users to move to an API key (V2).',
	name: 'legacyV1Notice',
	type: 'notice',
	default: '',
	displayOptions: { show: { apiVersion: ['v1'] } },
};

export const datasetField: INodeProperties = {
	displayName: 'Dataset',
	name: 'dataset',
	type: 'options',
	options: [
		{ name: 'Clean Employee', value: 'employee_clean' },
		{ name: 'Multi-Source Employee', value: 'employee_multi_source' },
		{ name: 'Base Employee', value: 'employee_base' },
	],
	default: 'employee_clean',
	description: 'Which Coresignal employee dataset the IDs and queries refer to',
	displayOptions: { show: { apiVersion: ['v2'] } },
};

const withDisplay = (
	properties: INodeProperties[],
	displayOptions: IDisplayOptions | undefined,
): INodeProperties[] =>
	displayOptions
		? properties.map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: { ...displayOptions.show, ...property.displayOptions?.show },
				},
			}))
		: properties;

const byIds: INodePropertyOptions = {
	name: 'Employee IDs',
	value: 'ids',
	description: 'Follow a fixed list of employees',
};
const byQuery: INodePropertyOptions = {
	name: 'Elasticsearch DSL Query',
	value: 'esDsl',
	description: 'Follow every employee who matches a query',
};
const allUpdates = (description: string): INodePropertyOptions => ({
	name: 'All Updates',
	value: 'all',
	description,
});

/**
 * "Subscribe By" of one API version and event: All Updates is offered only where Coresignal has
 * it (experience changes, and every v1 subscription).
 */
const subscribeByField = (
	options: INodePropertyOptions[],
	show: IDisplayOptions['show'],
	description?: string,
): INodeProperties => ({
	displayName: 'Subscribe By',
	name: 'subscribeBy',
	type: 'options',
	options,
	default: 'ids',
	...(description ? { description } : {}),
	displayOptions: { show },
});

/** The choices that define a subscription, shared by the trigger and the Subscription › Create action. */
export function subscriptionFields(displayOptions?: IDisplayOptions): INodeProperties[] {
	return withDisplay(
		[
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Employee Profile Changes',
						value: 'employeeProfile',
						description: 'Any of 100+ profile fields changed (skills, headline, education …)',
					},
					{
						name: 'Experience Changes',
						value: 'experience',
						description: 'An employee started a position, was promoted, or left a position',
					},
				],
				default: 'employeeProfile',
				displayOptions: { show: { apiVersion: ['v2'] } },
			},
			datasetField,
			subscribeByField(
				[byIds, byQuery],
				{ apiVersion: ['v2'], event: ['employeeProfile'] },
				'Coresignal has no "All Updates" subscription for profile changes; it exists only for experience changes',
			),
			subscribeByField(
				[
					byIds,
					byQuery,
					allUpdates('Every employee in the Clean dataset: expect 500,000 or more changes a week'),
				],
				{ apiVersion: ['v2'], event: ['experience'] },
			),
			subscribeByField(
				[
					byIds,
					byQuery,
					allUpdates(
						'Every employee in the Coresignal database: expect about 500,000 or more changes a week',
					),
				],
				{ apiVersion: ['v1'] },
			),
			{
				displayName: 'Employee IDs',
				name: 'employeeIds',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				required: true,
				placeholder: 'e.g. 125, 126, 127',
				description:
					'Coresignal employee IDs separated by commas or new lines (up to 300,000). An expression may return an array.',
				displayOptions: { show: { subscribeBy: ['ids'] } },
			},
			{
				displayName: 'Elasticsearch DSL Query',
				name: 'esDslQuery',
				type: 'json',
				default: '{\n  "query": {\n    "match": {\n      "job_title": "engineer"\n    }\n  }\n}',
				required: true,
				description:
					'A full Elasticsearch request object with a "query" key. Filters on last_updated are not allowed in subscriptions.',
				displayOptions: { show: { subscribeBy: ['esDsl'] } },
			},
			{
				displayName: 'Tracked Fields',
				name: 'trackedFields',
				type: 'multiOptions',
				options: TRACKABLE_FIELD_OPTIONS,
				default: [],
				description:
					'Part of the subscription: Coresignal sends only changes to these fields. Leave empty for changes to any field. Its twin in the Coresignal Trigger, Options › Only Changed Fields, filters in n8n after delivery instead.',
				displayOptions: { show: { apiVersion: ['v2'], event: ['employeeProfile'] } },
			},
		],
		displayOptions,
	);
}

/** Reads the subscription choices from node parameters; throws `SubscriptionSpecError` on bad input. */
export function readSubscriptionSpec(
	parameter: (name: string, fallback?: unknown) => unknown,
): SubscriptionSpec {
	const version = parameter('apiVersion', 'v2') as ApiVersion;
	const spec: SubscriptionSpec = {
		version,
		event: eventOf(version, () => parameter('event', 'employeeProfile') as SubscriptionEvent),
		dataset: datasetOf(version, () => parameter('dataset', 'employee_clean') as Dataset),
		subscribeBy: parameter('subscribeBy', 'ids') as SubscribeBy,
	};
	if (spec.subscribeBy === 'ids') spec.ids = parseEmployeeIds(parameter('employeeIds', ''));
	if (spec.subscribeBy === 'esDsl')
		spec.esDslQuery = parseEsDslQuery(parameter('esDslQuery', ''), 'subscription');
	if (version === 'v2' && spec.event === 'employeeProfile') {
		spec.trackedFields = (parameter('trackedFields', []) as string[]) ?? [];
	}
	return spec;
}
