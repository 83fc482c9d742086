import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as evaluate from './evaluate.operation';
import * as validate from './validate.operation';

export const operations: Operations = { evaluate, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cql'] } },
		options: [
			{
				name: 'Evaluate',
				value: 'evaluate',
				action: 'Evaluate a CQL expression',
				description: 'Evaluate an expression on one person or job',
			},
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate CQL expressions',
				description: 'Check the syntax and fields of CQL expressions',
			},
		],
		default: 'validate',
	},
	...evaluate.description,
	...validate.description,
];
