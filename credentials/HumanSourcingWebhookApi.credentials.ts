import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { MIN_SECRET_LENGTH } from '../nodes/shared/webhookAuth';

// Authenticates Human Sourcing's calls *to* n8n. Human Sourcing offers no API to check a secret
// against, so "Test" is the Human Sourcing Trigger's credential test (testedBy), which checks the
// secret's form: long enough, and usable in a URL and in a header.
export class HumanSourcingWebhookApi implements ICredentialType {
	name = 'humanSourcingWebhookApi';

	displayName = 'Human Sourcing Webhook API';

	icon: Icon = {
		light: 'file:../icons/humansourcing.svg',
		dark: 'file:../icons/humansourcing.dark.svg',
	};

	documentationUrl = 'https://doc-api-core.humansourcing.com/content/webhook.html';

	properties: INodeProperties[] = [
		{
			displayName:
				"With Secret in URL (the default), give Human Sourcing the trigger's Production URL followed by ?token= and the secret below. With Header, give them the URL, the header name and the secret. Calls without the right secret are answered 401 and start no execution.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. the output of: openssl rand -hex 24',
			description: `A long random value that only you and Human Sourcing know: at least ${MIN_SECRET_LENGTH} characters, only letters, digits, - and _ so it can travel in the URL`,
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Webhook-Secret',
			description:
				'Only for Header authentication: the HTTP header Human Sourcing sends the secret in',
		},
	];
}
