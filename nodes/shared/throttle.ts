import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed per `perMilliseconds` window. */
	requests: number;
	perMilliseconds: number;
}

export const perSecond = (requests: number): RateLimit => ({ requests, perMilliseconds: 1000 });

export function slotIntervalMs(limit: RateLimit): number {
	return limit.perMilliseconds / limit.requests;
}

/** Applies a credential-wide cap (requests per second, 0 = none) on top of an endpoint's own limit. */
export function capLimit(limit: RateLimit, maxRequestsPerSecond: number | undefined): RateLimit {
	if (!maxRequestsPerSecond || maxRequestsPerSecond <= 0) return limit;
	const capInterval = 1000 / maxRequestsPerSecond;
	return slotIntervalMs(limit) >= capInterval ? limit : perSecond(maxRequestsPerSecond);
}

/**
 * Who a vendor counts requests for. Vendors limit per API key (Coresignal: "for each client's API
 * Key", https://docs.coresignal.com/api-introduction/response-codes), so two credentials holding
 * one key share one rate. `scope` names the vendor and endpoint group, e.g. `coresignal:collect`.
 */
export interface ThrottleIdentity {
	scope: string;
	baseUrl: string;
	/** The API key or token the vendor counts by; only its hash is kept. */
	secret: string | undefined;
}

export function throttleKey(identity: ThrottleIdentity): string {
	const hash = createHash('sha256')
		.update(`${identity.baseUrl}\n${identity.secret ?? ''}`)
		.digest('hex')
		.slice(0, 32);
	return `${identity.scope}:${hash}`;
}

/** Time as the throttle sees it; tests drive it with a fake clock. */
export interface ThrottleClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: ThrottleClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

/** The window is this much wider than the vendor's at least, against network jitter. */
const BASE_MARGIN = 0.02;
/** ...and at most this much wider, however late timers fire. */
const MAX_MARGIN = 0.08;
/** How fast the remembered timer lateness fades (per observation) once timers are punctual again. */
const LAG_DECAY = 0.98;
/** Calls an idle key may start at once before spacing begins. */
export const INITIAL_BURST = 4;

interface Lane {
	/** When the next reserved slot starts (epoch ms, on a fixed grid). */
	nextSlot: number;
	/** When the calls of the last window actually left, oldest first. */
	departures: number[];
	/** How late this key's timers have recently fired, in ms (a decaying maximum). */
	lagMs: number;
}

/**
 * Spaces the calls that share a key at the vendor's rate, by absolute time: slots lie on a fixed
 * grid, so a timer that fires late costs nothing later on. What actually left is logged, and a call
 * leaves only while fewer than `requests` left within the window: a busy event loop that wakes many
 * late calls at once cannot push more than the limit into any window. The window is widened by
 * how late timers have been firing (2% to 8%): when the machine is starved, the gap between a
 * call leaving and reaching the vendor varies by about as much, and a sliding window at the vendor
 * would otherwise count one call too many.
 *
 * State lives at module level on purpose: every execution that uses one API key shares its limit,
 * exactly like the vendor counts it (per process; see the README on queue mode).
 */
export class Throttle {
	private readonly lanes = new Map<string, Lane>();

	private readonly latencies = new Map<string, number>();

	constructor(private readonly clock: ThrottleClock = systemClock) {}

	private lane(key: string): Lane {
		let lane = this.lanes.get(key);
		if (!lane) {
			lane = { nextSlot: 0, departures: [], lagMs: 0 };
			this.lanes.set(key, lane);
		}
		return lane;
	}

	private windowMs(lane: Lane, limit: RateLimit): number {
		const margin = Math.min(MAX_MARGIN, BASE_MARGIN + (2 * lane.lagMs) / limit.perMilliseconds);
		return limit.perMilliseconds * (1 + margin);
	}

	/** Sleeps until `at`, and remembers how late the timer fired. */
	private async sleepUntil(lane: Lane, at: number): Promise<void> {
		await this.clock.sleep(at - this.clock.now());
		const late = Math.max(0, this.clock.now() - at);
		lane.lagMs = Math.max(late, lane.lagMs * LAG_DECAY);
	}

	/** Waits until a call for `key` may leave under `limit`, and counts it as left. */
	async waitForSlot(key: string, limit: RateLimit): Promise<void> {
		if (!(limit.requests > 0) || !(limit.perMilliseconds > 0)) return;
		const lane = this.lane(key);
		const interval = this.windowMs(lane, limit) / limit.requests;
		const now = this.clock.now();
		// An idle key keeps a credit of a few slots in the past: a small burst leaves at once.
		const burst = Math.min(INITIAL_BURST, limit.requests) - 1;
		const slot = Math.max(lane.nextSlot, now - burst * interval);
		lane.nextSlot = slot + interval;
		const waited = slot > now;
		if (waited) await this.sleepUntil(lane, slot);

		for (;;) {
			const at = this.clock.now();
			const windowMs = this.windowMs(lane, limit);
			const { departures } = lane;
			while (departures.length > 0 && departures[0] <= at - windowMs) departures.shift();
			// Calls woken late together leave at most twice as fast as the grid (never in a bunch),
			// and only while the last window holds fewer than `requests` departures.
			const last = departures[departures.length - 1];
			const spaced = !waited || last === undefined ? at : last + interval / 2;
			const full = departures.length >= limit.requests;
			const free = full ? departures[departures.length - limit.requests] + windowMs : at;
			const leaveAt = Math.max(spaced, free);
			if (leaveAt <= at) {
				departures.push(at);
				return;
			}
			await this.sleepUntil(lane, leaveAt);
		}
	}

	/**
	 * The vendor refused a call for `key` as over its limit although the schedule kept to it: the
	 * way there jitters more than timers show, so the window stays at its widest for a while.
	 */
	refused(key: string, limit: RateLimit): void {
		const lane = this.lane(key);
		lane.lagMs = Math.max(lane.lagMs, (MAX_MARGIN * limit.perMilliseconds) / 2);
	}

	/** Records how long a call for `scope` took once it left (send to answer). */
	recordLatency(scope: string, ms: number): void {
		const previous = this.latencies.get(scope);
		// A short memory, quicker to rise than to fall: too few calls in flight cost rate at once,
		// a few too many cost nothing (the schedule still decides when each leaves).
		const weight = previous === undefined ? 1 : ms > previous ? 0.5 : 0.2;
		this.latencies.set(scope, (previous ?? 0) * (1 - weight) + ms * weight);
	}

	latencyMs(scope: string): number | undefined {
		return this.latencies.get(scope);
	}

	/**
	 * Calls to keep in flight so `limit` is reached at the latency seen for `scope`: the rate times
	 * the latency, 20% more for its variation, plus the initial burst, bounded. Before any answer,
	 * the burst alone.
	 */
	inFlight(scope: string, limit: RateLimit): number {
		const latency = this.latencies.get(scope);
		if (latency === undefined) return INITIAL_BURST;
		// The burst on top covers what the latency leaves out: n8n's own work per item, and calls
		// held up by a retry.
		const needed = Math.ceil((limit.requests / limit.perMilliseconds) * latency * 1.2);
		return Math.min(MAX_IN_FLIGHT, needed + INITIAL_BURST);
	}
}

/**
 * The upper bound on calls in flight: 128 reaches 54 per second up to about 2 s of latency, and
 * keeps the slots one execution reserves ahead short, so other executions on the key get their turn.
 */
export const MAX_IN_FLIGHT = 128;

/** The process-wide throttle every vendor request goes through. */
export const throttle = new Throttle();
