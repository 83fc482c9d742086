import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { coresignalRequest } from '../../transport/api';
import { canRenew, renewPath } from '../../transport/endpoints';
import { apiVersion } from '../common';
import { readSubscriptionId, subscriptionIdField } from './id';

const displayOptions = { show: { resource: ['subscription'], operation: ['renew'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Renewal exists only in the v2 API. A subscription can be renewed up to one year after it was created.',
		name: 'renewNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	...updateDisplayOptions(displayOptions, [subscriptionIdField]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const version = apiVersion(this, itemIndex);
	if (!canRenew(version)) {
		throw new NodeOperationError(this.getNode(), 'Legacy v1 subscriptions cannot be renewed', {
			itemIndex,
			description:
				'Coresignal added renewal to the v2 API only. Switch "API Version" to v2 (API key credential), or create a new subscription.',
		});
	}
	const response = await coresignalRequest.call(this, {
		version,
		method: 'POST',
		path: renewPath(version, readSubscriptionId(this, itemIndex)),
		bucket: 'subscriptions',
		// Renewing twice leaves the same expiry as renewing once.
		idempotent: true,
		itemIndex,
		describeFailure: (status) =>
			status === 400
				? 'The subscription has expired, or renewing it would move its expiry more than one year past its creation. Create a new subscription instead.'
				: status === 409
					? 'The subscription was created moments ago and is still initialising. Try again in a few minutes.'
					: undefined,
	});
	return [{ json: response.body as IDataObject }];
}
