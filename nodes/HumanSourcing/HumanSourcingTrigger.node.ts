import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { rejectDelivery } from '../shared/webhookAuth';
import { assertUsableSecret, authenticationFailure } from './auth';
import { readJsonBody } from '../shared/webhookBody';
import { toHrEvent } from './normalize';
import { parseDelivery } from './payload';
import { triggerProperties } from './properties';

export class HumanSourcingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Human Sourcing Trigger',
		name: 'humanSourcingTrigger',
		icon: {
			light: 'file:../../icons/humansourcing.svg',
			dark: 'file:../../icons/humansourcing.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["types"].join(", ") + ": " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Human Sourcing pushes job or candidate events',
		defaults: { name: 'Human Sourcing Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'humanSourcingWebhookApi',
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	// Human Sourcing has no registration API: there is never anything remote to find, create or
	// delete. Activation still checks the secret so a misconfigured node fails loudly up front
	// instead of answering 401 to every delivery.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertUsableSecret(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refusal = await authenticationFailure(this);
		if (refusal !== undefined) return rejectDelivery(this, 401, refusal);

		const body = readJsonBody(this);
		if (!body.ok) return rejectDelivery(this, 400, body.message);
		const delivery = parseDelivery(body.body);
		if (!delivery.ok) return rejectDelivery(this, 400, delivery.message);

		const types = this.getNodeParameter('types', []) as string[];
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as {
			simplify?: boolean;
			includeRaw?: boolean;
		};
		const normalize = {
			receivedAt: new Date().toISOString(),
			simplify: options.simplify === true,
			includeRaw: options.includeRaw === true,
		};

		const items = [];
		for (const event of delivery.events) {
			if (types.includes(event.type) && events.includes(event.event)) {
				items.push({ json: toHrEvent(event, normalize) as IDataObject });
			}
		}
		if (items.length === 0) {
			const received = delivery.events.length;
			const message =
				received === 0
					? 'Received an empty delivery: nothing to do'
					: `None of the ${received} received events matches the selected types and events`;
			return { webhookResponse: { message } };
		}
		return { workflowData: [items] };
	}
}
