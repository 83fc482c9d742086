import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an event',
				description: 'Get one event with its payload',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many events',
				description: 'List past events (without their payloads)',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
