import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { shownUrl } from '../../shared/shownUrl';
import { chartHopPage } from '../transport/api';
import { PAGE_SIZE, PATHS } from '../transport/endpoints';

/** With a filter, pages read per call at most while looking for matches. */
const PAGES_PER_FILTERED_CALL = 5;

/** Where the action's HTTP step sends. */
function httpTarget(action: IDataObject): string | undefined {
	const steps = Array.isArray(action.steps) ? (action.steps as IDataObject[]) : [];
	return shownUrl(steps.find((step) => typeof step?.httpUrl === 'string')?.httpUrl);
}

/** e.g. "Engineering hires: change.create.hire [department:engineering] → n8n.example.com/webhook/…" */
function toItem(action: IDataObject): INodeListSearchItems {
	const id = String(action.id);
	const when = action.event
		? `${String(action.event)}${action.filter ? ` [${String(action.filter)}]` : ''}`
		: action.cronSchedule
			? `schedule ${String(action.cronSchedule)}`
			: undefined;
	const description = typeof action.description === 'string' ? action.description.trim() : '';
	// A ChartHop Trigger's action says its pattern in its description already.
	const title =
		description && action.event && description.includes(String(action.event))
			? description
			: [description, when].filter(Boolean).join(': ') || id;
	const target = httpTarget(action);
	const inactive = String(action.status ?? '').toUpperCase() === 'INACTIVE';
	return {
		// The list cuts long names at the end, so the URL, the longest part, comes last.
		name: `${title}${inactive ? ' (inactive)' : ''}${target ? ` → ${target}` : ''}`,
		value: id,
		description: `ID ${id}`,
	};
}

/**
 * The organization's automated actions for the Automated Action locator, one ChartHop page per
 * call (its `next` cursor is the pagination token), filtered by what the user typed. ChartHop's
 * list takes no search text (https://api.charthop.com/swagger, GET /v1/org/{orgId}/action), so
 * the filter is applied here, reading a few more pages when one has no match.
 */
export async function searchAutomatedActions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let from = paginationToken || undefined;
	for (let pages = 0; pages < (wanted ? PAGES_PER_FILTERED_CALL : 1); pages++) {
		const page = await chartHopPage.call(this, PATHS.actions, {
			from,
			limit: PAGE_SIZE,
			itemIndex: 0,
		});
		for (const action of page.data) {
			const item = toItem(action);
			if (!wanted || `${item.name} ${item.value}`.toLowerCase().includes(wanted)) {
				results.push(item);
			}
		}
		from = page.next;
		if (from === undefined || results.length > 0) break;
	}
	return { results, paginationToken: from };
}
