import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withStandAloneErrors } from '../shared/hooks';
import { triggerProperties, triggerSubtitle } from './trigger/description';
import {
	checkManualSetup,
	createRegistration,
	deleteRegistration,
	registrationExists,
} from './trigger/lifecycle';
import { handleDelivery } from './trigger/webhook';

export class ChartHopTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChartHop Trigger',
		name: 'chartHopTrigger',
		icon: { light: 'file:../../icons/charthop.svg', dark: 'file:../../icons/charthop.dark.svg' },
		group: ['trigger'],
		// Version 2: Manual registration reads its secret from the credential's Webhook Secret (hidden
		// from workflow viewers) and has no Shared Secret parameter. Version 1 keeps the parameter
		// for saved workflows (the credential's Webhook Secret wins when both are set).
		// Version 3: "Trigger On" picks one event (listed in the node creator) or the pattern list.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: triggerSubtitle,
		description:
			'Starts the workflow on ChartHop events such as new hires, departures or person updates',
		defaults: { name: 'ChartHop Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'chartHopApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: withStandAloneErrors({
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') === 'manual') return false;
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') === 'manual')
					return await checkManualSetup.call(this);
				return await createRegistration.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Also in manual mode: actions left from when the node was set to automatic must go.
				// Never throws (see lifecycle.ts): n8n would not save what is left to delete.
				return await deleteRegistration.call(this);
			},
		}),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
