import type { IDataObject } from 'n8n-workflow';

import type { ParsedElement } from '../../shared/delivery';
import { notAnObject, readElements } from '../../shared/delivery';
import type { BodyResult } from '../../shared/webhookBody';

/**
 * Reading ChartHop events. ChartHop documents the Event object (id, orgId, userId, code, type,
 * subtype, entityType, entityId, at, fields, payload; REST enums in upper case) and says app
 * notifications carry `matchFilters` (https://docs.charthop.com/event-notifications), but shows no
 * delivery body. Receivers in the wild read `type` as the dotted code, or `eventType`, with or
 * without `entityType`; so every one of these forms is read, keys in any case, camelCase or
 * snake_case.
 */

/** One ChartHop event as the trigger read it. */
export interface ChartHopEvent {
	/** The normalised event code, lower case and dotted, e.g. `change.create.hire`. */
	code: string;
	/** Lower case, e.g. `change`, `person`, `timeoff`. */
	entityType: string;
	entityId: string;
	/** ChartHop's event id, the key for dropping repeated deliveries. */
	id?: string;
	/** `at` as sent (epoch ms or ISO). */
	at?: unknown;
	/** The updated fields ChartHop listed (`fields`); undefined when it listed none. */
	fields?: string[];
	matchFilters: string[];
	/** `payload` when it is an object. */
	payload: IDataObject | null;
	/** Fields that were there but could not be read as documented. */
	warnings: string[];
	/** The element as sent. */
	element: IDataObject;
}

/** `entityId`, `entity_id`, `EntityID`, `entity-id` → `entityid`. */
function keyOf(key: string): string {
	const lower = key.toLowerCase();
	return /[_\-\s]/.test(lower) ? lower.replace(/[_\-\s]/g, '') : lower;
}

/** REST `type` values (an action on an entity): a dotted `type` starting with one lacks the entity. */
const ACTIONS = new Set([
	'create',
	'update',
	'delete',
	'approve',
	'reject',
	'submit',
	'install',
	'uninstall',
	'sync',
]);

/** A code already in normal form (the common case): nothing to rewrite. */
const CLEAN_CODE = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

/** Reads a field by its camelCase name first (the documented form), then in any other spelling. */
class Fields {
	private index: Map<string, unknown> | undefined;

	constructor(private readonly element: IDataObject) {}

	get(name: string): unknown {
		const value = this.element[name];
		if (value !== undefined) return value;
		if (!this.index) {
			this.index = new Map();
			for (const key of Object.keys(this.element)) {
				const normal = keyOf(key);
				if (!this.index.has(normal)) this.index.set(normal, this.element[key]);
			}
		}
		return this.index.get(keyOf(name));
	}
}

/** Codes and entity types already normalised: a delivery repeats a handful of them. */
const normalised = new Map<string, string | undefined>();
const MAX_REMEMBERED = 500;

/** Lower case, `-` read as `.`, blanks around dots dropped; undefined for anything but a non-empty string. */
function codeText(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (CLEAN_CODE.test(value)) return value;
	if (normalised.has(value)) return normalised.get(value);
	const text = value
		.trim()
		.toLowerCase()
		.replace(/-/g, '.')
		.replace(/\s*\.\s*/g, '.');
	const result = text === '' ? undefined : text;
	if (normalised.size < MAX_REMEMBERED && value.length <= 100) normalised.set(value, result);
	return result;
}

const describe = (value: unknown) =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'a list'
			: typeof value === 'string'
				? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`
				: typeof value === 'object'
					? 'an object'
					: `${typeof value} ${String(value)}`;

/** `entityType + type (+ subtype)`, never repeating the entity a dotted type already names. */
function joinParts(entity: string | undefined, type: string, subtype: string | undefined): string {
	const segments = type.split('.');
	let code: string;
	if (!entity || segments[0] === entity) code = type;
	else if (segments.length === 1 || ACTIONS.has(segments[0])) code = `${entity}.${type}`;
	// A dotted type naming another entity is a full code already.
	else code = type;
	if (subtype && code.split('.').at(-1) !== subtype) code = `${code}.${subtype}`;
	return code;
}

type CodeResult = { code: string } | { problem: string };

/**
 * The event code from whichever form is present: `code`; `eventType`/`event_type` or a `type`
 * that holds the dotted code; the REST form `entityType` + `type` (+ `subtype`).
 */
function deriveCode(fields: Fields, entity: string | undefined): CodeResult {
	const code = codeText(fields.get('code'));
	const subtype = code === undefined ? codeText(fields.get('subtype')) : undefined;
	const candidate =
		code ??
		[codeText(fields.get('eventType')), codeText(fields.get('type'))]
			.filter((type): type is string => type !== undefined)
			.map((type) => (type.includes('.') || entity ? joinParts(entity, type, subtype) : undefined))
			.find((joined) => joined !== undefined);
	if (candidate === undefined) {
		const given = fields.get('code');
		if (given !== undefined && given !== null && given !== '') {
			return { problem: `"code" is ${describe(given)}, not an event code like change.create.hire` };
		}
		const type = codeText(fields.get('type')) ?? codeText(fields.get('eventType'));
		return {
			problem: type
				? `"entityType" is missing: "type" ${describe(fields.get('type') ?? fields.get('eventType'))} alone does not name the event (e.g. entityType PERSON + type UPDATE)`
				: '"code" is missing (e.g. change.create.hire), and there is no dotted "type" or "eventType" (e.g. timeoff.create) or "entityType" with "type" to build it from',
		};
	}
	if (!CLEAN_CODE.test(candidate)) {
		return {
			problem: `The event code "${candidate}" is not entity.type[.subtype] (letters, digits or "_" between dots)`,
		};
	}
	return { code: candidate };
}

function readEntityId(value: unknown): { id: string } | { problem: string } {
	if (typeof value === 'string' && value.trim() !== '') return { id: value.trim() };
	if (typeof value === 'number' && Number.isFinite(value)) return { id: String(value) };
	if (value === undefined) return { problem: '"entityId" is missing' };
	return {
		problem: `"entityId" must be the id of the person, job or other entity the event is about (got ${describe(value)})`,
	};
}

const allStrings = (list: unknown[]) => {
	for (const entry of list) if (typeof entry !== 'string') return false;
	return true;
};

function stringList(value: unknown, name: string, warnings: string[]): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? [] : [value];
	if (Array.isArray(value)) {
		if (allStrings(value)) return value as string[];
		const strings = value.filter((entry): entry is string => typeof entry === 'string');
		if (strings.length !== value.length)
			warnings.push(`"${name}" has entries that are not text; they were left out`);
		return strings;
	}
	warnings.push(`"${name}" is ${describe(value)}, not a list of text; it was left out`);
	return undefined;
}

/** One element of a delivery (or one event of ChartHop's event list) → a ChartHop event or its problems. */
export function readEvent(element: unknown): ParsedElement<ChartHopEvent> {
	const notObject = notAnObject(element, 'a ChartHop event object');
	if (notObject) return notObject;
	const raw = element as IDataObject;
	const fields = new Fields(raw);

	const entityTypeValue = fields.get('entityType');
	const entityText = codeText(entityTypeValue);
	const entity = entityText?.includes('.') ? entityText.replace(/\./g, '_') : entityText;
	const derived = deriveCode(fields, entity);
	const entityId = readEntityId(fields.get('entityId'));
	if ('problem' in derived || 'problem' in entityId) {
		const problems = [derived, entityId].flatMap((part) =>
			'problem' in part ? [part.problem] : [],
		);
		return { ok: false, raw, problems };
	}

	const warnings: string[] = [];
	const id = fields.get('id');
	const payload = fields.get('payload');
	let data: IDataObject | null = null;
	if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
		data = payload as IDataObject;
	} else if (payload !== undefined && payload !== null) {
		data = { value: payload as IDataObject[string] };
		warnings.push(`"payload" is ${describe(payload)}, not an object; it is kept as data.value`);
	}
	const at = fields.get('at');
	if (at !== undefined && at !== null && typeof at !== 'number' && typeof at !== 'string') {
		warnings.push(`"at" is ${describe(at)}, not a time; occurredAt is null`);
	}
	const listed = stringList(fields.get('fields'), 'fields', warnings);

	return {
		ok: true,
		event: {
			code: derived.code,
			entityType: entity ?? derived.code.split('.')[0],
			entityId: entityId.id,
			id:
				(typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))
					? String(id)
					: undefined,
			at,
			fields: listed?.length ? listed : undefined,
			matchFilters: stringList(fields.get('matchFilters'), 'matchFilters', warnings) ?? [],
			payload: data,
			warnings,
			element: raw,
		},
	};
}

/** A delivery body → one parsed element per event (a JSON array of events, or one event). */
export function readDelivery(body: BodyResult): Array<ParsedElement<ChartHopEvent>> {
	return readElements(body, readEvent);
}

/** The same, for a body already parsed as JSON. */
export function parseDelivery(body: unknown): Array<ParsedElement<ChartHopEvent>> {
	return readDelivery({ ok: true, body });
}
