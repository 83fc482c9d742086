import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

/**
 * Picked from the subscription list or typed. Coresignal has no web page per subscription, so
 * there is no By URL mode. A plain string saved before this became a locator still reads.
 */
export const subscriptionIdField: INodeProperties = {
	displayName: 'Subscription',
	name: 'subscriptionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The subscription to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a subscription…',
			typeOptions: { searchListMethod: 'searchSubscriptions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. c8e295c0-2f85-473d-8bef-350526e6b30a',
			hint: 'The ID Coresignal returned when the subscription was created',
		},
	],
};

export const readSubscriptionId = (context: IExecuteFunctions, itemIndex: number) =>
	requiredParameter(
		context,
		itemIndex,
		'subscriptionId',
		'Subscription',
		'Pick a subscription from the list, or enter its ID, for example from Subscription › Get Many or the output of Subscription › Create.',
		{ locator: true },
	);
