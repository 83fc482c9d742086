import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CUSTOM_EVENT, EVENT_CODE_OPTIONS } from './eventCodes';
import {
	ignoreRepeatsOption,
	includeRawOption,
	onUnrecognizedOption,
} from '../../shared/descriptions';
import { labelSubtitle } from '../../shared/subtitle';

/** How a custom pattern is written, in both ChartHop triggers. */
const PATTERN_SYNTAX =
	'An event code with optional * wildcards, e.g. change.update.job or timeoff.*';

/** The event code dropdown of one pattern row. */
const eventCodeField: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	options: EVENT_CODE_OPTIONS,
	default: 'change.create.hire',
	description: 'Which ChartHop events start the workflow. Wildcards match the rest of the code.',
};

/** The free-text pattern shown when the dropdown is set to "Custom Pattern". */
const customPatternField = (description: string): INodeProperties => ({
	displayName: 'Custom Pattern',
	name: 'customEvent',
	type: 'string',
	default: '',
	placeholder: 'e.g. change.*.hire',
	description,
	displayOptions: { show: { event: [CUSTOM_EVENT] } },
});

/** The CQL filter of one pattern (in the list, or of the version 3 single event). */
function cqlFilterField(): INodeProperties {
	return {
		displayName: 'CQL Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: 'e.g. department:engineering directs > 0',
		description:
			'Only events whose person or job matches this ChartHop CQL filter. Allowed on change.* and person.* events only.',
	};
}

const v1 = { '@version': [1] };
const v2 = { '@version': [{ _cnd: { gte: 2 } }] };
const beforeV3 = { '@version': [1, 2] };
const v3 = { '@version': [{ _cnd: { gte: 3 } }] };

/** "Trigger On" value that shows the full list of event patterns. */
export const PATTERN_LIST = '__patterns';

/** The events offered directly under "Trigger On", with their node creator entry. */
const QUICK_EVENTS: Record<string, string> = {
	'change.create.hire': 'On new hire',
	'change.create.depart': 'On departure',
	'change.create.move': 'On move or transfer',
	'person.update': 'On person updated',
	'*': 'On any ChartHop event',
};

/** Version 3 shows what starts the workflow ("New hire"); earlier versions how it is registered. */
export const triggerSubtitle = labelSubtitle(
	'$parameter["triggerOn"]',
	{
		...Object.fromEntries(
			Object.entries(QUICK_EVENTS).map(([code, entry]) => [
				code,
				entry.charAt(3).toUpperCase() + entry.slice(4),
			]),
		),
		[PATTERN_LIST]: 'Custom patterns',
	},
	'($parameter["registration"] === "manual" ? "App notifications" : "Automated action")',
);

const TRIGGER_ON_OPTIONS: INodePropertyOptions[] = [
	...EVENT_CODE_OPTIONS.filter((option) => String(option.value) in QUICK_EVENTS).map((option) => ({
		...option,
		action: QUICK_EVENTS[String(option.value)],
	})),
	{
		name: 'Custom Patterns',
		value: PATTERN_LIST,
		action: 'On custom pattern',
		description:
			'One or more events or wildcard patterns from the full list, each with its own CQL filter',
	},
];

/**
 * Version 3: what starts the workflow, as one choice. n8n's node creator lists one entry per option
 * of the first top-level "Event"/"Events"/"Trigger On" parameter ("On new hire" …); before it, the
 * only such parameter was the pattern list, listed as a single entry "On pattern". Saved version 1
 * and 2 nodes keep the pattern list alone.
 */
const triggerOnField: INodeProperties = {
	displayName: 'Trigger On',
	name: 'triggerOn',
	type: 'options',
	noDataExpression: true,
	options: TRIGGER_ON_OPTIONS,
	default: 'change.create.hire',
	displayOptions: { show: v3 },
};

/**
 * The list of event patterns. The ChartHop Trigger registers each with its own CQL filter; the
 * ChartHop Poll Trigger reads the event list, which CQL cannot filter, so its rows have none.
 */
export function eventPatternsField({ cqlFilter }: { cqlFilter: boolean }): INodeProperties {
	const values = cqlFilter
		? [
				eventCodeField,
				customPatternField(`${PATTERN_SYNTAX}. A CQL filter may follow in [brackets].`),
				cqlFilterField(),
			]
		: [eventCodeField, customPatternField(PATTERN_SYNTAX)];
	const firstRow = cqlFilter
		? { event: 'change.create.hire', filter: '' }
		: { event: 'change.create.hire' };
	return {
		displayName: 'Events',
		name: 'events',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		required: true,
		placeholder: 'Add Event Pattern',
		default: { pattern: [firstRow] },
		options: [{ displayName: 'Pattern', name: 'pattern', values }],
	};
}

const eventsField = eventPatternsField({ cqlFilter: true });

export const triggerProperties: INodeProperties[] = [
	triggerOnField,
	{
		...cqlFilterField(),
		displayOptions: { show: v3, hide: { triggerOn: ['*', PATTERN_LIST] } },
	},
	{ ...eventsField, displayOptions: { show: beforeV3 } },
	{ ...eventsField, displayOptions: { show: { ...v3, triggerOn: [PATTERN_LIST] } } },
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
						placeholder: 'e.g. workEmail',
					},
					{
						displayName: 'CQL Expression',
						name: 'expression',
						type: 'string',
						default: '',
						placeholder: 'e.g. contact.workEmail',
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
