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

/**
 * How much wider than the vendor's the window calls are counted in is (see `Throttle`): `base`
 * against network jitter, plus `lagFactor` times how late timers fire as a share of the window, at
 * most `max` (4: five times the window, a fifth of the rate). The remembered lateness halves every
 * `lagHalfLifeMs` once timers are punctual again. Measured with `dev/throttle-under-load.ts` on a
 * starved machine: the latest call of a run reached the vendor 0.9 to 1.7 times as long after
 * leaving the throttle as the latest timer had fired late, and stalls of seconds recurred within
 * seconds (so the factor is 2, and the peak is remembered for seconds).
 */
export const WINDOW_MARGIN = { base: 0.02, lagFactor: 2, max: 4, lagHalfLifeMs: 3000 } as const;
/** Calls an idle key may start at once before spacing begins. */
export const INITIAL_BURST = 4;

/**
 * How a key's rate follows the vendor's refusals (additive increase, multiplicative decrease, as
 * TCP shares a link it cannot see the other users of, https://www.rfc-editor.org/rfc/rfc5681):
 * a 429 cuts the share of the limit the key uses by 30%, each window without one gives back 5% of
 * the limit, and the share never falls below 10%.
 */
export const RATE_ADAPTATION = { decrease: 0.7, increase: 0.05, floor: 0.1 } as const;

interface Lane {
	/** When the next reserved slot starts (epoch ms, on a fixed grid). */
	nextSlot: number;
	/** When the last `requests` calls actually left, oldest first. */
	departures: number[];
	/** The share of the limit this key sends at: 1 until the vendor refuses a call. */
	share: number;
	/** When the share last fell or rose. */
	changedAt: number;
	/** When the share last fell after a refusal. */
	droppedAt: number;
	/** When the vendor last refused a call that left at the lowered rate. */
	refusedAt: number;
	/** No call leaves before this: the vendor's Retry-After (or one window) after a refusal. */
	pausedUntil: number;
	/** Counts the falls of the rate: a call that reserved its slot before a fall reserves again. */
	epoch: number;
}

/** What the vendor said when it refused a call as over its limit. */
export interface Refusal {
	/** When the refused call left the throttle (what `waitForSlot` returned). */
	sentAt: number;
	/** The vendor's `Retry-After`, if it sent one. */
	retryAfterMs?: number;
}

/**
 * Spaces the calls that share a key at the vendor's rate, by absolute time: slots lie on a fixed
 * grid, so a timer that fires late costs nothing later on. What actually left is logged, and a call
 * leaves only while fewer than `requests` left within the window: a busy event loop that wakes many
 * late calls at once cannot push more than the limit into any window.
 *
 * The window is wider than the vendor's, by how late timers fire. The vendor counts a call when it
 * arrives, not when it left here: a call that leaves at t arrives at t + d, where the send delay d
 * (n8n's own work on the request, the event loop's queue, the network) lies between some d_min and
 * d_max. The calls that arrive within one vendor window W left within W + (d_max - d_min); so at
 * most `requests` arrive within any W only if at most `requests` leave within any W plus the
 * spread of d. On a punctual machine the spread is a few ms (the base margin). A process starved
 * of CPU sends each call when its event loop gets to it, and its timers fire late by the same
 * queue: the remembered lateness (its peak, fading) stands for the spread (`WINDOW_MARGIN`),
 * bounded, and falls back once timers are punctual again.
 *
 * The limit is shared with whatever else uses the key and is invisible here (another n8n worker,
 * another tool): when the vendor refuses a call, the key slows down (see `RATE_ADAPTATION`) and
 * waits out the vendor's Retry-After, then speeds up again while no call is refused.
 *
 * State lives at module level on purpose: every execution that uses one API key shares its limit,
 * exactly like the vendor counts it (per process; the rate adaptation is what makes processes that
 * share a key converge on the vendor's limit). How late timers fire is the process's, not a key's.
 */
export class Throttle {
	private readonly lanes = new Map<string, Lane>();

	private readonly latencies = new Map<string, number>();

	/** The latest peak of timer lateness (ms) and when it was seen; it fades from then on. */
	private lag = { ms: 0, at: 0 };

	constructor(private readonly clock: ThrottleClock = systemClock) {}

	private lane(key: string): Lane {
		let lane = this.lanes.get(key);
		if (!lane) {
			lane = {
				nextSlot: 0,
				departures: [],
				share: 1,
				changedAt: -Infinity,
				droppedAt: -Infinity,
				refusedAt: -Infinity,
				pausedUntil: 0,
				epoch: 0,
			};
			this.lanes.set(key, lane);
		}
		return lane;
	}

	/** The window calls are counted in under `limit`: the vendor's, widened by how late timers fire now. */
	windowMs(limit: RateLimit): number {
		const margin = Math.min(
			WINDOW_MARGIN.max,
			WINDOW_MARGIN.base + (WINDOW_MARGIN.lagFactor * this.lagMs()) / limit.perMilliseconds,
		);
		return limit.perMilliseconds * (1 + margin);
	}

	/** Calls allowed per window at the key's current share of the limit. */
	private allowed(lane: Lane, limit: RateLimit): number {
		return Math.max(1, limit.requests * lane.share);
	}

	/**
	 * Gives back part of the limit once calls left for a whole window, since the last change and
	 * the end of the last pause, without a refusal.
	 */
	private recover(lane: Lane, limit: RateLimit, at: number): void {
		if (lane.share >= 1) return;
		const since = Math.max(lane.changedAt, lane.refusedAt, lane.pausedUntil);
		if (at - since < limit.perMilliseconds) return;
		lane.share = Math.min(1, lane.share + RATE_ADAPTATION.increase);
		lane.changedAt = at;
	}

	/** Sleeps until `at`, and remembers how late the timer fired. */
	private async sleepUntil(at: number): Promise<void> {
		await this.clock.sleep(at - this.clock.now());
		const now = this.clock.now();
		const late = now - at;
		if (late > this.lagMs()) this.lag = { ms: late, at: now };
	}

	/**
	 * Reserves the next slot on the key's grid and sleeps until it; true if it had to wait. Only a
	 * first reservation may use an idle key's burst credit.
	 */
	private async reserve(lane: Lane, limit: RateLimit, first: boolean): Promise<boolean> {
		const now = this.clock.now();
		const interval = this.windowMs(limit) / this.allowed(lane, limit);
		// An idle key keeps a credit of a few slots in the past: a small burst leaves at once.
		const burst = first ? Math.min(INITIAL_BURST, limit.requests) - 1 : 0;
		const slot = Math.max(lane.nextSlot, now - burst * interval, lane.pausedUntil);
		lane.nextSlot = slot + interval;
		if (slot <= now) return false;
		await this.sleepUntil(slot);
		return true;
	}

	/**
	 * Waits until a call for `key` may leave under `limit`, counts it as left, and returns when it
	 * left (hand that to `refused` if the vendor refuses the call).
	 */
	async waitForSlot(key: string, limit: RateLimit): Promise<number> {
		if (!(limit.requests > 0) || !(limit.perMilliseconds > 0)) return this.clock.now();
		const lane = this.lane(key);
		let epoch = lane.epoch;
		let waited = await this.reserve(lane, limit, true);

		for (;;) {
			if (lane.epoch !== epoch) {
				// The rate fell while this call waited: its slot was on the old, faster grid.
				epoch = lane.epoch;
				waited = (await this.reserve(lane, limit, false)) || waited;
				continue;
			}
			const at = this.clock.now();
			this.recover(lane, limit, at);
			const windowMs = this.windowMs(limit);
			const allowed = this.allowed(lane, limit);
			const spacing = windowMs / allowed;
			const { departures } = lane;
			const count = Math.floor(allowed);
			// Calls woken late together leave at most twice as fast as the grid (never in a bunch),
			// and only while the last window holds fewer than the allowed departures.
			const last = departures[departures.length - 1];
			const spaced = !waited || last === undefined ? at : last + spacing / 2;
			const oldest = departures[departures.length - count];
			const free = oldest !== undefined && oldest > at - windowMs ? oldest + windowMs : at;
			const leaveAt = Math.max(spaced, free, lane.pausedUntil);
			if (leaveAt <= at) {
				departures.push(at);
				// The last `requests` departures are all any window can ask about, however wide.
				if (departures.length > Math.ceil(limit.requests)) departures.shift();
				return at;
			}
			await this.sleepUntil(leaveAt);
		}
	}

	/**
	 * The vendor refused a call for `key` as over its limit: the key is shared with callers this
	 * process cannot see, or the way there bunched calls. The key slows down by
	 * `RATE_ADAPTATION.decrease` and pauses for the vendor's Retry-After (one window without one),
	 * once per window: refusals of calls that left before that window is over (a burst answering
	 * the same overrun) do not count again.
	 */
	refused(key: string, limit: RateLimit, refusal: Refusal): void {
		const lane = this.lane(key);
		const now = this.clock.now();
		if (refusal.sentAt >= lane.droppedAt) lane.refusedAt = now;
		if (refusal.sentAt < lane.droppedAt + limit.perMilliseconds) return;
		lane.share = Math.max(RATE_ADAPTATION.floor, lane.share * RATE_ADAPTATION.decrease);
		lane.changedAt = now;
		lane.droppedAt = now;
		const pause = refusal.retryAfterMs ?? limit.perMilliseconds;
		lane.pausedUntil = Math.max(lane.pausedUntil, now + pause);
		// Slots reserved ahead were on the faster grid: the grid starts again after the pause.
		lane.nextSlot = lane.pausedUntil;
		lane.epoch++;
	}

	/**
	 * How late this throttle's timers fire now, in ms: the latest peak of their lateness, halving
	 * every `WINDOW_MARGIN.lagHalfLifeMs` since (the window is widened by this).
	 */
	lagMs(): number {
		const age = Math.max(0, this.clock.now() - this.lag.at);
		return this.lag.ms * 0.5 ** (age / WINDOW_MARGIN.lagHalfLifeMs);
	}

	/** The share of `key`'s limit it currently sends at (1 = the whole limit). */
	share(key: string): number {
		return this.lanes.get(key)?.share ?? 1;
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
