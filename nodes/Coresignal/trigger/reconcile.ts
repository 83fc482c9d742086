import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VendorResponse } from '../../shared/request';
import type { ApiVersion } from '../transport/api';
import { coresignalRequest } from '../transport/api';
import { subscriptionPath, subscriptionsPath } from '../transport/endpoints';
import { goneReason, listedIds, subscriptionDetail, webhookUrlIn } from './answers';

/**
 * Finding the subscription a create may have made when its answer was lost (a 5xx after the
 * work was done, a cut or missing answer). Coresignal's list carries no webhook URL, so the trigger
 * compares the active ids before and after the create, then reads each new one.
 */

/** Pages read at most: Coresignal allows 500 subscriptions per account, about 1,000 per page. */
const MAX_PAGES = 50;

/**
 * The ids of every active subscription of the credential (`GET /{version}/subscriptions?expired=false&page=N`).
 * Pages are read until one is empty (or adds nothing new): stopping at a short page would trust a
 * page size Coresignal gives only as "approximately 1,000", and a missed id could later pass for new.
 */
export async function listActiveIds(
	this: IHookFunctions,
	version: ApiVersion,
	deadline: number,
): Promise<Set<string>> {
	const ids = new Set<string>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const response = await coresignalRequest.call(this, {
			version,
			method: 'GET',
			path: subscriptionsPath(version),
			qs: { expired: 'false', page },
			bucket: 'subscriptions',
			deadline,
			// Without this list a lost answer to a creation could not be reconciled: worth the budget.
			persistent: true,
		});
		const listed = listedIds(response.body);
		if (listed === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				'Coresignal answered the subscription list with something that is not a list',
			);
		}
		const known = ids.size;
		for (const id of listed) ids.add(id);
		if (listed.length === 0 || ids.size === known) break;
	}
	return ids;
}

/** `GET /{version}/subscriptions/{id}`; a 404 is returned, not thrown. */
export async function getSubscription(
	this: IHookFunctions,
	version: ApiVersion,
	id: string,
	deadline: number,
): Promise<VendorResponse> {
	return await coresignalRequest.call(this, {
		version,
		method: 'GET',
		path: subscriptionPath(version, id),
		bucket: 'subscriptions',
		acceptStatuses: [404],
		deadline,
	});
}

/** What a new subscription's detail says about it. */
interface Candidate {
	id: string;
	/** The webhook URL its detail shows, if it shows one. */
	url?: string;
	/** Deleted, expired or not found by the time it was read: not a live subscription. */
	gone: boolean;
}

export type Reconciled =
	/** `id` is ours; `extra` are more subscriptions with exactly our URL (our token): ours too. */
	| { kind: 'adopted'; id: string; how: 'webhook URL' | 'elimination'; extra: string[] }
	/** No new subscription: the create did not happen. */
	| { kind: 'none' }
	/** New subscriptions that cannot be told apart: adopt none, delete none. */
	| { kind: 'ambiguous'; candidates: string[] };

async function readCandidate(
	this: IHookFunctions,
	version: ApiVersion,
	id: string,
	deadline: number,
): Promise<Candidate> {
	try {
		const response = await getSubscription.call(this, version, id, deadline);
		if (response.statusCode === 404) return { id, gone: true };
		return {
			id,
			url: webhookUrlIn(response.body),
			gone: goneReason(subscriptionDetail(response.body)) !== undefined,
		};
	} catch (error) {
		// Unread, it counts as a subscription whose URL is unknown.
		this.logger.warn('Could not read a new Coresignal subscription', {
			subscriptionId: id,
			error: (error as Error).message,
		});
		return { id, gone: false };
	}
}

/**
 * Which new subscription (compared with `before`) is the one a creation made: the one whose
 * detail shows its URL (`isOurs`: n8n's webhook URL with that creation's token); failing that, when no detail shows
 * any URL and exactly one is new, that one (by elimination). Throws when the list cannot be read.
 */
export async function findCreated(
	this: IHookFunctions,
	version: ApiVersion,
	before: Set<string>,
	isOurs: (url: string) => boolean,
	deadline: number,
	byElimination = true,
): Promise<Reconciled> {
	const after = await listActiveIds.call(this, version, deadline);
	const fresh = [...after].filter((id) => !before.has(id));
	const candidates: Candidate[] = [];
	for (const id of fresh) candidates.push(await readCandidate.call(this, version, id, deadline));
	const live = candidates.filter((candidate) => !candidate.gone);

	const ours = live
		.filter((candidate) => candidate.url !== undefined && isOurs(candidate.url))
		.map((c) => c.id);
	if (ours.length > 0) {
		return { kind: 'adopted', id: ours[0], how: 'webhook URL', extra: ours.slice(1) };
	}
	// A detail that shows another URL belongs to someone else.
	const unknown = live.filter((candidate) => candidate.url === undefined).map((c) => c.id);
	if (unknown.length === 0) return { kind: 'none' };
	const urlsShown = live.some((candidate) => candidate.url !== undefined);
	if (byElimination && !urlsShown && unknown.length === 1) {
		return { kind: 'adopted', id: unknown[0], how: 'elimination', extra: [] };
	}
	return { kind: 'ambiguous', candidates: unknown };
}
