import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { ApiVersion } from '../transport/api';

/** What the trigger remembers about its Coresignal subscription, in the node's static data. */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	/** The token in the webhook URL Coresignal calls; Coresignal signs nothing, so this is the only proof. */
	secret?: string;
	expiringAt?: string;
	/** Endpoint + body (without the URL): a change means the subscription no longer matches the node. */
	fingerprint?: string;
	version?: ApiVersion;
}

export function subscriptionState(context: IHookFunctions | IWebhookFunctions): SubscriptionState {
	return context.getWorkflowStaticData('node') as SubscriptionState;
}

export function clearSubscriptionState(state: SubscriptionState): void {
	delete state.subscriptionId;
	delete state.secret;
	delete state.expiringAt;
	delete state.fingerprint;
	delete state.version;
}
