import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { HrEventSource } from './envelope';
import { unrecognizedEvent } from './envelope';
import type { BodyResult } from './webhookBody';
import { rejectDelivery } from './webhookAuth';

/**
 * The trigger contract every trigger of this package follows, once authenticated:
 * every element of a delivery is read on its own; what a trigger cannot read still reaches the
 * workflow as a `<source>.unrecognized` item (unless the user chose to reject it with 400); the
 * sender always gets the same JSON acknowledgement.
 */

/** One element of a delivery as a trigger read it: an event it understands, or what was wrong. */
export type ParsedElement<T> =
	| { ok: true; event: T }
	| { ok: false; raw: unknown; problems: string[] };

export type ElementReader<T> = (element: unknown) => ParsedElement<T>;

export type OnUnrecognized = 'emit' | 'reject';

/**
 * Splits a delivery body into its elements (a JSON array, or one object) and reads each one.
 * A body that is empty, not JSON or not an object becomes one unrecognized element.
 */
export function readElements<T>(body: BodyResult, read: ElementReader<T>): Array<ParsedElement<T>> {
	if (!body.ok) return [{ ok: false, raw: body.text, problems: [body.message] }];
	const value = body.body;
	if (value === undefined || value === null || value === '') {
		return [{ ok: false, raw: value ?? null, problems: ['The body is empty'] }];
	}
	if (Array.isArray(value)) return value.map((element) => read(element));
	if (typeof value !== 'object') {
		return [
			{
				ok: false,
				raw: value,
				problems: [`The body is a JSON ${typeof value}, not an event object or a list of events`],
			},
		];
	}
	return [read(value)];
}

/** The reader's verdict for an element that is not even an object. */
export function notAnObject(element: unknown, what: string): ParsedElement<never> | undefined {
	if (element !== null && typeof element === 'object' && !Array.isArray(element)) return undefined;
	const kind =
		element === null ? 'null' : Array.isArray(element) ? 'a list' : `a ${typeof element}`;
	return { ok: false, raw: element, problems: [`The element is ${kind}, not ${what}`] };
}

/** What every trigger answers the sender once it accepted a delivery. */
export interface Acknowledgement extends IDataObject {
	status: 'accepted';
	/** Elements in the delivery. */
	received: number;
	/** Items that started the workflow (unrecognized ones included). */
	emitted: number;
	/** Elements emitted flagged as unrecognized. */
	unrecognized: number;
	/** Elements the node's filters left out. */
	ignored: number;
	/** Repeats of an event already emitted within the deduplication window. */
	duplicates: number;
}

export interface DeliveryCounts {
	received?: number;
	emitted?: number;
	unrecognized?: number;
	ignored?: number;
	duplicates?: number;
}

export function acknowledgement(counts: DeliveryCounts): Acknowledgement {
	return {
		status: 'accepted',
		received: counts.received ?? 0,
		emitted: counts.emitted ?? 0,
		unrecognized: counts.unrecognized ?? 0,
		ignored: counts.ignored ?? 0,
		duplicates: counts.duplicates ?? 0,
	};
}

/**
 * Answers the sender with the acknowledgement and starts the workflow when there are items.
 * The answer is written here because n8n, for a trigger that sets no response data, would answer
 * the literal text "firstEntryJson".
 */
export function respond(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
	ack: Acknowledgement,
): IWebhookResponseData {
	if (items.length === 0) return { webhookResponse: ack };
	context.getResponseObject().status(200).json(ack);
	return { workflowData: [items], noWebhookResponse: true };
}

/**
 * Closes a delivery the same way in every trigger: the item carrying unrecognized elements past
 * the limit is appended, then the sender gets the acknowledgement and the workflow its items.
 */
export function finishDelivery(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
	unrecognized: UnrecognizedItems,
	counts: { received: number; ignored: number; duplicates?: number },
): IWebhookResponseData {
	unrecognized.finish(items);
	return respond(
		context,
		items,
		acknowledgement({ ...counts, emitted: items.length, unrecognized: unrecognized.count }),
	);
}

/** How many element problems a 400 answer lists; the rest are counted. */
const MAX_LISTED = 5;

/**
 * "On Unrecognized Delivery: Reject with 400": the whole delivery is refused, so a sender that
 * retries sends it again once it is fixed. Returns undefined when every element was read.
 */
export function rejectIfUnrecognized<T>(
	context: IWebhookFunctions,
	elements: Array<ParsedElement<T>>,
	onUnrecognized: OnUnrecognized,
): IWebhookResponseData | undefined {
	if (onUnrecognized !== 'reject') return undefined;
	// Only the listed problems are worded: a body of a million bad elements is counted, not copied.
	const listed: string[] = [];
	let badCount = 0;
	for (let index = 0; index < elements.length; index++) {
		const element = elements[index];
		if (element.ok) continue;
		badCount++;
		if (listed.length < MAX_LISTED) listed.push(`element ${index}: ${element.problems.join('; ')}`);
	}
	if (badCount === 0) return undefined;
	const more = badCount > MAX_LISTED ? `; and ${badCount - MAX_LISTED} more` : '';
	return rejectDelivery(
		context,
		400,
		`Rejected the delivery (${badCount} of ${elements.length} elements unrecognized): ${listed.join('; ')}${more}`,
	);
}

/** The items for the elements a trigger could not read, in the shared envelope. */
export function unrecognizedItem(
	source: HrEventSource,
	element: { raw: unknown; problems: string[] },
	receivedAt: string,
	subscription?: { id?: string; pattern?: string },
): INodeExecutionData {
	return {
		json: unrecognizedEvent({
			source,
			raw: element.raw,
			problems: element.problems,
			receivedAt,
			subscription,
		}),
	};
}

/** Unreadable elements of one delivery that get an item each; the rest share one last item. */
export const MAX_FLAGGED_ITEMS = 100;

/**
 * Turns a delivery's unreadable elements into items, in delivery order: one each for the first
 * MAX_FLAGGED_ITEMS, then one last item that carries all the others under `raw.body` (a 10 MB body
 * of numbers would otherwise start a workflow with 1.7 million items).
 */
export class UnrecognizedItems {
	count = 0;

	private readonly rest: Array<{ raw: unknown; problems: string[] }> = [];

	constructor(
		private readonly source: HrEventSource,
		private readonly receivedAt: string,
		private readonly subscription?: { id?: string; pattern?: string },
	) {}

	/** Appends the element's item to `items`, or keeps the element for the last item. */
	add(element: { raw: unknown; problems: string[] }, items: INodeExecutionData[]): void {
		if (++this.count > MAX_FLAGGED_ITEMS) this.rest.push(element);
		else items.push(unrecognizedItem(this.source, element, this.receivedAt, this.subscription));
	}

	/** Appends the item that carries every element past the limit, if there are any. */
	finish(items: INodeExecutionData[]): void {
		if (this.rest.length === 0) return;
		const first = this.rest[0].problems.join('; ');
		items.push(
			unrecognizedItem(
				this.source,
				{
					raw: this.rest.map((element) => element.raw),
					problems: [
						`${this.rest.length} more elements could not be read; they are kept in order under "raw.body" (the first: ${first})`,
					],
				},
				this.receivedAt,
				this.subscription,
			),
		);
	}
}

export function readOnUnrecognized(context: IWebhookFunctions): OnUnrecognized {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return options.onUnrecognized === 'reject' ? 'reject' : 'emit';
}
