import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import { coresignalWorkflow, NODE } from '../../dev/coresignal-workflow';
import type { WorkflowNodeJson } from '../../dev/harness';
import { nodeType } from '../../dev/harness';
import { SandboxHarness } from '../../dev/sandbox-harness';
import { CREATE_ENDPOINTS } from '../../sandbox/coresignal/catalog';
import type { Action } from '../../sandbox/charthop/model';
import { credentialLabels } from '../../sandbox/credentials';

let env: SandboxHarness;

beforeAll(async () => {
	env = await SandboxHarness.start();
});

beforeEach(async () => {
	await env.freshSandbox();
	env.sandbox.coresignal.configure({ initialisingMs: 0, bulkReadyMs: 0 });
});

afterAll(async () => {
	await env?.close();
});

/** The Coresignal node as the editor holds it while the user opens a list. */
const coresignalNode = (parameters: IDataObject): WorkflowNodeJson =>
	coresignalWorkflow(parameters).nodes[0];

const chartHopNode = (parameters: IDataObject): WorkflowNodeJson => ({
	name: 'ChartHop',
	type: nodeType('chartHop'),
	parameters: parameters as INodeParameters,
	credentials: { chartHopApi: { id: 'charthop-1', name: 'ChartHop' } },
});

/** Every entry of a list, scrolling to its end as a user would (the token of each page asks for the next). */
async function wholeList(
	node: WorkflowNodeJson,
	method: string,
	filter?: string,
): Promise<{ pages: INodeListSearchResult[]; names: string[]; values: string[] }> {
	const pages: INodeListSearchResult[] = [];
	let paginationToken: unknown;
	do {
		const page = await env.harness.listSearch({ node, method, filter, paginationToken });
		pages.push(page);
		paginationToken = page.paginationToken;
	} while (paginationToken !== undefined && pages.length < 50);
	const entries = pages.flatMap((page) => page.results);
	return {
		pages,
		names: entries.map((entry) => entry.name),
		values: entries.map((entry) => String(entry.value)),
	};
}

const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('Coresignal › Subscription: the Subscription locator', () => {
	const OWNER = credentialLabels.coresignalApiKey;
	const endpoint = (kind: 'experience' | 'profile', dataset: string) =>
		CREATE_ENDPOINTS.find(
			(e) => e.version === 'v2' && e.kind === kind && e.dataset === dataset && e.method === 'ids',
		)!;
	const subscribe = (
		kind: 'experience' | 'profile' = 'experience',
		dataset = 'employee_clean',
		webhookUrl = 'https://hr.example.com/webhook/coresignal',
	) =>
		env.sandbox.coresignal.store.create(OWNER, endpoint(kind, dataset), {
			webhookUrl,
			ids: [100_001],
		});
	const listNode = coresignalNode({ resource: 'subscription', operation: 'get' });

	it('names each subscription by the changes it follows, where it sends them and its expiry', async () => {
		env.sandbox.coresignal.configure({ detailWebhookUrl: 'webhook_url' });
		const experience = subscribe('experience', 'employee_clean');
		const profile = subscribe(
			'profile',
			'employee_multi_source',
			'https://n8n.example.com/webhook/abc/coresignal?token=s3cret',
		);

		const { results } = await env.harness.listSearch({
			node: listNode,
			method: 'searchSubscriptions',
		});

		const expires = (date: number) => new Date(date).toISOString().slice(0, 10);
		expect(results).toEqual([
			expect.objectContaining({
				name: `Experience changes, Clean Employee · expires ${expires(experience.expiringAt)} · hr.example.com/webhook/coresignal`,
				value: experience.id,
			}),
			expect.objectContaining({
				name: `Profile changes, Multi-Source Employee · expires ${expires(profile.expiringAt)} · n8n.example.com/webhook/abc/coresignal`,
				value: profile.id,
			}),
		]);
		expect(JSON.stringify(results)).not.toContain('s3cret');
	});

	it('names a subscription by its kind and expiry when Coresignal’s detail shows no webhook URL (as documented)', async () => {
		const subscription = subscribe('profile', 'employee_base');

		const { results } = await env.harness.listSearch({
			node: listNode,
			method: 'searchSubscriptions',
		});

		expect(results.map((entry) => entry.name)).toEqual([
			`Profile changes, Base Employee · expires ${new Date(subscription.expiringAt).toISOString().slice(0, 10)}`,
		]);
	});

	it('pages through every subscription, across Coresignal’s pages, active ones first and expired ones marked', async () => {
		env.sandbox.coresignal.configure({ pageSize: 7 });
		const active = Array.from({ length: 24 }, () => subscribe().id);
		const lapsed = subscribe();
		lapsed.expiringAt = env.sandbox.clock.now() - 1000;

		const { pages, names, values } = await wholeList(listNode, 'searchSubscriptions');

		expect(pages.length).toBeGreaterThan(1);
		expect(values).toEqual([...active, lapsed.id]);
		expect(names.at(-1)).toMatch(/ · expired \d{4}-\d{2}-\d{2}/);
	});

	it('keeps the entries that contain the typed text', async () => {
		subscribe('experience', 'employee_clean');
		const profile = subscribe('profile', 'employee_clean');
		const other = subscribe('experience', 'employee_clean');

		expect((await wholeList(listNode, 'searchSubscriptions', 'PROFILE')).values).toEqual([
			profile.id,
		]);
		expect(
			(await wholeList(listNode, 'searchSubscriptions', other.id.slice(0, 13))).values,
		).toEqual([other.id]);
	});

	it.each([
		['picked from the list', (id: string) => rl('list', id)],
		['typed by ID', (id: string) => rl('id', id)],
		['a plain string saved before the field was a locator', (id: string) => id],
	])('Get reads the subscription %s', async (_how, value) => {
		const { id } = subscribe();

		const result = await env.harness.runWorkflow(
			coresignalWorkflow({ resource: 'subscription', operation: 'get', subscriptionId: value(id) }),
		);

		expect(result.output(NODE)).toEqual([expect.objectContaining({ id, status: 'active' })]);
		expect(env.sandbox.requests.list().map((r) => `${r.method} ${r.path}`)).toContain(
			`GET /coresignal/cdapi/v2/subscriptions/${id}`,
		);
	});

	it('Delete says what to do when the mapped ID is empty', async () => {
		const result = await env.harness.runWorkflow(
			coresignalWorkflow({
				resource: 'subscription',
				operation: 'delete',
				subscriptionId: rl('id', '={{ $json.id }}'),
			}),
			{ input: [{ name: 'no id here' }] },
		);

		expect(result.nodes[NODE].error?.message).toBe('"Subscription" is empty');
		expect(result.nodes[NODE].error?.description).toMatch(/Pick a subscription from the list/);
		expect(env.sandbox.requests.list()).toEqual([]);
	});
});

describe('Coresignal › Bulk Collect: the Request ID locator', () => {
	async function submit(): Promise<IDataObject> {
		const result = await env.harness.runWorkflow(
			coresignalWorkflow({
				resource: 'bulkCollect',
				operation: 'submit',
				esDslQuery: JSON.stringify({ query: { match_all: {} } }),
				options: { recordLimit: 5 },
			}),
		);
		return result.output(NODE)[0];
	}

	it('by default reads the request_id of the incoming item (the output of Submit)', async () => {
		const submitted = await submit();

		const result = await env.harness.runWorkflow(
			coresignalWorkflow({ resource: 'bulkCollect', operation: 'getStatus' }),
			{ input: [submitted] },
		);

		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ request_id: submitted.request_id, ready: true }),
		]);
	});

	it.each([
		['the status URL Submit returned', (s: IDataObject) => rl('url', String(s.location))],
		[
			'a full status URL',
			(s: IDataObject) => rl('url', `https://api.coresignal.com/cdapi${String(s.location)}`),
		],
		['an ID', (s: IDataObject) => rl('id', String(s.request_id))],
		[
			'a plain string saved before the field was a locator',
			(s: IDataObject) => String(s.request_id),
		],
	])('Get Status finds the request from %s', async (_how, value) => {
		const submitted = await submit();

		const result = await env.harness.runWorkflow(
			coresignalWorkflow({
				resource: 'bulkCollect',
				operation: 'getStatus',
				requestId: value(submitted),
			}),
		);

		expect(result.output(NODE)).toEqual([
			expect.objectContaining({ request_id: submitted.request_id, ready: true }),
		]);
		expect(env.sandbox.requests.list().at(-1)?.path).toBe(
			`/coresignal/cdapi/v2/data_requests/${String(submitted.request_id)}/files`,
		);
	});

	it('refuses a mapped URL that is not a status URL, before calling Coresignal', async () => {
		const result = await env.harness.runWorkflow(
			coresignalWorkflow({
				resource: 'bulkCollect',
				operation: 'getStatus',
				requestId: rl('url', '={{ $json.link }}'),
			}),
			{ input: [{ link: 'https://dashboard.coresignal.com/requests' }] },
		);

		expect(result.nodes[NODE].error?.message).toBe('"Request ID" is not valid');
		expect(result.nodes[NODE].error?.description).toMatch(
			/URL entered is incorrect\. Map the "request_id" \(or the "location" URL\)/,
		);
		expect(env.sandbox.requests.list()).toEqual([]);
	});
});

describe('ChartHop › Automated Action: the Automated Action locator', () => {
	const listNode = chartHopNode({ resource: 'action', operation: 'get' });
	const addAction = (id: string, fields: Partial<Action> = {}) =>
		env.sandbox.charthop.model.actions.set(id, {
			id,
			orgId: 'org',
			event: 'change.create.hire',
			status: 'ACTIVE',
			sensitive: false,
			steps: [{ type: 'HTTP', httpUrl: 'https://n8n.example.com/webhook/hires' }],
			createAt: 0,
			...fields,
		});

	it('names each action by its description, event pattern, filter, HTTP target and status', async () => {
		addAction('act_1', {
			description: 'Engineering hires',
			filter: 'department:engineering',
			steps: [
				{ type: 'HTTP', httpUrl: 'https://n8n.example.com/webhook/x/charthop?secret=s3cret' },
			],
		});
		addAction('act_2', {
			event: 'change.update.*',
			status: 'INACTIVE',
			steps: [{ type: 'MESSAGE' }],
		});
		addAction('act_3', { description: 'n8n workflow "Hires" (change.create.hire)' });

		const { results } = await env.harness.listSearch({
			node: listNode,
			method: 'searchAutomatedActions',
		});

		expect(results).toEqual([
			expect.objectContaining({
				name: 'Engineering hires: change.create.hire [department:engineering] → n8n.example.com/webhook/x/charthop',
				value: 'act_1',
			}),
			expect.objectContaining({ name: 'change.update.* (inactive)', value: 'act_2' }),
			expect.objectContaining({
				name: 'n8n workflow "Hires" (change.create.hire) → n8n.example.com/webhook/hires',
				value: 'act_3',
			}),
		]);
		expect(JSON.stringify(results)).not.toContain('s3cret');
	});

	it('pages through every action with ChartHop’s next cursor', async () => {
		const ids = Array.from({ length: 130 }, (_, i) => `act_${1000 + i}`);
		for (const id of ids) addAction(id);

		const { pages, values } = await wholeList(listNode, 'searchAutomatedActions');

		expect(pages.length).toBe(2);
		expect(values).toEqual(ids);
		const listCalls = env.sandbox.requests.list().filter((r) => r.path.endsWith('/action'));
		expect(listCalls[1].query.from).toBe(pages[0].paginationToken);
	});

	it('keeps the actions that contain the typed text, reading on when a page has none', async () => {
		for (let i = 0; i < 120; i++) addAction(`act_${1000 + i}`);
		addAction('act_terminations', { event: 'change.delete.termination' });

		const { values } = await wholeList(listNode, 'searchAutomatedActions', 'TERMINATION');

		expect(values).toEqual(['act_terminations']);
	});

	it.each([
		['picked from the list', rl('list', 'act_7')],
		['typed by ID', rl('id', 'act_7')],
		['a plain string saved before the field was a locator', 'act_7'],
	])('Get reads the action %s', async (_how, actionId) => {
		addAction('act_7', { description: 'Seven' });

		const result = await env.harness.runWorkflow({
			nodes: [chartHopNode({ resource: 'action', operation: 'get', actionId })],
		});

		expect(result.output('ChartHop')).toEqual([
			expect.objectContaining({ id: 'act_7', description: 'Seven' }),
		]);
		expect(env.sandbox.requests.list().at(-1)?.path).toMatch(/\/action\/act_7$/);
	});
});
