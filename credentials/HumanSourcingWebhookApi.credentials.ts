import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Authenticates Human Sourcing's calls *to* n8n. Human Sourcing documents no API to check a
// secret against, so the credential test can only prove that Human Sourcing is reachable.
export class HumanSourcingWebhookApi implements ICredentialType {
	name = 'humanSourcingWebhookApi';

	displayName = 'Human Sourcing Webhook API';

	icon: Icon = {
		light: 'file:../icons/humansourcing.svg',
		dark: 'file:../icons/humansourcing.dark.svg',
	};

	documentationUrl = 'https://www.human-sourcing.com';

	properties: INodeProperties[] = [
		{
			displayName:
				'Give Human Sourcing the header name and secret below together with the webhook URL. Calls without them are answered 401 and start no execution.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Webhook-Secret',
			required: true,
			description: 'The HTTP header Human Sourcing sends the secret in',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random value (at least 16 characters) that only you and Human Sourcing know',
		},
		{
			displayName: 'Human Sourcing URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.human-sourcing.com',
			description:
				'Only used by "Test" to check that Human Sourcing is reachable; incoming calls are checked against the header and secret above',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/',
			method: 'HEAD',
		},
	};
}
