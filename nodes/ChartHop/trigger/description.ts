import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_EVENT, EVENT_CODE_OPTIONS } from './eventCodes';
import {
	ignoreRepeatsOption,
	includeRawOption,
	onUnrecognizedOption,
} from '../../shared/descriptions';

/** The event code dropdown of one pattern row (shared with the ChartHop Poll Trigger). */
export const eventCodeField: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	options: EVENT_CODE_OPTIONS,
	default: 'change.create.hire',
	description: 'Which ChartHop events start the workflow. Wildcards match the rest of the code.',
};

/** The free-text pattern shown when the dropdown is set to "Custom Pattern". */
export const customPatternField: INodeProperties = {
	displayName: 'Custom Pattern',
	name: 'customEvent',
	type: 'string',
	default: '',
	placeholder: 'change.*.hire',
	description:
		'An event code with optional * wildcards, e.g. change.update.job or timeoff.*. A CQL filter may follow in [brackets].',
	displayOptions: { show: { event: [CUSTOM_EVENT] } },
};

const v1 = { '@version': [1] };
const v2 = { '@version': [{ _cnd: { gte: 2 } }] };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic (Automated Action)',
				value: 'automatic',
				description:
					'On activation n8n creates one ChartHop automated action per event pattern, with an HTTP step that calls this workflow, and deletes it on deactivation',
			},
			{
				name: 'Manual (App Event Notification URL)',
				value: 'manual',
				description:
					'ChartHop support points your app at this workflow once; n8n filters incoming events by the patterns below',
			},
		],
		default: 'automatic',
	},
	{
		displayName:
			"The credential's app needs permission to manage automated actions (usually an Owner app). n8n sends a random secret header with every delivery and rejects calls without it; it keeps only the secret's hash.",
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['automatic'] } },
	},
	{
		displayName:
			'Give ChartHop the Production URL above with "?secret=" and your Shared Secret appended, e.g. https://n8n.example.com/webhook/…/webhook?secret=…, as your app\'s event notification URL, and ask them to subscribe the app to the same patterns (with the same [filters]). A Webhook Secret set in the credential replaces the Shared Secret.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], ...v1 } },
	},
	{
		displayName:
			'Give ChartHop the Production URL above with "?secret=" and the Webhook Secret of the ChartHop credential appended, e.g. https://n8n.example.com/webhook/…/webhook?secret=…, as your app\'s event notification URL, and ask them to subscribe the app to the same patterns (with the same [filters]).',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'], ...v2 } },
	},
	{
		// Version 1 only: a node parameter is stored in plain text in the workflow, its history and
		// every execution. Version 2 reads the credential's Webhook Secret instead.
		displayName: 'Shared Secret',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'A long random value that ChartHop sends back in the "secret" query parameter (or an X-N8N-Secret header). Deliveries without it are rejected with 401. Prefer the Webhook Secret of the ChartHop credential: workflow viewers cannot read it, and it replaces this value when set.',
		displayOptions: { show: { registration: ['manual'], ...v1 } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		required: true,
		placeholder: 'Add Event Pattern',
		default: { pattern: [{ event: 'change.create.hire', filter: '' }] },
		options: [
			{
				displayName: 'Pattern',
				name: 'pattern',
				values: [
					eventCodeField,
					customPatternField,
					{
						displayName: 'CQL Filter',
						name: 'filter',
						type: 'string',
						default: '',
						placeholder: 'department:engineering directs > 0',
						description:
							'Only events whose person or job matches this ChartHop CQL filter. Allowed on change.* and person.* events only.',
					},
				],
			},
		],
	},
	{
		displayName: 'Custom Payload',
		name: 'customPayload',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Payload Field',
		default: {},
		description:
			"Send only these values instead of ChartHop's default payload. Each value is a CQL expression. Only for change.* events.",
		displayOptions: { show: { registration: ['automatic'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'workEmail',
					},
					{
						displayName: 'CQL Expression',
						name: 'expression',
						type: 'string',
						default: '',
						placeholder: 'contact.workEmail',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			ignoreRepeatsOption,
			includeRawOption('event', 'ChartHop'),
			onUnrecognizedOption('charthop'),
			{
				displayName: 'Validate CQL With ChartHop',
				name: 'validateCql',
				type: 'boolean',
				default: true,
				description:
					"Whether to check filters and payload expressions with ChartHop's CQL validator on activation (skipped with a warning if the token may not call it)",
			},
		],
	},
];
