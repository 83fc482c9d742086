import type { IDataObject } from 'n8n-workflow';

import { isExpired } from './expiry';

/** How the trigger reads what Coresignal answers about subscriptions, in every form seen or guessed. */

export interface SubscriptionDetail extends IDataObject {
	id?: string;
	status?: string;
	expiring_at?: string;
}

/**
 * Coresignal documents only that create returns "a subscription ID"; list and renew answer
 * `{id, status, created_at, expiring_at}`
 * (https://docs.coresignal.com/api-introduction/webhooks/subscription-management). These are the
 * spellings and wrappers read, in order.
 */
const ID_KEYS = ['id', 'subscription_id', 'subscriptionId'];
const WRAPPER_KEYS = ['data', 'subscription'];
/** A plain-text answer is taken as the id only when it looks like one (not an HTML page). */
const PLAIN_ID = /^[\w.:-]{1,200}$/;

export const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

export function idIn(record: IDataObject): string | undefined {
	for (const key of ID_KEYS) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	}
	return undefined;
}

/** The subscription object in an answer: the body itself, or what it wraps under `data`/`subscription`. */
export function subscriptionDetail(body: unknown): SubscriptionDetail | undefined {
	if (!isRecord(body)) return undefined;
	if (idIn(body) !== undefined || typeof body.status === 'string')
		return body as SubscriptionDetail;
	for (const key of WRAPPER_KEYS) {
		if (isRecord(body[key])) return body[key] as SubscriptionDetail;
	}
	return body as SubscriptionDetail;
}

/** The id (and expiry, when given) in Coresignal's answer to create, whichever form it takes. */
export function createdSubscription(
	body: unknown,
): { id: string; expiringAt?: string } | undefined {
	const value = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof value === 'string') {
		const text = value.trim().replace(/^"(.*)"$/, '$1');
		return PLAIN_ID.test(text) ? { id: text } : undefined;
	}
	if (typeof value === 'number' && Number.isSafeInteger(value)) return { id: String(value) };
	const detail = subscriptionDetail(value);
	const id = detail && idIn(detail);
	if (!detail || id === undefined) return undefined;
	return {
		id,
		expiringAt: typeof detail.expiring_at === 'string' ? detail.expiring_at : undefined,
	};
}

/**
 * Coresignal's docs say DELETE makes a subscription "inactive"; lists say "active or expired".
 * Any of these statuses, in any case, means the subscription no longer delivers.
 */
const GONE_STATUSES = ['inactive', 'deleted', 'expired'];

/** Why a subscription detail means the subscription is gone, or undefined when it is alive. */
export function goneReason(detail: SubscriptionDetail | undefined): string | undefined {
	const status = typeof detail?.status === 'string' ? detail.status.trim().toLowerCase() : '';
	if (GONE_STATUSES.includes(status)) return `status "${detail?.status}"`;
	if (isExpired(detail?.expiring_at)) return `expired on ${detail?.expiring_at}`;
	return undefined;
}

/** Keys under which a list answer may wrap its array (the documented form is a bare array). */
const LIST_WRAPPERS = ['data', 'subscriptions', 'items', 'results'];

/**
 * The ids in one page of `GET /subscriptions` (documented: a bare array of
 * `{id, status, created_at, expiring_at}`), or undefined when the answer is not a list.
 */
export function listedIds(body: unknown): string[] | undefined {
	let items: unknown = body;
	if (isRecord(body)) items = LIST_WRAPPERS.map((key) => body[key]).find(Array.isArray);
	if (!Array.isArray(items)) return undefined;
	const ids: string[] = [];
	for (const item of items) {
		const id = isRecord(item) ? idIn(item) : typeof item === 'string' ? item.trim() : undefined;
		if (id) ids.push(id);
	}
	return ids;
}

/** Key spellings, compared without case, `_` or `-`, that hold the URL Coresignal calls. */
const URL_KEYS = new Set(['webhookurl', 'callbackurl', 'webhook', 'callback']);
const NESTED_URL_KEYS = new Set(['url', 'uri', 'href']);
const normalizedKey = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/**
 * The webhook URL a subscription detail shows, if any: `webhook_url`, `webhookUrl`,
 * `webhook: {url}` … at any depth up to 4. Coresignal documents no such field ([U]), so this reads
 * every reasonable form and answers undefined when none is there.
 */
export function webhookUrlIn(body: unknown, depth = 0): string | undefined {
	if (!isRecord(body) || depth > 4) return undefined;
	for (const [key, value] of Object.entries(body)) {
		if (!URL_KEYS.has(normalizedKey(key))) continue;
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (isRecord(value)) {
			for (const [inner, url] of Object.entries(value)) {
				if (NESTED_URL_KEYS.has(normalizedKey(inner)) && typeof url === 'string' && url.trim()) {
					return url.trim();
				}
			}
		}
	}
	for (const value of Object.values(body)) {
		const nested = webhookUrlIn(value, depth + 1);
		if (nested !== undefined) return nested;
	}
	return undefined;
}
