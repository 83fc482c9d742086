import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { timeoutSecondsField } from '../nodes/shared/descriptions';

export class CoresignalJwtApi implements ICredentialType {
	name = 'coresignalJwtApi';

	displayName = 'Coresignal Legacy (JWT) API';

	icon: Icon = { light: 'file:../icons/coresignal.svg', dark: 'file:../icons/coresignal.dark.svg' };

	documentationUrl = 'https://docs.coresignal.com/api/authorization';

	properties: INodeProperties[] = [
		{
			displayName:
				'Coresignal asks JWT users to move to an API key. Use this credential only for the legacy v1 endpoints.',
			name: 'legacyNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'JWT Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The JSON Web Token Coresignal issued for the v1 API. Sent as "Authorization: Bearer …".',
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
				"Caps every Coresignal call made with this credential. 0 uses Coresignal's documented per-endpoint limits.",
		},
		timeoutSecondsField('Coresignal'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/subscriptions',
			method: 'GET',
		},
	};
}
