import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { generateSecret } from '../../shared/webhookAuth';
import { readSubscriptionSpec } from '../subscriptions/fields';
import type { SubscriptionSpec } from '../subscriptions/spec';
import { createBody, createPath, SubscriptionSpecError } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';
import { coresignalRequest } from '../transport/api';
import { expiresWithinDays, isExpired } from './expiry';
import type { SubscriptionState } from './state';
import { clearSubscriptionState, subscriptionState } from './state';

interface SubscriptionDetail extends IDataObject {
	id?: string;
	status?: string;
	expiring_at?: string;
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
	const renewed = response.body as SubscriptionDetail;
	if (renewed?.expiring_at) state.expiringAt = renewed.expiring_at;
	this.logger.info('Renewed Coresignal subscription', {
		subscriptionId: state.subscriptionId,
		expiringAt: state.expiringAt,
	});
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

	const response = await coresignalRequest.call(this, {
		version,
		method: 'GET',
		path: subscriptionPath(version, state.subscriptionId),
		bucket: 'subscriptions',
		acceptStatuses: [404],
	});
	const detail = response.body as SubscriptionDetail;
	if (
		response.statusCode === 404 ||
		detail?.status === 'expired' ||
		isExpired(detail?.expiring_at)
	) {
		this.logger.warn('Coresignal subscription is gone or expired; it will be created again', {
			subscriptionId: state.subscriptionId,
			status: response.statusCode === 404 ? 'not found' : 'expired',
		});
		clearSubscriptionState(state);
		return false;
	}
	if (detail?.expiring_at) state.expiringAt = detail.expiring_at;
	await renewIfExpiring.call(this, state, renewWindowDays(this));
	return true;
}

/** The URL Coresignal calls: n8n's webhook URL plus the secret token that proves the call is ours. */
export function callbackUrl(webhookUrl: string, secret: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}token=${secret}`;
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
	const created = response.body as SubscriptionDetail;
	const id = created?.id ?? (created as { subscription_id?: string })?.subscription_id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw new NodeApiError(this.getNode(), { body: created ?? null } as never, {
			message: 'Coresignal accepted the subscription but returned no subscription id',
			description:
				'Without the id the trigger cannot renew or delete the subscription. Check the subscription list in Coresignal and delete any orphan.',
		});
	}

	const state = subscriptionState(this);
	state.subscriptionId = String(id);
	state.secret = secret;
	state.expiringAt = created.expiring_at;
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
