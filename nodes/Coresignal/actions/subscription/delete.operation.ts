import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { coresignalRequest } from '../../transport/api';
import { apiVersion } from '../common';
import { readSubscriptionId, subscriptionIdField, subscriptionPath } from './id';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['delete'] } },
	[subscriptionIdField],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (itemIndex) => {
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
	});
}
