import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import {
	finishDelivery,
	readOnUnrecognized,
	rejectIfUnrecognized,
	UnrecognizedItems,
} from '../../shared/delivery';
import { rejectDelivery } from '../../shared/webhookAuth';
import { readJsonBody } from '../../shared/webhookBody';
import { simplifyProfile, simplifyProfiles } from '../profile/simplify';
import type { Dataset, SubscriptionEvent } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';
import { collectEmployee, collectInFlight } from '../transport/collect';
import { eventOf } from '../transport/endpoints';
import { isAuthentic, TOKEN_QUERY } from './auth';
import type { Change } from './delivery';
import { readDelivery } from './delivery';
import { collectsFullProfile } from './description';
import { hookBudget, renewalDue, renewIfExpiring, renewWindowDays } from './lifecycle';
import type { ChangeFilters, NormalizeContext } from './normalize';
import { toHrEvent, memberIdOf, passesFilters } from './normalize';
import { subscriptionState } from './state';

async function collectProfiles(
	context: IWebhookFunctions,
	changes: Change[],
): Promise<Array<{ data: IDataObject | null; error?: string }>> {
	const state = subscriptionState(context);
	const version = state.version ?? (context.getNodeParameter('apiVersion', 'v2') as 'v1' | 'v2');
	const dataset = context.getNodeParameter('dataset', 'employee_clean') as Dataset;
	const simplify = simplifyProfiles(context.getNode().typeVersion, (fallback) =>
		context.getNodeParameter('simplify', fallback),
	);
	return await mapWithConcurrency(changes, collectInFlight(), async (change) => {
		try {
			const { record } = await collectEmployee.call(context, {
				version,
				dataset,
				key: memberIdOf(change),
			});
			return { data: simplify ? simplifyProfile(record) : record };
		} catch (error) {
			// The change itself is still delivered; the item says why its profile is missing.
			context.logger.warn('Coresignal Trigger could not collect a changed profile', {
				memberId: memberIdOf(change),
				error: (error as Error).message,
			});
			return { data: null, error: (error as Error).message };
		}
	});
}

/** Items for the accepted changes, each with its collected profile (or why it is missing). */
async function collectedItems(
	context: IWebhookFunctions,
	changes: Change[],
	normalize: NormalizeContext,
): Promise<INodeExecutionData[]> {
	const profiles = await collectProfiles(context, changes);
	return changes.map((change, index) => {
		const json: IDataObject = toHrEvent(change, normalize, profiles[index].data);
		if (profiles[index].error) json.collectError = profiles[index].error;
		return { json };
	});
}

async function renewQuietly(context: IWebhookFunctions): Promise<void> {
	const state = subscriptionState(context);
	// Checked before the budget: reading the credential for it costs every delivery a decryption.
	if (!renewalDue(state, renewWindowDays(context))) return;
	try {
		// Bounded like a hook: Coresignal waits for the answer to this delivery.
		const { deadline } = await hookBudget(context, state.version ?? 'v2');
		await renewIfExpiring.call(context, state, renewWindowDays(context), deadline);
	} catch (error) {
		// A delivery must not be lost because renewal failed; the next delivery or restart retries it.
		context.logger.warn('Coresignal Trigger could not renew its subscription', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
	}
}

/**
 * One delivery: authenticated by the URL token (against its hash; a plain token kept by an earlier
 * version is hashed on this first read and n8n saves the result), then read change by change. Readable changes that
 * pass the filters become HR events, unreadable ones `coresignal.unrecognized` items, all in
 * delivery order; the sender gets the shared acknowledgement.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = subscriptionState(this);
	if (!isAuthentic(this, state)) {
		return rejectDelivery(this, 401, `Missing or wrong ${TOKEN_QUERY} in the webhook URL`);
	}

	const elements = readDelivery(readJsonBody(this));
	const rejected = rejectIfUnrecognized(this, elements, readOnUnrecognized(this));
	if (rejected) return rejected;

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filters: ChangeFilters = {
		statuses: (options.statuses as string[]) ?? [],
		changedFields: (options.changedFields as string[]) ?? [],
	};
	const event = eventOf(
		this.getNodeParameter('apiVersion', 'v2') as ApiVersion,
		() => this.getNodeParameter('event', 'employeeProfile') as SubscriptionEvent,
	);
	const normalize: NormalizeContext = {
		event,
		subscriptionId: state.subscriptionId,
		receivedAt: new Date().toISOString(),
		includeRaw: options.includeRaw === true,
	};
	const subscription = state.subscriptionId ? { id: state.subscriptionId } : undefined;
	const collect = collectsFullProfile(this, options);

	// Delivery order is kept: slots of accepted changes are filled once their profiles are collected.
	const items: INodeExecutionData[] = [];
	const toCollect: Change[] = [];
	const collectSlots: number[] = [];
	const unrecognized = new UnrecognizedItems('coresignal', normalize.receivedAt, subscription);
	let ignored = 0;
	for (const element of elements) {
		if (!element.ok) {
			unrecognized.add(element, items);
		} else if (!passesFilters(element.event, filters)) {
			ignored++;
		} else if (collect) {
			collectSlots.push(items.length);
			toCollect.push(element.event);
			items.push({ json: {} });
		} else {
			items.push({ json: toHrEvent(element.event, normalize) });
		}
	}
	if (toCollect.length > 0) {
		const collected = await collectedItems(this, toCollect, normalize);
		collectSlots.forEach((slot, index) => (items[slot] = collected[index]));
	}

	await renewQuietly(this);

	return finishDelivery(this, items, unrecognized, { received: elements.length, ignored });
}
