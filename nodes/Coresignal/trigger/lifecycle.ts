import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { generateSecret } from '../../shared/webhookAuth';
import { readSubscriptionSpec } from '../subscriptions/fields';
import type { SubscriptionSpec } from '../subscriptions/spec';
import { createBody, createPath, SubscriptionSpecError } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';
import { coresignalRequest } from '../transport/api';
import type { VendorResponse } from '../../shared/request';
import { callbackUrl } from './auth';
import { expiresWithinDays, isExpired } from './expiry';
import type { SubscriptionState } from './state';
import { clearSubscriptionState, subscriptionState } from './state';

interface SubscriptionDetail extends IDataObject {
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

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

function idIn(record: IDataObject): string | undefined {
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

export function readSpec(this: IHookFunctions): SubscriptionSpec {
	try {
		return readSubscriptionSpec((name, fallback) => this.getNodeParameter(name, fallback));
	} catch (error) {
		if (error instanceof SubscriptionSpecError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				description: error.description,
			});
		}
		throw new NodeOperationError(this.getNode(), error as Error);
	}
}

export function fingerprint(spec: SubscriptionSpec): string {
	return JSON.stringify([createPath(spec), createBody(spec, '')]);
}

export function renewWindowDays(context: IHookFunctions | IWebhookFunctions): number {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return typeof options.renewWithinDays === 'number' ? options.renewWithinDays : 14;
}

const subscriptionPath = (version: ApiVersion, id: string) =>
	`/${version}/subscriptions/${encodeURIComponent(id)}`;

/**
 * Renews when the subscription expires within the window. Coresignal answers 409 while a new
 * subscription is still initialising: that is not a failure, the next check renews it.
 * Legacy v1 documents no renew endpoint.
 */
export async function renewIfExpiring(
	this: IHookFunctions | IWebhookFunctions,
	state: SubscriptionState,
	windowDays: number,
): Promise<void> {
	const version = state.version ?? 'v2';
	if (
		!state.subscriptionId ||
		version === 'v1' ||
		!expiresWithinDays(state.expiringAt, windowDays)
	) {
		return;
	}
	const response = await coresignalRequest.call(this, {
		version,
		method: 'POST',
		path: `${subscriptionPath(version, state.subscriptionId)}/renew`,
		bucket: 'subscriptions',
		acceptStatuses: [409],
	});
	if (response.statusCode === 409) {
		this.logger.info('Coresignal subscription is still initialising; renewal postponed', {
			subscriptionId: state.subscriptionId,
		});
		return;
	}
	const renewed = subscriptionDetail(response.body);
	if (typeof renewed?.expiring_at === 'string') state.expiringAt = renewed.expiring_at;
	this.logger.info('Renewed Coresignal subscription', {
		subscriptionId: state.subscriptionId,
		expiringAt: state.expiringAt,
	});
}

/**
 * A failure that says nothing about the subscription: Coresignal's server errors and rate limits
 * (after the retries) or no answer at all. Anything else (401, 403, …) is raised.
 */
export function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	return !status || status >= 500 || status === 429;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const state = subscriptionState(this);
	if (!state.subscriptionId || !state.secret) return false;
	const version = state.version ?? 'v2';

	const spec = readSpec.call(this);
	if (state.fingerprint !== fingerprint(spec) || spec.version !== version) {
		this.logger.info('Coresignal Trigger settings changed; replacing the subscription', {
			subscriptionId: state.subscriptionId,
		});
		await deleteSubscription.call(this);
		return false;
	}

	let response: VendorResponse;
	try {
		response = await coresignalRequest.call(this, {
			version,
			method: 'GET',
			path: subscriptionPath(version, state.subscriptionId),
			bucket: 'subscriptions',
			acceptStatuses: [404],
		});
	} catch (error) {
		if (!isTransient(error)) {
			throw error instanceof NodeApiError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		}
		// Failing here would make n8n delete the subscription while cleaning up the activation.
		this.logger.warn('Could not check the Coresignal subscription; keeping it', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
		return true;
	}
	// Only 404 or a gone status means gone.
	const detail = subscriptionDetail(response.body);
	const gone = response.statusCode === 404 ? 'not found' : goneReason(detail);
	if (gone) {
		this.logger.warn('Coresignal subscription is gone or expired; it will be created again', {
			subscriptionId: state.subscriptionId,
			status: gone,
		});
		clearSubscriptionState(state);
		return false;
	}
	if (typeof detail?.expiring_at === 'string') state.expiringAt = detail.expiring_at;
	try {
		await renewIfExpiring.call(this, state, renewWindowDays(this));
	} catch (error) {
		// The subscription exists and delivers: a failed renewal must not make n8n delete it. The next
		// delivery or restart tries again; once it has expired, the check above re-creates it.
		this.logger.warn('Could not renew the Coresignal subscription; keeping it', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
	}
	return true;
}

/**
 * The expiry of a subscription whose create answer did not give it, so that renewal on delivery
 * works without waiting for a restart. Best effort: the next check reads it too.
 */
async function expiryOf(
	this: IHookFunctions,
	version: ApiVersion,
	id: string,
): Promise<string | undefined> {
	try {
		const response = await coresignalRequest.call(this, {
			version,
			method: 'GET',
			path: subscriptionPath(version, id),
			bucket: 'subscriptions',
			acceptStatuses: [404],
		});
		const expiringAt = subscriptionDetail(response.body)?.expiring_at;
		return typeof expiringAt === 'string' ? expiringAt : undefined;
	} catch (error) {
		this.logger.warn('Could not read the expiry of the new Coresignal subscription', {
			subscriptionId: id,
			error: (error as Error).message,
		});
		return undefined;
	}
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	}
	const spec = readSpec.call(this);
	const secret = generateSecret();
	const response = await coresignalRequest.call(this, {
		version: spec.version,
		method: 'POST',
		path: createPath(spec),
		body: createBody(spec, callbackUrl(webhookUrl, secret)),
		bucket: 'subscriptions',
		describeFailure: (status) =>
			status === 422
				? 'Coresignal rejected the subscription. If it names the webhook URL, n8n must be reachable from the internet over HTTPS (set WEBHOOK_URL); otherwise fix the field it names.'
				: undefined,
	});
	const created = createdSubscription(response.body);
	if (!created) {
		throw new NodeApiError(
			this.getNode(),
			{ body: (response.body ?? null) as never },
			{
				message: 'Coresignal accepted the subscription but returned no subscription id',
				description:
					'Without the id the trigger cannot renew or delete the subscription. Check the subscription list in Coresignal and delete any orphan.',
			},
		);
	}

	const state = subscriptionState(this);
	state.subscriptionId = created.id;
	state.secret = secret;
	state.expiringAt = created.expiringAt ?? (await expiryOf.call(this, spec.version, created.id));
	if (state.expiringAt === undefined) delete state.expiringAt;
	state.fingerprint = fingerprint(spec);
	state.version = spec.version;
	this.logger.info('Created Coresignal subscription', { subscriptionId: state.subscriptionId });

	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (this.getMode() === 'manual' && options.sendSampleOnTest) {
		await coresignalRequest.call(this, {
			version: spec.version,
			method: 'POST',
			path: `/${spec.version}/subscriptions/simulate`,
			body: { webhook_url: callbackUrl(webhookUrl, secret) },
			bucket: 'simulate',
		});
	}
	return true;
}

export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const state = subscriptionState(this);
	if (!state.subscriptionId) return true;
	const version = state.version ?? 'v2';
	const response = await coresignalRequest.call(this, {
		version,
		method: 'DELETE',
		path: subscriptionPath(version, state.subscriptionId),
		bucket: 'subscriptions',
		acceptStatuses: [404],
	});
	if (response.statusCode === 404) {
		this.logger.info('Coresignal subscription was already deleted', {
			subscriptionId: state.subscriptionId,
		});
	} else {
		this.logger.info('Deleted Coresignal subscription', { subscriptionId: state.subscriptionId });
	}
	clearSubscriptionState(state);
	return true;
}
