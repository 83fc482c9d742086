/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TriggerHandle } from '../../dev/harness';
import type { BadInput, DeliverRequest } from './corpus';
import { genericCorpus, specificCorpus } from './corpus';
import type { ReliabilityEnv, TriggerKind } from './env';
import { envelopeProblem, startEnv, triggerWorkflow, validAuth } from './env';
import { SectionReport } from './report';

const KINDS: TriggerKind[] = ['coresignal', 'humansourcing', 'charthop'];
const TITLES: Record<TriggerKind, string> = {
	coresignal: 'Coresignal Trigger',
	humansourcing: 'Human Sourcing Trigger',
	charthop: 'ChartHop Trigger',
};

const report = new SectionReport('bad inputs', [
	'tried',
	'crashes',
	'answered 400',
	'accepted',
	'reached the workflow flagged',
	'acknowledged without execution',
	'refused by n8n body parser',
	'bad parameters refused before any call',
]);

/**
 * Human Sourcing emits what it cannot read as flagged items by default; this corpus scores its
 * "Reject With 400" choice (the default is proven by test/workflow/humansourcing-delivery-shapes.test.ts).
 */
const CORPUS_PARAMETERS: Partial<Record<TriggerKind, IDataObject>> = {
	humansourcing: { options: { onUnrecognized: 'reject' } },
	// Entries reuse event ids; repeats are tested with the ChartHop Trigger's own workflow tests.
	charthop: { options: { ignoreRepeatsWithinHours: 0 } },
};

/** The same inputs scored as a sender sees them: did the delivery reach the workflow? */
const deliveries = new SectionReport('deliveries', [
	'tried',
	'reached the workflow',
	'rejected by choice',
	'acknowledged with nothing to emit',
	'refused by n8n before the node ran',
	'lost',
]);

let env: ReliabilityEnv;
const triggers = {} as Record<TriggerKind, TriggerHandle>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const perTrigger: Record<string, number> = {};

beforeAll(async () => {
	process.on('unhandledRejection', onUnhandled);
	env = await startEnv();
	await env.reset();
	for (const kind of KINDS) {
		triggers[kind] = env.harness.trigger(triggerWorkflow(kind, CORPUS_PARAMETERS[kind]));
		await triggers[kind].activate();
	}
});

afterAll(async () => {
	for (const kind of KINDS) if (triggers[kind]?.isActive) await triggers[kind].deactivate();
	await env?.close();
	process.off('unhandledRejection', onUnhandled);
	report.note(
		Object.entries(perTrigger)
			.map(([name, count]) => `${name}: ${count}`)
			.join(', '),
	);
	report.print();
	deliveries.print();
});

/** Sends a body n8n's parser refuses (malformed JSON as JSON): no route runs, so no Delivery is recorded. */
async function sendUnparsed(trigger: TriggerHandle, kind: TriggerKind, request: DeliverRequest) {
	const url = new URL(trigger.webhookUrl());
	for (const [key, value] of Object.entries(validAuth(kind, trigger).query ?? {}))
		url.searchParams.set(key, value);
	const response = await fetch(url, {
		method: 'POST',
		headers: { ...validAuth(kind, trigger).headers, ...request.headers },
		body: request.rawBody,
	});
	return { status: response.status, body: (await response.json()) as IDataObject };
}

function expectPrototypesUntouched() {
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
	expect(({} as IDataObject).polluted).toBeUndefined();
	expect(Object.prototype.toString.call([])).toBe('[object Array]');
}

async function tryInput(kind: TriggerKind, { request, expect: outcome }: BadInput) {
	report.add('tried');
	deliveries.add('tried');
	perTrigger[TITLES[kind]] = (perTrigger[TITLES[kind]] ?? 0) + 1;
	const trigger = triggers[kind];
	const unhandledBefore = unhandled.length;

	if (outcome.kind === 'parser') {
		const before = trigger.deliveries.length;
		const answer = await sendUnparsed(trigger, kind, request);
		if (answer.status >= 500) report.add('crashes');
		expect(answer.status).toBe(422);
		expect(String(answer.body.message)).toContain('Failed to parse request body');
		expect(trigger.deliveries).toHaveLength(before);
		report.add('refused by n8n body parser');
		deliveries.add('refused by n8n before the node ran');
		return;
	}

	const auth = validAuth(kind, trigger);
	const delivery = await trigger.deliver({
		...request,
		headers: { ...auth.headers, ...request.headers },
		query: auth.query,
	});
	const status = delivery.response?.statusCode ?? 0;
	if (status >= 500 || delivery.error || unhandled.length > unhandledBefore) report.add('crashes');
	expect(delivery.error).toBeUndefined();
	expect(unhandled.slice(unhandledBefore)).toEqual([]);
	const answer = delivery.response?.body as IDataObject | undefined;

	if (outcome.kind === 'rejected') {
		expect({ status, message: answer?.message }).toEqual({
			status: 400,
			message: expect.stringContaining(outcome.message),
		});
		expect(delivery.run).toBeUndefined();
		expect(delivery.items).toEqual([]);
		report.add('answered 400');
		const byChoice =
			(CORPUS_PARAMETERS[kind]?.options as IDataObject | undefined)?.onUnrecognized === 'reject';
		deliveries.add(byChoice ? 'rejected by choice' : 'lost');
		return;
	}
	if (outcome.kind === 'ignored') {
		expect(status).toBe(200);
		expect(delivery.run).toBeUndefined();
		report.add('acknowledged without execution');
		deliveries.add('acknowledged with nothing to emit');
		return;
	}

	if (outcome.kind === 'flagged') {
		expect(status).toBe(200);
		expect(delivery.run?.status).toBe('success');
		const items = delivery.items[0] ?? [];
		expect(items.map((item) => (item.entity as IDataObject | undefined)?.id)).toEqual(outcome.ids);
		const unrecognized = items.filter((item) => item.type === `${kind}.unrecognized`);
		expect(unrecognized).toHaveLength(outcome.ids.filter((id) => id === '').length);
		expect(unrecognized.flatMap((item) => item.problems as string[])).toEqual(
			expect.arrayContaining([expect.stringContaining(outcome.problem)]),
		);
		expect(
			items
				.filter((item) => item.type !== `${kind}.unrecognized`)
				.map(envelopeProblem)
				.filter(Boolean),
		).toEqual([]);
		report.add('reached the workflow flagged');
		deliveries.add('reached the workflow');
		return;
	}

	expect(status).toBe(200);
	expect(delivery.run?.status).toBe('success');
	const items = delivery.items[0] ?? [];
	const flagged = (item: IDataObject) => item.type === `${kind}.unrecognized`;
	if (outcome.kind === 'unrecognized') {
		expect(items.length).toBeGreaterThan(0);
		expect(items.filter((item) => !flagged(item))).toEqual([]);
		expect(items[0].problems).toContainEqual(expect.stringContaining(outcome.message));
		expect(new Set(items.map((item) => item.source))).toEqual(new Set([kind]));
		report.add('reached the workflow flagged');
		deliveries.add('reached the workflow');
		return;
	}
	expect(items.map((item) => (item.entity as IDataObject | undefined)?.id)).toEqual(outcome.ids);
	const problems = items
		.filter((item) => !flagged(item))
		.map(envelopeProblem)
		.filter((problem) => problem !== undefined);
	expect(problems).toEqual([]);
	expect(new Set(items.map((item) => item.source))).toEqual(new Set([kind]));
	if (outcome.data) items.forEach((item, index) => expect(item.data).toEqual(outcome.data!(index)));
	report.add('accepted');
	deliveries.add('reached the workflow');
}

describe.each(KINDS)('%s trigger: every bad delivery ends as documented', (kind) => {
	afterEach(() => {
		expectPrototypesUntouched();
	});

	describe('bodies any trigger can be sent', () => {
		for (const entry of genericCorpus(kind)) {
			// 180 s: under the trigger contract, 10 MB of numbers is 1.7 million flagged items (46 s at load 23).
			it(
				entry.name,
				async () => {
					await tryInput(kind, entry);
				},
				180_000,
			);
		}
	});

	describe(`bodies with wrong ${kind} fields`, () => {
		it.each(specificCorpus(kind).map((entry) => [entry.name, entry] as const))(
			'%s',
			async (_name, entry) => {
				await tryInput(kind, entry);
			},
		);
	});
});

describe('bad node parameters are refused at activation with the field named, before anything is registered', () => {
	it.each([
		[
			'coresignal',
			{ subscribeBy: 'esDsl', esDslQuery: '{"query": ' },
			'The Elasticsearch DSL query is not valid JSON',
		],
		[
			'coresignal',
			{ subscribeBy: 'esDsl', esDslQuery: '' },
			'The Elasticsearch DSL query is empty',
		],
		['coresignal', { subscribeBy: 'esDsl', esDslQuery: '[1, 2]' }, 'The Elasticsearch DSL query'],
		[
			'coresignal',
			{ subscribeBy: 'esDsl', esDslQuery: '"match_all"' },
			'The Elasticsearch DSL query',
		],
		[
			'coresignal',
			{
				subscribeBy: 'esDsl',
				esDslQuery: '{"query": {"range": {"last_updated": {"gte": "2024-01-01"}}}}',
			},
			'last_updated',
		],
		['coresignal', { subscribeBy: 'ids', employeeIds: '' }, 'No employee IDs given'],
		['coresignal', { subscribeBy: 'ids', employeeIds: ' ,\n, ' }, 'No employee IDs given'],
		[
			'coresignal',
			{ subscribeBy: 'ids', employeeIds: '100001, jane-doe' },
			'"jane-doe" is not a Coresignal employee ID',
		],
		['coresignal', { subscribeBy: 'ids', employeeIds: '-4' }, 'is not a Coresignal employee ID'],
		['coresignal', { subscribeBy: 'ids', employeeIds: '1.5' }, 'is not a Coresignal employee ID'],
		[
			'humansourcing',
			{ authentication: 'urlToken', urlToken: '' },
			'The webhook secret is too short',
		],
		[
			'humansourcing',
			{ authentication: 'urlToken', urlToken: 'tooshort' },
			'The webhook secret is too short',
		],
		[
			'humansourcing',
			{ authentication: 'urlToken', urlToken: 'aaaaaaaaaaaaaaaa bbbb&token=1' },
			'The token cannot be used in a URL as it is',
		],
		[
			'charthop',
			{
				registration: 'manual',
				events: { pattern: [{ event: '__custom', customEvent: 'change.create.hire [' }] },
			},
			'no closing "]"',
		],
		[
			'charthop',
			{
				registration: 'automatic',
				events: { pattern: [{ event: '__custom', customEvent: 'change..hire' }] },
			},
			'Event pattern 1 is not valid',
		],
		[
			'charthop',
			{
				registration: 'automatic',
				events: { pattern: [{ event: 'job.create', filter: 'department:engineering' }] },
			},
			'ChartHop only allows [CQL] filters on change.* and person.* events',
		],
		[
			'charthop',
			{
				registration: 'automatic',
				events: { pattern: [{ event: 'change.create.hire', filter: 'departmnt:engineering' }] },
			},
			'ChartHop rejected the CQL "departmnt:engineering"',
		],
	] as Array<[TriggerKind, IDataObject, string]>)(
		'%s with %j: "%s"',
		async (kind, parameters, message) => {
			report.add('tried');
			report.add('bad parameters refused before any call');
			await env.control.clearRequests();
			const trigger = env.harness.trigger(
				triggerWorkflow(kind, parameters, { webhookId: `bad-parameters-${kind}` }),
			);
			await expect(trigger.activate()).rejects.toThrow(message);
			expect(trigger.isActive).toBe(false);
			const writes = (await env.control.requests()).filter(
				(request) => request.method !== 'GET' && !request.path.includes('/cql/validate'),
			);
			expect(writes).toEqual([]);
		},
	);

	it('left no subscription or automated action behind', async () => {
		const live = (await env.control.coresignal.subscriptions()).filter(
			(s) => s.status === 'active',
		);
		expect(live).toHaveLength(1); // the Coresignal Trigger of the corpus above
		expect(await env.control.charthop.actions()).toEqual([]);
	});
});

describe('bad action-node parameters fail the item with the problem named, before any call', () => {
	const coresignal = (parameters: IDataObject) => ({
		type: 'coresignal',
		credentials: {
			coresignalApi: { id: 'cs-key', name: 'Coresignal' },
			coresignalJwtApi: { id: 'cs-jwt', name: 'JWT' },
		},
		parameters,
	});
	const chartHop = (parameters: IDataObject) => ({
		type: 'chartHop',
		credentials: { chartHopApi: { id: 'ch-main', name: 'ChartHop' } },
		parameters,
	});
	const search = (esDslQuery: string) =>
		coresignal({ resource: 'employee', operation: 'search', esDslQuery, limit: 5 });

	it.each([
		[
			'Coresignal search, ES DSL that is not JSON',
			search('{"query": {'),
			'The Elasticsearch DSL query is not valid JSON',
		],
		[
			'Coresignal search, ES DSL that is an array',
			search('[{"query": {}}]'),
			'The Elasticsearch DSL query must be a JSON object',
		],
		['Coresignal search, empty ES DSL', search(''), 'The Elasticsearch DSL query is empty'],
		[
			'Coresignal search, ES DSL without "query"',
			search('{"sort": ["_score"]}'),
			'The Elasticsearch DSL query "query" is missing',
		],
		[
			'Coresignal collect, an employee mapped from a missing field',
			coresignal({ resource: 'employee', operation: 'collect', employee: '={{ $json.id }}' }),
			'"Employee" is empty',
		],
		[
			'Coresignal collect, a URL without a profile',
			coresignal({ resource: 'employee', operation: 'collect', employee: 'https://' }),
			'is not a profile URL Coresignal can use',
		],
		[
			'Coresignal bulk submit, an empty ID list',
			coresignal({
				resource: 'bulkCollect',
				operation: 'submit',
				submitBy: 'ids',
				idSource: 'list',
				employeeIds: ' , ',
			}),
			'No employee IDs given',
		],
		[
			'Coresignal bulk submit, a non-numeric ID',
			coresignal({
				resource: 'bulkCollect',
				operation: 'submit',
				submitBy: 'ids',
				idSource: 'list',
				employeeIds: '1, two',
			}),
			'"two" is not a Coresignal employee ID',
		],
		[
			'Coresignal bulk wait, a request ID mapped from a missing field',
			coresignal({
				resource: 'bulkCollect',
				operation: 'wait',
				requestId: '={{ $json.request_id }}',
			}),
			'"Request ID" is empty',
		],
		[
			'ChartHop CQL validate, no expression',
			chartHop({ resource: 'cql', operation: 'validate', expressions: [] }),
			'No CQL expression to validate',
		],
		[
			'ChartHop CQL validate, expressions mapped from a blank field',
			chartHop({ resource: 'cql', operation: 'validate', expressions: ['={{ " " }}'] }),
			'No CQL expression to validate',
		],
	] as Array<
		[string, { type: string; credentials: IDataObject; parameters: IDataObject }, string]
	>)('%s', async (_name, node, message) => {
		report.add('tried');
		report.add('bad parameters refused before any call');
		await env.control.clearRequests();
		const result = await env.harness.runWorkflow({
			nodes: [
				{
					name: 'Action',
					type: `n8n-nodes-hr-signals.${node.type}`,
					parameters: node.parameters as INodeParameters,
					credentials: node.credentials as never,
				},
			],
		});
		expect(result.status).toBe('error');
		const error = result.error as { message?: string; description?: string } | undefined;
		expect(error?.message).toContain(message);
		expect(error?.description).toEqual(expect.any(String));
		expect(await env.control.requests()).toEqual([]);
	});
});

it('saw no unhandled promise rejection during the whole section', () => {
	expect(unhandled).toEqual([]);
});
