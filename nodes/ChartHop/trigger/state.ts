import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { hashSecret } from '../../shared/webhookAuth';
import type { RepeatState } from './repeats';

/** One automated action the node created, and the pattern (canonical text) it was created for. */
export interface RegisteredAction extends IDataObject {
	id: string;
	pattern: string;
}

/**
 * What the ChartHop Trigger keeps in the node's static data (saved by n8n, shared in queue mode).
 * Static data shows in the workflow JSON and in every execution, so it holds ids and the SHA-256
 * of the secret header, never the secret itself.
 */
export interface TriggerState extends RepeatState {
	/** SHA-256 (hex) of the random secret header of the automated actions (Automatic registration). */
	secretHash?: string;
	/** One automated action per pattern, in pattern order. */
	actions?: RegisteredAction[];
	/** The `fingerprint` of the settings and webhook URL registered; a different one means re-register. */
	key?: string;
	/**
	 * Actions n8n could not delete (ChartHop down or refusing): deleted first by the next
	 * activation or n8n start, and retried by the next deactivation.
	 */
	pendingDeletes?: RegisteredAction[];
	// `seenIds` (RepeatState): hashes of the event ids already emitted, with when (see repeats.ts).
}

/** What versions before the secret was hashed kept: the secret itself. */
interface LegacyState extends TriggerState {
	secret?: string;
}

/**
 * The node's static data. A state saved by an earlier version (the plain `secret`) is migrated on
 * first read: the hash replaces the secret, so the next save no longer holds it.
 */
export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	const state = context.getWorkflowStaticData('node') as LegacyState;
	if (typeof state.secret === 'string') {
		if (state.secret && !state.secretHash) state.secretHash = hashSecret(state.secret);
		delete state.secret;
	}
	return state;
}

/** Forgets the registration (not the ids seen: a re-registration must not emit repeats again). */
export function forgetRegistration(state: TriggerState): void {
	delete state.secretHash;
	delete state.actions;
	delete state.key;
}

/** Remembers actions to delete later, once each; forgets the list when it is empty. */
export function setPendingDeletes(state: TriggerState, pending: RegisteredAction[]): void {
	const unique = [...new Map(pending.map((action) => [action.id, action])).values()];
	if (unique.length) state.pendingDeletes = unique;
	else delete state.pendingDeletes;
}
