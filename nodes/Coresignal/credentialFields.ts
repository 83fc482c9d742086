import type { INodeProperties } from 'n8n-workflow';

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
