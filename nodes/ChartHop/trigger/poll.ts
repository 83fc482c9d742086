import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EventPattern } from '../eventPattern';
import { codeMatches } from '../eventPattern';
import { chartHopList, chartHopRequest } from '../transport/api';
import { PATHS } from '../transport/endpoints';
import { readEvent } from './delivery';
import { toHrEvent } from './normalize';
import { parsePatternRow, readPatternRows } from './settings';

/**
 * Where the next poll starts: the time of the newest event seen, and the ids of the events at
 * exactly that time (ChartHop's `from` is inclusive, so they come back and must not repeat).
 */
export interface PollCursor {
	at: number;
	ids: string[];
}

export interface PollState {
	cursor?: PollCursor;
}

/** "Fetch Test Event" shows up to this many of the latest matching events from this window. */
export const SAMPLE_SIZE = 3;
const SAMPLE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export function readPollPatterns(context: IPollFunctions): EventPattern[] {
	return readPatternRows(context).map(({ code }, index) => {
		const pattern = parsePatternRow(
			context,
			index,
			code,
			'Patterns are dot-separated event codes with optional * wildcards, e.g. change.create.hire, change.* or *.',
		);
		if (pattern.filter !== undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Event pattern ${index + 1} has a CQL filter, which polling cannot apply`,
				{
					description: `ChartHop evaluates [filters] only when it sends events. Remove "[${pattern.filter}]", or use the ChartHop Trigger node (webhook), which registers the filter with ChartHop.`,
				},
			);
		}
		return pattern;
	});
}

/** Epoch milliseconds of an event's `at` (ChartHop sends epoch ms; ISO strings are accepted too). */
function timeOf(event: IDataObject): number | undefined {
	const { at } = event;
	if (typeof at === 'number') return at;
	if (typeof at === 'string') {
		const millis = /^\d+$/.test(at) ? Number(at) : Date.parse(at);
		return Number.isFinite(millis) ? millis : undefined;
	}
	return undefined;
}

const idOf = (event: IDataObject) =>
	event.id === undefined || event.id === null ? '' : String(event.id);

/** The cursor after `events` (oldest first), which were all listed after `cursor`. */
function advance(cursor: PollCursor, events: IDataObject[]): PollCursor {
	let next = cursor;
	for (const event of events) {
		const at = timeOf(event);
		if (at === undefined || at < next.at) continue;
		next = at === next.at ? { at, ids: [...next.ids, idOf(event)] } : { at, ids: [idOf(event)] };
	}
	return next;
}

/** A single exact code can be filtered by ChartHop itself; wildcards are matched locally. */
function listQuery(patterns: EventPattern[], from: number): IDataObject {
	const only = patterns.length === 1 && !patterns[0].code.includes('*') ? patterns[0].code : '';
	return only ? { from, code: only } : { from };
}

/** The list leaves payloads out, so each emitted event is read again in full. */
async function withPayload(context: IPollFunctions, listed: IDataObject): Promise<IDataObject> {
	const id = idOf(listed);
	if (!id) return listed;
	const { body, statusCode } = await chartHopRequest.call(context, {
		method: 'GET',
		orgPath: PATHS.event(id),
		acceptStatuses: [404],
	});
	// Gone since it was listed: emit what the list said rather than lose the event.
	return statusCode === 404 ? listed : { ...listed, ...(body as IDataObject) };
}

/**
 * One poll: every event since the stored cursor that matches a pattern, oldest first, with its
 * payload. The first active poll only stores "now". Manual runs ("Fetch Test Event") show the
 * latest few matches of the last 30 days and leave the cursor alone.
 */
export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const patterns = readPollPatterns(this);
	const { includeRaw } = this.getNodeParameter('options', {}) as { includeRaw?: boolean };
	const state = this.getWorkflowStaticData('node') as PollState;
	const manual = this.getMode() === 'manual';
	const now = Date.now();

	if (!manual && !state.cursor) {
		state.cursor = { at: now, ids: [] };
		return null;
	}
	const cursor: PollCursor = (!manual && state.cursor) || { at: now - SAMPLE_WINDOW_MS, ids: [] };

	const seen = new Set(cursor.ids);
	const listed = (
		await chartHopList.call(this, PATHS.events, listQuery(patterns, cursor.at), undefined, 0)
	)
		.filter((event) => !seen.has(idOf(event)))
		.map((event, index) => ({ event, index, at: timeOf(event) ?? cursor.at }))
		.sort((a, b) => a.at - b.at || a.index - b.index)
		.map(({ event }) => event);

	let matched = listed.flatMap((event) => {
		const read = readEvent(event);
		if (!read.ok) {
			this.logger.warn(`ChartHop Poll Trigger: skipped an event: ${read.problems.join('; ')}`);
			return [];
		}
		const pattern = patterns.find((candidate) => codeMatches(candidate, read.event.code));
		return pattern ? [{ event, read: read.event, pattern }] : [];
	});
	if (manual) matched = matched.slice(-SAMPLE_SIZE);

	const receivedAt = new Date().toISOString();
	const items: INodeExecutionData[] = [];
	for (const { event, read, pattern } of matched) {
		const full = readEvent(await withPayload(this, event));
		items.push({
			json: toHrEvent(full.ok ? full.event : read, {
				receivedAt,
				subscription: { pattern: pattern.text },
				includeRaw: includeRaw === true,
			}),
		});
	}
	// Only now: if reading a payload failed, the next poll tries the same events again.
	if (!manual) state.cursor = advance(cursor, listed);
	return items.length ? [items] : null;
}
