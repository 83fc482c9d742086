import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { coresignalRequest } from '../../transport/api';
import { simulatePath } from '../../transport/endpoints';
import { apiVersion } from '../common';
import { readWebhookUrl, webhookUrlField } from './webhookUrl';

const displayOptions = { show: { resource: ['subscription'], operation: ['simulate'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Coresignal sends one example notification with a random employee ID to the URL, usually after a few minutes. At most one simulation per second.',
		name: 'simulateNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	...updateDisplayOptions(displayOptions, [webhookUrlField]),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const webhookUrl = readWebhookUrl(this, itemIndex);
	const version = apiVersion(this, itemIndex);
	const response = await coresignalRequest.call(this, {
		version,
		method: 'POST',
		path: simulatePath(version),
		bucket: 'simulate',
		body: { webhook_url: webhookUrl },
		itemIndex,
	});
	const answer =
		response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	return [{ json: { simulated: true, webhook_url: webhookUrl, ...answer } }];
}
