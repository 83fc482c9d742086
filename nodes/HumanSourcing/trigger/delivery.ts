import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { ParsedElement } from '../../shared/delivery';
import { notAnObject, readElements } from '../../shared/delivery';
import type { BodyResult } from '../../shared/webhookBody';

/**
 * Human Sourcing posts `[{ "event": "creation|update|delete", "type": "job|candidate", "data": {…} }]`
 * (https://doc-api-core.humansourcing.com/content/webhook.html). Each element is read on its own:
 * one that cannot be read becomes an unrecognized element with the problems named, the others
 * still reach the workflow.
 */

export const ENTITY_TYPES = ['job', 'candidate'] as const;
export const EVENT_NAMES = ['creation', 'update', 'delete'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Spellings of `event` read as the documented names, compared trimmed and lower-cased (so
 * "Update" and "CREATED" are read too). docs/nodes/humansourcing-trigger.md lists them.
 */
export const EVENT_ALIASES: ReadonlyMap<string, EventName> = new Map<string, EventName>([
	['creation', 'creation'],
	['create', 'creation'],
	['created', 'creation'],
	['update', 'update'],
	['updated', 'update'],
	['delete', 'delete'],
	['deleted', 'delete'],
	['deletion', 'delete'],
]);

const ENTITY_TYPE_SET: ReadonlySet<string> = new Set(ENTITY_TYPES);

/** The data field that holds the record's id, by type. */
export const ID_FIELD: Record<EntityType, string> = { job: 'job_id', candidate: 'id' };

export interface HumanSourcingEvent {
	event: EventName;
	type: EntityType;
	id: string;
	data: IDataObject;
	changedFields: string[];
	/** The element exactly as Human Sourcing sent it. */
	raw: IDataObject;
}

function eventName(value: unknown): EventName | undefined {
	return typeof value === 'string' ? EVENT_ALIASES.get(value.trim().toLowerCase()) : undefined;
}

function entityType(value: unknown): EntityType | undefined {
	if (typeof value !== 'string') return undefined;
	const type = value.trim().toLowerCase();
	return ENTITY_TYPE_SET.has(type) ? (type as EntityType) : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Ids are numbers in the documentation; numeric strings are accepted too. */
function recordId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return value.trim();
	return undefined;
}

/** Not in the documentation: read if Human Sourcing ever says which fields an update changed. */
function fieldNames(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((field): field is string => typeof field === 'string')
		: [];
}

/**
 * One element. The fast path is hand-written (deliveries can hold thousands of elements); zod only
 * words what is wrong with an element the fast path could not read.
 */
export function readElement(element: unknown): ParsedElement<HumanSourcingEvent> {
	if (!isObject(element)) return notAnEvent(element);
	const record = element;
	const event = eventName(record.event);
	const type = entityType(record.type);
	const data = record.data;
	if (event !== undefined && type !== undefined && isObject(data)) {
		const id = recordId(data[ID_FIELD[type]]);
		if (id !== undefined) {
			return {
				ok: true,
				event: {
					event,
					type,
					id,
					data,
					changedFields: fieldNames(record.changed_fields ?? record.changedFields),
					raw: record,
				},
			};
		}
	}
	return { ok: false, raw: element, problems: problemsOf(record) };
}

/**
 * The verdict for an element that is not an object. The message is worded once per kind: a body of
 * a million numbers must not cost a million messages.
 */
const notAnEventMessages = new Map<string, string>();
function notAnEvent(element: unknown): ParsedElement<HumanSourcingEvent> {
	const kind = element === null ? 'null' : Array.isArray(element) ? 'list' : typeof element;
	let message = notAnEventMessages.get(kind);
	if (message === undefined) {
		message = (notAnObject(element, WHAT) as { problems: string[] }).problems[0];
		notAnEventMessages.set(kind, message);
	}
	return { ok: false, raw: element, problems: [message] };
}

const WHAT = 'an {event, type, data} object';

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

const elementSchema = z.object({
	event: z.string().refine((value) => eventName(value) !== undefined, {
		message: `must be one of ${quoted(EVENT_NAMES)}`,
	}),
	type: z.string().refine((value) => entityType(value) !== undefined, {
		message: `must be one of ${quoted(ENTITY_TYPES)}`,
	}),
	data: z.record(z.unknown()),
});

/** Every problem of an element, each naming its field, e.g. `"data.job_id" is missing`. */
function problemsOf(record: IDataObject): string[] {
	const problems: string[] = [];
	const parsed = elementSchema.safeParse(record);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) problems.push(describeIssue(issue, record));
	}
	const type = entityType(record.type);
	if (type !== undefined && isObject(record.data)) {
		const field = ID_FIELD[type];
		const value = record.data[field];
		if (recordId(value) === undefined) {
			problems.push(
				value === undefined || value === null
					? `"data.${field}" is missing`
					: `"data.${field}" must be a number or a numeric string (got ${shortJson(value)})`,
			);
		}
	}
	return problems;
}

function describeIssue(issue: z.ZodIssue, record: IDataObject): string {
	const field = issue.path.join('.');
	const value = record[String(issue.path[0])];
	if (value === undefined) return `"${field}" is missing`;
	if (issue.code === 'invalid_type') {
		const expected = issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
		return `"${field}" must be ${expected} (got ${Array.isArray(value) ? 'array' : issue.received})`;
	}
	return `"${field}" ${issue.message} (got ${shortJson(value)})`;
}

function shortJson(value: unknown): string {
	// JSON.stringify writes Infinity (a parsed 1e400) as null: show what the node saw instead.
	const text =
		typeof value === 'number' && !Number.isFinite(value)
			? String(value)
			: (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** An element that has an event and a type, as opposed to a wrapper around a list of them. */
function looksLikeEvent(value: unknown): boolean {
	return isObject(value) && value.event !== undefined && value.type !== undefined;
}

/**
 * `{"data": [{event, type, data}, …]}`: a list wrapped in an object. Read as the list only when it
 * has no event or type of its own and its elements look like events (or it is empty).
 */
function unwrapList(value: unknown): unknown {
	if (!isObject(value) || !Array.isArray(value.data)) return value;
	if (value.event !== undefined || value.type !== undefined) return value;
	const list = value.data;
	return list.length === 0 || list.some(looksLikeEvent) ? list : value;
}

/** A delivery body, as the node read it, into one parsed element per event in delivery order. */
export function readDelivery(body: BodyResult): Array<ParsedElement<HumanSourcingEvent>> {
	return readElements(body.ok ? { ok: true, body: unwrapList(body.body) } : body, readElement);
}

/** The same for a body already parsed as JSON (benchmarks and unit tests). */
export function parseDelivery(body: unknown): Array<ParsedElement<HumanSourcingEvent>> {
	return readDelivery({ ok: true, body });
}
