import type { INodeProperties } from 'n8n-workflow';
import { includeRawOption } from '../shared/descriptions';

/** Query parameter that carries the token in "Token in URL" mode. */
export const URL_TOKEN_PARAMETER = 'token';

/** Shortest secret the node accepts: anything shorter is guessable. */
export const MIN_SECRET_LENGTH = 16;

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Human Sourcing has no API to register webhooks: send them the Production URL above and ask them to push job and candidate events to it. Activate the workflow first; each delivery then starts one execution with one item per event.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'Header',
				value: 'headerAuth',
				description: 'Human Sourcing sends a secret in an HTTP header (recommended)',
			},
			{
				name: 'Token in URL',
				value: 'urlToken',
				description: 'The secret is part of the URL you give to Human Sourcing (?token=…)',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
		],
		default: 'headerAuth',
		description: 'How the node recognises calls that really come from Human Sourcing',
	},
	{
		displayName:
			'Calls without the right header are answered 401 and start no execution. Give Human Sourcing the header name and secret from the credential together with the Production URL.',
		name: 'headerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['headerAuth'] } },
	},
	{
		displayName: 'Token',
		name: 'urlToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'e.g. 3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a8e',
		description: `A long random value (at least ${MIN_SECRET_LENGTH} characters: letters, digits, - or _) that only you and Human Sourcing know`,
		displayOptions: { show: { authentication: ['urlToken'] } },
	},
	{
		displayName: `Give Human Sourcing the Production URL followed by ?${URL_TOKEN_PARAMETER}= and the token above, e.g. https://your-n8n.example.com/webhook/…/webhook?${URL_TOKEN_PARAMETER}=YOUR_TOKEN. Calls with a missing or wrong token are answered 401 and start no execution.`,
		name: 'urlTokenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['urlToken'] } },
	},
	{
		displayName:
			'Anyone who finds this URL can start the workflow. Use Header or Token in URL unless the workflow is only for testing.',
		name: 'noAuthNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		options: [
			{ name: 'Candidate', value: 'candidate' },
			{ name: 'Job', value: 'job' },
		],
		default: ['candidate', 'job'],
		required: true,
		description:
			'Which records start the workflow; events for other types are acknowledged and ignored',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Creation', value: 'creation' },
			{ name: 'Delete', value: 'delete' },
			{ name: 'Update', value: 'update' },
		],
		default: ['creation', 'update', 'delete'],
		required: true,
		description: 'Which changes start the workflow; other events are acknowledged and ignored',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			includeRawOption('element', 'Human Sourcing'),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description:
					'Whether to return the most used job or candidate fields under readable names (title, city, email, latestAction…) instead of the full record',
			},
		],
	},
];
