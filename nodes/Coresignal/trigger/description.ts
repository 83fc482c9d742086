import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { includeRawOption, onUnrecognizedOption } from '../../shared/descriptions';
import { simplifyProfileField } from '../profile/simplify';
import { apiVersionField, legacyV1Notice, subscriptionFields } from '../subscriptions/fields';
import { TRACKABLE_FIELD_OPTIONS } from '../subscriptions/trackedFields';

const COLLECT_DESCRIPTION =
	'Whether to fetch each changed employee with Collect and put the profile in "data". Costs one collect credit per change; large "All Updates" deliveries are better collected in bulk.';

/** Version 2 asks for full profiles on top, next to Simplify; version 1 under Options. */
export function collectsFullProfile(context: IWebhookFunctions, options: IDataObject): boolean {
	const collect =
		context.getNode().typeVersion >= 2
			? context.getNodeParameter('collectFullProfile', false)
			: options.collectFullProfile;
	return collect === true;
}

/** The Coresignal Trigger's parameters, as the user sees them. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Activating the workflow creates a Coresignal webhook subscription (valid 91 days, renewed automatically) and deactivating deletes it. Coresignal delivers Clean Employee changes weekly, so the first event can take days. Use "Send Sample on Test" to get a sample while testing.',
		name: 'lifecycleNotice',
		type: 'notice',
		default: '',
	},
	apiVersionField,
	legacyV1Notice,
	...subscriptionFields(),
	{
		displayName: 'Collect Full Profile',
		name: 'collectFullProfile',
		type: 'boolean',
		default: false,
		description: COLLECT_DESCRIPTION,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	simplifyProfileField({ collectFullProfile: [true] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Collect Full Profile',
				name: 'collectFullProfile',
				type: 'boolean',
				default: false,
				description: COLLECT_DESCRIPTION,
				displayOptions: { show: { '@version': [1] } },
			},
			includeRawOption('change', 'Coresignal'),
			onUnrecognizedOption('coresignal'),
			{
				displayName: 'Only Changed Fields',
				name: 'changedFields',
				type: 'multiOptions',
				options: TRACKABLE_FIELD_OPTIONS,
				default: [],
				description:
					'Filters in n8n after delivery: emit a change only when one of these fields is among its changed fields; changes that list none (matching-status and experience changes) are skipped. Its twin Tracked Fields is part of the subscription: Coresignal then sends only those changes.',
			},
			{
				displayName: 'Only Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{
						name: 'Started Matching Query',
						value: 'started_matching_query',
						description: 'The profile now matches the subscription query',
					},
					{
						name: 'Stopped Matching Query',
						value: 'stopped_matching_query',
						description: 'The profile no longer matches the subscription query',
					},
					{ name: 'Changed', value: 'changed', description: 'Fields of the profile changed' },
				],
				default: [],
				description: 'Emit only changes with these statuses. Empty emits all.',
			},
			{
				displayName: 'Renew When Expiring Within (Days)',
				name: 'renewWithinDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 90 },
				default: 14,
				description:
					'Renew the subscription on activation, restart or delivery once it expires within this many days. Coresignal allows renewals up to one year after creation.',
			},
			{
				displayName: 'Send Sample on Test',
				name: 'sendSampleOnTest',
				type: 'boolean',
				default: false,
				description:
					'Whether "Listen for test event" asks Coresignal to send a randomized sample change (it can take a few minutes to arrive)',
			},
		],
	},
];
