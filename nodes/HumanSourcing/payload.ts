import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

export const ENTITY_TYPES = ['job', 'candidate'] as const;
export const EVENT_NAMES = ['creation', 'update', 'delete'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Ids are numbers in the documentation; numeric strings are accepted too. */
function recordId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return value.trim();
	return undefined;
}

// Only what the node relies on is checked; every other field, however deep, is kept as sent.
const envelope = z
	.object({
		event: z.enum(EVENT_NAMES),
		type: z.enum(ENTITY_TYPES),
		data: z.object({}).passthrough(),
	})
	.passthrough();

/** Not in the documentation: read if Human Sourcing ever says which fields an update changed. */
function fieldNames(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((field): field is string => typeof field === 'string')
		: [];
}

const idFieldByType: Record<EntityType, string> = { job: 'job_id', candidate: 'id' };

export interface HumanSourcingEvent {
	event: EventName;
	type: EntityType;
	id: string;
	data: IDataObject;
	changedFields: string[];
	/** The element exactly as Human Sourcing sent it. */
	raw: IDataObject;
}

export type ParsedDelivery =
	| { ok: true; events: HumanSourcingEvent[] }
	| { ok: false; message: string };

/** How many element errors one 400 answer lists; the rest are counted. */
const MAX_REPORTED_ERRORS = 5;

/**
 * Turns a delivery body (a JSON array of `{event, type, data}`, or one such object) into events.
 * Any invalid element rejects the whole delivery, so Human Sourcing can retry it as one unit.
 */
export function parseDelivery(body: unknown): ParsedDelivery {
	if (body === undefined || body === null || body === '') {
		return {
			ok: false,
			message: 'The body is empty: expected a JSON array of {event, type, data} elements',
		};
	}
	if (typeof body !== 'object') {
		return { ok: false, message: 'The body must be a JSON array of {event, type, data} elements' };
	}
	const elements: unknown[] = Array.isArray(body) ? body : [body];
	const events: HumanSourcingEvent[] = [];
	const errors: string[] = [];
	let errorCount = 0;
	for (let index = 0; index < elements.length; index++) {
		const result = parseElement(elements[index]);
		if (typeof result === 'string') {
			errorCount++;
			if (errors.length < MAX_REPORTED_ERRORS) errors.push(`element ${index}: ${result}`);
		} else if (errorCount === 0) {
			events.push(result);
		}
	}
	if (errorCount === 0) return { ok: true, events };
	const more =
		errorCount > errors.length ? `; and ${errorCount - errors.length} more invalid elements` : '';
	const total = elements.length;
	return {
		ok: false,
		message: `Rejected the whole delivery (${errorCount} of ${total} elements invalid): ${errors.join('; ')}${more}`,
	};
}

function parseElement(element: unknown): HumanSourcingEvent | string {
	if (element === null || typeof element !== 'object' || Array.isArray(element)) {
		return 'must be an object {event, type, data}';
	}
	const parsed = envelope.safeParse(element);
	if (!parsed.success) return describeIssue(parsed.error.issues[0], element as IDataObject);

	const { event, type, data } = parsed.data;
	const idField = idFieldByType[type];
	const value = data[idField];
	const id = recordId(value);
	if (id === undefined) {
		return value === undefined || value === null
			? `"data.${idField}" is missing (a ${type} needs its id)`
			: `"data.${idField}" must be a number or a numeric string (got ${JSON.stringify(value)})`;
	}
	return {
		event,
		type,
		id,
		data: data as IDataObject,
		changedFields: fieldNames(parsed.data.changed_fields ?? parsed.data.changedFields),
		raw: element as IDataObject,
	};
}

function describeIssue(issue: z.ZodIssue, element: IDataObject): string {
	const field = issue.path.join('.');
	const value = issue.path.reduce<unknown>(
		(current, key) =>
			current && typeof current === 'object' ? (current as IDataObject)[key] : undefined,
		element,
	);
	if (value === undefined) return `"${field}" is missing`;
	if (issue.code === 'invalid_enum_value') {
		const allowed = issue.options.map((option) => `"${String(option)}"`).join(', ');
		return `"${field}" must be one of ${allowed} (got ${JSON.stringify(value)})`;
	}
	if (issue.code === 'invalid_type')
		return `"${field}" must be ${article(issue.expected)} (got ${issue.received})`;
	return `"${field}" ${issue.message.toLowerCase()}`;
}

function article(expected: string): string {
	return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
