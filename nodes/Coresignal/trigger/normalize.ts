import type { IDataObject } from 'n8n-workflow';

import type { HrEvent } from '../../shared/envelope';
import { buildHrEvent } from '../../shared/envelope';
import type { SubscriptionEvent } from '../subscriptions/spec';
import type { Change } from './payload';

/** Legacy v1 spelled the experience status `changed_experience`; v2 says `changed`. */
export function normalizeStatus(status: string): string {
	return status === 'changed_experience' ? 'changed' : status;
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
	// parseDelivery's changes belong to this delivery alone, so they are emitted without a copy.
	const element = change as IDataObject;
	return buildHrEvent({
		source: 'coresignal',
		type: `${prefix}.${normalizeStatus(change.status)}`,
		entityType: 'employee',
		entityId: change.member_id,
		changedFields: change.changed_fields ?? [],
		occurredAt: null,
		receivedAt: context.receivedAt,
		subscription: context.subscriptionId ? { id: context.subscriptionId } : {},
		data: data === undefined ? element : data,
		raw: context.includeRaw ? element : undefined,
	});
}

export interface ChangeFilters {
	statuses: string[];
	changedFields: string[];
}

export function passesFilters(change: Change, filters: ChangeFilters): boolean {
	if (filters.statuses.length && !filters.statuses.includes(normalizeStatus(change.status))) {
		return false;
	}
	if (filters.changedFields.length) {
		const changed = change.changed_fields ?? [];
		return filters.changedFields.some((field) =>
			changed.some((entry) => entry === field || entry.startsWith(`${field}.`)),
		);
	}
	return true;
}
