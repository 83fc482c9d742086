import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	finishDelivery,
	readOnUnrecognized,
	rejectIfUnrecognized,
	UnrecognizedItems,
} from '../../shared/delivery';
import { SharedLists } from '../../shared/envelope';
import { readJsonBody } from '../../shared/webhookBody';
import { rejectDelivery } from '../../shared/webhookAuth';
import { authenticationFailure } from './auth';
import { readDelivery } from './delivery';
import { toHrEvent } from './normalize';
import { simplifyDeliveries } from './simplify';

/**
 * One delivery: authentication first (401), then every element on its own. Readable elements of
 * the selected types and events become items, the others are counted as ignored; elements that
 * cannot be read become `humansourcing.unrecognized` items (or, with "Reject With 400", the whole
 * delivery is refused). The sender always gets the shared JSON acknowledgement.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const refusal = await authenticationFailure(this);
	if (refusal !== undefined) return rejectDelivery(this, 401, refusal);

	const elements = readDelivery(readJsonBody(this));
	const rejection = rejectIfUnrecognized(this, elements, readOnUnrecognized(this));
	if (rejection !== undefined) return rejection;

	const types = new Set(this.getNodeParameter('types', []) as string[]);
	const events = new Set(this.getNodeParameter('events', []) as string[]);
	const options = this.getNodeParameter('options', {}) as {
		simplify?: boolean;
		includeRaw?: boolean;
	};
	const receivedAt = new Date().toISOString();
	const normalize = {
		receivedAt,
		simplify: simplifyDeliveries(this, options),
		includeRaw: options.includeRaw === true,
		shared: { lists: new SharedLists(), subscription: {} },
	};

	const items: INodeExecutionData[] = [];
	const unrecognized = new UnrecognizedItems('humansourcing', receivedAt);
	let ignored = 0;
	for (const element of elements) {
		if (!element.ok) {
			unrecognized.add(element, items);
		} else if (types.has(element.event.type) && events.has(element.event.event)) {
			items.push({ json: toHrEvent(element.event, normalize) });
		} else {
			ignored++;
		}
	}
	return finishDelivery(this, items, unrecognized, { received: elements.length, ignored });
}
