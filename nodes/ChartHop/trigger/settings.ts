import { createHash } from 'node:crypto';
import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EventPattern } from '../eventPattern';
import { CUSTOM_PAYLOAD_ENTITIES, parsePattern } from '../eventPattern';
import { PATTERN_LIST } from './description';
import { CUSTOM_EVENT } from './eventCodes';

export type RegistrationMode = 'automatic' | 'manual';

export interface TriggerSettings {
	registration: RegistrationMode;
	patterns: EventPattern[];
	/** Key → CQL expression, sent instead of ChartHop's default payload. */
	customPayload?: Record<string, string>;
}

/** One row of the Events parameter (the Poll Trigger's rows have no filter). */
interface PatternParameter {
	event?: string;
	customEvent?: string;
	filter?: string;
}

interface PayloadParameter {
	key?: string;
	expression?: string;
}

type TriggerContext = IHookFunctions | IWebhookFunctions | IPollFunctions;

/** Version 3's single "Trigger On" event, or the pattern list (the only choice before version 3). */
function patternRows(context: TriggerContext): PatternParameter[] {
	const triggerOn = context.getNodeParameter('triggerOn', PATTERN_LIST) as string;
	if (triggerOn !== PATTERN_LIST)
		return [{ event: triggerOn, filter: context.getNodeParameter('filter', '') as string }];
	return (context.getNodeParameter('events.pattern', []) as PatternParameter[]) ?? [];
}

/** The Events rows of a ChartHop trigger: the code each names (picked or typed) and its filter. */
export function readPatternRows(context: TriggerContext): Array<{ code: string; filter: string }> {
	const rows = patternRows(context);
	if (rows.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No event pattern configured', {
			description: 'Add at least one pattern under "Events", for example "New Hire".',
		});
	}
	return rows.map((row) => ({
		code: row.event === CUSTOM_EVENT ? (row.customEvent ?? '') : (row.event ?? ''),
		filter: (row.filter ?? '').trim(),
	}));
}

/** The pattern of Events row `index`; one that does not parse fails with `syntax` as the fix. */
export function parsePatternRow(
	context: TriggerContext,
	index: number,
	text: string,
	syntax: string,
): EventPattern {
	const parsed = parsePattern(text);
	if (!parsed.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`Event pattern ${index + 1} is not valid: ${parsed.error}`,
			{ description: syntax },
		);
	}
	return parsed.pattern;
}

/**
 * The trigger's patterns and custom payload, validated locally. Throws a NodeOperationError that
 * names the pattern and says how to fix it, so activation fails loudly on a typo.
 */
export function readTriggerSettings(context: IHookFunctions | IWebhookFunctions): TriggerSettings {
	const node = context.getNode();
	const registration = context.getNodeParameter('registration', 'automatic') as RegistrationMode;
	const patterns = readPatternRows(context).map(({ code, filter }, index) => {
		if (filter && code.includes('[')) {
			throw new NodeOperationError(node, `Event pattern ${index + 1} has two filters`, {
				description: `"${code}" already has a [filter]; remove it or leave the CQL Filter field empty.`,
			});
		}
		return parsePatternRow(
			context,
			index,
			filter ? `${code} [${filter}]` : code,
			'Patterns are dot-separated event codes with optional * wildcards (e.g. change.create.hire, change.*, *), optionally followed by a CQL filter in [brackets] on change.* and person.* events.',
		);
	});

	const settings: TriggerSettings = { registration, patterns };
	if (registration === 'automatic') {
		const fields =
			(context.getNodeParameter('customPayload.field', []) as PayloadParameter[]) ?? [];
		if (fields.length > 0) settings.customPayload = readCustomPayload(context, fields, patterns);
	}
	return settings;
}

function readCustomPayload(
	context: IHookFunctions | IWebhookFunctions,
	fields: PayloadParameter[],
	patterns: EventPattern[],
): Record<string, string> {
	const node = context.getNode();
	const notChange = patterns.find(
		(pattern) => !CUSTOM_PAYLOAD_ENTITIES.includes(pattern.segments[0]),
	);
	if (notChange) {
		throw new NodeOperationError(node, `A custom payload cannot be used with "${notChange.code}"`, {
			description:
				'ChartHop only sends custom payloads for change.* events. Remove the Custom Payload or use only change.* patterns.',
		});
	}
	const payload: Record<string, string> = {};
	for (const [index, field] of fields.entries()) {
		const key = (field.key ?? '').trim();
		const expression = (field.expression ?? '').trim();
		if (!key || !expression) {
			throw new NodeOperationError(
				node,
				`Custom payload field ${index + 1} needs a key and a CQL expression`,
				{
					description:
						'Fill in both, e.g. Key "workEmail" and CQL Expression "contact.workEmail", or remove the field.',
				},
			);
		}
		if (key in payload) {
			throw new NodeOperationError(node, `Custom payload key "${key}" is used twice`, {
				description:
					'Each key becomes one property of the delivered payload, so keys must be unique.',
			});
		}
		payload[key] = expression;
	}
	return payload;
}

/** Every CQL text the settings contain, for ChartHop's validator. */
export function cqlExpressions(settings: TriggerSettings): string[] {
	const filters = settings.patterns.flatMap((pattern) => (pattern.filter ? [pattern.filter] : []));
	return [...filters, ...Object.values(settings.customPayload ?? {})];
}

/** Changes whenever what ChartHop must be told changes, so a stale registration gets replaced. */
export function fingerprint(settings: TriggerSettings, webhookUrl: string): string {
	const material: IDataObject = {
		url: webhookUrl,
		patterns: settings.patterns.map((pattern) => pattern.text),
		payload: settings.customPayload ?? null,
	};
	return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 16);
}
