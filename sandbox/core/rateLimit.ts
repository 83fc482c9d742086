import type { Clock } from './clock';

export interface RateLimitRule {
	requests: number;
	windowMs: number;
}

/** `{ [vendor]: { [group]: rule | null } }`; `null` switches a group's limit off. */
export type RateLimitConfig = Record<string, Record<string, RateLimitRule | null>>;

export interface RateDecision {
	allowed: boolean;
	/** Whole seconds until a request would be allowed again (at least 1). */
	retryAfterSeconds: number;
}

/**
 * Sliding-window limits per (vendor, group, credential[, path]), timed by the sandbox clock so
 * advancing the clock also lets a window pass.
 */
export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	private overrides: RateLimitConfig = {};

	constructor(
		private readonly clock: Clock,
		private readonly defaults: RateLimitConfig,
	) {}

	rule(vendor: string, group: string): RateLimitRule | null | undefined {
		const override = this.overrides[vendor];
		if (override && group in override) return override[group];
		return this.defaults[vendor]?.[group];
	}

	configure(config: RateLimitConfig): void {
		for (const [vendor, groups] of Object.entries(config)) {
			this.overrides[vendor] = { ...this.overrides[vendor], ...groups };
		}
	}

	effective(): RateLimitConfig {
		const vendors = new Set([...Object.keys(this.defaults), ...Object.keys(this.overrides)]);
		const result: RateLimitConfig = {};
		for (const vendor of vendors) {
			result[vendor] = { ...this.defaults[vendor], ...this.overrides[vendor] };
		}
		return result;
	}

	/** Counts a request that arrived at `now` (sandbox clock), if the limit allows it. */
	take(vendor: string, group: string, bucket: string, now = this.clock.now()): RateDecision {
		const rule = this.rule(vendor, group);
		if (!rule || !(rule.requests > 0)) return { allowed: true, retryAfterSeconds: 0 };
		const key = `${vendor}|${group}|${bucket}`;
		const recent = (this.hits.get(key) ?? []).filter((at) => at > now - rule.windowMs);
		if (recent.length >= rule.requests) {
			this.hits.set(key, recent);
			const waitMs = recent[0] + rule.windowMs - now;
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
		}
		recent.push(now);
		this.hits.set(key, recent);
		return { allowed: true, retryAfterSeconds: 0 };
	}

	/** Forgets counted requests; `resetConfig` also drops overrides set through the control API. */
	reset(resetConfig = true): void {
		this.hits.clear();
		if (resetConfig) this.overrides = {};
	}
}
