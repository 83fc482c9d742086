import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { timeoutSecondsField } from '../nodes/shared/descriptions';

export class CoresignalApi implements ICredentialType {
	name = 'coresignalApi';

	displayName = 'Coresignal API';

	icon: Icon = { light: 'file:../icons/coresignal.svg', dark: 'file:../icons/coresignal.dark.svg' };

	documentationUrl = 'https://docs.coresignal.com/api-introduction/authorization';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The 32-character API key from the Coresignal dashboard (Settings → API keys). Sent as the "apikey" header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.coresignal.com/cdapi',
			description:
				'Leave the default unless you are pointing the node at a test server. Must include the "/cdapi" path.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Caps every Coresignal call made with this credential. 0 uses Coresignal's documented per-endpoint limits (search 18/s, collect 54/s, bulk 27/s, subscriptions 9/min). Lower it if your plan allows fewer.",
		},
		timeoutSecondsField('Coresignal'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				apikey: '={{$credentials.apiKey}}',
			},
		},
	};

	// Listing subscriptions costs no credits, unlike search or collect.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/subscriptions',
			method: 'GET',
		},
	};
}
