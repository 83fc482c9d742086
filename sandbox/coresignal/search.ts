/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { SandboxRequest, SandboxResponse } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import type { Dataset } from './catalog';
import { DATASETS } from './catalog';
import type { CoresignalContext } from './context';
import { detail } from './context';
import type { Employee } from './employees';
import { matchingIds, parseSearchBody, QueryError } from './esQuery';
import { messages } from './guesses';

const PAGE_SIZE = 1000;
const PREVIEW_PAGE_SIZE = 20;
const PREVIEW_FIELDS = [
	'id',
	'full_name',
	'websites_professional_network',
	'headline',
	'location_full',
	'location_raw_address',
	'location_country',
	'connections_count',
	'follower_count',
	'company_name',
] as const;

/** Every employee of the sandbox, generated on the fly. */
export function* allEmployees(cs: CoresignalContext): Generator<Employee> {
	const { firstEmployeeId, employeeCount } = cs.config();
	for (let id = firstEmployeeId; id < firstEmployeeId + employeeCount; id++) {
		const employee = cs.employees.byId(id);
		if (employee) yield employee;
	}
}

/**
 * Matching ids per query, so paging through 100k results does not re-scan for every page. Employees
 * are generated from their id and the seed alone, so sandboxes with the same seed and range (a fresh
 * one per test) share the answers.
 */
const cache = new Map<string, number[]>();

export function searchIds(cs: CoresignalContext, query: Record<string, unknown>): number[] {
	const { firstEmployeeId, employeeCount } = cs.config();
	const key = `${cs.vendor.seed}:${firstEmployeeId}:${employeeCount}:${JSON.stringify(query)}`;
	let ids = cache.get(key);
	if (!ids) {
		ids = matchingIds(allEmployees(cs), query);
		if (cache.size > 50) cache.clear();
		cache.set(key, ids);
	}
	return ids;
}

/**
 * Cursor as Coresignal documents it: the last id when sorted by id, otherwise
 * `score,"last_updated",id` (quotes and commas: clients must URL-encode it).
 */
function cursorFor(cs: CoresignalContext, id: number, sort: 'id' | 'score'): string {
	if (sort === 'id') return String(id);
	return `1.0,"${cs.employees.byId(id)?.last_updated ?? ''}",${id}`;
}

function idFromCursor(after: string): number | undefined {
	const match = /(?:^|,)(\d+)$/.exec(after.trim());
	return match ? Number(match[1]) : undefined;
}

function search(cs: CoresignalContext, req: SandboxRequest, preview: boolean): SandboxResponse {
	const headers: Record<string, string | number> = { 'x-credits-remaining': cs.credits.remaining };
	if (req.bodyError) return detail(422, req.bodyError, headers);
	let parsed: ReturnType<typeof parseSearchBody>;
	let ids: number[];
	try {
		parsed = parseSearchBody(req.body);
		ids = searchIds(cs, parsed.query);
	} catch (error) {
		if (error instanceof QueryError) return detail(422, error.message, headers);
		throw error;
	}

	const maxPage = preview ? PREVIEW_PAGE_SIZE : PAGE_SIZE;
	const perPage =
		req.query.items_per_page === undefined ? maxPage : Number(req.query.items_per_page);
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPage) {
		return detail(422, `items_per_page: must be a whole number from 1 to ${maxPage}`, headers);
	}
	let start = 0;
	if (req.query.after !== undefined) {
		const afterId = idFromCursor(req.query.after);
		if (afterId === undefined)
			return detail(422, `after: "${req.query.after}" is not a valid cursor`, headers);
		start = ids.findIndex((id) => id > afterId);
		if (start === -1) start = ids.length;
	}
	const page = ids.slice(start, start + perPage);
	if (preview) {
		if (cs.credits.remaining < 1) return detail(402, messages.insufficientCredits, headers);
		cs.credits.remaining -= 1;
		headers['x-credits-remaining'] = cs.credits.remaining;
	}
	headers['x-total-results'] = ids.length;
	headers['x-total-pages'] = Math.ceil(ids.length / perPage);
	if (start + perPage < ids.length && page.length > 0) {
		headers['x-next-page-after'] = cursorFor(cs, page[page.length - 1], parsed.sort);
	}
	const body = preview
		? page.map((id) => {
				const employee = cs.employees.byId(id) as Employee;
				return Object.fromEntries(PREVIEW_FIELDS.map((field) => [field, employee[field] ?? null]));
			})
		: page;
	return json(200, body, headers);
}

export function registerSearch(router: Router, cs: CoresignalContext): void {
	for (const dataset of DATASETS as readonly Dataset[]) {
		router.post(`/v2/${dataset}/search/es_dsl`, (req) => search(cs, req, false), {
			auth: 'apikey',
			rateGroup: 'search',
		});
		router.post(`/v2/${dataset}/search/es_dsl/preview`, (req) => search(cs, req, true), {
			auth: 'apikey',
			rateGroup: 'search',
		});
	}
	router.post(
		'/v1/professional_network/clean_member/search/es_dsl',
		(req) => search(cs, req, false),
		{
			auth: 'jwt',
			rateGroup: 'search',
		},
	);
}
