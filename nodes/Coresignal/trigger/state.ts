import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { hashSecret } from '../../shared/webhookAuth';
import type { ApiVersion } from '../transport/api';

/** A subscription the trigger gave up but could not delete yet: deleted on the next activation or start. */
export interface PendingDelete extends IDataObject {
	id: string;
	version: ApiVersion;
}

/**
 * A creation Coresignal may have carried out although the trigger could not learn it: its answer was
 * lost and the list of subscriptions could not be read afterwards. Kept so that the next create
 * (n8n 2.41 calls it again by itself within seconds) or delete finds that subscription among those
 * new since `before`, by the token hash in its URL or by elimination, instead of leaving it behind.
 */
export interface UnconfirmedCreate extends IDataObject {
	/** SHA-256 (hex) of the token in the URL that creation registered. */
	tokenHash: string;
	version: ApiVersion;
	fingerprint: string;
	/** The active subscription ids before that creation. */
	before: string[];
	/** When it was sent (epoch ms): telling it apart by elimination is trusted only shortly after. */
	at: number;
}

/**
 * What the trigger remembers about its Coresignal subscription, in the node's static data. Static
 * data shows in the workflow JSON and in every execution, so it holds ids and a hash, never the
 * token a delivery must carry.
 */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	/**
	 * SHA-256 (hex) of the token in the webhook URL Coresignal calls. Coresignal signs nothing, so
	 * the token is the only proof; only its hash is kept.
	 */
	tokenHash?: string;
	/** The plain token as the first version kept it; replaced by `tokenHash` on first read. */
	secret?: string;
	expiringAt?: string;
	/** Endpoint + body (without the URL): a change means the subscription no longer matches the node. */
	fingerprint?: string;
	version?: ApiVersion;
	/** Subscriptions whose deletion failed; retried at the start of every hook. */
	pendingDeletes?: PendingDelete[];
	unconfirmedCreate?: UnconfirmedCreate;
}

/** Replaces a plain token kept by an earlier version with its hash. */
function migrate(state: SubscriptionState): void {
	if (state.secret === undefined) return;
	if (typeof state.secret === 'string' && state.secret !== '' && state.tokenHash === undefined) {
		state.tokenHash = hashSecret(state.secret);
	}
	delete state.secret;
}

/** The trigger's static data (migrated, so it never holds a usable token once written back). */
export function subscriptionState(context: IHookFunctions | IWebhookFunctions): SubscriptionState {
	const state = context.getWorkflowStaticData('node') as SubscriptionState;
	migrate(state);
	return state;
}

/** Forgets the current subscription. Pending deletions stay: they are still to be done. */
export function clearSubscriptionState(state: SubscriptionState): void {
	delete state.subscriptionId;
	delete state.tokenHash;
	delete state.secret;
	delete state.expiringAt;
	delete state.fingerprint;
	delete state.version;
}

/** The pending deletions, each with a known API version (v2 unless it says v1). */
export function pendingDeletes(state: SubscriptionState): PendingDelete[] {
	if (!Array.isArray(state.pendingDeletes)) return [];
	return state.pendingDeletes
		.filter((entry) => !!entry && typeof entry.id === 'string' && entry.id !== '')
		.map((entry) => ({ id: entry.id, version: entry.version === 'v1' ? 'v1' : 'v2' }));
}

const same = (a: PendingDelete, b: PendingDelete) => a.id === b.id && a.version === b.version;

/** Remembers `entry` for deletion (once). */
export function addPendingDelete(state: SubscriptionState, entry: PendingDelete): void {
	const pending = pendingDeletes(state);
	if (!pending.some((p) => same(p, entry))) pending.push({ id: entry.id, version: entry.version });
	state.pendingDeletes = pending;
}

export function removePendingDelete(state: SubscriptionState, entry: PendingDelete): void {
	const rest = pendingDeletes(state).filter((p) => !same(p, entry));
	if (rest.length > 0) state.pendingDeletes = rest;
	else delete state.pendingDeletes;
}

/**
 * Moves the current subscription to the pending deletions and forgets it: from here on, only
 * deleting it (now or at the next activation or start) is left to do.
 */
export function retireSubscription(state: SubscriptionState): void {
	if (state.subscriptionId) {
		addPendingDelete(state, { id: state.subscriptionId, version: state.version ?? 'v2' });
	}
	clearSubscriptionState(state);
}
