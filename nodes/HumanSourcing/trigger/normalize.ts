import type { IDataObject } from 'n8n-workflow';

import { buildHrEvent, type HrEvent, type SharedLists } from '../../shared/envelope';
import type { HumanSourcingEvent } from './delivery';
import { simplifyCandidate, simplifyDeleted, simplifyJob } from './simplify';

export interface NormalizeOptions {
	receivedAt: string;
	simplify: boolean;
	includeRaw: boolean;
	/**
	 * What the items of one delivery share instead of holding a copy each (n8n stores a shared
	 * object once): the `changedFields` lists and the empty `subscription`.
	 */
	shared?: { lists: SharedLists; subscription: HrEvent['subscription'] };
}

/** The payload date that says when the event happened, by entity and event. */
function occurredAt(event: HumanSourcingEvent): unknown {
	const { data } = event;
	if (event.type === 'job') {
		return event.event === 'creation'
			? (data.job_published_at ?? data.job_updated_at)
			: (data.job_updated_at ?? data.job_published_at);
	}
	return data.updated_at ?? data.latest_action;
}

function entityData(event: HumanSourcingEvent, simplify: boolean): IDataObject {
	if (!simplify) return event.data;
	if (event.event === 'delete') return simplifyDeleted(event.id);
	return event.type === 'job' ? simplifyJob(event.data) : simplifyCandidate(event.data);
}

export function toHrEvent(event: HumanSourcingEvent, options: NormalizeOptions): HrEvent {
	return buildHrEvent({
		source: 'humansourcing',
		type: `${event.type}.${event.event}`,
		entityType: event.type,
		entityId: event.id,
		changedFields: event.changedFields,
		occurredAt: occurredAt(event),
		receivedAt: options.receivedAt,
		data: entityData(event, options.simplify),
		raw: options.includeRaw ? event.raw : undefined,
		subscription: options.shared?.subscription,
		lists: options.shared?.lists,
	});
}
