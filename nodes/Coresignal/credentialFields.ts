import type { IAuthenticateRuleResponseCode, INodeProperties } from 'n8n-workflow';

import { timeoutSecondsField } from '../shared/descriptions';
import { DEFAULT_BASE_URL, spacedLimitsText } from './transport/endpoints';

/** Where and how fast the node calls Coresignal: the same for the API key and the JWT credential. */
export const connectionFields: INodeProperties[] = [
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: DEFAULT_BASE_URL,
		description:
			'Leave the default unless you are pointing the node at a test server. Must include the "/cdapi" path.',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `Caps every Coresignal call made with this credential. 0 uses Coresignal's documented per-endpoint limits (${spacedLimitsText()}). Lower it if your plan allows fewer.`,
	},
	timeoutSecondsField('Coresignal'),
];

/**
 * What the credential test says when Coresignal refuses it, naming the field to fix. Coresignal
 * answers 401 for "no valid API key" and 404 for a "nonexistent API URL"
 * (https://docs.coresignal.com/api-introduction/response-codes), e.g. a Base URL without /cdapi.
 */
export function credentialTestRules(
	secretField: string,
	notFoundHint = '',
): IAuthenticateRuleResponseCode[] {
	const wrongSecret = `check ${secretField}: copy it again from your Coresignal account, without spaces.`;
	return [
		{
			type: 'responseCode',
			properties: {
				value: 401,
				message: `Coresignal did not accept the ${secretField} (401 Unauthorized): ${wrongSecret}`,
			},
		},
		{
			type: 'responseCode',
			properties: {
				value: 403,
				message: `Coresignal refused the ${secretField} (403 Forbidden): ${wrongSecret}`,
			},
		},
		{
			type: 'responseCode',
			properties: {
				value: 404,
				message: `Coresignal has no API at this Base URL (404 Not Found): check Base URL, it must end in /cdapi with nothing after it, e.g. ${DEFAULT_BASE_URL}.${notFoundHint}`,
			},
		},
	];
}
