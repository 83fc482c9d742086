import type { INodeProperties } from 'n8n-workflow';

import type { Operations } from '../../../shared/operation';
import * as download from './download.operation';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';
import * as wait from './wait.operation';

export const operations: Operations = { download, getStatus, submit, wait };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkCollect'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download the collected records as items or as a file',
				action: 'Download bulk collect files',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Check whether the files of a bulk collect request are ready',
				action: 'Get bulk collect status',
			},
			{
				name: 'Submit',
				value: 'submit',
				description: 'Start collecting up to 10,000 employee profiles in the background',
				action: 'Submit a bulk collect request',
			},
			{
				name: 'Wait',
				value: 'wait',
				description: 'Poll until the files of a bulk collect request are ready',
				action: 'Wait for a bulk collect request',
			},
		],
		default: 'submit',
	},
	...submit.description,
	...getStatus.description,
	...wait.description,
	...download.description,
];
