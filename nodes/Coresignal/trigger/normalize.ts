import type { IDataObject } from 'n8n-workflow';

import type { HrEvent } from '../../shared/envelope';
import { buildHrEvent } from '../../shared/envelope';
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
}

export function changeToEvent(
	change: Change,
	context: NormalizeContext,
	data?: IDataObject | null,
): HrEvent {
	const prefix = context.event === 'experience' ? 'experience' : 'employee';
	// A delivery's changes belong to it alone, so they are emitted without a copy.
	return buildHrEvent({
		source: 'coresignal',
		type: `${prefix}.${statusOf(change)}`,
		entityType: 'employee',
		entityId: memberIdOf(change),
		changedFields: changedFieldsOf(change),
		occurredAt: null,
		receivedAt: context.receivedAt,
		subscription: context.subscriptionId ? { id: context.subscriptionId } : {},
		data: data === undefined ? change : data,
		raw: context.includeRaw ? change : undefined,
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
