import type { IHookFunctions } from 'n8n-workflow';

import { coresignalRequest } from '../transport/api';
import { subscriptionPath } from '../transport/endpoints';
import type { PendingDelete, SubscriptionState } from './state';
import { pendingDeletes, removePendingDelete } from './state';

/** Deletes one subscription; an answer of 404 means it is already gone, which is just as good. */
async function deleteOne(
	this: IHookFunctions,
	entry: PendingDelete,
	deadline: number,
): Promise<'deleted' | 'already gone'> {
	const response = await coresignalRequest.call(this, {
		version: entry.version,
		method: 'DELETE',
		path: subscriptionPath(entry.version, entry.id),
		bucket: 'subscriptions',
		acceptStatuses: [404],
		deadline,
		persistent: true,
	});
	return response.statusCode === 404 ? 'already gone' : 'deleted';
}

/** What a user can do about a subscription the trigger could not delete. */
export function deleteByHand(entry: PendingDelete): string {
	return `The trigger tries again at the next activation or n8n start. To remove it now, run the Coresignal node's Subscription › Delete with Subscription ID ${entry.id} (API version ${entry.version}).`;
}

/**
 * Deletes every subscription in `pendingDeletes`. Never throws: a deletion that still fails stays
 * pending and is logged as an error naming the id and how to delete it by hand.
 */
export async function deletePending(
	this: IHookFunctions,
	state: SubscriptionState,
	deadline: number,
): Promise<void> {
	for (const entry of pendingDeletes(state)) {
		try {
			const outcome = await deleteOne.call(this, entry, deadline);
			removePendingDelete(state, entry);
			this.logger.info(
				outcome === 'deleted'
					? 'Deleted Coresignal subscription'
					: 'Coresignal subscription was already deleted',
				{ subscriptionId: entry.id },
			);
		} catch (error) {
			this.logger.error(
				`Could not delete Coresignal subscription ${entry.id}: ${(error as Error).message}. ${deleteByHand(entry)}`,
				{ subscriptionId: entry.id },
			);
		}
	}
}
