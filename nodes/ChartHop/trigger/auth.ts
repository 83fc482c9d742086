import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { headerValue, rejectDelivery, secretsMatch } from '../../shared/webhookAuth';
import type { Registration } from './patterns';
import type { TriggerState } from './state';

/** The header of an automated action's HTTP step that carries the node's random secret. */
export const SECRET_HEADER = 'x-n8n-secret';
/** The header of an automated action's HTTP step that names the pattern (its index) it was created for. */
export const PATTERN_HEADER = 'x-n8n-pattern';
/** The query parameter of an app notification URL that carries the user's Shared Secret. */
export const SECRET_QUERY = 'secret';

/**
 * ChartHop signs nothing, so a secret proves a delivery comes from ChartHop: the random header
 * of the node's automated actions (Automatic), or the user's Shared Secret in the notification
 * URL's query or in the header (Manual). Answers 401 and returns the response when it is missing
 * or wrong; returns undefined when the delivery is authenticated.
 */
export function rejectUnauthenticated(
	context: IWebhookFunctions,
	registration: Registration,
	state: TriggerState,
): IWebhookResponseData | undefined {
	const manual = registration === 'manual';
	const expected = manual ? (context.getNodeParameter('sharedSecret', '') as string) : state.secret;
	const query = context.getQueryData() as IDataObject;
	const received =
		headerValue(context, SECRET_HEADER) ??
		(manual && typeof query[SECRET_QUERY] === 'string'
			? (query[SECRET_QUERY] as string)
			: undefined);
	if (secretsMatch(received, expected)) return undefined;
	return rejectDelivery(
		context,
		401,
		manual
			? `Missing or wrong secret: add ?${SECRET_QUERY}=<Shared Secret> to the notification URL`
			: `Missing or wrong ${SECRET_HEADER} header`,
	);
}

/** The pattern index an automated action's delivery names, when it names a valid one. */
export function patternIndexOf(context: IWebhookFunctions, count: number): number | undefined {
	const value = headerValue(context, PATTERN_HEADER);
	if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
	const index = Number(value);
	return index < count ? index : undefined;
}
