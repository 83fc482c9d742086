import type { RateLimit } from '../../shared/throttle';
import { perSecond } from '../../shared/throttle';

/**
 * Coresignal's documented per-endpoint limits (reference §11). Subscription creation (9 per minute)
 * has no entry: activations are rare, so it relies on backing off after a 429 instead of spacing
 * every call 6.7 seconds apart.
 */
export const CORESIGNAL_LIMITS = {
	search: perSecond(18),
	collect: perSecond(54),
	bulk: perSecond(27),
	simulate: perSecond(1),
	subscriptions: undefined,
} satisfies Record<string, RateLimit | undefined>;

export type CoresignalBucket = keyof typeof CORESIGNAL_LIMITS;
