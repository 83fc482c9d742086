import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { SeenIds } from '../../shared/dedup';

/** One automated action the node created, and the pattern (canonical text) it was created for. */
export interface RegisteredAction extends IDataObject {
	id: string;
	pattern: string;
}

/** What the ChartHop Trigger keeps in the node's static data (saved by n8n, shared in queue mode). */
export interface TriggerState extends IDataObject {
	/** The random secret header of the automated actions (Automatic registration). */
	secret?: string;
	/** One automated action per pattern, in pattern order. */
	actions?: RegisteredAction[];
	/** Changes with the patterns, payload or webhook URL; a different key means re-register. */
	key?: string;
	/** Hashes of event ids already emitted, with when (epoch ms): repeats within the window are dropped. */
	seen?: SeenIds;
}

export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	return context.getWorkflowStaticData('node') as TriggerState;
}

/** Forgets the registration (not the ids seen: a re-registration must not emit repeats again). */
export function forgetRegistration(state: TriggerState): void {
	delete state.secret;
	delete state.actions;
	delete state.key;
}
