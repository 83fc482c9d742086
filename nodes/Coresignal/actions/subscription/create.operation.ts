import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readSubscriptionSpec, subscriptionFields } from '../../subscriptions/fields';
import { createBody, createPath } from '../../subscriptions/spec';
import { coresignalRequest } from '../../transport/api';
import { apiVersion, parseInput } from '../common';
import { readWebhookUrl, webhookUrlField } from './webhookUrl';

const displayOptions = { show: { resource: ['subscription'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'To receive the changes in a workflow, use the Coresignal Trigger node instead: it creates, renews and deletes its subscription for you',
		name: 'triggerNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{ ...webhookUrlField, displayOptions },
	...subscriptionFields(displayOptions),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const webhookUrl = readWebhookUrl(this, itemIndex);
	const { path, body } = parseInput(this, itemIndex, () => {
		const spec = readSubscriptionSpec((name, fallback) =>
			this.getNodeParameter(name, itemIndex, fallback),
		);
		return { path: createPath(spec), body: createBody(spec, webhookUrl) };
	});
	const response = await coresignalRequest.call(this, {
		version: apiVersion(this, itemIndex),
		method: 'POST',
		path,
		bucket: 'subscriptions',
		body,
		itemIndex,
	});
	const created =
		response.body && typeof response.body === 'object'
			? (response.body as IDataObject)
			: { id: response.body ?? null };
	return [{ json: { ...created, webhook_url: webhookUrl } }];
}
