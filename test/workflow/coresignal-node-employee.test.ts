/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { NODE } from '../../dev/coresignal-workflow';
import { busiestWindow } from '../../dev/request-rate';
import type { CoresignalNodeEnv } from './coresignal-node.setup';
import { startCoresignalNodeEnv } from './coresignal-node.setup';

// Real time: collects are spaced to Coresignal's 54 per second and a 429 waits out its Retry-After.
jest.setTimeout(90_000);

let env: CoresignalNodeEnv;

beforeAll(async () => {
	env = await startCoresignalNodeEnv({ sandbox: { coresignal: { employeeCount: 3000 } } });
});

afterAll(async () => {
	await env.close();
});

beforeEach(async () => {
	await env.freshSandbox();
});

/** The busiest second Coresignal saw, as a figure for the reader (see the note above the collect specs). */
function reportBusiestSecond(what: string, requests: Parameters<typeof busiestWindow>[0]): void {
	process.stdout.write(
		`${what}: busiest second at Coresignal ${busiestWindow(requests)} (limit 54)\n`,
	);
}

const searchLog = () =>
	env.sandbox.requests.list({ pathPrefix: '/coresignal/cdapi/v2/employee_clean/search' });

const engineers = JSON.stringify({ query: { match: { job_title: 'engineer' } }, sort: ['_score'] });
const everyoneByScore = JSON.stringify({ query: { match_all: {} }, sort: ['_score'] });

describe('Employee › Search', () => {
	it('follows the x-next-page-after cursor to the last page with Return All', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: JSON.stringify({ query: { match_all: {} } }),
			returnAll: true,
		});

		const ids = env.output(result).map((item) => item.id);
		expect(ids).toHaveLength(3000);
		expect(new Set(ids).size).toBe(3000);
		expect(searchLog().map((request) => request.query.after)).toEqual([
			undefined,
			'101000',
			'102000',
		]);
	});

	it('URL-encodes score cursors with quotes and commas, and still reaches the last page', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: everyoneByScore,
			returnAll: true,
		});

		expect(new Set(env.output(result).map((item) => item.id)).size).toBe(3000);
		const cursors = searchLog()
			.slice(1)
			.map((request) => request.query.after);
		expect(cursors).toHaveLength(2);
		for (const cursor of cursors) expect(cursor).toMatch(/^1\.0,"\d{4}-\d\d-\d\d",\d+$/);
	});

	it('asks for just enough results with Limit and stops after one page', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: engineers,
			returnAll: false,
			limit: 30,
		});

		expect(env.output(result)).toHaveLength(30);
		expect(searchLog()).toHaveLength(1);
		expect(searchLog()[0].query.items_per_page).toBe('30');
	});

	it('returns partial records with the Preview option and shows the credits left', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: engineers,
			limit: 5,
			options: { preview: true },
		});

		const items = env.output(result);
		expect(items).toHaveLength(5);
		expect(items[0]).toEqual(
			expect.objectContaining({
				full_name: expect.any(String),
				headline: expect.stringMatching(/engineer/i),
				_meta: expect.objectContaining({ creditsRemaining: 9999 }),
			}),
		);
		expect(searchLog()[0].path).toMatch(/\/es_dsl\/preview$/);
	});

	it('names the problem when the query is not valid JSON', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: '{"query": {"match": ',
		});

		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/not valid JSON/);
		expect(searchLog()).toHaveLength(0);
	});

	it('shows Coresignal’s own explanation when it rejects a query', async () => {
		const result = await env.run({
			resource: 'employee',
			operation: 'search',
			esDslQuery: JSON.stringify({ query: { fuzzy: { full_name: 'ada' } } }),
		});

		const error = result.nodes[NODE].error;
		expect(error?.message).toBe(
			'Coresignal answered 422: query: "fuzzy" queries are not supported',
		);
		expect(error?.description).toMatch(/names the field/);
	});

	it('uses the v1 path and the JWT credential for Legacy v1', async () => {
		const result = await env.run({
			apiVersion: 'v1',
			resource: 'employee',
			operation: 'search',
			esDslQuery: engineers,
			limit: 3,
		});

		expect(env.output(result)).toHaveLength(3);
		const [request] = env.sandbox.requests.list({ pathPrefix: '/coresignal/cdapi/v1/' });
		expect(request).toEqual(
			expect.objectContaining({
				path: '/coresignal/cdapi/v1/professional_network/clean_member/search/es_dsl',
				credential: 'coresignal:jwt:dev',
			}),
		);
	});
});

describe('Employee › Collect', () => {
	it('collects by ID, shorthand name and profile URL, one item per input item', async () => {
		const ada = env.sandbox.coresignal.employees.byId(100_123)!;
		const input = [
			{ key: '100123' },
			{ key: ada.shorthand_names[0] },
			{ key: ada.websites_professional_network as string },
		];

		const result = await env.run(
			{ resource: 'employee', operation: 'collect', employee: '={{ $json.key }}' },
			input,
		);

		const items = result.nodes[NODE].outputs[0];
		expect(items.map((item) => item.json.full_name)).toEqual([
			ada.full_name,
			ada.full_name,
			ada.full_name,
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(
			items.map((item) => (item.json._meta as { creditsRemaining: number }).creditsRemaining),
		).toEqual(expect.arrayContaining([9997]));
	});

	it('returns a simplified profile by default on node version 2', async () => {
		const ada = env.sandbox.coresignal.employees.byId(100_123)!;

		const result = await env.run(
			{ resource: 'employee', operation: 'collect' },
			[{ id: 100_123 }],
			{
				typeVersion: 2,
			},
		);

		expect(env.output(result)).toEqual([
			{
				id: 100_123,
				fullName: ada.full_name,
				headline: ada.headline,
				jobTitle: ada.job_title,
				company: ada.company_name,
				companyId: ada.company_id,
				location: ada.location_full,
				country: ada.location_country,
				profileUrl: ada.websites_professional_network,
				lastUpdated: ada.last_updated,
				_meta: { creditsRemaining: 9999 },
			},
		]);
	});

	it('returns the full profile on node version 2 with Simplify off', async () => {
		const ada = env.sandbox.coresignal.employees.byId(100_123)!;

		const result = await env.run(
			{ resource: 'employee', operation: 'collect', simplify: false },
			[{ id: 100_123 }],
			{ typeVersion: 2 },
		);

		expect(env.output(result)).toEqual([{ ...ada, _meta: { creditsRemaining: 9999 } }]);
	});

	it('keeps returning the full profile on node version 1', async () => {
		const ada = env.sandbox.coresignal.employees.byId(100_123)!;

		const result = await env.run(
			{ resource: 'employee', operation: 'collect' },
			[{ id: 100_123 }],
			{
				typeVersion: 1,
			},
		);

		expect(env.output(result)).toEqual([{ ...ada, _meta: { creditsRemaining: 9999 } }]);
	});

	it('takes the ID from each search result by default', async () => {
		const result = await env.run({ resource: 'employee', operation: 'collect' }, [
			{ id: 100_001 },
			{ id: 100_002 },
		]);

		expect(env.output(result).map((item) => item.id)).toEqual([100_001, 100_002]);
	});

	it('turns an unknown ID into an error item under Continue On Fail, and keeps the others', async () => {
		const result = await env.run(
			{ resource: 'employee', operation: 'collect' },
			[{ id: 100_001 }, { id: 999 }, { id: 100_003 }],
			{ continueOnFail: true },
		);

		const items = result.nodes[NODE].outputs[0];
		expect(items.map((item) => item.json.id ?? item.json.error)).toEqual([
			100_001,
			'Coresignal answered 404: Employee not found',
			100_003,
		]);
		expect(items[1].json.description).toMatch(/does not know this id/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it('stops with Coresignal’s reason when the account is out of credits', async () => {
		env.sandbox.coresignal.credits.remaining = 0;

		const result = await env.run({ resource: 'employee', operation: 'collect' }, [{ id: 100_001 }]);

		expect(result.nodes[NODE].error?.message).toBe('Coresignal answered 402: Insufficient credits');
		expect(result.nodes[NODE].error?.description).toMatch(/out of credits/);
	});

	// The throttle lets at most 54 leave in any second and widens its window when timers fire late
	// (test/unit/shared/throttle.test.ts, on a fake clock; dev/throttle-under-load.ts with the sandbox in its own
	// process). Here the sandbox shares the test's event loop, so on a busy machine it stamps arrivals late and bunched:
	// these specs hold what a user sees — every item once, no error — and print the busiest second it recorded.
	it('collects many items concurrently, each exactly once, and no 429 reaches the user', async () => {
		const input = Array.from({ length: 150 }, (_, i) => ({ id: 100_001 + i }));

		const result = await env.run({ resource: 'employee', operation: 'collect' }, input, {
			credentialId: 'cs-rate',
		});

		expect(result.nodes[NODE].error).toBeUndefined();
		expect(env.output(result).map((item) => item.id)).toEqual(input.map((item) => item.id));
		const collects = env.sandbox.requests.list({
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
		});
		const collected = collects.filter((request) => request.status === 200).map((r) => r.path);
		expect(collected.sort()).toEqual(
			input.map((item) => `/coresignal/cdapi/v2/employee_clean/collect/${item.id}`).sort(),
		);
		reportBusiestSecond('150 collects', collects);
	});

	it('shares the 54 per second between back-to-back runs on the same credential, with no error reaching the user', async () => {
		const input = Array.from({ length: 60 }, (_, i) => ({ id: 100_001 + i }));
		const options = { credentialId: 'cs-back-to-back' };

		const first = await env.run({ resource: 'employee', operation: 'collect' }, input, options);
		const second = await env.run({ resource: 'employee', operation: 'collect' }, input, options);

		expect(first.nodes[NODE].error).toBeUndefined();
		expect(second.nodes[NODE].error).toBeUndefined();
		expect(env.output(first)).toHaveLength(60);
		expect(env.output(second)).toHaveLength(60);
		const collects = env.sandbox.requests.list({
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
		});
		reportBusiestSecond('2 × 60 collects', collects);
	});

	it('retries after a 429, waiting as long as Retry-After says', async () => {
		env.sandbox.faults.add({
			vendor: 'coresignal',
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
			status: 429,
			retryAfter: 1,
		});

		const result = await env.run({ resource: 'employee', operation: 'collect' }, [{ id: 100_001 }]);

		expect(env.output(result)[0].id).toBe(100_001);
		const attempts = env.sandbox.requests.list({
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
		});
		expect(attempts.map((request) => request.status)).toEqual([429, 200]);
		expect(Date.parse(attempts[1].at) - Date.parse(attempts[0].at)).toBeGreaterThanOrEqual(1000);
	});
});
