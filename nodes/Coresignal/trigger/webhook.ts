import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import { readJsonBody } from '../../shared/webhookBody';
import { rejectDelivery, secretsMatch } from '../../shared/webhookAuth';
import type { Dataset, SubscriptionEvent } from '../subscriptions/spec';
import { collectEmployee } from '../transport/collect';
import { renewIfExpiring, renewWindowDays } from './lifecycle';
import type { ChangeFilters } from './normalize';
import { changeToEvent, passesFilters } from './normalize';
import type { Change } from './payload';
import { parseDelivery, PayloadError } from './payload';
import { subscriptionState } from './state';

/** Enough calls in flight to reach Coresignal's 54 collects per second at typical latency. */
const COLLECT_CONCURRENCY = 8;

async function collectProfiles(
	context: IWebhookFunctions,
	changes: Change[],
): Promise<Array<{ data: IDataObject | null; error?: string }>> {
	const state = subscriptionState(context);
	const version = state.version ?? (context.getNodeParameter('apiVersion', 'v2') as 'v1' | 'v2');
	const dataset = context.getNodeParameter('dataset', 'employee_clean') as Dataset;
	return await mapWithConcurrency(changes, COLLECT_CONCURRENCY, async (change) => {
		try {
			const { record } = await collectEmployee.call(context, {
				version,
				dataset,
				key: change.member_id,
			});
			return { data: record };
		} catch (error) {
			// The change itself is still delivered; the item says why its profile is missing.
			context.logger.warn('Coresignal Trigger could not collect a changed profile', {
				memberId: change.member_id,
				error: (error as Error).message,
			});
			return { data: null, error: (error as Error).message };
		}
	});
}

export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = subscriptionState(this);
	const token = (this.getQueryData() as IDataObject).token;
	if (!secretsMatch(token, state.secret)) {
		return rejectDelivery(this, 401, 'Missing or wrong token in the webhook URL');
	}

	const body = readJsonBody(this);
	if (!body.ok)
		return rejectDelivery(this, 400, `${body.message}; Coresignal sends a JSON array of changes`);
	let changes: Change[];
	try {
		changes = parseDelivery(body.body);
	} catch (error) {
		if (error instanceof PayloadError) return rejectDelivery(this, 400, error.message);
		throw new NodeOperationError(this.getNode(), error as Error);
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filters: ChangeFilters = {
		statuses: (options.statuses as string[]) ?? [],
		changedFields: (options.changedFields as string[]) ?? [],
	};
	const accepted = changes.filter((change) => passesFilters(change, filters));
	const event: SubscriptionEvent =
		(this.getNodeParameter('apiVersion', 'v2') as string) === 'v1'
			? 'experience'
			: (this.getNodeParameter('event', 'employeeProfile') as SubscriptionEvent);
	const context = {
		event,
		subscriptionId: state.subscriptionId,
		receivedAt: new Date().toISOString(),
		includeRaw: options.includeRaw === true,
	};

	let items: INodeExecutionData[];
	if (options.collectFullProfile === true && accepted.length > 0) {
		const profiles = await collectProfiles(this, accepted);
		items = accepted.map((change, index) => {
			const json: IDataObject = changeToEvent(
				change,
				{ ...context, includeRaw: true },
				profiles[index].data,
			);
			if (profiles[index].error) json.collectError = profiles[index].error;
			if (!context.includeRaw) delete json.raw;
			return { json };
		});
	} else {
		items = accepted.map((change) => ({ json: changeToEvent(change, context) }));
	}

	try {
		await renewIfExpiring.call(this, state, renewWindowDays(this));
	} catch (error) {
		// A delivery must not be lost because renewal failed; the next delivery or restart retries it.
		this.logger.warn('Coresignal Trigger could not renew its subscription', {
			subscriptionId: state.subscriptionId,
			error: (error as Error).message,
		});
	}

	if (items.length === 0) return { webhookResponse: { received: changes.length, emitted: 0 } };
	return { workflowData: [items] };
}
