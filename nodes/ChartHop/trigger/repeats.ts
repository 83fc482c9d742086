import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * The event ids the ChartHop Trigger already emitted, kept in the node's static data (so every n8n
 * process sees them) as ONE string of fixed-width records, oldest first: 16 characters of the id's
 * SHA-256 (base64url; static data is readable by anyone who can read the workflow) and 9 base-36
 * digits of the epoch ms it was first seen.
 *
 * One string, because n8n wraps static data in a Proxy and saves it as JSON with the workflow after
 * every execution that changed it: an object with one key per id costs a trap per id on every read
 * (about 50 ms per delivery at 5,000 ids in a real n8n) and a key per id in every save.
 */

/** Event ids remembered at most; the oldest are forgotten first. */
export const MAX_REMEMBERED_IDS = 5000;

const HASH_LENGTH = 16;
const TIME_LENGTH = 9;
/** Characters per remembered id. */
export const RECORD_LENGTH = HASH_LENGTH + TIME_LENGTH;

// One-shot `hash` costs a third of a `createHash` object per id.
const hashId = (id: string) => hash('sha256', id, 'base64url').slice(0, HASH_LENGTH);

const timeText = (ms: number) =>
	Math.max(0, Math.floor(ms)).toString(36).padStart(TIME_LENGTH, '0');

const timeAt = (records: string, offset: number) =>
	parseInt(records.slice(offset + HASH_LENGTH, offset + RECORD_LENGTH), 36);

/** What the trigger keeps (`seenIds`), and what versions before it kept (`seen`: id hash → epoch ms). */
export interface RepeatState extends IDataObject {
	seenIds?: string;
	seen?: IDataObject;
}

/** The records of the state, the old `seen` object converted (same hashes, oldest first) and removed. */
function recordsOf(state: RepeatState): string {
	let records = typeof state.seenIds === 'string' ? state.seenIds : '';
	if (records.length % RECORD_LENGTH !== 0) records = '';
	if (state.seen !== undefined) {
		const old = state.seen;
		delete state.seen;
		if (old && typeof old === 'object') {
			const converted = Object.entries(old)
				.filter((entry): entry is [string, number] => typeof entry[1] === 'number')
				.sort((a, b) => a[1] - b[1])
				.map(([key, at]) => key.slice(0, HASH_LENGTH).padEnd(HASH_LENGTH, '_') + timeText(at))
				.join('');
			records = converted + records;
		}
	}
	return records;
}

/**
 * For each id (in delivery order): true when it is seen for the first time within `windowMs` (or
 * has no id), false for a repeat, including a second occurrence in the same delivery. New ids are
 * remembered in `state`; ids older than the window, and the oldest past MAX_REMEMBERED_IDS, are
 * forgotten. A window of 0 forgets everything and remembers nothing.
 */
export function firstSightings(
	state: RepeatState,
	ids: Array<string | undefined>,
	windowMs: number,
	now = Date.now(),
): boolean[] {
	const stored = recordsOf(state);
	if (windowMs <= 0 || (stored === '' && ids.every((id) => id === undefined))) {
		if (state.seenIds !== undefined) delete state.seenIds;
		return ids.map(() => true);
	}
	// Records are appended as they are seen, so the expired ones are at the front.
	let start = 0;
	while (start < stored.length && timeAt(stored, start) <= now - windowMs) start += RECORD_LENGTH;
	const known = new Set<string>();
	for (let offset = start; offset < stored.length; offset += RECORD_LENGTH) {
		known.add(stored.slice(offset, offset + HASH_LENGTH));
	}
	const stamp = timeText(now);
	let added = '';
	const first = ids.map((id) => {
		if (id === undefined) return true;
		const key = hashId(id);
		if (known.has(key)) return false;
		known.add(key);
		added += key + stamp;
		return true;
	});
	let records = stored.slice(start) + added;
	const max = MAX_REMEMBERED_IDS * RECORD_LENGTH;
	if (records.length > max) records = records.slice(records.length - max);
	if (records === '') delete state.seenIds;
	// A new value, so n8n sees the change and saves the node's static data.
	else if (records !== state.seenIds) state.seenIds = records;
	return first;
}
