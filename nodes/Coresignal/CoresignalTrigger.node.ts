import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withStandAloneErrors } from '../shared/hooks';
import { credentialsByVersion } from './transport/api';
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
		// Version 2: Collect Full Profile puts a simplified profile in "data" by default (Simplify).
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["event"] === "experience" ? "Experience changes" : "Profile changes"}}',
		description:
			'Starts the workflow when Coresignal reports employee profile or experience changes',
		defaults: { name: 'Coresignal Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByVersion,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: withStandAloneErrors({ checkExists, create, delete: deleteSubscription }),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
