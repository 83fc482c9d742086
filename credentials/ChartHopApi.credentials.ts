import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_BASE_URL,
	DEFAULT_REQUESTS_PER_SECOND,
	ORG_PREFIX,
} from '../nodes/ChartHop/transport/endpoints';
import { timeoutSecondsField } from '../nodes/shared/descriptions';
import { CREDENTIAL_TEST_BASE_URL } from '../nodes/shared/request';
import { MIN_SECRET_LENGTH } from '../nodes/shared/webhookAuth';

export class ChartHopApi implements ICredentialType {
	name = 'chartHopApi';

	displayName = 'ChartHop API';

	icon: Icon = { light: 'file:../icons/charthop.svg', dark: 'file:../icons/charthop.dark.svg' };

	documentationUrl = 'https://docs.charthop.com/developer-basics';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API token of your ChartHop app (Settings → Apps & Integrations → your app). Sent as "Authorization: Bearer …".',
		},
		{
			displayName: 'Organization',
			name: 'organization',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. acme',
			description:
				'Your organization ID or slug: the first path segment of app.charthop.com/<slug>/…',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Leave the default unless you are pointing the node at a test server',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `Caps every ChartHop call made with this credential. 0 means ${DEFAULT_REQUESTS_PER_SECOND} requests per second.`,
		},
		timeoutSecondsField('ChartHop'),
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. the output of: openssl rand -hex 24',
			description: `Only for the ChartHop Trigger with Manual registration (app event notifications): a random value that ChartHop sends back with every notification, as ?secret=… in the notification URL or in the X-N8N-Secret header. At least ${MIN_SECRET_LENGTH} characters, only letters, digits, - and _ so it can travel in the URL. Leave empty for Automatic registration: n8n then makes its own secret.`,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: `=${ORG_PREFIX}{{encodeURIComponent($credentials.organization)}}`,
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ChartHop did not accept the API Token (401 Unauthorized): check API Token, copy it again from Settings → Apps & Integrations → your app.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API Token may not read this organization (403 Forbidden): check Organization, and that your app is installed in it.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `ChartHop knows no organization with this ID or slug at this Base URL (404 Not Found): check Organization, the first path segment of app.charthop.com/<slug>/… or the org ID. If it is right, check Base URL: ${DEFAULT_BASE_URL}, with no path.`,
				},
			},
		],
	};
}
