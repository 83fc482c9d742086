import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { coresignalRequest } from '../../transport/api';
import { subscriptionPath } from '../../transport/endpoints';
import { apiVersion } from '../common';
import { readSubscriptionId, subscriptionIdField } from './id';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['delete'] } },
	[subscriptionIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const version = apiVersion(this, itemIndex);
	const id = readSubscriptionId(this, itemIndex);
	await coresignalRequest.call(this, {
		version,
		method: 'DELETE',
		path: subscriptionPath(version, id),
		bucket: 'subscriptions',
		itemIndex,
	});
	return [{ json: { deleted: true, id } }];
}
