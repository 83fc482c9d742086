import type { HrEvent, SharedLists } from '../../shared/envelope';
import { buildHrEvent } from '../../shared/envelope';
import type { ChartHopEvent } from './delivery';

/** A ChartHop item: the HR event envelope, plus `eventId` and the `matchFilters` ChartHop reported. */
export interface ChartHopHrEvent extends HrEvent {
	eventId: string | null;
	matchFilters: string[];
}

export interface NormalizeOptions {
	receivedAt: string;
	subscription: { id?: string; pattern?: string };
	includeRaw: boolean;
	/** The payload is the node's custom payload (key → CQL result), not ChartHop's own. */
	customPayload?: boolean;
	/** The delivery's shared lists, for `changedFields` and `matchFilters`. */
	lists?: SharedLists;
}

/** `person.update`, `change.update.hire`: events whose payload ChartHop says holds the modified fields. */
const isUpdate = (code: string) => code.split('.')[1] === 'update';

/**
 * The fields an event changed: ChartHop's `fields` when it lists any; otherwise, for an update,
 * the keys of its payload ("for update events the payload will contain the fields that were
 * modified", https://docs.charthop.com/event-notifications). A custom payload holds the user's own
 * keys, so it says nothing about what changed.
 */
function changedFieldsOf(event: ChartHopEvent, customPayload: boolean): string[] {
	if (event.fields) return event.fields;
	if (!customPayload && event.payload && isUpdate(event.code)) return Object.keys(event.payload);
	return [];
}

export function toHrEvent(event: ChartHopEvent, options: NormalizeOptions): ChartHopHrEvent {
	// Completed in place: a spread copy per event would be garbage the size of the delivery.
	const envelope = buildHrEvent({
		source: 'charthop',
		type: event.code,
		entityType: event.entityType,
		entityId: event.entityId,
		changedFields: changedFieldsOf(event, options.customPayload === true),
		occurredAt: event.at,
		receivedAt: options.receivedAt,
		subscription: options.subscription,
		data: event.payload,
		raw: options.includeRaw ? event.element : undefined,
		lists: options.lists,
	}) as ChartHopHrEvent;
	if (event.warnings.length) envelope.warnings = [...event.warnings, ...(envelope.warnings ?? [])];
	envelope.eventId = event.id ?? null;
	envelope.matchFilters = options.lists ? options.lists.of(event.matchFilters) : event.matchFilters;
	return envelope;
}
