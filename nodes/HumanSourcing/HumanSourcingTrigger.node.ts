import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withStandAloneErrors } from '../shared/hooks';
import { testCredentialForm } from './trigger/auth';
import { triggerProperties, triggerSubtitle } from './trigger/description';
import { checkExists, create, deleteWebhook } from './trigger/lifecycle';
import { handleDelivery } from './trigger/webhook';

export class HumanSourcingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Human Sourcing Trigger',
		name: 'humanSourcingTrigger',
		icon: {
			light: 'file:../../icons/humansourcing.svg',
			dark: 'file:../../icons/humansourcing.dark.svg',
		},
		group: ['trigger'],
		// Version 2: the default authentication (Secret in URL) accepts deliveries exactly as
		// Human Sourcing documents them. Version 1 keeps Header as its default.
		// Version 3: Simplify is a top-level parameter, on by default (under Options and off before).
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: triggerSubtitle,
		description: 'Starts the workflow when Human Sourcing pushes job or candidate events',
		defaults: { name: 'Human Sourcing Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'humanSourcingWebhookApi',
				required: true,
				testedBy: 'humanSourcingWebhookSecret',
				displayOptions: { show: { authentication: ['headerAuth', 'urlSecret'] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			async humanSourcingWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testCredentialForm(credential.data ?? {});
			},
		},
	};

	webhookMethods = {
		default: withStandAloneErrors({ checkExists, create, delete: deleteWebhook }),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
