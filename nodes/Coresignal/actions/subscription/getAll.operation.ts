import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { readLimit } from '../../../shared/operation';
import { subscriptionPages } from '../../transport/pagination';
import { apiVersion } from '../common';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex) ?? Infinity;
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
}
