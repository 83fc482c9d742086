import { sleep } from 'n8n-workflow';

export interface RateLimit {
	/** Requests allowed per `perMilliseconds` window. */
	requests: number;
	perMilliseconds: number;
}

export const perSecond = (requests: number): RateLimit => ({ requests, perMilliseconds: 1000 });

/**
 * Spaces calls that share a key evenly at the allowed rate. State lives at module level on
 * purpose: every execution of every workflow that uses the same credential shares the limit,
 * exactly like the vendor counts it.
 */
const nextFreeSlot = new Map<string, number>();

export function slotIntervalMs(limit: RateLimit): number {
	return limit.perMilliseconds / limit.requests;
}

/**
 * Slots are spaced this much wider than the exact limit. Vendors count arrivals in a sliding
 * window: at exactly N per window, any request that travels a millisecond slower than the one N
 * places later puts N+1 arrivals in one window and earns a 429. 5% absorbs ~50 ms of jitter per second.
 */
export const SPACING_MARGIN = 1.05;

/** When the last `requests` calls per key actually left: a timer that fired late counts as late. */
const departures = new Map<string, number[]>();

/**
 * Reserves the next free slot for `key` and waits until it starts, then also until fewer than
 * `requests` calls left within the (widened) window: a busy event loop can start a call late,
 * and the evenly spaced schedule alone would then let the one `requests` places later follow too soon.
 */
export async function waitForSlot(key: string, limit: RateLimit): Promise<void> {
	if (!(limit.requests > 0) || !(limit.perMilliseconds > 0)) return;
	const now = Date.now();
	const slot = Math.max(now, nextFreeSlot.get(key) ?? 0);
	nextFreeSlot.set(key, slot + slotIntervalMs(limit) * SPACING_MARGIN);
	if (slot > now) await sleep(slot - now);

	const windowMs = limit.perMilliseconds * SPACING_MARGIN;
	const recent = departures.get(key) ?? [];
	departures.set(key, recent);
	for (;;) {
		const at = Date.now();
		while (recent.length > 0 && recent[0] <= at - windowMs) recent.shift();
		if (recent.length < limit.requests) {
			recent.push(at);
			return;
		}
		await sleep(recent[0] + windowMs - at);
	}
}

/** Applies a credential-wide cap (requests per second, 0 = none) on top of an endpoint's own limit. */
export function capLimit(limit: RateLimit, maxRequestsPerSecond: number | undefined): RateLimit {
	if (!maxRequestsPerSecond || maxRequestsPerSecond <= 0) return limit;
	const capInterval = 1000 / maxRequestsPerSecond;
	return slotIntervalMs(limit) >= capInterval ? limit : perSecond(maxRequestsPerSecond);
}
