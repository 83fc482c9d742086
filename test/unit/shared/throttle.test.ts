/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only test: setImmediate lets the fake clock's woken calls run */
import { mapWithConcurrency } from '../../../nodes/shared/concurrency';
import type { ThrottleClock } from '../../../nodes/shared/throttle';
import {
	INITIAL_BURST,
	MAX_IN_FLIGHT,
	perSecond,
	RATE_ADAPTATION,
	Throttle,
	throttleKey,
	WINDOW_MARGIN,
} from '../../../nodes/shared/throttle';

/**
 * A clock whose timers fire when the test says, as late as `lateness` makes them: a busy or
 * starved event loop, replayed exactly. Nothing here depends on real time.
 */
const START = 1_700_000_000_000;

class FakeClock implements ThrottleClock {
	private current = START;

	private timers: Array<{ at: number; resolve: () => void }> = [];

	constructor(private readonly lateness: (dueAt: number) => number = () => 0) {}

	now(): number {
		return this.current;
	}

	async sleep(ms: number): Promise<void> {
		const due = this.current + Math.max(0, ms);
		await new Promise<void>((resolve) =>
			this.timers.push({ at: due + this.lateness(due), resolve }),
		);
	}

	/** Fires every timer in time order until nothing waits any more. */
	async run(): Promise<void> {
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (this.timers.length === 0) return;
			this.timers.sort((a, b) => a.at - b.at);
			const due = this.timers[0].at;
			this.current = Math.max(this.current, due);
			// Every timer due by now fires in the same turn, as a late event loop fires them.
			const firing = this.timers.filter((timer) => timer.at <= this.current);
			this.timers = this.timers.filter((timer) => timer.at > this.current);
			for (const timer of firing) timer.resolve();
		}
	}
}

/** A deterministic pseudo-random sequence in [0, 1). */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

const LIMIT = perSecond(54);

/** Starts `count` calls at once on one key; returns when each was let through, and the throttle. */
async function stream(
	clock: FakeClock,
	count: number,
): Promise<{ times: number[]; throttle: Throttle }> {
	const throttle = new Throttle(clock);
	const times: number[] = [];
	const calls = Array.from({ length: count }, async () => {
		await throttle.waitForSlot('key', LIMIT);
		times.push(clock.now());
	});
	await clock.run();
	await Promise.all(calls);
	return { times: times.sort((a, b) => a - b), throttle };
}

async function departures(clock: FakeClock, count: number): Promise<number[]> {
	return (await stream(clock, count)).times;
}

/** The most departures inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
	let most = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('the throttle', () => {
	it('reaches at least 0.95 of the limit when timers fire on time', async () => {
		const times = await departures(new FakeClock(), 540);
		const rate = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
		expect(rate).toBeGreaterThanOrEqual(0.95 * LIMIT.requests);
		expect(rate).toBeLessThanOrEqual(LIMIT.requests);
	});

	it('never lets more than the limit through in any second when timers fire up to 300 ms late', async () => {
		const random = seeded(7);
		const times = await departures(new FakeClock(() => random() * 300), 600);
		expect(times).toHaveLength(600);
		expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(LIMIT.requests);
	});

	it('keeps 0.9 of the limit when timers are often 20 ms late', async () => {
		const random = seeded(11);
		const times = await departures(new FakeClock(() => (random() < 0.5 ? 20 : 0)), 540);
		const rate = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
		expect(rate).toBeGreaterThanOrEqual(0.9 * LIMIT.requests);
		expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(LIMIT.requests);
	});

	it('lets calls woken late together leave spaced, not in a bunch', async () => {
		// The event loop stalls from 2 s to 2.5 s: every timer due then fires at 2.5 s.
		const stallEnd = START + 2500;
		const stalled = (due: number) => (due >= START + 2000 && due < stallEnd ? stallEnd - due : 0);
		const times = await departures(new FakeClock(stalled), 200);
		const interval = 1000 / LIMIT.requests;
		const afterStall = times.filter((at) => at >= stallEnd);
		const gaps = afterStall.slice(1).map((at, index) => at - afterStall[index]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval / 2 - 1e-9);
		expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(LIMIT.requests);
	});

	it('lets a small burst leave at once when a key is idle', async () => {
		const times = await departures(new FakeClock(), INITIAL_BURST);
		expect(times[times.length - 1] - times[0]).toBeLessThan(1000 / LIMIT.requests);
	});
});

describe('the throttle when timers fire late (a process starved of CPU)', () => {
	it('widens its window by how late its timers fire', async () => {
		const { throttle } = await stream(new FakeClock(() => 300), 10);
		expect(throttle.lagMs()).toBe(300);
		expect(throttle.windowMs(LIMIT)).toBeCloseTo(
			LIMIT.perMilliseconds * (1 + WINDOW_MARGIN.base) + WINDOW_MARGIN.lagFactor * 300,
		);
	});

	it('never widens it beyond its bound, however late timers fire', async () => {
		const { throttle } = await stream(new FakeClock(() => 60_000), 10);
		expect(throttle.windowMs(LIMIT)).toBe(LIMIT.perMilliseconds * (1 + WINDOW_MARGIN.max));
	});

	it('narrows it back once timers are punctual again', async () => {
		const stalled = (due: number) => (due < START + 1000 ? 300 : 0);
		const { throttle } = await stream(new FakeClock(stalled), 1200);
		expect(throttle.windowMs(LIMIT)).toBeLessThan(
			LIMIT.perMilliseconds * (1 + WINDOW_MARGIN.base + 0.01),
		);
	});

	it('keeps a vendor within its limit when calls reach it as late as timers fire', async () => {
		// A starved process sends each call when its event loop gets to it: a delay that varies
		// by about as much as its timers are late.
		const late = seeded(3);
		const sent = seeded(5);
		const { times } = await stream(new FakeClock(() => late() * 400), 600);
		const arrivals = times.map((at) => at + sent() * 400).sort((a, b) => a - b);
		expect(busiestWindow(arrivals, LIMIT.perMilliseconds)).toBeLessThanOrEqual(LIMIT.requests);
	});
});

/**
 * Sends `count` calls on one key, as a worker with many items does, while `vendor` may refuse a
 * call (return true) or say so with a Retry-After; returns when each call left.
 */
async function refusedStream(
	clock: FakeClock,
	count: number,
	vendor: (sentAt: number, throttle: Throttle) => void,
): Promise<{ times: number[]; throttle: Throttle }> {
	const throttle = new Throttle(clock);
	const times: number[] = [];
	const calls = Array.from({ length: count }, async () => {
		const sentAt = await throttle.waitForSlot('key', LIMIT);
		times.push(sentAt);
		vendor(sentAt, throttle);
	});
	await clock.run();
	await Promise.all(calls);
	return { times: times.sort((a, b) => a - b), throttle };
}

/** Departures within [from, from + 1 s) after the start. */
const inSecond = (times: number[], fromMs: number) =>
	times.filter((at) => at >= START + fromMs && at < START + fromMs + 1000).length;

describe('the throttle when the vendor refuses calls (429)', () => {
	it('sends at a lower rate after a refusal, and pauses one window when no Retry-After was sent', async () => {
		let refusedAt: number | undefined;
		const { times } = await refusedStream(new FakeClock(), 300, (sentAt, throttle) => {
			if (refusedAt === undefined && sentAt >= START + 2000) {
				refusedAt = sentAt;
				throttle.refused('key', LIMIT, { sentAt });
			}
		});
		const after = times.filter((at) => at > refusedAt!);
		expect(after[0] - refusedAt!).toBeGreaterThanOrEqual(LIMIT.perMilliseconds);
		expect(busiestWindow(after.slice(0, 60), 1000)).toBeLessThanOrEqual(
			Math.ceil(LIMIT.requests * RATE_ADAPTATION.decrease),
		);
	});

	it('waits as long as the Retry-After says before anything else leaves', async () => {
		let refusedAt: number | undefined;
		const { times } = await refusedStream(new FakeClock(), 200, (sentAt, throttle) => {
			if (refusedAt === undefined && sentAt >= START + 1000) {
				refusedAt = sentAt;
				throttle.refused('key', LIMIT, { sentAt, retryAfterMs: 3000 });
			}
		});
		const after = times.filter((at) => at > refusedAt!);
		expect(after[0] - refusedAt!).toBeGreaterThanOrEqual(3000);
	});

	it('climbs back to the full limit once the vendor stops refusing', async () => {
		let refused = false;
		const { times, throttle } = await refusedStream(new FakeClock(), 900, (sentAt, t) => {
			if (!refused && sentAt >= START + 1000) {
				refused = true;
				t.refused('key', LIMIT, { sentAt });
			}
		});
		expect(inSecond(times, 2000)).toBeLessThan(LIMIT.requests * 0.8);
		const last = times[times.length - 1] - START;
		expect(inSecond(times, Math.floor(last / 1000) * 1000 - 1000)).toBeGreaterThanOrEqual(
			0.95 * LIMIT.requests,
		);
		expect(throttle.share('key')).toBe(1);
	});

	it('slows down once for a burst of refusals answering the same overrun', async () => {
		const burst: number[] = [];
		const { throttle } = await refusedStream(new FakeClock(), 120, (sentAt, t) => {
			// The vendor refuses ten calls that left together, as its window was already full.
			if (sentAt >= START + 1000 && burst.length < 10) {
				burst.push(sentAt);
				t.refused('key', LIMIT, { sentAt, retryAfterMs: 0 });
				if (burst.length === 10) expect(t.share('key')).toBe(RATE_ADAPTATION.decrease);
			}
		});
		expect(burst).toHaveLength(10);
		expect(throttle.share('key')).toBeGreaterThanOrEqual(RATE_ADAPTATION.decrease);
	});

	it('slows down again when calls sent at the lower rate are refused too', async () => {
		const clock = new FakeClock();
		const throttle = new Throttle(clock);
		const first = await throttle.waitForSlot('key', LIMIT);
		throttle.refused('key', LIMIT, { sentAt: first });
		const leaving = throttle.waitForSlot('key', LIMIT);
		await clock.run();
		const second = await leaving;
		throttle.refused('key', LIMIT, { sentAt: second });
		expect(throttle.share('key')).toBeCloseTo(RATE_ADAPTATION.decrease ** 2);
	});

	it('never falls below its floor, however long the refusals last', () => {
		const clock = new FakeClock();
		const throttle = new Throttle(clock);
		for (let window = 0; window < 30; window++) {
			throttle.refused('key', LIMIT, { sentAt: clock.now() + window * 2000 });
		}
		expect(throttle.share('key')).toBe(RATE_ADAPTATION.floor);
	});
});

describe('two processes sharing one API key (queue-mode workers)', () => {
	/** A vendor counting a sliding window of accepted calls, refusing the rest with Retry-After. */
	function slidingWindowVendor(limit: typeof LIMIT) {
		const accepted: number[] = [];
		let refusals = 0;
		return {
			accepted,
			refusals: () => refusals,
			take(at: number): number | undefined {
				const recent = accepted.filter((t) => t > at - limit.perMilliseconds);
				if (recent.length < limit.requests) {
					accepted.push(at);
					return undefined;
				}
				refusals++;
				return Math.max(1000, Math.ceil((recent[0] + limit.perMilliseconds - at) / 1000) * 1000);
			},
		};
	}

	it('converge on the vendor limit: every call gets through, with few refusals', async () => {
		const clock = new FakeClock();
		const vendor = slidingWindowVendor(LIMIT);
		const workers = [new Throttle(clock), new Throttle(clock)];
		const calls = workers.flatMap((throttle) =>
			Array.from({ length: 540 }, async () => {
				for (;;) {
					const sentAt = await throttle.waitForSlot('key', LIMIT);
					const retryAfterMs = vendor.take(sentAt);
					if (retryAfterMs === undefined) return;
					throttle.refused('key', LIMIT, { sentAt, retryAfterMs });
					await clock.sleep(retryAfterMs);
				}
			}),
		);
		await clock.run();
		await Promise.all(calls);
		const times = vendor.accepted.sort((a, b) => a - b);
		const seconds = (times[times.length - 1] - times[0]) / 1000;
		expect(times).toHaveLength(1080);
		expect(vendor.refusals()).toBeLessThan(0.1 * 1080);
		expect(1080 / seconds).toBeGreaterThanOrEqual(0.6 * LIMIT.requests);
	});
});

describe('the throttle key', () => {
	const identity = { scope: 'coresignal:collect', baseUrl: 'https://api.example', secret: 'k-1' };

	it('is the same for two credentials holding one API key and base URL', () => {
		expect(throttleKey({ ...identity })).toBe(throttleKey(identity));
	});

	it('differs by API key, base URL and endpoint group', () => {
		const keys = new Set([
			throttleKey(identity),
			throttleKey({ ...identity, secret: 'k-2' }),
			throttleKey({ ...identity, baseUrl: 'http://127.0.0.1:5679' }),
			throttleKey({ ...identity, scope: 'coresignal:search' }),
		]);
		expect(keys.size).toBe(4);
	});

	it('never contains the API key itself', () => {
		const plain = 'x'.repeat(32);
		expect(throttleKey({ ...identity, secret: plain })).not.toContain(plain);
	});
});

describe('calls in flight', () => {
	it('start with a small burst before any latency is known', () => {
		expect(new Throttle().inFlight('scope', LIMIT)).toBe(INITIAL_BURST);
	});

	it('cover the rate times the measured latency, with 20% to spare', () => {
		const throttle = new Throttle();
		throttle.recordLatency('scope', 500);
		expect(throttle.inFlight('scope', LIMIT)).toBe(Math.ceil(54 * 0.5 * 1.2) + INITIAL_BURST);
	});

	it('follow the latency as it changes', () => {
		const throttle = new Throttle();
		throttle.recordLatency('scope', 5);
		const fast = throttle.inFlight('scope', LIMIT);
		for (let call = 0; call < 30; call++) throttle.recordLatency('scope', 200);
		expect(fast).toBe(1 + INITIAL_BURST);
		expect(throttle.inFlight('scope', LIMIT)).toBeGreaterThan(Math.ceil(54 * 0.2 * 1.2));
	});

	it('stay bounded at any latency', () => {
		const throttle = new Throttle();
		throttle.recordLatency('scope', 60_000);
		expect(throttle.inFlight('scope', LIMIT)).toBe(MAX_IN_FLIGHT);
	});

	it('are re-read as calls finish, in input order', async () => {
		let allowed = 2;
		let active = 0;
		const seen: number[] = [];
		const results = await mapWithConcurrency(
			Array.from({ length: 40 }, (_, index) => index),
			() => allowed,
			async (value) => {
				active++;
				seen.push(active);
				if (value === 5) allowed = 8;
				await new Promise((resolve) => setImmediate(resolve));
				active--;
				return value * 2;
			},
		);
		expect(results).toEqual(Array.from({ length: 40 }, (_, index) => index * 2));
		expect(seen.slice(0, 5).every((count) => count <= 2)).toBe(true);
		expect(Math.max(...seen)).toBe(8);
	});
});
