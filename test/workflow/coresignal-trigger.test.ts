import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { parseCoresignalDate } from '../../nodes/Coresignal/trigger/expiry';
import { hashSecret } from '../../nodes/shared/webhookAuth';
import { sandboxCredentialData } from '../../dev/sandbox-credentials';
import type { SandboxClient } from '../../sandbox/client';
import { CORESIGNAL_API_KEY } from '../../sandbox/credentials';
import { type Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../../dev/harness';
import { coresignalToken } from '../../dev/coresignal-token';
import { SandboxHarness } from '../../dev/sandbox-harness';

let env: SandboxHarness;
let control: SandboxClient;
let harness: Harness;

const SUBSCRIPTIONS = '/coresignal/cdapi/v2/subscriptions';

function triggerWorkflow(
	parameters: INodeParameters,
	webhookId = 'coresignal-trigger-test',
	typeVersion = 1,
): WorkflowJson {
	return {
		nodes: [
			{
				name: 'Coresignal Trigger',
				type: nodeType('coresignalTrigger'),
				typeVersion,
				webhookId,
				parameters,
				credentials: {
					coresignalApi: { id: 'cs-key', name: 'Coresignal sandbox' },
					coresignalJwtApi: { id: 'cs-jwt', name: 'Coresignal sandbox JWT' },
				},
			},
		],
		connections: {},
	};
}

const byIds = (ids = '100001, 100002, 100003', extra: INodeParameters = {}) => ({
	subscribeBy: 'ids',
	employeeIds: ids,
	...extra,
});

async function activate(parameters: INodeParameters, typeVersion = 1): Promise<TriggerHandle> {
	const trigger = harness.trigger(triggerWorkflow(parameters, undefined, typeVersion));
	await trigger.activate();
	return trigger;
}

async function liveSubscriptions() {
	return (await control.coresignal.subscriptions()).filter((s) => s.status === 'active');
}

/** The token a genuine delivery carries: only Coresignal (the sandbox) knows it; static data has its hash. */
const tokenOf = (trigger: TriggerHandle) => coresignalToken(env.sandbox, trigger.staticData);

/** The Coresignal API credential with "Timeout (Seconds)" set: hooks get twice that in all. */
function credentialTimeout(seconds: number) {
	const { data } = sandboxCredentialData(env.sandbox).coresignalApi;
	harness.setCredentials('coresignalApi', { ...data, timeoutSeconds: seconds } as never);
}

/** A subscription made by another client of the same key (another workflow, a colleague's script). */
async function foreignSubscription(name: string): Promise<string> {
	const response = await control.http.request<{ id: string }>({
		method: 'POST',
		url: `${control.urls.coresignal}/v2/subscriptions/employee_clean/ids`,
		headers: { apikey: CORESIGNAL_API_KEY },
		data: { webhook_url: `https://elsewhere.example/${name}?token=theirs`, ids: [100050] },
		baseURL: '',
	});
	return response.data.id;
}

const errorLogs = () =>
	harness.logs.entries.filter((e) => e.level === 'error').map((e) => e.message);

beforeAll(async () => {
	env = await SandboxHarness.start();
	({ harness, control } = env);
});

beforeEach(async () => {
	await env.freshSandbox();
	({ harness, control } = env);
	await control.coresignal.configure({ initialisingMs: 0 });
	await control.setRateLimits({ coresignal: { 'subscription-create': null } });
});

afterAll(async () => {
	await env?.close();
});

describe('activation creates the subscription that matches the node', () => {
	it.each([
		[
			'profile changes by ids with tracked fields',
			{
				event: 'employeeProfile',
				...byIds('100001\n100002'),
				trackedFields: ['skills', 'headline'],
			},
			'POST /coresignal/cdapi/v2/subscriptions/employee_clean/ids',
			{ ids: [100001, 100002], tracked_fields: ['skills', 'headline'] },
		],
		[
			'profile changes by ES DSL on the multi-source dataset',
			{
				event: 'employeeProfile',
				dataset: 'employee_multi_source',
				subscribeBy: 'esDsl',
				esDslQuery: '{"query":{"match":{"job_title":"engineer"}}}',
			},
			'POST /coresignal/cdapi/v2/subscriptions/employee_multi_source/es_dsl',
			{ es_dsl_query: { query: { match: { job_title: 'engineer' } } } },
		],
		[
			'experience changes for all employees',
			{ event: 'experience', subscribeBy: 'all' },
			'POST /coresignal/cdapi/v2/subscriptions/experience_changes/employee_clean/all',
			{},
		],
		[
			'legacy v1 experience changes by ids',
			{ apiVersion: 'v1', ...byIds('100005') },
			'POST /coresignal/cdapi/v1/subscriptions/professional_network/member_experience/ids',
			{ ids: [100005] },
		],
	])('%s', async (_name, parameters, request, body) => {
		const trigger = await activate(parameters);

		const [create] = await control.requests({ method: 'POST', pathPrefix: '/coresignal/cdapi/v' });
		expect(`${create.method} ${create.path}`).toBe(request);
		expect(create.status).toBeLessThan(300);
		expect(create.body).toEqual({ webhook_url: expect.any(String), ...body });
		const webhookUrl = new URL((create.body as IDataObject).webhook_url as string);
		expect(`${webhookUrl.origin}${webhookUrl.pathname}`).toBe(trigger.webhookUrl());
		expect(hashSecret(webhookUrl.searchParams.get('token') as string)).toBe(
			trigger.staticData.tokenHash,
		);
		expect(trigger.staticData.subscriptionId).toEqual(expect.any(String));
	});

	it.each(['string', 'subscription_id', 'subscriptionId', 'data', 'subscription'] as const)(
		'reads the subscription id when Coresignal answers the creation in the "%s" form',
		async (createAnswer) => {
			await control.coresignal.configure({ createAnswer });
			const trigger = await activate(byIds());

			const [live] = await liveSubscriptions();
			expect(trigger.staticData.subscriptionId).toBe(live.id);
			expect(parseCoresignalDate(trigger.staticData.expiringAt)).toEqual(expect.any(Number));
			await trigger.deactivate();
			expect(await liveSubscriptions()).toEqual([]);
		},
	);

	it('tells the user why "All Updates" is not offered for another dataset', async () => {
		const trigger = harness.trigger(
			triggerWorkflow({ event: 'experience', subscribeBy: 'all', dataset: 'employee_base' }),
		);
		await expect(trigger.activate()).rejects.toThrow(
			'Coresignal offers "All Updates" only for the Clean Employee dataset',
		);
		expect(await liveSubscriptions()).toHaveLength(0);
	});

	it('names the problem in an invalid ES DSL query before calling Coresignal', async () => {
		const trigger = harness.trigger(
			triggerWorkflow({ subscribeBy: 'esDsl', esDslQuery: '{"query": ' }),
		);
		await expect(trigger.activate()).rejects.toThrow(
			'The Elasticsearch DSL query is not valid JSON',
		);
		expect(await control.requests({ method: 'POST' })).toHaveLength(0);
	});

	it('retries after Coresignal rate-limits the creation', async () => {
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			status: 429,
			retryAfter: 1,
		});
		const trigger = await activate(byIds());

		const creates = await control.requests({ method: 'POST', pathPrefix: SUBSCRIPTIONS });
		expect(creates.map((r) => r.status)).toEqual([429, 200]);
		expect(trigger.staticData.subscriptionId).toBe((await liveSubscriptions())[0].id);
	});

	it("fails loudly with Coresignal's message when the subscription is refused", async () => {
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			status: 422,
			body: { detail: 'The webhook URL you provided is invalid' },
		});
		const trigger = harness.trigger(triggerWorkflow(byIds()));
		await expect(trigger.activate()).rejects.toThrow(
			'Coresignal answered 422: The webhook URL you provided is invalid',
		);
	});
});

describe('while active', () => {
	it('turns every delivered change into an item in the HR event envelope', async () => {
		const trigger = await activate(byIds());
		const subscriptionId = trigger.staticData.subscriptionId as string;

		const answer = await control.coresignal.deliver(subscriptionId, {
			changes: [
				{ member_id: 100001, status: 'changed', changed_fields: ['skills', 'headline'] },
				{ member_id: 100002, status: 'started_matching_query', changed_fields: null },
			],
		});

		expect(answer.status).toBe(200);
		const [delivery] = trigger.deliveries;
		expect(delivery.response?.body).toEqual({
			status: 'accepted',
			received: 2,
			emitted: 2,
			unrecognized: 0,
			ignored: 0,
			duplicates: 0,
		});
		expect(delivery.items[0]).toEqual([
			{
				source: 'coresignal',
				type: 'employee.changed',
				entity: { type: 'employee', id: '100001' },
				changedFields: ['skills', 'headline'],
				occurredAt: null,
				receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				subscription: { id: subscriptionId },
				data: null,
			},
			expect.objectContaining({
				type: 'employee.started_matching_query',
				entity: { type: 'employee', id: '100002' },
				changedFields: [],
			}),
		]);
	});

	it('emits 10,000 changes delivered in one POST as 10,000 items', async () => {
		const trigger = await activate(byIds());
		const answer = await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			count: 10_000,
		});
		expect(answer.status).toBe(200);
		expect(trigger.deliveries[0].items[0]).toHaveLength(10_000);
	});

	it('keeps only the chosen statuses and changed fields', async () => {
		const trigger = await activate(
			byIds('100001', { options: { statuses: ['changed'], changedFields: ['skills'] } }),
		);
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [
				{ member_id: 1, status: 'changed', changed_fields: ['skills'] },
				{ member_id: 2, status: 'changed', changed_fields: ['headline'] },
				{ member_id: 3, status: 'stopped_matching_query', changed_fields: null },
			],
		});
		expect(trigger.deliveries[0].items[0].map((item) => item.entity)).toEqual([
			{ type: 'employee', id: '1' },
		]);
	});

	it('answers 200 without starting the workflow when every change is filtered out', async () => {
		const trigger = await activate(byIds('100001', { options: { statuses: ['changed'] } }));
		const answer = await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [{ member_id: 3, status: 'stopped_matching_query', changed_fields: null }],
		});
		expect(answer.status).toBe(200);
		expect(trigger.deliveries[0].items).toEqual([]);
		expect(trigger.deliveries[0].response?.body).toMatchObject({
			received: 1,
			emitted: 0,
			ignored: 1,
		});
	});

	it('adds the raw change when asked', async () => {
		const trigger = await activate({
			event: 'experience',
			...byIds('100001'),
			options: { includeRaw: true },
		});
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [{ member_id: 100001, status: 'changed' }],
		});
		expect(trigger.deliveries[0].items[0][0]).toMatchObject({
			type: 'experience.changed',
			raw: { member_id: 100001, status: 'changed' },
		});
	});

	it('collects the full profile of each changed employee on node version 1', async () => {
		const trigger = await activate(
			byIds('100001, 100002', { options: { collectFullProfile: true } }),
			1,
		);
		await control.clearRequests();
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [
				{ member_id: 100001, status: 'changed', changed_fields: ['skills'] },
				{ member_id: 100002, status: 'changed', changed_fields: ['headline'] },
			],
		});

		const collects = await control.requests({
			method: 'GET',
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
		});
		expect(collects.map((r) => r.path).sort()).toEqual([
			'/coresignal/cdapi/v2/employee_clean/collect/100001',
			'/coresignal/cdapi/v2/employee_clean/collect/100002',
		]);
		const [first, second] = trigger.deliveries[0].items[0];
		expect(first.data).toEqual(await control.coresignal.employee(100001));
		expect(second.data).toEqual(await control.coresignal.employee(100002));
	});

	it('puts a simplified profile in "data" by default on node version 2', async () => {
		const trigger = await activate(byIds('100001', { collectFullProfile: true }), 2);
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [{ member_id: 100001, status: 'changed', changed_fields: ['headline'] }],
		});

		const profile = await control.coresignal.employee(100001);
		expect(trigger.deliveries[0].items[0][0]).toMatchObject({
			type: 'employee.changed',
			entity: { type: 'employee', id: '100001' },
			data: {
				id: 100001,
				fullName: profile.full_name,
				headline: profile.headline,
				jobTitle: profile.job_title,
				company: profile.company_name,
				companyId: profile.company_id,
				location: profile.location_full,
				country: profile.location_country,
				profileUrl: profile.websites_professional_network,
				lastUpdated: profile.last_updated,
			},
		});
		expect(Object.keys(trigger.deliveries[0].items[0][0].data as IDataObject)).toHaveLength(10);
	});

	it('puts the full profile in "data" on node version 2 with Simplify off', async () => {
		const trigger = await activate(
			byIds('100001', { collectFullProfile: true, simplify: false }),
			2,
		);
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [{ member_id: 100001, status: 'changed', changed_fields: ['headline'] }],
		});

		expect(trigger.deliveries[0].items[0][0].data).toEqual(
			await control.coresignal.employee(100001),
		);
	});

	it('still emits a change whose profile cannot be collected, saying why', async () => {
		const trigger = await activate(byIds('100001', { options: { collectFullProfile: true } }));
		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			changes: [{ member_id: 999999999, status: 'changed', changed_fields: ['skills'] }],
		});
		expect(trigger.deliveries[0].items[0][0]).toMatchObject({
			entity: { type: 'employee', id: '999999999' },
			data: null,
			collectError: expect.stringContaining('Coresignal answered 404'),
		});
	});

	it.each([
		['no token', {}],
		['a wrong token', { token: 'not-the-secret' }],
		['a token of another length', { token: 'x' }],
	])('rejects a delivery with %s: 401 and no execution', async (_name, query) => {
		const trigger = await activate(byIds());
		const delivery = await trigger.deliver({ body: [{ member_id: 1, status: 'changed' }], query });
		expect(delivery.response?.statusCode).toBe(401);
		expect(delivery.items).toEqual([]);
	});

	it('rejects the secret of another workflow', async () => {
		const first = await activate(byIds());
		const second = harness.trigger(triggerWorkflow(byIds('100009'), 'another-trigger'));
		await second.activate();
		const delivery = await first.deliver({
			body: [{ member_id: 1, status: 'changed' }],
			query: { token: tokenOf(second) },
		});
		expect(delivery.response?.statusCode).toBe(401);
	});

	it('delivers the good changes of a batch and flags the bad one, in delivery order', async () => {
		const trigger = await activate(byIds());
		const delivery = await trigger.deliver({
			body: [
				{ member_id: 1, status: 'changed' },
				{ status: 'changed', changed_fields: ['skills'] },
				{ member_id: 3, status: 'changed' },
			],
			query: { token: tokenOf(trigger) },
		});

		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.response?.body).toMatchObject({ received: 3, emitted: 3, unrecognized: 1 });
		const [first, flagged, third] = delivery.items[0];
		expect([first.type, third.type]).toEqual(['employee.changed', 'employee.changed']);
		expect(flagged).toEqual({
			source: 'coresignal',
			type: 'coresignal.unrecognized',
			entity: { type: 'unknown', id: '' },
			changedFields: [],
			occurredAt: null,
			receivedAt: expect.any(String),
			subscription: { id: trigger.staticData.subscriptionId },
			data: null,
			raw: { status: 'changed', changed_fields: ['skills'] },
			problems: ['"member_id" is missing'],
		});
	});

	it.each([
		[
			'a body that is not JSON',
			{ rawBody: 'member_id=1', headers: { 'content-type': 'text/plain' } },
			'not valid JSON',
		],
		['a JSON string', { body: 'changed' }, 'The body is a JSON string'],
		[
			'an empty body',
			{ rawBody: '', headers: { 'content-type': 'application/json' } },
			'The body is empty',
		],
		[
			'a non-numeric member_id',
			{ body: [{ member_id: 'x', status: 'changed' }] },
			'"member_id" must be a numeric employee ID',
		],
	])('delivers %s as a flagged coresignal.unrecognized item', async (_name, request, problem) => {
		const trigger = await activate(byIds());
		const delivery = await trigger.deliver({ ...request, query: { token: tokenOf(trigger) } });
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'coresignal.unrecognized',
				problems: [expect.stringContaining(problem)],
			}),
		]);
	});

	it('gathers the unrecognized elements past the 100th into one last item, keeping every good change', async () => {
		const trigger = await activate(byIds());
		const delivery = await trigger.deliver({
			body: [...Array.from({ length: 150 }, (_, i) => i), { member_id: 5, status: 'changed' }],
			query: { token: tokenOf(trigger) },
		});
		const items = delivery.items[0];
		expect(items.map((item) => item.type)).toEqual([
			...Array.from({ length: 100 }, () => 'coresignal.unrecognized'),
			'employee.changed',
			'coresignal.unrecognized',
		]);
		expect(items[101]).toMatchObject({
			raw: { body: Array.from({ length: 50 }, (_, i) => 100 + i) },
			problems: [expect.stringContaining('50 more elements could not be read')],
		});
		expect(delivery.response?.body).toMatchObject({
			received: 151,
			emitted: 102,
			unrecognized: 150,
		});
	});

	it('emits an unrecognized change whatever the filters say', async () => {
		const trigger = await activate(
			byIds('100001', { options: { statuses: ['changed'], changedFields: ['skills'] } }),
		);
		const delivery = await trigger.deliver({
			body: [
				{ member_id: 'x', status: 'stopped_matching_query' },
				{ member_id: 2, status: 'stopped_matching_query' },
			],
			query: { token: tokenOf(trigger) },
		});
		expect(delivery.items[0].map((item) => item.type)).toEqual(['coresignal.unrecognized']);
		expect(delivery.response?.body).toMatchObject({
			received: 2,
			emitted: 1,
			unrecognized: 1,
			ignored: 1,
		});
	});

	it('with "Reject With 400", refuses a delivery with an unrecognized change as a whole', async () => {
		const trigger = await activate(byIds('100001', { options: { onUnrecognized: 'reject' } }));
		const delivery = await trigger.deliver({
			body: [{ member_id: 1, status: 'changed' }, { status: 'changed' }],
			query: { token: tokenOf(trigger) },
		});
		expect(delivery.response?.statusCode).toBe(400);
		expect((delivery.response?.body as { message: string }).message).toContain(
			'element 1: "member_id" is missing',
		);
		expect(delivery.items).toEqual([]);
	});

	it('with "Reject With 400", still accepts a delivery it can read', async () => {
		const trigger = await activate(byIds('100001', { options: { onUnrecognized: 'reject' } }));
		const delivery = await trigger.deliver({
			body: { data: [{ member_id: '1', status: 'changed' }] },
			query: { token: tokenOf(trigger) },
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => item.entity)).toEqual([{ type: 'employee', id: '1' }]);
	});

	it('keeps the order of flagged and collected changes when collecting full profiles', async () => {
		const trigger = await activate(
			byIds('100001, 100002', { options: { collectFullProfile: true } }),
		);
		const delivery = await trigger.deliver({
			body: [
				{ member_id: 100001, status: 'changed' },
				{ member_id: 'nobody', status: 'changed' },
				{ member_id: 100002, status: 'changed' },
			],
			query: { token: tokenOf(trigger) },
		});
		const items = delivery.items[0];
		expect(items.map((item) => [item.type, (item.entity as IDataObject).id])).toEqual([
			['employee.changed', '100001'],
			['coresignal.unrecognized', ''],
			['employee.changed', '100002'],
		]);
		expect(items[2].data).toEqual(await control.coresignal.employee(100002));
	});

	it('keeps a change whose extra field is nested too deep to store, cut and with a warning', async () => {
		const trigger = await activate(byIds());
		const deep = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
		const delivery = await trigger.deliver({
			rawBody: `[{"member_id":7,"status":"changed","extra":${deep}}]`,
			headers: { 'content-type': 'application/json' },
			query: { token: tokenOf(trigger) },
		});
		const [item] = delivery.items[0];
		expect(item).toMatchObject({ type: 'employee.changed', entity: { id: '7' } });
		expect(item.warnings).toEqual([expect.stringContaining('"data" was nested more than')]);
	});

	it('renews a subscription close to expiry when a delivery arrives', async () => {
		await control.coresignal.configure({ validityDays: 10 });
		const trigger = await activate(byIds());
		await control.clearRequests();

		await control.coresignal.deliver(trigger.staticData.subscriptionId as string, { count: 1 });

		const renewals = await control.requests({
			method: 'POST',
			pathPrefix: `${SUBSCRIPTIONS}/${trigger.staticData.subscriptionId}/renew`,
		});
		expect(renewals.map((r) => r.status)).toEqual([200]);
		expect(trigger.deliveries[0].items[0]).toHaveLength(1);
	});
});

describe('keeping the subscription alive', () => {
	it('leaves a live subscription alone on restart', async () => {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		await trigger.restart();
		expect(trigger.staticData.subscriptionId).toBe(id);
		expect(await liveSubscriptions()).toHaveLength(1);
	});

	it('re-creates a subscription deleted behind its back', async () => {
		const trigger = await activate(byIds());
		const oldId = trigger.staticData.subscriptionId as string;
		await control.coresignal.deleteSubscription(oldId);

		await trigger.restart();

		const live = await liveSubscriptions();
		expect(live).toHaveLength(1);
		expect(live[0].id).not.toBe(oldId);
		expect(trigger.staticData.subscriptionId).toBe(live[0].id);
	});

	it('re-creates an expired subscription', async () => {
		const trigger = await activate(byIds());
		const oldId = trigger.staticData.subscriptionId;
		await control.advanceClock({ days: 92 });

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).not.toBe(oldId);
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([
			trigger.staticData.subscriptionId,
		]);
	});

	it('renews a subscription that expires within the renewal window', async () => {
		await control.coresignal.configure({ validityDays: 10 });
		const trigger = await activate(byIds());
		const before = trigger.staticData.expiringAt as string;

		await trigger.restart();

		const renewals = await control.requests({
			method: 'POST',
			pathPrefix: `${SUBSCRIPTIONS}/${trigger.staticData.subscriptionId}/renew`,
		});
		expect(renewals.map((r) => r.status)).toEqual([200]);
		expect(parseCoresignalDate(trigger.staticData.expiringAt)).toBeGreaterThan(
			parseCoresignalDate(before) as number,
		);
	});

	it('treats "still initialising" (409) on renewal as not a failure', async () => {
		await control.coresignal.configure({ validityDays: 10, initialisingMs: 3_600_000 });
		const trigger = await activate(byIds());

		await trigger.restart();

		const renewals = await control.requests({
			method: 'POST',
			pathPrefix: `${SUBSCRIPTIONS}/${trigger.staticData.subscriptionId}/renew`,
		});
		expect(renewals.map((r) => r.status)).toEqual([409]);
		expect(harness.logs.entries.some((e) => e.message.includes('renewal postponed'))).toBe(true);
	});

	it('replaces the subscription when the node settings changed while inactive', async () => {
		const trigger = harness.trigger(triggerWorkflow(byIds('100001')));
		await trigger.activate();
		const changed = harness.trigger({
			...triggerWorkflow(byIds('100002')),
			staticData: { [`node:Coresignal Trigger`]: trigger.staticData },
		});
		await changed.activate();

		const live = await liveSubscriptions();
		expect(live).toHaveLength(1);
		expect(live[0].ids).toEqual([100002]);
	});

	it('re-creates a subscription Coresignal reports "inactive" after a deletion', async () => {
		await control.coresignal.configure({ deletedSubscriptions: 'inactive' });
		const trigger = await activate(byIds());
		const oldId = trigger.staticData.subscriptionId as string;
		await control.coresignal.deleteSubscription(oldId);

		await trigger.restart();

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		expect(live[0].id).not.toBe(oldId);
	});

	it.each([
		['a server error', { status: 500 }],
		['rate limits that outlast the retries', { status: 429, retryAfter: 0 }],
	])('keeps the registration when checking it meets %s', async (_name, fault) => {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, count: 10, ...fault });

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).toBe(id);
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([id]);
		expect(harness.logs.entries.some((e) => e.message.includes('keeping it'))).toBe(true);
	});

	it('keeps the registration when renewing it fails', async () => {
		await control.coresignal.configure({ validityDays: 10 });
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		await control.addFault({
			method: 'POST',
			pathPrefix: `${SUBSCRIPTIONS}/${id}/renew`,
			status: 500,
			count: 10,
		});

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).toBe(id);
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([id]);
	});

	it('keeps the registration through a brief outage of the check (503, then fine)', async () => {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		await control.addFault({
			method: 'GET',
			pathPrefix: SUBSCRIPTIONS,
			status: 503,
			retryAfter: 0,
			count: 2,
		});

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).toBe(id);
		expect(await liveSubscriptions()).toHaveLength(1);
	});

	it('raises other errors instead of guessing', async () => {
		const trigger = await activate(byIds());
		await control.addFault({
			method: 'GET',
			pathPrefix: SUBSCRIPTIONS,
			status: 401,
			body: { detail: 'Invalid API key' },
		});
		await expect(trigger.restart()).rejects.toThrow('Coresignal answered 401: Invalid API key');
	});
});

describe('deactivation', () => {
	it('deletes the subscription', async () => {
		const trigger = await activate(byIds());
		await trigger.deactivate();
		expect(await liveSubscriptions()).toHaveLength(0);
		expect(trigger.staticData).toEqual({});
	});

	it('accepts a subscription that is already gone, and logs it', async () => {
		const trigger = await activate(byIds());
		await control.addFault({
			method: 'DELETE',
			pathPrefix: SUBSCRIPTIONS,
			status: 404,
			body: { detail: 'Subscription not found' },
		});
		await trigger.deactivate();
		expect(trigger.staticData).toEqual({});
		expect(harness.logs.entries.some((e) => e.message.includes('already deleted'))).toBe(true);
	});

	it('retries a DELETE that fails once with a 500', async () => {
		const trigger = await activate(byIds());
		await control.addFault({ method: 'DELETE', pathPrefix: SUBSCRIPTIONS, status: 500 });
		await trigger.deactivate();
		expect(await liveSubscriptions()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});
});

/** Every string in static data, at any depth (keys too): what a workflow viewer could copy. */
function valuesIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(valuesIn);
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => [key, ...valuesIn(inner)]);
	}
	return value === undefined || value === null ? [] : [String(value)];
}

describe('secrets: static data holds nothing a workflow viewer could send back', () => {
	it('after activation, a delivery and a renewal, no value in static data is accepted as the token', async () => {
		await control.coresignal.configure({ validityDays: 10 });
		const trigger = await activate(byIds());
		const genuine = await control.coresignal.deliver(trigger.staticData.subscriptionId as string, {
			count: 1,
		});
		const renewals = await control.requests({
			method: 'POST',
			pathPrefix: `${SUBSCRIPTIONS}/${trigger.staticData.subscriptionId}/renew`,
		});
		expect(genuine.status).toBe(200);
		expect(renewals.map((r) => r.status)).toEqual([200]);

		const candidates = valuesIn(trigger.staticData);
		expect(candidates).toContain(trigger.staticData.tokenHash);
		const answers = [];
		for (const token of candidates) {
			const delivery = await trigger.deliver({
				body: [{ member_id: 1, status: 'changed' }],
				query: { token },
			});
			answers.push(delivery.response?.statusCode);
		}
		expect(answers).toEqual(candidates.map(() => 401));
	});

	it('keeps the SHA-256 of the token, never the token', async () => {
		const trigger = await activate(byIds());
		expect(trigger.staticData.secret).toBeUndefined();
		expect(trigger.staticData.tokenHash).toBe(hashSecret(tokenOf(trigger)));
		expect(JSON.stringify(trigger.staticData)).not.toContain(tokenOf(trigger));
	});

	/** Static data as the previous version of the trigger saved it: the plain token under `secret`. */
	async function savedByPreviousVersion(): Promise<TriggerHandle> {
		const trigger = await activate(byIds());
		const saved: IDataObject = { ...trigger.staticData, secret: tokenOf(trigger) };
		delete saved.tokenHash;
		trigger.setStaticData(saved);
		return trigger;
	}

	it('a plain token saved by the previous version is replaced by its hash on the first delivery', async () => {
		const trigger = await savedByPreviousVersion();
		const token = tokenOf(trigger);

		const delivery = await trigger.deliver({
			body: [{ member_id: 1, status: 'changed' }],
			query: { token },
		});

		expect(delivery.response?.statusCode).toBe(200);
		expect(trigger.staticData.secret).toBeUndefined();
		expect(trigger.staticData.tokenHash).toBe(hashSecret(token));
	});

	it('a plain token saved by the previous version is replaced by its hash at the next start, keeping the subscription', async () => {
		const trigger = await savedByPreviousVersion();
		const id = trigger.staticData.subscriptionId;

		await trigger.restart();

		expect(trigger.staticData).toMatchObject({
			subscriptionId: id,
			tokenHash: hashSecret(tokenOf(trigger)),
		});
		expect(trigger.staticData.secret).toBeUndefined();
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([id]);
	});
});

describe('registration when the answer to the creation is lost', () => {
	it.each([
		[
			'answered 502 after Coresignal created it',
			{ action: 'process-then-respond' as const, status: 502 },
		],
		['answered with a body cut in half', { action: 'truncate' as const }],
	])('%s: activation adopts that subscription, and its token works', async (_name, fault) => {
		await control.addFault({ method: 'POST', pathPrefix: SUBSCRIPTIONS, ...fault });

		const trigger = await activate(byIds());

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		const delivery = await control.coresignal.deliver(live[0].id, { count: 1 });
		expect(delivery.status).toBe(200);
		expect(harness.logs.entries.some((e) => e.message.includes('by elimination'))).toBe(true);
	});

	it.each(['webhook_url', 'webhookUrl', 'nested'] as const)(
		'finds its own among subscriptions another client created meanwhile, when the detail shows the URL as %s',
		async (detailWebhookUrl) => {
			await control.coresignal.configure({ detailWebhookUrl });
			const theirs = await foreignSubscription('theirs');
			// The list taken before the creation does not show it yet: it is as new as ours.
			await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 200, body: [] });
			await control.addFault({
				method: 'POST',
				pathPrefix: SUBSCRIPTIONS,
				action: 'process-then-respond',
				status: 502,
			});

			const trigger = await activate(byIds());

			const live = await liveSubscriptions();
			const ours = live.find((s) => s.webhookUrl.startsWith(trigger.webhookUrl()));
			expect(trigger.staticData.subscriptionId).toBe(ours?.id);
			expect(live.map((s) => s.id).sort()).toEqual([theirs, ours?.id].sort());
		},
	);

	it('adopts none and deletes none when two new subscriptions cannot be told apart, naming both', async () => {
		const theirs = await foreignSubscription('theirs');
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 200, body: [] });
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			action: 'process-then-respond',
			status: 502,
		});
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.activate().then(
			() => undefined,
			(e: Error) => e,
		);

		const live = await liveSubscriptions();
		expect(live).toHaveLength(2);
		const ours = live.find((s) => s.id !== theirs)!;
		expect(error?.message).toContain(theirs);
		expect(error?.message).toContain(ours.id);
		expect(error?.message).toContain('Subscription › Get');
		expect(trigger.staticData.subscriptionId).toBeUndefined();
	});

	it('counts subscriptions on every page of the list as existing', async () => {
		await control.coresignal.configure({ pageSize: 2 });
		const existing = [];
		for (const name of ['a', 'b', 'c', 'd', 'e']) existing.push(await foreignSubscription(name));
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			action: 'process-then-respond',
			status: 502,
		});

		const trigger = await activate(byIds());

		const live = await liveSubscriptions();
		expect(live).toHaveLength(6);
		expect(existing).not.toContain(trigger.staticData.subscriptionId);
		expect(live.find((s) => s.id === trigger.staticData.subscriptionId)?.webhookUrl).toContain(
			trigger.webhookUrl(),
		);
	});

	it('sends the creation once more when a 500 came back and the list shows nothing new', async () => {
		await control.addFault({ method: 'POST', pathPrefix: SUBSCRIPTIONS, status: 500 });

		const trigger = await activate(byIds());

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		expect((await control.coresignal.deliver(live[0].id, { count: 1 })).status).toBe(200);
	});

	it("fails activation with Coresignal's message and leaves nothing when every creation gets a 500", async () => {
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			status: 500,
			body: { detail: 'Internal server error' },
			count: 10,
		});
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.activate().then(
			() => undefined,
			(e: Error) => e,
		);

		expect(error?.message).toContain('Coresignal answered 500: Internal server error');
		expect(error?.message).toContain('nothing was left behind');
		expect(await liveSubscriptions()).toEqual([]);
	});

	it('ends within its budget when Coresignal never answers the creation (1 s timeout), with one subscription or none', async () => {
		credentialTimeout(1);
		await control.addFault({ method: 'POST', pathPrefix: SUBSCRIPTIONS, action: 'hang' });
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.activate().then(
			() => undefined,
			(e: Error) => e,
		);

		const live = await liveSubscriptions();
		if (error) {
			expect(live).toEqual([]);
		} else {
			expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
			expect((await control.coresignal.deliver(live[0].id, { count: 1 })).status).toBe(200);
		}
	});

	it('reads the list again after a 500, and still finds a creation whose answer was lost', async () => {
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 500 });
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			action: 'process-then-respond',
			status: 502,
		});

		const trigger = await activate(byIds());

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
	});

	it('creates nothing while the list cannot be read, and says so', async () => {
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 500, count: 1000 });
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.activate().then(
			() => undefined,
			(e: Error) => e,
		);

		expect(error?.message).toMatch(/^Coresignal answered 500: Injected fault: 500\. /);
		expect(error?.message).toContain('n8n did not create the subscription');
		expect(await control.requests({ vendor: 'coresignal', method: 'POST' })).toEqual([]);
		expect(await liveSubscriptions()).toEqual([]);
	}, 20_000);

	it('reconciles legacy v1 the same way through its list', async () => {
		await control.addFault({
			method: 'POST',
			pathPrefix: '/coresignal/cdapi/v1/subscriptions',
			action: 'process-then-respond',
			status: 502,
		});

		const trigger = await activate({ apiVersion: 'v1', ...byIds('100005') });

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		expect(live[0].version).toBe('v1');
	});
});

/**
 * n8n 2.41 retries a failed create by itself (five tries on the same static data, `delete` in
 * between): the try that made a subscription and then failed must not leave it behind.
 */
describe('create called again after a failed create (n8n 2.41 publication)', () => {
	/** Coresignal creates the subscription, its answer is lost, and its list then fails until cleared. */
	async function createLandsThenListFails() {
		credentialTimeout(1);
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 200, body: [] });
		await control.addFault({
			method: 'POST',
			pathPrefix: SUBSCRIPTIONS,
			action: 'process-then-respond',
			status: 502,
		});
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 500, count: 1000 });
	}

	it('the next try adopts the subscription the failed one made: one subscription, and its token works', async () => {
		await createLandsThenListFails();
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const tries = await trigger.publish({ beforeRetry: async () => await control.clearFaults() });

		expect(tries).toBe(2);
		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		expect((await control.coresignal.deliver(live[0].id, { count: 1 })).status).toBe(200);
		expect(trigger.staticData.unconfirmedCreate).toBeUndefined();
	}, 20_000);

	it('the failed try says Coresignal may have created it, and that it is looked for again', async () => {
		await createLandsThenListFails();
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.publish({ attempts: 1 }).then(
			() => undefined,
			(e: Error) => e,
		);

		expect(error?.message).toContain('Coresignal may have created the subscription');
		expect(error?.message).toContain('looks for it again at the next activation');
	}, 20_000);

	it('unpublishing after every try failed deletes the subscription the failed try made', async () => {
		await createLandsThenListFails();
		const trigger = harness.trigger(triggerWorkflow(byIds()));
		await trigger.publish({ attempts: 1 }).catch(() => undefined);
		expect(await liveSubscriptions()).toHaveLength(1);
		await control.clearFaults();

		await trigger.run('delete', 'update');

		expect(await liveSubscriptions()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	}, 20_000);

	it('long after the failed try, deletes nothing it can only identify by elimination, and names it', async () => {
		await createLandsThenListFails();
		const trigger = harness.trigger(triggerWorkflow(byIds()));
		await trigger.publish({ attempts: 1 }).catch(() => undefined);
		const record = trigger.staticData.unconfirmedCreate as IDataObject;
		trigger.setStaticData({
			...trigger.staticData,
			unconfirmedCreate: { ...record, at: Date.now() - 60 * 60_000 },
		});
		await control.clearFaults();

		await trigger.run('delete', 'update');

		const live = await liveSubscriptions();
		expect(live).toHaveLength(1);
		expect(harness.logs.entries.some((e) => e.message.includes(live[0].id))).toBe(true);
	}, 20_000);

	it('creates nothing while the list that would find the earlier creation cannot be read, and says so', async () => {
		await createLandsThenListFails();
		const trigger = harness.trigger(triggerWorkflow(byIds()));

		const error = await trigger.publish({ attempts: 2 }).then(
			() => undefined,
			(e: Error) => e,
		);

		expect(error?.message).toContain('an earlier attempt may have created one');
		expect(await control.requests({ vendor: 'coresignal', method: 'POST' })).toHaveLength(1);
		expect(await liveSubscriptions()).toHaveLength(1);
	}, 20_000);
});

describe('deletions that finish', () => {
	/** An active trigger whose deactivation met a DELETE that kept failing (500) for its whole budget. */
	async function deactivatedWhileDeletesFail() {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId as string;
		credentialTimeout(1);
		await control.addFault({
			method: 'DELETE',
			pathPrefix: SUBSCRIPTIONS,
			status: 500,
			body: { detail: 'Unable to delete subscription' },
			count: 100,
		});
		await trigger.deactivate();
		await control.clearFaults();
		return { trigger, id };
	}

	it('deactivation completes when every DELETE fails, and the subscription is remembered for deletion', async () => {
		const { trigger, id } = await deactivatedWhileDeletesFail();
		expect(trigger.isActive).toBe(false);
		expect(trigger.staticData).toEqual({ pendingDeletes: [{ id, version: 'v2' }] });
	});

	it("logs an error naming the subscription, Coresignal's message and how to delete it by hand", async () => {
		const { id } = await deactivatedWhileDeletesFail();
		const [message] = errorLogs();
		expect(message).toContain(id);
		expect(message).toContain('Coresignal answered 500: Unable to delete subscription');
		expect(message).toContain("Coresignal node's Subscription › Delete");
	});

	it('the next activation deletes the remembered subscription first', async () => {
		const { trigger, id } = await deactivatedWhileDeletesFail();

		await trigger.activate();

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([trigger.staticData.subscriptionId]);
		expect(live[0].id).not.toBe(id);
		expect(trigger.staticData.pendingDeletes).toBeUndefined();
	});

	it('replacing the subscription after a settings change: an old one that cannot be deleted stays pending until the next start deletes it', async () => {
		const first = await activate(byIds('100001'));
		const oldId = first.staticData.subscriptionId as string;
		credentialTimeout(1);
		await control.addFault({
			method: 'DELETE',
			pathPrefix: SUBSCRIPTIONS,
			status: 500,
			count: 100,
		});
		const changed = harness.trigger({
			...triggerWorkflow(byIds('100002')),
			staticData: { 'node:Coresignal Trigger': first.staticData },
		});
		await changed.activate();
		expect(changed.staticData.pendingDeletes).toEqual([{ id: oldId, version: 'v2' }]);

		await control.clearFaults();
		await changed.restart();

		const live = await liveSubscriptions();
		expect(live.map((s) => s.id)).toEqual([changed.staticData.subscriptionId]);
		expect(live[0].ids).toEqual([100002]);
		expect(changed.staticData.pendingDeletes).toBeUndefined();
	});
});

describe('n8n start under faults', () => {
	it('keeps the same subscription when the check gets no answer (1 s timeout)', async () => {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		credentialTimeout(1);
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, action: 'hang', count: 10 });

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).toBe(id);
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([id]);
	});
});
