import type { IDataObject } from 'n8n-workflow';

import type { HrEvent } from '../../shared/envelope';
import { buildHrEvent, SharedLists } from '../../shared/envelope';
import type { SubscriptionEvent } from '../subscriptions/spec';
import type { Change } from './delivery';
import { PLAIN_STATUS } from './delivery';

/** Legacy v1 spelled the experience status `changed_experience`; v2 says `changed`. */
export function normalizeStatus(status: string): string {
	return status === 'changed_experience' ? 'changed' : status;
}

/** The change's status in lower case, whether it came as `status` or `change_type`. */
export function statusOf(change: Change): string {
	const status = change.status;
	if (typeof status === 'string' && PLAIN_STATUS.test(status)) return normalizeStatus(status);
	const text = typeof status === 'string' && status.trim() !== '' ? status : change.change_type;
	return normalizeStatus(
		String(text ?? '')
			.trim()
			.toLowerCase(),
	);
}

/** The employee ID, also when it came as a string of digits. */
export function memberIdOf(change: Change): number {
	const id = change.member_id;
	return typeof id === 'number' ? id : Number(id);
}

export function changedFieldsOf(change: Change): string[] {
	return change.changed_fields ?? [];
}

export interface NormalizeContext {
	event: SubscriptionEvent;
	subscriptionId?: string;
	receivedAt: string;
	includeRaw: boolean;
	/** Set on first use: the one `subscription` object every item of the delivery shares. */
	subscription?: { id?: string };
	/** Set on first use: one `changedFields` array per distinct list in the delivery. */
	lists?: SharedLists;
	/** Set on first use: one `type` string per status, instead of one joined per event. */
	types?: Map<string, string>;
}

/** What the envelope already says about a change (entity.id, type, changedFields). */
const ENVELOPE_KEYS = new Set(['member_id', 'status', 'change_type', 'changed_fields']);

/**
 * The rest of a change: the fields the envelope does not carry already, e.g. any Coresignal adds
 * later; null when there are none (the usual case), so an item does not say each fact twice.
 */
export function changeExtras(change: Change): IDataObject | null {
	let extras: IDataObject | null = null;
	for (const key in change) {
		if (!ENVELOPE_KEYS.has(key)) (extras ??= {})[key] = change[key];
	}
	return extras;
}

/**
 * A change as an HR event. `data` is the collected profile when there is one, otherwise only what
 * the envelope does not already say (see changeExtras); the change as sent is `raw`, on request.
 */
export function toHrEvent(
	change: Change,
	context: NormalizeContext,
	data?: IDataObject | null,
): HrEvent {
	context.subscription ??= context.subscriptionId ? { id: context.subscriptionId } : {};
	context.lists ??= new SharedLists();
	context.types ??= new Map();
	const status = statusOf(change);
	let type = context.types.get(status);
	if (type === undefined) {
		type = `${context.event === 'experience' ? 'experience' : 'employee'}.${status}`;
		context.types.set(status, type);
	}
	return buildHrEvent({
		source: 'coresignal',
		type,
		entityType: 'employee',
		entityId: memberIdOf(change),
		changedFields: changedFieldsOf(change),
		occurredAt: null,
		receivedAt: context.receivedAt,
		subscription: context.subscription,
		data: data === undefined ? changeExtras(change) : data,
		raw: context.includeRaw ? change : undefined,
		lists: context.lists,
	});
}

export interface ChangeFilters {
	statuses: string[];
	changedFields: string[];
}

export function passesFilters(change: Change, filters: ChangeFilters): boolean {
	if (filters.statuses.length && !filters.statuses.includes(statusOf(change))) {
		return false;
	}
	if (filters.changedFields.length) {
		const changed = changedFieldsOf(change);
		return filters.changedFields.some((field) =>
			changed.some((entry) => entry === field || entry.startsWith(`${field}.`)),
		);
	}
	return true;
}
