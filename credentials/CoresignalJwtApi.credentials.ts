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
		...connectionFields,
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
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: subscriptionsPath('v1'),
			method: 'GET',
		},
		rules: credentialTestRules(
			'JWT Token',
			' If it does, Coresignal no longer answers the legacy v1 API for you: use a Coresignal API credential (API key) instead.',
		),
	};
}
