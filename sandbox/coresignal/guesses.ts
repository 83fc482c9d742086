/**
 * Every place where the sandbox had to guess Coresignal's behaviour because its docs do not say.
 * Change a guess here when a live key proves otherwise; docs/dev/sandbox.md lists the same points.
 */

/**
 * Undocumented (the v2 subscribe pages stop before the `/ids` template): the `/ids` subscription body.
 * Best guess: JSON `{"webhook_url": "...", "ids": [1, 2, 3]}` with integer ids (v1 said "integer_IDs",
 * https://docs.coresignal.com/api/clean-employee-api-subscribe-to-changes).
 */
export const IDS_BODY_FIELD = 'ids';

/** Undocumented (only "a subscription ID" is promised): create answers 200 with the same shape as renew: `{id, status, created_at, expiring_at}`. */
export const CREATE_STATUS = 200;

/** Undocumented: DELETE answers 200 with this body. */
export const deleteResponse = (id: string) => ({ id, status: 'deleted' });

/**
 * Undocumented: renew moves the expiry to now + this many days. Documented: refused when that passes 1 year
 * from creation (https://docs.coresignal.com/api/webhooks-changelog-august-2025).
 */
export const RENEW_DAYS = 91;

/** Undocumented: how long after creation renew answers 409 "initialising". */
export const INITIALISING_MS = 60_000;

/** Undocumented: `tracked_fields` on experience endpoints is refused with 422 (they track `experience` only). */
export const TRACKED_FIELDS_ON_EXPERIENCE = false;

/** Undocumented: what happens at the 500-subscription cap. */
export const LIMIT_STATUS = 400;

/** Undocumented: webhook URLs must be absolute http(s) URLs; https is not required so local n8n works. */
export const ALLOWED_WEBHOOK_PROTOCOLS = ['http:', 'https:'];

/**
 * Undocumented: the immediate answer of `/subscriptions/simulate`
 * (https://docs.coresignal.com/api-introduction/webhooks/subscription-simulation shows only the request).
 * The delivery uses `status`, not `change_type`.
 */
export const simulateResponse = () => ({ detail: 'Simulation request accepted. A webhook will be sent shortly.' });

/**
 * Undocumented: v1 collect answers with `member_`-prefixed top-level keys, like the v1 flat files
 * (https://docs.coresignal.com/legacy-data/clean-employee-data/sample-clean-employee-data).
 */
export const V1_FIELD_PREFIX = 'member_';

/** Undocumented: whether v1 paths accept `apikey` (no) and v2 paths accept the JWT (no). */
export const CROSS_VERSION_AUTH = false;

/** Undocumented: texts of errors whose wording Coresignal does not show. */
export const messages = {
	missingAuth: 'Not authenticated',
	invalidApiKey: 'Invalid API key',
	invalidToken: 'Invalid or expired token',
	notFound: 'Not Found',
	subscriptionNotFound: 'Subscription not found',
	employeeNotFound: 'Employee not found',
	rateLimited: 'Endpoint rate limit has been exceeded.',
	insufficientCredits: 'Insufficient credits',
	expired: 'Subscription has expired and cannot be renewed.',
	pastOneYear: 'Subscription cannot be renewed: the new expiry would be more than 1 year after creation.',
	initialising: 'Subscription is still initialising. Try again later.',
	invalidWebhookUrl: 'The webhook URL you provided is invalid.',
};
