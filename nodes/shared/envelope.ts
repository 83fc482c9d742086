import type { IDataObject } from 'n8n-workflow';

import { cutDepth, exceedsDepth, MAX_DEPTH } from './depth';

export type HrEventSource = 'coresignal' | 'charthop' | 'humansourcing';

/** What every trigger in this package emits: one n8n item per event, the same shape for every source. */
export interface HrEvent extends IDataObject {
	source: HrEventSource;
	type: string;
	entity: { type: string; id: string };
	changedFields: string[];
	occurredAt: string | null;
	receivedAt: string;
	subscription: { id?: string; pattern?: string };
	data: IDataObject | null;
	raw?: IDataObject;
	/** Only on `<source>.unrecognized` items: what could not be read, e.g. `"entityId" is missing`. */
	problems?: string[];
	/** What the node changed on the way, e.g. a field nested too deep to store. */
	warnings?: string[];
}

export interface HrEventInput {
	source: HrEventSource;
	type: string;
	entityType: string;
	entityId: string | number;
	changedFields?: unknown;
	occurredAt?: unknown;
	receivedAt: string;
	subscription?: { id?: string; pattern?: string };
	data?: IDataObject | null;
	raw?: IDataObject;
	/** The delivery's shared lists: equal `changedFields` lists become one array (see SharedLists). */
	lists?: SharedLists;
}

/**
 * Accepts ISO strings, `YYYY-MM-DD` dates, epoch seconds or milliseconds (as numbers or numeric
 * strings). Anything unparseable becomes null rather than a wrong date.
 */
export function toIsoTimestamp(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	let millis: number;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))) {
		const n = Number(value);
		if (!Number.isFinite(n)) return null;
		millis = n < 1e11 ? n * 1000 : n;
	} else if (typeof value === 'string') {
		millis = Date.parse(value);
	} else {
		return null;
	}
	if (!Number.isFinite(millis)) return null;
	const date = new Date(millis);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The list as sent when it holds only names (no copy), else its names; [] when there is none. */
function toFieldList(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	if (value.every((field) => typeof field === 'string')) return value as string[];
	return value.filter((field): field is string => typeof field === 'string');
}

/**
 * One array per distinct list of names in a delivery. n8n saves execution data with `flatted`,
 * which writes an object or array that several items hold once (and a string once by value), but
 * every separate array again, and a delivery of many changes holds far fewer distinct
 * `changed_fields` lists than changes.
 * Items that share a list share it read-only, like `subscription`.
 */
export class SharedLists {
	// A tree of names: finding a list walks it name by name, with no key string built per event.
	private readonly root: ListNode = {};
	private readonly empty: string[] = [];

	of(list: string[]): string[] {
		if (list.length === 0) return this.empty;
		let node = this.root;
		for (const name of list) {
			node.next ??= new Map();
			let child = node.next.get(name);
			if (!child) {
				child = {};
				node.next.set(name, child);
			}
			node = child;
		}
		node.list ??= list;
		return node.list;
	}
}

interface ListNode {
	/** The first list that ended here. */
	list?: string[];
	next?: Map<string, ListNode>;
}

/**
 * One event item. `subscription` is used as given, not copied: a trigger passes one object for the
 * whole delivery, and n8n stores an object that several items share only once (it saves execution
 * data with `flatted`, which writes a repeated object or string as a reference).
 */
export function buildHrEvent(input: HrEventInput): HrEvent {
	const event: HrEvent = {
		source: input.source,
		type: input.type,
		entity: { type: input.entityType, id: String(input.entityId) },
		changedFields: input.lists
			? input.lists.of(toFieldList(input.changedFields))
			: toFieldList(input.changedFields),
		occurredAt: toIsoTimestamp(input.occurredAt),
		receivedAt: input.receivedAt,
		subscription: input.subscription ?? {},
		data: input.data ?? null,
	};
	if (input.raw !== undefined) event.raw = input.raw;
	return boundDepth(event);
}

/** Cuts `data` and `raw` below MAX_DEPTH levels, so n8n can store and show the execution. */
export function boundDepth<T extends HrEvent>(event: T): T {
	for (const key of ['data', 'raw'] as const) {
		// The envelope puts data/raw one level down: their own depth may use the rest.
		if (!exceedsDepth(event[key], MAX_DEPTH - 1)) continue;
		event[key] = cutDepth(event[key], MAX_DEPTH - 1) as IDataObject;
		(event.warnings ??= []).push(
			`"${key}" was nested more than ${MAX_DEPTH} levels deep; deeper values were replaced by a note`,
		);
	}
	return event;
}

/**
 * What a trigger emits for an authenticated delivery (or one element of it) it could not read:
 * the same envelope, typed `<source>.unrecognized`, with the body as sent and what was wrong.
 */
export function unrecognizedEvent(input: {
	source: HrEventSource;
	raw: unknown;
	problems: string[];
	receivedAt: string;
	subscription?: { id?: string; pattern?: string };
}): HrEvent {
	const raw =
		input.raw !== null && typeof input.raw === 'object' && !Array.isArray(input.raw)
			? (input.raw as IDataObject)
			: { body: input.raw as IDataObject[string] };
	return boundDepth({
		source: input.source,
		type: `${input.source}.unrecognized`,
		entity: { type: 'unknown', id: '' },
		changedFields: [],
		occurredAt: null,
		receivedAt: input.receivedAt,
		subscription: { ...input.subscription },
		data: null,
		raw,
		problems: input.problems,
	});
}
