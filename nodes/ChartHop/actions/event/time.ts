import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toIsoTimestamp } from '../../../shared/envelope';

/**
 * ChartHop sends an event's `at` in epoch milliseconds. From node version 2 the Event operations
 * give it as an ISO 8601 date, like the triggers' `occurredAt`; version 1 keeps the number for the
 * workflows that read it.
 */
export function withEventTime(context: IExecuteFunctions, event: IDataObject): IDataObject {
	if (context.getNode().typeVersion < 2 || !('at' in event)) return event;
	return { ...event, at: toIsoTimestamp(event.at) ?? event.at };
}
