import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { connectionFields, credentialTestRules } from '../nodes/Coresignal/credentialFields';
import { subscriptionsPath } from '../nodes/Coresignal/transport/endpoints';
import { CREDENTIAL_TEST_BASE_URL } from '../nodes/shared/request';

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
		...connectionFields,
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
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: subscriptionsPath('v2'),
			method: 'GET',
		},
		rules: credentialTestRules('API Key'),
	};
}
