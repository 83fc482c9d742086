/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { CREATE_ENDPOINTS } from '../sandbox/coresignal/catalog';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

import type { IDataObject } from 'n8n-workflow';

import { vendorUrls } from '../sandbox/client';
import {
	CORESIGNAL_API_KEY,
	CORESIGNAL_OTHER_API_KEY,
	credentialLabels,
} from '../sandbox/credentials';
import type { Sandbox } from '../sandbox/server';
import { SandboxHarness } from '../dev/sandbox-harness';
import { coresignalWorkflow, NODE } from '../dev/coresignal-workflow';
import type { Benchmark, BenchOptions, BenchResult, Row } from './runner';
import { benchPackageRoots, compare, ratio } from './runner';

/**
 * Pagination: the Coresignal node listing every subscription (page-numbered, ~1,000 per page) and
 * searching every id of a match_all query (cursor `x-next-page-after`, 1,000 ids per page),
 * against a plain `fetch` loop over the same pages, like a Code node would write.
 */

const PAGE_SIZE = { full: 1000, smoke: 5 };
const SUBSCRIPTION_PAGES = 10;
const SEARCH_PAGES = 20;
const SEARCH_PAGE_SIZE = 1000;
const SMOKE_SEARCH_EMPLOYEES = 2 * SEARCH_PAGE_SIZE;

const MATCH_ALL = { query: { match_all: {} }, sort: ['id'] };

function seedSubscriptions(sandbox: Sandbox, count: number, webhookUrl: string) {
	const endpoint = CREATE_ENDPOINTS.find(
		(e) => e.version === 'v2' && e.kind === 'profile' && e.method === 'ids',
	);
	if (!endpoint) throw new Error('The sandbox has no v2 profile-by-ids endpoint');
	for (let index = 0; index < count; index++) {
		sandbox.coresignal.store.create(credentialLabels.coresignalApiKey, endpoint, {
			webhookUrl,
			ids: [100_001 + index],
		});
	}
}

/** What a user would write without the node: ask page 1, 2, … until a page comes back empty. */
async function plainSubscriptionLoop(baseUrl: string): Promise<unknown[]> {
	const all: unknown[] = [];
	for (let page = 1; ; page++) {
		const response = await fetch(`${baseUrl}/v2/subscriptions?expired=false&page=${page}`, {
			headers: { apikey: CORESIGNAL_API_KEY },
		});
		const body = (await response.json()) as unknown[];
		if (!response.ok) throw new Error(`Listing page ${page} failed with ${response.status}`);
		if (body.length === 0) return all;
		all.push(...body);
	}
}

/** Coresignal allows 18 searches a second: any client that wants no 429s spaces them this far. */
const SEARCH_SPACING_MS = (1000 / 18) * 1.05;
let lastSearchStart = -Infinity;

/**
 * …and for search: POST the query, follow `x-next-page-after` until it is missing, starting
 * requests no closer than Coresignal's limit allows (the node's throttle does the same).
 */
async function plainSearchLoop(baseUrl: string): Promise<unknown[]> {
	const all: unknown[] = [];
	let after: string | null = null;
	do {
		const wait = lastSearchStart + SEARCH_SPACING_MS - performance.now();
		if (wait > 0) await delay(wait);
		lastSearchStart = performance.now();
		const query: string = after === null ? '' : `?after=${encodeURIComponent(after)}`;
		const response: Response = await fetch(`${baseUrl}/v2/employee_clean/search/es_dsl${query}`, {
			method: 'POST',
			// A second key has its own rate-limit bucket, so the loop and the node do not slow each other.
			headers: { apikey: CORESIGNAL_OTHER_API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify(MATCH_ALL),
		});
		if (!response.ok) throw new Error(`Search page failed with ${response.status}`);
		const ids = (await response.json()) as unknown[];
		all.push(...ids);
		after = ids.length ? response.headers.get('x-next-page-after') : null;
	} while (after);
	return all;
}

export const pagination: Benchmark = {
	name: 'pagination',
	title: 'Pagination: Coresignal node vs a plain fetch loop over the same pages',
	async run(options: BenchOptions): Promise<BenchResult> {
		const pageSize = PAGE_SIZE[options.scale];
		const searchEmployees =
			options.scale === 'full' ? SEARCH_PAGES * SEARCH_PAGE_SIZE : SMOKE_SEARCH_EMPLOYEES;
		// The credentials' production timeout (30 s), not the tests' shorter one.
		const env = await SandboxHarness.start({
			sandbox: { coresignal: { pageSize, employeeCount: searchEmployees } },
			packageRoots: benchPackageRoots(),
			timeoutSeconds: 30,
		});
		const run = async (parameters: IDataObject) =>
			await env.harness.runWorkflow(coresignalWorkflow(parameters));
		const { sandbox } = env;
		const baseUrl = vendorUrls(sandbox.url).coresignal;
		const subscriptionCount = SUBSCRIPTION_PAGES * pageSize;
		seedSubscriptions(sandbox, subscriptionCount, `${env.harness.baseUrl}/webhook/bench`);
		const requestsTo = (fragment: string) =>
			sandbox.requests.list().filter((request) => request.path.includes(fragment)).length;

		const cases = [
			{
				label: `list ${SUBSCRIPTION_PAGES} pages of subscriptions (${subscriptionCount.toLocaleString('en-US')})`,
				pages: SUBSCRIPTION_PAGES,
				// Coresignal says "approximately 1,000" per page, so only an empty page proves the end.
				expectedRequests: SUBSCRIPTION_PAGES + 1,
				requestsNote: 'pages + 1 empty page that ends the walk',
				expectedIds: subscriptionCount,
				path: '/v2/subscriptions',
				node: { resource: 'subscription', operation: 'getAll', status: 'active', returnAll: true },
				plain: () => plainSubscriptionLoop(baseUrl),
			},
			{
				label: `search ${searchEmployees / SEARCH_PAGE_SIZE} pages of ids (${searchEmployees.toLocaleString('en-US')})`,
				pages: searchEmployees / SEARCH_PAGE_SIZE,
				expectedRequests: searchEmployees / SEARCH_PAGE_SIZE,
				requestsNote: 'pages',
				expectedIds: searchEmployees,
				path: '/search/es_dsl',
				node: {
					resource: 'employee',
					operation: 'search',
					esDslQuery: JSON.stringify(MATCH_ALL),
					returnAll: true,
				},
				plain: () => plainSearchLoop(baseUrl),
			},
		];

		const rows: Row[] = [];
		try {
			for (const testCase of cases) {
				sandbox.requests.clear();
				const result = await run(testCase.node);
				if (result.status !== 'success') {
					throw new Error(`The Coresignal node failed: ${result.error?.message ?? result.status}`);
				}
				const items = result.output(NODE);
				const requests = requestsTo(testCase.path);
				const ids = new Set(items.map((item) => item.id));
				sandbox.requests.clear();
				const plainIds = await testCase.plain();
				const plainRequests = requestsTo(testCase.path);

				sandbox.requests.clear();
				const timings = await compare(
					{
						node: async () => await run(testCase.node),
						plain: testCase.plain,
					},
					{ repetitions: options.repetitions, warmup: 1 },
				);
				const tooMany = sandbox.requests
					.list()
					.filter(
						(request) =>
							request.status === 429 && request.credential === credentialLabels.coresignalApiKey,
					).length;
				const timeRatio = ratio(timings.node.medianMs, timings.plain.medianMs);
				const detail = {
					pages: testCase.pages,
					nodeMs: timings.node,
					plainMs: timings.plain,
					plainRequests,
				};
				rows.push(
					{
						benchmark: 'pagination',
						case: testCase.label,
						metric: 'requests made',
						value: requests,
						unit: '',
						goal: `= ${testCase.expectedRequests} (${testCase.requestsNote})`,
						met: requests === testCase.expectedRequests && requests === plainRequests,
						detail,
					},
					{
						benchmark: 'pagination',
						case: testCase.label,
						metric: 'unique ids / items',
						value: ids.size,
						unit: `of ${items.length.toLocaleString('en-US')}`,
						goal: `all ${testCase.expectedIds.toLocaleString('en-US')} unique`,
						met:
							ids.size === testCase.expectedIds &&
							items.length === testCase.expectedIds &&
							plainIds.length === items.length,
					},
					{
						benchmark: 'pagination',
						case: testCase.label,
						metric: '429 answers to the node, all timed runs',
						value: tooMany,
						unit: '',
						goal: '0',
						met: tooMany === 0,
					},
					{
						benchmark: 'pagination',
						case: testCase.label,
						metric: 'node time / plain loop',
						value: timeRatio,
						unit: '×',
					},
					{
						benchmark: 'pagination',
						case: testCase.label,
						metric: 'median node time',
						value: timings.node.medianMs,
						unit: 'ms',
					},
				);
			}
		} finally {
			await env.close();
		}
		return {
			rows,
			notes: [
				"Pagination runs the Coresignal node through n8n-core's WorkflowExecute (test harness) against the sandbox with Coresignal's documented limits (search: 18 requests/s). The plain search loop is paced to the same 18/s, as any client must be to avoid 429s, so 20 search pages take about a second either way; the node time also includes building the n8n items.",
			],
		};
	},
};
