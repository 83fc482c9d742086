import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { coresignalCredentials } from './subscriptions/fields';
import { triggerProperties } from './trigger/description';
import { checkExists, create, deleteSubscription } from './trigger/lifecycle';
import { handleDelivery } from './trigger/webhook';

export class CoresignalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coresignal Trigger',
		name: 'coresignalTrigger',
		icon: {
			light: 'file:../../icons/coresignal.svg',
			dark: 'file:../../icons/coresignal.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "experience" ? "Experience changes" : "Profile changes"}}',
		description:
			'Starts the workflow when Coresignal reports employee profile or experience changes',
		defaults: { name: 'Coresignal Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: coresignalCredentials,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
