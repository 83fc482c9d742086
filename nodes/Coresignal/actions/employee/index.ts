import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as collect from './collect.operation';
import * as search from './search.operation';

export const operations: Operations = { collect, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['employee'] } },
		options: [
			{
				name: 'Collect',
				value: 'collect',
				description: 'Get the full profile of an employee by ID, shorthand name or profile URL',
				action: 'Collect an employee profile',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find employee IDs with an Elasticsearch DSL query',
				action: 'Search employees',
			},
		],
		default: 'search',
	},
	...search.description,
	...collect.description,
];
