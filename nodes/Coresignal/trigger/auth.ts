import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { matchesSecretHash } from '../../shared/webhookAuth';
import type { SubscriptionState } from './state';

/**
 * Coresignal signs nothing and sends no header of ours: the only proof that a delivery comes from
 * our subscription is this query parameter, which the trigger puts in the webhook URL it registers.
 */
export const TOKEN_QUERY = 'token';

/** The URL Coresignal calls: n8n's webhook URL plus the secret token that proves the call is ours. */
export function callbackUrl(webhookUrl: string, secret: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${TOKEN_QUERY}=${secret}`;
}

/** Whether `url` is `webhookUrl` with the token whose hash is `tokenHash` (as callbackUrl made it). */
export function isCallbackUrl(url: string, webhookUrl: string, tokenHash: string): boolean {
	const prefix = callbackUrl(webhookUrl, '');
	return url.startsWith(prefix) && matchesSecretHash(url.slice(prefix.length), tokenHash);
}

/**
 * Whether the delivery carries the token of this trigger's current subscription, checked against
 * the hash in static data in constant time.
 */
export function isAuthentic(context: IWebhookFunctions, state: SubscriptionState): boolean {
	const token = (context.getQueryData() as IDataObject)[TOKEN_QUERY];
	return matchesSecretHash(token, state.tokenHash);
}
