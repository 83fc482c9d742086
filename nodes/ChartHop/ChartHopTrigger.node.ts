import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { headerValue, rejectDelivery, secretsMatch } from '../shared/webhookAuth';
import { readJsonBody } from '../shared/webhookBody';
import { codeMatches, eventMatches } from './cql/pattern';
import { eventCode, matchFiltersOf, parseDelivery, toHrEvent } from './trigger/delivery';
import {
	PATTERN_HEADER,
	SECRET_HEADER,
	SECRET_QUERY,
	triggerProperties,
} from './trigger/description';
import type { RegistrationState } from './trigger/lifecycle';
import { createRegistration, deleteRegistration, registrationExists } from './trigger/lifecycle';
import type { Registration } from './trigger/subscriptions';
import { readSubscriptions } from './trigger/subscriptions';

export class ChartHopTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChartHop Trigger',
		name: 'chartHopTrigger',
		icon: { light: 'file:../../icons/charthop.svg', dark: 'file:../../icons/charthop.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["registration"] === "manual" ? "App notifications" : "Automated action"}}',
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
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') === 'manual') return false;
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration') === 'manual') {
					// Nothing to register: ChartHop support sets the URL up. Still fail activation on a bad pattern.
					readSubscriptions(this);
					return true;
				}
				return await createRegistration.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Also in manual mode: actions left from when the node was set to automatic must go.
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const registration = this.getNodeParameter('registration', 'automatic') as Registration;
		const stored = this.getWorkflowStaticData('node') as RegistrationState;
		const expected =
			registration === 'manual'
				? (this.getNodeParameter('sharedSecret', '') as string)
				: stored.secret;
		const query = this.getQueryData() as IDataObject;
		const received =
			headerValue(this, SECRET_HEADER) ??
			(registration === 'manual' && typeof query[SECRET_QUERY] === 'string'
				? (query[SECRET_QUERY] as string)
				: undefined);
		if (!secretsMatch(received, expected)) {
			return rejectDelivery(
				this,
				401,
				registration === 'manual'
					? 'Missing or wrong secret: add ?secret=<Shared Secret> to the notification URL'
					: `Missing or wrong ${SECRET_HEADER} header`,
			);
		}

		const body = readJsonBody(this);
		if (!body.ok) return rejectDelivery(this, 400, body.message);
		const parsed = parseDelivery(body.body);
		if (!parsed.ok) return rejectDelivery(this, 400, parsed.error);

		const { patterns } = readSubscriptions(this);
		const options = this.getNodeParameter('options', {}) as { includeRaw?: boolean };
		const receivedAt = new Date().toISOString();
		const automatic = registration === 'automatic';
		// The header names the pattern whose action sent the delivery; try that one first.
		const sentFor = Number(headerValue(this, PATTERN_HEADER));
		const candidates = automatic && patterns[sentFor] ? [patterns[sentFor], ...patterns] : patterns;

		const items = parsed.events.flatMap((event) => {
			const code = eventCode(event);
			const pattern = candidates.find((candidate) =>
				// Automated actions were filtered by ChartHop itself; app notifications list the filters they matched.
				automatic
					? codeMatches(candidate, code)
					: eventMatches(candidate, code, matchFiltersOf(event)),
			);
			if (!pattern) return [];
			const subscriptionId = stored.actions?.find((action) => action.pattern === pattern.text)?.id;
			const subscription = subscriptionId
				? { id: subscriptionId, pattern: pattern.text }
				: { pattern: pattern.text };
			return [
				{
					json: toHrEvent(event, {
						receivedAt,
						subscription,
						includeRaw: options.includeRaw === true,
					}),
				},
			];
		});

		if (items.length === 0) {
			return {
				webhookResponse: {
					status: 'ignored',
					message: `None of the ${parsed.events.length} event(s) matched this trigger's patterns`,
				},
			};
		}
		return { workflowData: [items] };
	}
}
