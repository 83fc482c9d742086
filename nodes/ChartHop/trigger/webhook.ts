import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	finishDelivery,
	readOnUnrecognized,
	rejectIfUnrecognized,
	UnrecognizedItems,
} from '../../shared/delivery';
import { SharedLists } from '../../shared/envelope';
import { readJsonBody } from '../../shared/webhookBody';
import type { EventPattern } from '../eventPattern';
import { codeMatches, eventMatches } from '../eventPattern';
import { patternIndexOf, rejectUnauthenticated } from './auth';
import type { ChartHopEvent } from './delivery';
import { readDelivery } from './delivery';
import { toHrEvent } from './normalize';
import { firstSightings } from './repeats';
import type { RegistrationMode } from './settings';
import { readTriggerSettings } from './settings';
import type { TriggerState } from './state';
import { triggerState } from './state';

const HOUR_MS = 60 * 60 * 1000;

/** What became of one element of the delivery, in delivery order. */
type Outcome =
	| { kind: 'unrecognized'; raw: unknown; problems: string[] }
	| { kind: 'ignored' }
	| { kind: 'matched'; event: ChartHopEvent; pattern: EventPattern | undefined };

type Found = { pattern: EventPattern | undefined } | undefined;

/** The pattern an event is emitted for, or undefined when the node's filters leave it out. */
function patternFinder(
	registration: RegistrationMode,
	patterns: EventPattern[],
	sentFor: number | undefined,
): (event: ChartHopEvent) => Found {
	let find: (event: ChartHopEvent) => Found;
	if (registration === 'manual') {
		// App notifications cover every pattern of the app: keep what this node asked for.
		find = (event) => {
			const pattern = patterns.find((candidate) =>
				eventMatches(candidate, event.code, event.matchFilters),
			);
			return pattern ? { pattern } : undefined;
		};
	} else {
		// An automated action runs only for events ChartHop matched to its pattern (and filter), so
		// each of its deliveries is emitted, named after the pattern the action was created for.
		const sent = sentFor === undefined ? undefined : patterns[sentFor];
		find = (event) => ({
			pattern:
				sent && codeMatches(sent, event.code)
					? sent
					: (patterns.find((candidate) => codeMatches(candidate, event.code)) ?? sent),
		});
	}
	// A delivery repeats a handful of codes: an event without matchFilters is matched once per code.
	const byCode = new Map<string, Found>();
	return (event) => {
		if (event.matchFilters.length > 0) return find(event);
		if (byCode.has(event.code)) return byCode.get(event.code);
		const found = find(event);
		byCode.set(event.code, found);
		return found;
	};
}

/** Splits repeats of events already emitted within the window from first sightings; remembers the new ids. */
function dropRepeats(options: IDataObject, state: TriggerState, outcomes: Outcome[]): Set<Outcome> {
	const hours = Number(options.ignoreRepeatsWithinHours ?? 24);
	const windowMs = Number.isFinite(hours) && hours > 0 ? hours * HOUR_MS : 0;
	const matched = outcomes.filter((outcome) => outcome.kind === 'matched');
	const first = firstSightings(
		state,
		matched.map((outcome) => outcome.event.id),
		windowMs,
	);
	return new Set(matched.filter((_, index) => !first[index]));
}

/** webhook(): authenticate, read every event on its own, filter, drop repeats, emit, acknowledge. */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const registration = this.getNodeParameter('registration', 'automatic') as RegistrationMode;
	const state = triggerState(this);
	const unauthenticated = await rejectUnauthenticated(this, registration, state);
	if (unauthenticated) return unauthenticated;

	const elements = readDelivery(readJsonBody(this));
	const rejected = rejectIfUnrecognized(this, elements, readOnUnrecognized(this));
	if (rejected) return rejected;

	const { patterns, customPayload } = readTriggerSettings(this);
	const sentFor = registration === 'automatic' ? patternIndexOf(this, patterns.length) : undefined;
	const findPattern = patternFinder(registration, patterns, sentFor);
	const outcomes: Outcome[] = elements.map((element) => {
		if (!element.ok) return { kind: 'unrecognized', raw: element.raw, problems: element.problems };
		const found = findPattern(element.event);
		return found
			? { kind: 'matched', event: element.event, pattern: found.pattern }
			: { kind: 'ignored' };
	});
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const repeats = dropRepeats(options, state, outcomes);

	const receivedAt = new Date().toISOString();
	// One object per pattern for the whole delivery: its items share it (n8n stores it once).
	const subscriptions = new Map<EventPattern | undefined, { id?: string; pattern?: string }>();
	const subscriptionOf = (pattern: EventPattern | undefined) => {
		let subscription = subscriptions.get(pattern);
		if (!subscription) {
			const id = pattern && state.actions?.find((action) => action.pattern === pattern.text)?.id;
			subscription = !pattern ? {} : id ? { id, pattern: pattern.text } : { pattern: pattern.text };
			subscriptions.set(pattern, subscription);
		}
		return subscription;
	};
	const sentSubscription = subscriptionOf(sentFor === undefined ? undefined : patterns[sentFor]);

	const lists = new SharedLists();
	const includeRaw = options.includeRaw === true;
	const items: INodeExecutionData[] = [];
	const unrecognized = new UnrecognizedItems('charthop', receivedAt, sentSubscription);
	let ignored = 0;
	for (const outcome of outcomes) {
		if (outcome.kind === 'unrecognized') {
			unrecognized.add(outcome, items);
		} else if (outcome.kind === 'ignored') {
			ignored++;
		} else if (!repeats.has(outcome)) {
			items.push({
				json: toHrEvent(outcome.event, {
					receivedAt,
					subscription: subscriptionOf(outcome.pattern),
					includeRaw,
					customPayload: customPayload !== undefined,
					lists,
				}),
			});
		}
	}

	return finishDelivery(this, items, unrecognized, {
		received: elements.length,
		ignored,
		duplicates: repeats.size,
	});
}
