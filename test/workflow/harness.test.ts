/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { resolve } from 'node:path';

import type { Harness, TriggerHandle, WorkflowJson } from '../../dev/harness';
import { Harness as TestHarness, nodeType, PACKAGE_ROOT } from '../../dev/harness';
import { FakeVendor } from '../fixtures/fake-vendor';

// The harness itself, proved on two fixture nodes (test/fixtures/harness-package) against a
// throwaway vendor, so it does not depend on any real node being finished.
const FIXTURES = resolve(__dirname, '../fixtures/harness-package');

let vendor: FakeVendor;
let harness: Harness;

beforeAll(async () => {
	vendor = await FakeVendor.start();
	harness = await TestHarness.start({ packageRoots: [PACKAGE_ROOT, FIXTURES] });
});

afterAll(async () => {
	await harness.close();
	await vendor.close();
});

beforeEach(() => {
	harness.setCredentials('coresignalApi', { apiKey: vendor.apiKey, baseUrl: vendor.url });
	harness.logs.clear();
});

const probeWorkflow: WorkflowJson = {
	nodes: [
		{
			name: 'Probe',
			type: 'harness-fixtures.harnessProbe',
			parameters: { path: '/probe' },
			credentials: { coresignalApi: { id: '1', name: 'Coresignal' } },
		},
	],
};

function hookWorkflow(): WorkflowJson {
	return {
		id: 'wf-hook',
		nodes: [
			{
				name: 'Hook',
				type: 'harness-fixtures.harnessHookTrigger',
				webhookId: 'c0ffee00-0000-4000-8000-000000000001',
				parameters: { registryUrl: vendor.url },
			},
			{
				name: 'Probe',
				type: 'harness-fixtures.harnessProbe',
				parameters: { path: '/probe' },
				credentials: { coresignalApi: { id: '1', name: 'Coresignal' } },
			},
		],
		connections: { Hook: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
	};
}

describe('loading packages', () => {
	it('loads this package from dist/ with its credential types', () => {
		expect(harness.types.credentialTypeNames()).toEqual(
			expect.arrayContaining([
				'coresignalApi',
				'coresignalJwtApi',
				'chartHopApi',
				'humanSourcingWebhookApi',
			]),
		);
	});

	it('names node types <package>.<node>, as n8n does', () => {
		expect(harness.types.nodeTypeNames()).toEqual(
			expect.arrayContaining([
				'harness-fixtures.harnessProbe',
				'harness-fixtures.harnessHookTrigger',
			]),
		);
		expect(nodeType('coresignalTrigger')).toBe('n8n-nodes-hr-signals.coresignalTrigger');
	});
});

describe('runWorkflow', () => {
	it('sends the credential through its own authenticate and returns the node output', async () => {
		const run = await harness.runWorkflow(probeWorkflow, { input: [{ n: 1 }, { n: 2 }] });

		expect(run.status).toBe('success');
		expect(run.output('Probe')).toEqual([
			{ statusCode: 200, body: { ok: true } },
			{ statusCode: 200, body: { ok: true } },
		]);
		expect(vendor.calls.at(-1)?.headers.apikey).toBe(vendor.apiKey);
	});

	it('pairs every output item with its input item', async () => {
		const run = await harness.runWorkflow(probeWorkflow, { input: [{ n: 1 }, { n: 2 }] });

		expect(run.nodes.Probe.outputs[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	it('reports the node error with the vendor message when the credential is wrong', async () => {
		harness.setCredentials('coresignalApi', { apiKey: 'wrong-key', baseUrl: vendor.url });

		const run = await harness.runWorkflow(probeWorkflow);

		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Invalid API key');
		expect(run.nodes.Probe.error?.message).toContain('Invalid API key');
	});

	it('never logs the API key', async () => {
		await harness.runWorkflow(probeWorkflow);
		harness.setCredentials('coresignalApi', {
			apiKey: 'wrong-key-also-secret',
			baseUrl: vendor.url,
		});
		await harness.runWorkflow(probeWorkflow);

		expect(harness.logs.entries.length).toBeGreaterThan(0);
		expect(harness.logs.contains(vendor.apiKey)).toBe(false);
		expect(harness.logs.contains('wrong-key-also-secret')).toBe(false);
	});
});

describe('testCredential', () => {
	it('passes with the right API key', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: vendor.apiKey,
			baseUrl: vendor.url,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('fails with the status the vendor answered a wrong key with', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: 'nope',
			baseUrl: vendor.url,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 401 });
	});

	it('fails with the network error when the vendor is unreachable', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: vendor.apiKey,
			baseUrl: 'http://127.0.0.1:1',
		});

		// n8n-core turns ECONNREFUSED into this message; n8n's credential tester shows it as is.
		expect(result).toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});

describe('trigger lifecycle', () => {
	let trigger: TriggerHandle;

	beforeEach(() => {
		trigger = harness.trigger(hookWorkflow());
	});

	afterEach(async () => {
		if (trigger.isActive) await trigger.deactivate();
	});

	it('registers the production webhook URL and saves the id in static data', async () => {
		await trigger.activate();

		const { hookId } = trigger.staticData;
		expect(vendor.hooks.get(hookId as string)?.url).toBe(
			`${harness.baseUrl}/webhook/c0ffee00-0000-4000-8000-000000000001/hook`,
		);
	});

	it('does not register again on restart while the hook still exists', async () => {
		await trigger.activate();
		const before = vendor.hooks.size;

		await trigger.restart();

		expect(vendor.hooks.size).toBe(before);
	});

	it('registers again on restart when the vendor lost the hook', async () => {
		await trigger.activate();
		const stale = trigger.staticData.hookId as string;
		vendor.hooks.delete(stale);

		await trigger.restart();

		expect(trigger.staticData.hookId).not.toBe(stale);
		expect(vendor.hooks.has(trigger.staticData.hookId as string)).toBe(true);
	});

	it('deletes the hook and stops serving the URL on deactivate', async () => {
		await trigger.activate();
		const { hookId } = trigger.staticData;
		const url = trigger.webhookUrl();

		await trigger.deactivate();

		expect(vendor.hooks.has(hookId as string)).toBe(false);
		expect(trigger.staticData).toEqual({});
		expect((await fetch(url, { method: 'POST' })).status).toBe(404);
	});

	it('serves test URLs under /webhook-test/ in test mode', () => {
		const testTrigger = harness.trigger(hookWorkflow(), { test: true });

		expect(testTrigger.webhookUrl()).toBe(
			`${harness.baseUrl}/webhook-test/c0ffee00-0000-4000-8000-000000000001/hook`,
		);
	});
});

describe('webhook delivery', () => {
	let trigger: TriggerHandle;

	beforeEach(async () => {
		trigger = harness.trigger(hookWorkflow());
		await trigger.activate();
	});

	afterEach(async () => {
		await trigger.deactivate();
	});

	it('answers the vendor like n8n and runs the workflow with the emitted items', async () => {
		const answer = await vendor.deliver(trigger.staticData.hookId as string, { event: 'hired' });
		const delivery = await trigger.waitForDelivery();

		expect(answer).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(delivery.items).toEqual([[{ event: 'hired' }]]);
		expect(delivery.run?.status).toBe('success');
		expect(delivery.run?.output('Probe')).toEqual([{ statusCode: 200, body: { ok: true } }]);
	});

	it('gives webhook() the raw body and parsed JSON, as n8n does', async () => {
		const delivery = await trigger.deliver({
			rawBody: '{"a": 1}',
			headers: {
				'content-type': 'application/json',
				'x-hook-secret': trigger.staticData.secret as string,
			},
		});

		expect(delivery.body).toEqual({ a: 1 });
		expect(delivery.rawBody.toString()).toBe('{"a": 1}');
	});

	it('answers what the node wrote and starts nothing when it rejects the delivery', async () => {
		const delivery = await trigger.deliver({
			body: { event: 'hired' },
			headers: { 'x-hook-secret': 'wrong' },
		});

		expect(delivery.response).toMatchObject({
			statusCode: 401,
			body: { status: 'rejected', message: 'Missing or wrong X-Hook-Secret header' },
		});
		expect(delivery.items).toEqual([]);
		expect(delivery.run).toBeUndefined();
	});

	it('answers 422 to a body that is not the JSON it claims to be', async () => {
		const response = await fetch(trigger.webhookUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{not json',
		});

		expect(response.status).toBe(422);
	});

	it('never logs the webhook secret', async () => {
		await vendor.deliver(trigger.staticData.hookId as string, { event: 'hired' });
		await trigger.waitForDelivery();

		expect(harness.logs.contains(trigger.staticData.secret as string)).toBe(false);
	});
});
