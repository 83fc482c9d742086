import { hash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/** Event ids a trigger remembers at most; the oldest are forgotten first. */
export const MAX_REMEMBERED_IDS = 5000;

/** `id hash → epoch ms first seen`, kept in the node's static data so every n8n process sees it. */
export interface SeenIds extends IDataObject {
	[idHash: string]: number;
}

// One-shot `hash` costs a third of a `createHash` object per id.
const hashId = (id: string) => hash('sha256', id, 'base64url').slice(0, 16);

/**
 * Splits `ids` into those first seen now and repeats seen within `windowMs`, and remembers the new
 * ones. Entries older than the window are dropped on every call, so static data stays small.
 * Ids are stored hashed: static data is readable by anyone who can read the workflow.
 */
export function firstSightings(
	seen: SeenIds,
	ids: Array<string | undefined>,
	windowMs: number,
	now = Date.now(),
): boolean[] {
	for (const [key, at] of Object.entries(seen)) {
		if (typeof at !== 'number' || at <= now - windowMs) delete seen[key];
	}
	const first = ids.map((id) => {
		if (id === undefined || windowMs <= 0) return true;
		const key = hashId(id);
		if (key in seen) return false;
		seen[key] = now;
		return true;
	});
	const keys = Object.keys(seen);
	if (keys.length > MAX_REMEMBERED_IDS) {
		// Trimmed to 90% so a busy trigger sorts once per many deliveries, not on every one.
		keys
			.sort((a, b) => seen[a] - seen[b])
			.slice(0, keys.length - Math.floor(MAX_REMEMBERED_IDS * 0.9))
			.forEach((key) => delete seen[key]);
	}
	return first;
}
