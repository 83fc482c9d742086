import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const webhookUrlField: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. https://n8n.example.com/webhook/coresignal-changes',
	description:
		'Where Coresignal sends notifications: an https URL it can reach, such as the production URL of a Webhook node',
};

export function readWebhookUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'webhookUrl',
): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) {
		throw new NodeOperationError(context.getNode(), `"${value}" is not a webhook URL`, {
			itemIndex,
			description:
				'Enter a full http(s) URL that Coresignal can reach from the internet, for example the production URL of a Webhook node.',
		});
	}
	return value;
}
