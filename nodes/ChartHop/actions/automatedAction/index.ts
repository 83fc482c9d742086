import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as create from './create.operation';
import * as deleteAction from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Operations = { create, delete: deleteAction, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an automated action',
				description: 'Create an automated action with an HTTP step',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete an automated action' },
			{ name: 'Get', value: 'get', action: 'Get an automated action' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many automated actions' },
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...deleteAction.description,
];
