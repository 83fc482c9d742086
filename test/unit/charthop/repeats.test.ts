import { createHash } from 'node:crypto';

import type { RepeatState } from '../../../nodes/ChartHop/trigger/repeats';
import {
	firstSightings,
	MAX_REMEMBERED_IDS,
	RECORD_LENGTH,
} from '../../../nodes/ChartHop/trigger/repeats';

const HOUR = 3_600_000;

/** How versions before the one-string format stored an id: its hash as a key, first seen as value. */
const oldKey = (id: string) => createHash('sha256').update(id).digest('base64url').slice(0, 16);

describe('ChartHop Trigger: remembering the event ids it emitted', () => {
	it('reports the first sighting of an id and not its repeat', () => {
		const state: RepeatState = {};
		expect(firstSightings(state, ['e1', 'e2'], 24 * HOUR, 1000)).toEqual([true, true]);
		expect(firstSightings(state, ['e1', 'e3'], 24 * HOUR, 2000)).toEqual([false, true]);
	});

	it('catches a repeat inside one delivery', () => {
		expect(firstSightings({}, ['e1', 'e1'], HOUR)).toEqual([true, false]);
	});

	it('forgets ids once the window has passed', () => {
		const state: RepeatState = {};
		firstSightings(state, ['e1'], HOUR, 0);
		expect(firstSightings(state, ['e1'], HOUR, HOUR + 1)).toEqual([true]);
	});

	it('keeps an id for the whole window after its first sighting, not after its repeats', () => {
		const state: RepeatState = {};
		firstSightings(state, ['e1'], HOUR, 0);
		expect(firstSightings(state, ['e1'], HOUR, HOUR - 1)).toEqual([false]);
		expect(firstSightings(state, ['e1'], HOUR, HOUR)).toEqual([true]);
	});

	it('always emits events without an id, and remembers nothing for them', () => {
		const state: RepeatState = {};
		expect(firstSightings(state, [undefined, undefined], HOUR)).toEqual([true, true]);
		expect(state).toEqual({});
	});

	it('emits everything and forgets what it remembered when the window is 0', () => {
		const state: RepeatState = {};
		firstSightings(state, ['e1'], HOUR);
		expect(firstSightings(state, ['e1', 'e1'], 0)).toEqual([true, true]);
		expect(state).toEqual({});
	});

	it('stores ids hashed, never as sent, in one string', () => {
		const state: RepeatState = {};
		firstSightings(state, ['evt_secretish_42', 'evt_2'], HOUR);
		expect(typeof state.seenIds).toBe('string');
		expect(state.seenIds).toHaveLength(2 * RECORD_LENGTH);
		expect(JSON.stringify(state)).not.toContain('evt_secretish_42');
	});

	it('keeps at most MAX_REMEMBERED_IDS ids, forgetting the oldest first', () => {
		const state: RepeatState = {};
		const old = Array.from({ length: MAX_REMEMBERED_IDS }, (_, i) => `old-${i}`);
		firstSightings(state, old, HOUR, 0);
		firstSightings(state, ['new-1', 'new-2'], HOUR, 1);
		expect(state.seenIds).toHaveLength(MAX_REMEMBERED_IDS * RECORD_LENGTH);
		expect(firstSightings(state, ['new-1', 'old-2', 'old-0'], HOUR, 2)).toEqual([
			false,
			false,
			true,
		]);
	});

	it('does not write the state when a delivery brings no new id', () => {
		const state: RepeatState = {};
		firstSightings(state, ['e1'], HOUR, 0);
		const before = state.seenIds;
		firstSightings(state, ['e1', undefined], HOUR, 1);
		expect(state.seenIds).toBe(before);
	});

	it('starts afresh from a stored value it cannot read', () => {
		const state: RepeatState = { seenIds: 'not records' };
		expect(firstSightings(state, ['e1'], HOUR, 0)).toEqual([true]);
		expect(state.seenIds).toHaveLength(RECORD_LENGTH);
	});

	describe('ids remembered by earlier versions (an object of id hash → first seen)', () => {
		it('still recognises them as repeats', () => {
			const state: RepeatState = { seen: { [oldKey('ev_old')]: 1000 } };
			expect(firstSightings(state, ['ev_old', 'ev_new'], HOUR, 2000)).toEqual([false, true]);
		});

		it('moves them into the new format on the first delivery, keeping when they were seen', () => {
			const state: RepeatState = { seen: { [oldKey('ev_b')]: 2000, [oldKey('ev_a')]: 1000 } };
			firstSightings(state, ['ev_c'], HOUR, 3000);
			expect(state.seen).toBeUndefined();
			expect(state.seenIds).toHaveLength(3 * RECORD_LENGTH);
			expect(firstSightings(state, ['ev_a'], HOUR, HOUR + 1000)).toEqual([true]);
			expect(firstSightings(state, ['ev_b'], HOUR, HOUR + 1000)).toEqual([false]);
		});

		it('forgets them once the window has passed', () => {
			const state: RepeatState = { seen: { [oldKey('ev_old')]: 0 } };
			expect(firstSightings(state, ['ev_old'], HOUR, HOUR + 1)).toEqual([true]);
		});

		it('are dropped, with the rest, when the window is 0', () => {
			const state: RepeatState = { seen: { [oldKey('ev_old')]: 0 } };
			expect(firstSightings(state, ['ev_old'], 0, 1)).toEqual([true]);
			expect(state).toEqual({});
		});
	});
});
