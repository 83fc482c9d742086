import type { INodeProperties } from 'n8n-workflow';

import { includeRawOption, onUnrecognizedOption } from '../../shared/descriptions';
import { MIN_SECRET_LENGTH } from '../../shared/webhookAuth';
import { DEFAULT_HEADER_NAME, URL_TOKEN_PARAMETER } from './auth';

const v1 = { '@version': [1] };
const v2 = { '@version': [{ _cnd: { gte: 2 } }] };
const beforeV3 = { '@version': [{ _cnd: { lt: 3 } }] };
const v3 = { '@version': [{ _cnd: { gte: 3 } }] };

const SIMPLIFIED =
	'the most used job or candidate fields under readable names (title, city, category, email, latestAction…)';

const EXAMPLE_URL = `https://your-n8n.example.com/webhook/…/webhook?${URL_TOKEN_PARAMETER}=`;

const TYPE_LABELS = {
	candidate: 'Candidates',
	job: 'Jobs',
	'candidate,job': 'Candidates and jobs',
};
const EVENT_LABELS = { creation: 'created', update: 'updated', delete: 'deleted' };

/** "Candidates and jobs: created, updated" rather than the raw "candidate, job: creation, update". */
export const triggerSubtitle = `={{ (${JSON.stringify(TYPE_LABELS)})[$parameter["types"].slice().sort().join()] ?? $parameter["types"].join(", ") }}: {{ $parameter["events"].map((event) => (${JSON.stringify(EVENT_LABELS)})[event] ?? event).join(", ") }}`;

// Human Sourcing has no API to register webhooks (https://doc-api-core.humansourcing.com/content/webhook.html):
// the user hands them the URL, so each authentication's notice says what to hand over.
const AUTHENTICATION_DESCRIPTION = `How the node recognises calls that really come from Human Sourcing. Calls without the right secret (at least ${MIN_SECRET_LENGTH} letters, digits, - or _) are answered 401 and start no execution; each accepted delivery starts one execution with one item per event.`;

/** Version 1: Header by default, the URL token typed into the node. Kept as it was for existing workflows. */
const authenticationV1: INodeProperties[] = [
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
				description: `The secret is part of the URL you give to Human Sourcing (?${URL_TOKEN_PARAMETER}=…)`,
			},
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
		],
		default: 'headerAuth',
		description: AUTHENTICATION_DESCRIPTION,
		displayOptions: { show: v1 },
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
		displayOptions: { show: { ...v1, authentication: ['urlToken'] } },
	},
	{
		displayName: `Activate the workflow, then ask Human Sourcing to push job and candidate events to the Production URL followed by ?${URL_TOKEN_PARAMETER}= and the token above, e.g. ${EXAMPLE_URL}YOUR_TOKEN`,
		name: 'urlTokenNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...v1, authentication: ['urlToken'] } },
	},
];

/**
 * Version 2: the default accepts a delivery exactly as Human Sourcing documents it (no custom
 * header): the secret travels in the URL and is kept in the credential, not in the workflow.
 */
const authenticationV2: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'Secret in URL',
				value: 'urlSecret',
				description: `The credential's secret is part of the URL you give Human Sourcing (?${URL_TOKEN_PARAMETER}=…): works with deliveries exactly as Human Sourcing documents them`,
			},
			{
				name: 'Header',
				value: 'headerAuth',
				description:
					"Human Sourcing sends the credential's secret in the credential's HTTP header (only if they agree to add one)",
			},
			{
				name: 'None',
				value: 'none',
				description: 'Anyone who knows the URL can start the workflow',
			},
		],
		default: 'urlSecret',
		description: AUTHENTICATION_DESCRIPTION,
		displayOptions: { show: v2 },
	},
	{
		displayName: `Activate the workflow, then ask Human Sourcing to push job and candidate events to the Production URL followed by ?${URL_TOKEN_PARAMETER}= and the credential's Secret, e.g. ${EXAMPLE_URL}YOUR_SECRET`,
		name: 'urlSecretNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...v2, authentication: ['urlSecret'] } },
	},
];

export const triggerProperties: INodeProperties[] = [
	...authenticationV1,
	...authenticationV2,
	{
		displayName: `Activate the workflow, then ask Human Sourcing to push job and candidate events to the Production URL, sending the credential's Secret in its header (default ${DEFAULT_HEADER_NAME})`,
		name: 'headerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['headerAuth'] } },
	},
	{
		displayName:
			'Anyone who finds this URL can start the workflow. Use another authentication unless the workflow is only for testing.',
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
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data: ${SIMPLIFIED}`,
		displayOptions: { show: v3 },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			includeRawOption('element', 'Human Sourcing'),
			onUnrecognizedOption('humansourcing'),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description: `Whether to return ${SIMPLIFIED} instead of the full record`,
				displayOptions: { show: beforeV3 },
			},
		],
	},
];
