import type { IDataObject } from 'n8n-workflow';

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

function toFieldList(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value.filter((field): field is string => typeof field === 'string');
}

export function buildHrEvent(input: HrEventInput): HrEvent {
	const event: HrEvent = {
		source: input.source,
		type: input.type,
		entity: { type: input.entityType, id: String(input.entityId) },
		changedFields: toFieldList(input.changedFields),
		occurredAt: toIsoTimestamp(input.occurredAt),
		receivedAt: input.receivedAt,
		subscription: { ...input.subscription },
		data: input.data ?? null,
	};
	if (input.raw !== undefined) event.raw = input.raw;
	return event;
}
