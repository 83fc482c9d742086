import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { parseCoresignalDate } from '../../nodes/Coresignal/trigger/expiry';
import type { SandboxClient } from '../../sandbox/client';
import { CORESIGNAL_API_KEY } from '../../sandbox/credentials';
import { type Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../harness';
import { type SandboxHarness, startSandboxHarness } from '../support/sandboxHarness';

let env: SandboxHarness;
let control: SandboxClient;
let harness: Harness;

const SUBSCRIPTIONS = '/coresignal/cdapi/v2/subscriptions';

function triggerWorkflow(
	parameters: INodeParameters,
	webhookId = 'coresignal-trigger-test',
): WorkflowJson {
	return {
		nodes: [
			{
				name: 'Coresignal Trigger',
				type: nodeType('coresignalTrigger'),
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

async function activate(parameters: INodeParameters): Promise<TriggerHandle> {
	const trigger = harness.trigger(triggerWorkflow(parameters));
	await trigger.activate();
	return trigger;
}

async function liveSubscriptions() {
	return (await control.coresignal.subscriptions()).filter((s) => s.status === 'active');
}

beforeAll(async () => {
	env = await startSandboxHarness();
	({ harness, control } = env);
});

beforeEach(async () => {
	for (const trigger of harness.triggers.splice(0))
		if (trigger.isActive) await trigger.deactivate();
	await control.reset();
	await control.coresignal.configure({ initialisingMs: 0 });
	await control.setRateLimits({ coresignal: { 'subscription-create': null } });
	harness.logs.clear();
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
		expect(webhookUrl.searchParams.get('token')).toBe(trigger.staticData.secret);
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
				data: { member_id: 100001, status: 'changed', changed_fields: ['skills', 'headline'] },
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
		expect(trigger.deliveries[0].response?.body).toMatchObject({ received: 1, emitted: 0, ignored: 1 });
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

	it('collects the full profile of each changed employee', async () => {
		const trigger = await activate(
			byIds('100001, 100002', { options: { collectFullProfile: true } }),
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
			query: { token: second.staticData.secret as string },
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
			query: { token: trigger.staticData.secret as string },
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
		['a body that is not JSON', { rawBody: 'member_id=1', headers: { 'content-type': 'text/plain' } }, 'not valid JSON'],
		['a JSON string', { body: 'changed' }, 'The body is a JSON string'],
		['an empty body', { rawBody: '', headers: { 'content-type': 'application/json' } }, 'The body is empty'],
		['a non-numeric member_id', { body: [{ member_id: 'x', status: 'changed' }] }, '"member_id" must be a numeric employee ID'],
	])('delivers %s as a flagged coresignal.unrecognized item', async (_name, request, problem) => {
		const trigger = await activate(byIds());
		const delivery = await trigger.deliver({ ...request, query: { token: trigger.staticData.secret as string } });
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
			query: { token: trigger.staticData.secret as string },
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
		expect(delivery.response?.body).toMatchObject({ received: 151, emitted: 102, unrecognized: 150 });
	});

	it('emits an unrecognized change whatever the filters say', async () => {
		const trigger = await activate(byIds('100001', { options: { statuses: ['changed'], changedFields: ['skills'] } }));
		const delivery = await trigger.deliver({
			body: [{ member_id: 'x', status: 'stopped_matching_query' }, { member_id: 2, status: 'stopped_matching_query' }],
			query: { token: trigger.staticData.secret as string },
		});
		expect(delivery.items[0].map((item) => item.type)).toEqual(['coresignal.unrecognized']);
		expect(delivery.response?.body).toMatchObject({ received: 2, emitted: 1, unrecognized: 1, ignored: 1 });
	});

	it('with "Reject With 400", refuses a delivery with an unrecognized change as a whole', async () => {
		const trigger = await activate(byIds('100001', { options: { onUnrecognized: 'reject' } }));
		const delivery = await trigger.deliver({
			body: [{ member_id: 1, status: 'changed' }, { status: 'changed' }],
			query: { token: trigger.staticData.secret as string },
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
			query: { token: trigger.staticData.secret as string },
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => item.entity)).toEqual([{ type: 'employee', id: '1' }]);
	});

	it('keeps the order of flagged and collected changes when collecting full profiles', async () => {
		const trigger = await activate(byIds('100001, 100002', { options: { collectFullProfile: true } }));
		const delivery = await trigger.deliver({
			body: [
				{ member_id: 100001, status: 'changed' },
				{ member_id: 'nobody', status: 'changed' },
				{ member_id: 100002, status: 'changed' },
			],
			query: { token: trigger.staticData.secret as string },
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
			query: { token: trigger.staticData.secret as string },
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
		await control.http.request({
			method: 'DELETE',
			url: `${control.urls.coresignal}/v2/subscriptions/${oldId}`,
			headers: { apikey: CORESIGNAL_API_KEY },
			baseURL: '',
		});

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
		await control.http.request({
			method: 'DELETE',
			url: `${control.urls.coresignal}/v2/subscriptions/${oldId}`,
			headers: { apikey: CORESIGNAL_API_KEY },
			baseURL: '',
		});

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
		await control.addFault({ method: 'POST', pathPrefix: `${SUBSCRIPTIONS}/${id}/renew`, status: 500, count: 10 });

		await trigger.restart();

		expect(trigger.staticData.subscriptionId).toBe(id);
		expect((await liveSubscriptions()).map((s) => s.id)).toEqual([id]);
	});

	it('keeps the registration through a brief outage of the check (503, then fine)', async () => {
		const trigger = await activate(byIds());
		const id = trigger.staticData.subscriptionId;
		await control.addFault({ method: 'GET', pathPrefix: SUBSCRIPTIONS, status: 503, retryAfter: 0, count: 2 });

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

	it("reports a failed deletion with Coresignal's message", async () => {
		const trigger = await activate(byIds());
		await control.addFault({
			method: 'DELETE',
			pathPrefix: SUBSCRIPTIONS,
			status: 500,
			body: { detail: 'Unable to delete subscription' },
			count: 10,
		});
		await expect(trigger.deactivate()).rejects.toThrow(
			'Coresignal answered 500: Unable to delete subscription',
		);
		expect(trigger.staticData.subscriptionId).toEqual(expect.any(String));
	});
});
