import type { RateLimit } from '../../shared/throttle';
import { perSecond } from '../../shared/throttle';

/**
 * ChartHop's REST API as the nodes use it (https://docs.charthop.com/developer-basics): the host,
 * the org-scoped paths, the rate the nodes keep to and the page size they ask for.
 */
export const DEFAULT_BASE_URL = 'https://api.charthop.com';

/** Every path below is relative to the organization, named by its id or slug. */
export const ORG_PREFIX = '/v1/org/';

export const orgRoot = (organization: string) => `${ORG_PREFIX}${encodeURIComponent(organization)}`;

/** Org-scoped paths; ids are encoded here, so a caller passes them as the user typed them. */
export const PATHS = {
	/** Automated actions: list (GET) and create (POST). */
	actions: '/action',
	/** One automated action: get and delete. */
	action: (id: string) => `/action/${encodeURIComponent(id)}`,
	/** The event list (without payloads). */
	events: '/event',
	/** One event with its payload. */
	event: (id: string) => `/event/${encodeURIComponent(id)}`,
	cqlValidate: '/cql/validate',
	cqlEvaluate: '/cql/evaluate',
} as const;

/** ChartHop publishes no rate limit; the nodes stay polite unless the credential sets its own cap. */
export const DEFAULT_REQUESTS_PER_SECOND = 10;
export const DEFAULT_RATE_LIMIT: RateLimit = perSecond(DEFAULT_REQUESTS_PER_SECOND);

/** Results asked for per page of a list (its `limit`). */
export const PAGE_SIZE = 100;
