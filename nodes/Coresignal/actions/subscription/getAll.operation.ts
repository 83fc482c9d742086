import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { subscriptionPages } from '../../transport/pagination';
import { apiVersion } from '../common';
import { returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAll'] } },
	[
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{
					name: 'Active',
					value: 'active',
					description: 'Subscriptions that still deliver changes',
				},
				{
					name: 'Expired',
					value: 'expired',
					description: 'Subscriptions past their expiry date (they can no longer be renewed)',
				},
			],
			default: 'active',
			description: 'Coresignal lists active and expired subscriptions separately',
		},
		...returnAllOrLimit,
	],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const output: INodeExecutionData[] = [];
		const pages = subscriptionPages.call(this, {
			version: apiVersion(this, itemIndex),
			expired: this.getNodeParameter('status', itemIndex, 'active') === 'expired',
			itemIndex,
		});
		for await (const page of pages) {
			for (const subscription of page.slice(0, limit - output.length)) {
				output.push({ json: subscription });
			}
			if (output.length >= limit) break;
		}
		return output;
	});
}
