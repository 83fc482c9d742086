import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { shownUrl } from '../../shared/shownUrl';
import { datasetField } from '../subscriptions/fields';
import { webhookUrlIn } from '../trigger/answers';
import type { ApiVersion } from '../transport/api';
import { coresignalRequest } from '../transport/api';
import { subscriptionPath } from '../transport/endpoints';
import { subscriptionPage } from '../transport/pagination';

/**
 * Coresignal's list gives only id, status and dates
 * (https://docs.coresignal.com/api-introduction/webhooks/subscription-management); what a person
 * recognises (which changes, sent where) is in each subscription's detail. So the list is shown
 * a few subscriptions at a time, each read once, rather than one detail call per subscription of
 * a page of about 1,000.
 */
const SHOWN_PER_CALL = 20;

/** With a filter, subscriptions read per call at most while looking for matches. */
const READ_PER_FILTERED_CALL = 100;

/** Active subscriptions first (they are what Get, Renew and Delete are for), then expired ones. */
const STATUSES = ['active', 'expired'] as const;

interface Position {
	status: (typeof STATUSES)[number];
	page: number;
	offset: number;
}

const encode = (at: Position) => `${at.status}:${at.page}:${at.offset}`;

function decode(token: unknown): Position {
	const [status, page, offset] = String(token ?? '').split(':');
	return STATUSES.includes(status as Position['status'])
		? { status: status as Position['status'], page: Number(page) || 1, offset: Number(offset) || 0 }
		: { status: 'active', page: 1, offset: 0 };
}

const DATASET_NAMES = new Map(
	(datasetField.options as INodePropertyOptions[]).map((option) => [
		String(option.value),
		option.name,
	]),
);

/** "Experience changes, Clean Employee" from the detail's `entity` (its values are undocumented). */
function kindOf(entity: unknown): string | undefined {
	if (typeof entity !== 'string' || !entity.trim()) return undefined;
	const dataset = [...DATASET_NAMES.entries()].find(([value]) => entity.includes(value))?.[1];
	if (entity.includes('experience'))
		return dataset ? `Experience changes, ${dataset}` : `Experience changes (${entity})`;
	// A profile subscription's entity is taken to be its dataset; anything else is shown as it is.
	return dataset ? `Profile changes, ${dataset}` : entity;
}

async function readDetail(
	context: ILoadOptionsFunctions,
	version: ApiVersion,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		const response = await coresignalRequest.call(context, {
			version,
			method: 'GET',
			path: subscriptionPath(version, id),
			bucket: 'subscriptions',
			acceptStatuses: [404],
		});
		return response.statusCode === 404 ? undefined : (response.body as IDataObject);
	} catch {
		// The list entry alone still names the subscription by its dates.
		return undefined;
	}
}

function toItem(listed: IDataObject, detail: IDataObject | undefined): INodeListSearchItems {
	const id = String(listed.id);
	const expired = String(listed.status ?? '').toLowerCase() === 'expired';
	// The list cuts long names at the end, so the URL, the longest part, comes last.
	const parts = [
		kindOf(detail?.entity) ?? 'Subscription',
		listed.expiring_at
			? `${expired ? 'expired' : 'expires'} ${String(listed.expiring_at)}`
			: undefined,
		shownUrl(webhookUrlIn(detail)),
	];
	return {
		name: parts.filter(Boolean).join(' · '),
		value: id,
		description: `ID ${id}, created ${String(listed.created_at ?? 'on an unknown date')}`,
	};
}

const matches = (item: INodeListSearchItems, filter: string) =>
	`${item.name} ${String(item.value)}`.toLowerCase().includes(filter);

/**
 * The credential's subscriptions for the Subscription locator, described by kind, webhook URL and
 * expiry, filtered by what the user typed (matched against that description and the id).
 */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const version = this.getNodeParameter('apiVersion', 'v2') as ApiVersion;
	const wanted = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let at = decode(paginationToken);
	const budget = wanted ? READ_PER_FILTERED_CALL : SHOWN_PER_CALL;
	let read = 0;
	while (read < budget && results.length < SHOWN_PER_CALL) {
		const page = await subscriptionPage.call(this, {
			version,
			expired: at.status === 'expired',
			page: at.page,
		});
		const chunk = page.slice(at.offset, at.offset + Math.min(SHOWN_PER_CALL, budget - read));
		if (chunk.length === 0) {
			const nextStatus = STATUSES[STATUSES.indexOf(at.status) + 1];
			if (!nextStatus) return { results };
			at = { status: nextStatus, page: 1, offset: 0 };
			continue;
		}
		const details = await Promise.all(
			chunk.map(async (listed) => await readDetail(this, version, String(listed.id))),
		);
		chunk.forEach((listed, index) => {
			const item = toItem(listed, details[index]);
			if (!wanted || matches(item, wanted)) results.push(item);
		});
		read += chunk.length;
		at =
			at.offset + chunk.length < page.length
				? { ...at, offset: at.offset + chunk.length }
				: { ...at, page: at.page + 1, offset: 0 };
	}
	return { results, paginationToken: encode(at) };
}
