import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as renew from './renew.operation';
import * as simulate from './simulate.operation';

// "getAll" is the value saved workflows hold for Get Many.
export const operations: Operations = {
	create,
	delete: del,
	get,
	getAll,
	renew,
	simulate,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Subscribe a webhook URL to employee changes',
				action: 'Create a subscription',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Stop a subscription',
				action: 'Delete a subscription',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a subscription with its query and last delivery date',
				action: 'Get a subscription',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List active or expired subscriptions',
				action: 'Get many subscriptions',
			},
			{
				name: 'Renew',
				value: 'renew',
				description: 'Extend a subscription before it expires',
				action: 'Renew a subscription',
			},
			{
				name: 'Simulate',
				value: 'simulate',
				description: 'Send an example notification to a webhook URL',
				action: 'Simulate a subscription notification',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...renew.description,
	...del.description,
	...simulate.description,
];
