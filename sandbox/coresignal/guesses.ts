/**
 * Every place where the sandbox had to guess Coresignal's behaviour ([U] in
 * /work/shared/reference/coresignal-api.md). Change a guess here when a live key proves otherwise;
 * the README's sandbox section lists the same points.
 */

/**
 * [U] §3.3: the `/ids` subscription body. Best documented guess: JSON
 * `{"webhook_url": "...", "ids": [1, 2, 3]}` with integer ids (v1 said "integer_IDs").
 */
export const IDS_BODY_FIELD = 'ids';

/** [U] §3.5: create answers 200 with the same shape as renew: `{id, status, created_at, expiring_at}`. */
export const CREATE_STATUS = 200;

/** [U] §5: DELETE answers 200 with this body. */
export const deleteResponse = (id: string) => ({ id, status: 'deleted' });

/** [U] §5: renew moves the expiry to now + this many days, refused when that passes 1 year from creation. */
export const RENEW_DAYS = 91;

/** [U] §5: how long after creation renew answers 409 "initialising". */
export const INITIALISING_MS = 60_000;

/** [U] §3.2: `tracked_fields` on experience endpoints is refused with 422 (they track `experience` only). */
export const TRACKED_FIELDS_ON_EXPERIENCE = false;

/** [U] §3.1: what happens at the 500-subscription cap. */
export const LIMIT_STATUS = 400;

/** [U] §3.5: webhook URLs must be absolute http(s) URLs; https is not required so local n8n works. */
export const ALLOWED_WEBHOOK_PROTOCOLS = ['http:', 'https:'];

/** [U] §6: the immediate answer of `/subscriptions/simulate`. The delivery uses `status`, not `change_type`. */
export const simulateResponse = () => ({ detail: 'Simulation request accepted. A webhook will be sent shortly.' });

/** [U] §2.2: v1 collect answers with `member_`-prefixed top-level keys (like the v1 flat files). */
export const V1_FIELD_PREFIX = 'member_';

/** [U] §1: whether v1 paths accept `apikey` (no) and v2 paths accept the JWT (no). */
export const CROSS_VERSION_AUTH = false;

/** [U] §10: texts of errors whose wording is not documented. */
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
