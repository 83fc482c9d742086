import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiVersionField, subscriptionFields } from './subscriptions/fields';
import { TRACKABLE_FIELD_OPTIONS } from './subscriptions/trackedFields';
import { checkExists, create, deleteSubscription } from './trigger/lifecycle';
import { handleDelivery } from './trigger/webhook';
import { includeRawOption } from '../shared/descriptions';

export class CoresignalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coresignal Trigger',
		name: 'coresignalTrigger',
		icon: {
			light: 'file:../../icons/coresignal.svg',
			dark: 'file:../../icons/coresignal.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "experience" ? "Experience changes" : "Profile changes"}}',
		description:
			'Starts the workflow when Coresignal reports employee profile or experience changes',
		defaults: { name: 'Coresignal Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'coresignalApi', required: true, displayOptions: { show: { apiVersion: ['v2'] } } },
			{
				name: 'coresignalJwtApi',
				required: true,
				displayOptions: { show: { apiVersion: ['v1'] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Activating the workflow creates a Coresignal webhook subscription (valid 91 days, renewed automatically) and deactivating deletes it. Coresignal delivers Clean Employee changes weekly, so the first event can take days. Use "Send Sample on Test" to get a sample while testing.',
				name: 'lifecycleNotice',
				type: 'notice',
				default: '',
			},
			apiVersionField,
			...subscriptionFields(),
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
						description:
							'Whether to fetch each changed employee with Collect and put the profile in "data". Costs one collect credit per change; large "All Updates" deliveries are better collected in bulk.',
					},
					includeRawOption('change', 'Coresignal'),
					{
						displayName: 'Only Changed Fields',
						name: 'changedFields',
						type: 'multiOptions',
						options: TRACKABLE_FIELD_OPTIONS,
						default: [],
						description:
							'Emit a change only when one of these fields is among its changed fields. Changes without changed fields (matching-status changes, experience changes) are then skipped.',
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
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
