import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { HrEvent } from '../../shared/envelope';
import { buildHrEvent } from '../../shared/envelope';

/**
 * One ChartHop event as delivered. Documented keys (Event schema and docs.charthop.com/events):
 * id, orgId, userId, type, subtype, entityType, entityId, code, fields, matchFilters, at, payload.
 * Unknown keys pass through; only what the envelope needs is required.
 */
const eventSchema = z
	.object({
		id: z.union([z.string(), z.number()]).optional(),
		code: z.string().min(1).optional(),
		type: z.string().optional(),
		subtype: z.string().nullish(),
		entityType: z.string().min(1).optional(),
		entityId: z.union([z.string().min(1), z.number()], {
			errorMap: () => ({
				message: 'must be the id of the person, job or other entity the event is about',
			}),
		}),
		at: z.union([z.number(), z.string()]).nullish(),
		fields: z.array(z.string()).nullish(),
		matchFilters: z.union([z.array(z.string()), z.string()]).nullish(),
		payload: z.record(z.unknown()).nullish(),
	})
	.passthrough()
	.refine((event) => event.code || (event.entityType && event.type), {
		message: 'needs "code" (e.g. change.create.hire) or both "entityType" and "type"',
		path: ['code'],
	});

export type ChartHopEvent = z.infer<typeof eventSchema>;

export type ParsedDelivery = { ok: true; events: ChartHopEvent[] } | { ok: false; error: string };

const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';
const isNullish = (value: unknown) => value === undefined || value === null;
const isStringList = (value: unknown) =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/**
 * `eventSchema`'s rules checked by hand for the common, well-formed event: zod costs several times
 * JSON.parse per event. Anything else goes through the schema, which words the error.
 */
function isWellFormed(element: unknown): element is ChartHopEvent {
	if (element === null || typeof element !== 'object' || Array.isArray(element)) return false;
	const event = element as IDataObject;
	const { id, code, type, subtype, entityType, entityId, at, fields, matchFilters, payload } =
		event;
	return (
		(id === undefined || typeof id === 'string' || typeof id === 'number') &&
		(code === undefined || (typeof code === 'string' && code !== '')) &&
		isOptionalString(type) &&
		(isNullish(subtype) || typeof subtype === 'string') &&
		(entityType === undefined || (typeof entityType === 'string' && entityType !== '')) &&
		((typeof entityId === 'string' && entityId !== '') || typeof entityId === 'number') &&
		(isNullish(at) || typeof at === 'number' || typeof at === 'string') &&
		(isNullish(fields) || isStringList(fields)) &&
		(isNullish(matchFilters) || typeof matchFilters === 'string' || isStringList(matchFilters)) &&
		(isNullish(payload) || (typeof payload === 'object' && !Array.isArray(payload))) &&
		Boolean(code || (entityType && type))
	);
}

/** Accepts one event or an array of events; the error names the event and field that is wrong. */
export function parseDelivery(body: unknown): ParsedDelivery {
	if (
		body === undefined ||
		body === null ||
		body === '' ||
		(typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0)
	) {
		return { ok: false, error: 'The body is empty; expected a ChartHop event as JSON' };
	}
	const list = Array.isArray(body) ? body : [body];
	if (list.length === 0)
		return { ok: false, error: 'The body is an empty array; expected at least one ChartHop event' };
	const events: ChartHopEvent[] = [];
	for (const [index, element] of list.entries()) {
		const where = Array.isArray(body) ? `event [${index}]` : 'event';
		if (typeof element !== 'object' || element === null || Array.isArray(element)) {
			return { ok: false, error: `The ${where} is not a JSON object` };
		}
		if (isWellFormed(element)) {
			events.push(element);
			continue;
		}
		const result = eventSchema.safeParse(element);
		if (!result.success) {
			const issue = result.error.issues[0];
			const field = issue.path.join('.') || '(root)';
			return {
				ok: false,
				error: `The ${where} is not a ChartHop event: "${field}" ${issue.message}`,
			};
		}
		events.push(result.data);
	}
	return { ok: true, events };
}

/** `change.create.hire`, from `code` or from the entityType/type/subtype parts (the REST enums are upper case). */
export function eventCode(event: ChartHopEvent): string {
	if (event.code) return event.code.trim().toLowerCase();
	return [event.entityType, event.type, event.subtype]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join('.')
		.toLowerCase();
}

export function matchFiltersOf(event: ChartHopEvent): string[] {
	if (typeof event.matchFilters === 'string') return event.matchFilters ? [event.matchFilters] : [];
	return event.matchFilters ?? [];
}

/** A ChartHop item: the HR event envelope, plus `eventId` and the `matchFilters` ChartHop reported. */
export interface ChartHopHrEvent extends HrEvent {
	eventId: string | null;
	matchFilters: string[];
}

export function toHrEvent(
	event: ChartHopEvent,
	options: {
		receivedAt: string;
		subscription: { id?: string; pattern?: string };
		includeRaw: boolean;
	},
): ChartHopHrEvent {
	const code = eventCode(event);
	const envelope = buildHrEvent({
		source: 'charthop',
		type: code,
		entityType: (event.entityType ?? code.split('.')[0]).toLowerCase(),
		entityId: event.entityId,
		changedFields: event.fields ?? [],
		occurredAt: event.at,
		receivedAt: options.receivedAt,
		subscription: options.subscription,
		data: (event.payload as IDataObject | null | undefined) ?? null,
		raw: options.includeRaw ? (event as IDataObject) : undefined,
	});
	return {
		...envelope,
		eventId: event.id === undefined ? null : String(event.id),
		matchFilters: matchFiltersOf(event),
	};
}
