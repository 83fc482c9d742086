import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';

/**
 * The token a genuine Coresignal delivery carries for the trigger's subscription, read from the
 * webhook URL the (sandbox) vendor holds. Static data keeps only its hash, so this is the one
 * place a test can learn it, as only Coresignal can.
 */
export function coresignalToken(sandbox: Sandbox, staticData: IDataObject): string {
	const id = staticData.subscriptionId;
	const subscription = typeof id === 'string' ? sandbox.coresignal.store.find(id) : undefined;
	if (!subscription) throw new Error(`The sandbox holds no Coresignal subscription ${String(id)}`);
	const token = new URL(subscription.webhookUrl).searchParams.get('token');
	if (!token) throw new Error(`Subscription ${subscription.id} has no token in its webhook URL`);
	return token;
}
