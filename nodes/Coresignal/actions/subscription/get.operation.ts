import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { coresignalRequest } from '../../transport/api';
import { subscriptionPath } from '../../transport/endpoints';
import { apiVersion } from '../common';
import { readSubscriptionId, subscriptionIdField } from './id';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['get'] } },
	[subscriptionIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const version = apiVersion(this, itemIndex);
	const response = await coresignalRequest.call(this, {
		version,
		method: 'GET',
		path: subscriptionPath(version, readSubscriptionId(this, itemIndex)),
		bucket: 'subscriptions',
		itemIndex,
	});
	return [{ json: response.body as IDataObject }];
}
