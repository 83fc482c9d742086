import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

export const subscriptionIdField: INodeProperties = {
	displayName: 'Subscription ID',
	name: 'subscriptionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. c8e295c0-2f85-473d-8bef-350526e6b30a',
	description:
		'The ID Coresignal returned when the subscription was created (also listed by Get Many)',
};

export const readSubscriptionId = (context: IExecuteFunctions, itemIndex: number) =>
	requiredParameter(
		context,
		itemIndex,
		'subscriptionId',
		'Subscription ID',
		'Enter the ID of a subscription, for example from Subscription › Get Many or the output of Subscription › Create.',
	);
