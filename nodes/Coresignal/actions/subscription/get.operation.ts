import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { coresignalRequest } from '../../transport/api';
import { apiVersion } from '../common';
import { readSubscriptionId, subscriptionIdField, subscriptionPath } from './id';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['get'] } },
	[subscriptionIdField],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (itemIndex) => {
		const version = apiVersion(this, itemIndex);
		const response = await coresignalRequest.call(this, {
			version,
			method: 'GET',
			path: subscriptionPath(version, readSubscriptionId(this, itemIndex)),
			bucket: 'subscriptions',
			itemIndex,
		});
		return [{ json: response.body as IDataObject }];
	});
}
