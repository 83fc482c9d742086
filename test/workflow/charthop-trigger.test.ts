/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { createHash } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { type Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../../dev/harness';
import type { SandboxClient } from '../../sandbox/client';
import { sandboxCredentialData } from '../../dev/sandbox-credentials';
import { SandboxHarness } from '../../dev/sandbox-harness';
import { RECORD_LENGTH } from '../../nodes/ChartHop/trigger/repeats';

const WEBHOOK_ID = '3c1f7e0a-8d2b-4c55-9e61-2f4a7b9c0d13';
const SHARED_SECRET = 'charthop-manual-secret-0123456789';
const MANAGER_FILTER = 'department:engineering directs > 0';

interface NodeSetup {
	typeVersion?: number;
	credentialId?: string;
}

function workflow(parameters: INodeParameters, setup: NodeSetup = {}): WorkflowJson {
	return {
		name: 'ChartHop Trigger test',
		nodes: [
			{
				name: 'ChartHop Trigger',
				type: nodeType('chartHopTrigger'),
				typeVersion: setup.typeVersion ?? 1,
				webhookId: WEBHOOK_ID,
				parameters,
				credentials: {
					chartHopApi: { id: setup.credentialId ?? 'charthop-1', name: 'ChartHop' },
				},
			},
		],
		connections: {},
	};
}

const hires = (filter = '') => ({ events: { pattern: [{ event: 'change.create.hire', filter }] } });

let env: SandboxHarness;
let harness: Harness;
let control: SandboxClient;
const started: TriggerHandle[] = [];

beforeAll(async () => {
	env = await SandboxHarness.start();
	({ harness, control } = env);
});

beforeEach(async () => {
	await env.freshSandbox();
	({ harness, control } = env);
});

afterEach(async () => {
	for (const trigger of started.splice(0)) if (trigger.isActive) await trigger.deactivate();
});

afterAll(async () => {
	await env?.close();
});

async function activate(parameters: INodeParameters, setup?: NodeSetup): Promise<TriggerHandle> {
	const trigger = harness.trigger(workflow(parameters, setup));
	started.push(trigger);
	await trigger.activate();
	return trigger;
}

/** The secret header n8n gave the automated actions: what ChartHop sends, read from ChartHop. */
async function actionSecret(): Promise<Record<string, string>> {
	const [action] = await control.charthop.actions();
	return { 'x-n8n-secret': String(action.steps[0].httpHeaders?.['x-n8n-secret']) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const chartHopCalls = async () =>
	(await control.requests({ vendor: 'charthop' })).map(
		(r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`,
	);

describe('ChartHop Trigger, automatic registration: lifecycle', () => {
	it('activation creates one automated action per pattern with an HTTP step to the webhook URL', async () => {
		const trigger = await activate({
			events: {
				pattern: [
					{ event: 'change.create.hire', filter: MANAGER_FILTER },
					{ event: 'person.update' },
				],
			},
		});

		const actions = await control.charthop.actions();
		expect(actions).toHaveLength(2);
		expect(actions[0]).toMatchObject({
			event: 'change.create.hire',
			filter: MANAGER_FILTER,
			status: 'ACTIVE',
			steps: [
				{
					type: 'HTTP',
					httpUrl: trigger.webhookUrl(),
					httpMethod: 'POST',
					httpHeaders: {
						'x-n8n-secret': expect.stringMatching(/^[0-9a-f]{64}$/),
						'x-n8n-pattern': '0',
					},
				},
			],
		});
		expect(actions[1]).toMatchObject({
			event: 'person.update',
			steps: [{ httpHeaders: { 'x-n8n-pattern': '1' } }],
		});
		expect(actions[1].filter).toBeUndefined();
		expect(trigger.webhookUrl()).toBe(`${harness.baseUrl}/webhook/${WEBHOOK_ID}/webhook`);
		expect(trigger.staticData).toMatchObject({
			actions: [
				{ id: actions[0].id, pattern: `change.create.hire [${MANAGER_FILTER}]` },
				{ id: actions[1].id, pattern: 'person.update' },
			],
			secretHash: sha256(String(actions[0].steps[0].httpHeaders?.['x-n8n-secret'])),
		});
		expect(actions[1].steps[0].httpHeaders?.['x-n8n-secret']).toBe(
			actions[0].steps[0].httpHeaders?.['x-n8n-secret'],
		);
	});

	it('keeps only the hash of the secret header in static data', async () => {
		const trigger = await activate(hires());
		const secret = (await actionSecret())['x-n8n-secret'];
		expect(trigger.staticData.secret).toBeUndefined();
		expect(JSON.stringify(trigger.staticData)).not.toContain(secret);
	});

	it('validates the CQL filter with ChartHop before creating anything', async () => {
		await activate(hires(MANAGER_FILTER));
		const calls = await chartHopCalls();
		expect(calls[0]).toBe('POST /charthop/v1/org/acme/cql/validate');
		expect(calls).toContain('POST /charthop/v1/org/acme/action');
	});

	it('deactivation deletes the automated actions and forgets them', async () => {
		const trigger = await activate(hires());
		await trigger.deactivate();
		expect(await control.charthop.actions()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	it('a restart keeps the existing automated action', async () => {
		const trigger = await activate(hires());
		const [before] = await control.charthop.actions();
		await trigger.restart();
		const after = await control.charthop.actions();
		expect(after.map((a) => a.id)).toEqual([before.id]);
	});

	it('a restart re-creates an automated action that was deleted in ChartHop', async () => {
		const trigger = await activate(hires());
		const [gone] = await control.charthop.actions();
		env.sandbox.charthop.model.actions.delete(gone.id);

		await trigger.restart();

		const actions = await control.charthop.actions();
		expect(actions).toHaveLength(1);
		expect(actions[0].id).not.toBe(gone.id);
		expect((trigger.staticData.actions as IDataObject[])[0].id).toBe(actions[0].id);
		expect(harness.logs.entries).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining(`${gone.id} (change.create.hire) no longer exists`),
			}),
		);
	});

	it('a restart replaces an action whose HTTP step was changed in ChartHop', async () => {
		const trigger = await activate(hires());
		const [edited] = await control.charthop.actions();
		env.sandbox.charthop.model.actions.get(edited.id)!.steps[0].httpUrl =
			'https://elsewhere.example.com/hook';

		await trigger.restart();

		const actions = await control.charthop.actions();
		expect(actions).toHaveLength(1);
		expect(actions[0].steps[0].httpUrl).toBe(trigger.webhookUrl());
		expect(harness.logs.entries).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining('no longer calls this workflow'),
			}),
		);
	});

	it('a restart with a different webhook URL in static data replaces the old action', async () => {
		const trigger = await activate(hires());
		const [old] = await control.charthop.actions();
		trigger.setStaticData({ ...trigger.staticData, key: 'from-an-older-configuration' });

		await trigger.restart();

		const actions = await control.charthop.actions();
		expect(actions).toHaveLength(1);
		expect(actions[0].id).not.toBe(old.id);
	});

	it('deactivation succeeds when the action is already gone from ChartHop', async () => {
		const trigger = await activate(hires());
		env.sandbox.charthop.model.actions.clear();
		await expect(trigger.deactivate()).resolves.toBeUndefined();
		expect(trigger.staticData).toEqual({});
	});

	it('deactivation under a lasting ChartHop refusal completes, logs how to remove the action and keeps its id for later', async () => {
		const trigger = await activate(hires());
		const [action] = await control.charthop.actions();
		await control.addFault({
			vendor: 'charthop',
			method: 'DELETE',
			pathPrefix: '/charthop/v1/org/acme/action',
			status: 403,
			count: 1,
			body: { status: 403, message: 'Not allowed' },
		});

		await expect(trigger.deactivate()).resolves.toBeUndefined();

		expect(trigger.staticData.pendingDeletes).toEqual([
			{ id: action.id, pattern: 'change.create.hire' },
		]);
		expect(trigger.staticData.actions).toBeUndefined();
		expect(harness.logs.entries).toContainEqual(
			expect.objectContaining({
				level: 'error',
				message: expect.stringMatching(
					new RegExp(
						`could not delete automated action ${action.id} .*ChartHop answered 403: Not allowed.*Automated Action › Delete`,
					),
				),
			}),
		);
	});
});

const ACTIONS_PATH = '/charthop/v1/org/acme/action';
const twoPatterns = {
	events: { pattern: [{ event: 'change.create.hire' }, { event: 'person.update' }] },
};

/** Points credential `id` at the sandbox with `extra` fields (a short timeout, a webhook secret). */
function useCredential(id: string, extra: IDataObject) {
	const { data } = sandboxCredentialData(env.sandbox).chartHopApi;
	harness.setCredentials('chartHopApi', { ...data, ...extra } as never, id);
}

/** What is live in ChartHop for this webhook URL, per pattern index. */
async function liveByPattern(url: string): Promise<Record<string, string[]>> {
	const byPattern: Record<string, string[]> = {};
	for (const action of await control.charthop.actions()) {
		for (const step of action.steps) {
			if (step.httpUrl !== url) continue;
			const index = String(step.httpHeaders?.['x-n8n-pattern']);
			(byPattern[index] ??= []).push(action.id);
		}
	}
	return byPattern;
}

const remembered = (trigger: TriggerHandle) =>
	((trigger.staticData.actions as IDataObject[] | undefined) ?? []).map((a) => String(a.id));

describe('ChartHop Trigger, automatic registration under faults', () => {
	it.each([
		['answered 502 after ChartHop created it', { action: 'process-then-respond', status: 502 }],
		['whose answer was cut off', { action: 'truncate' }],
	] as const)(
		'a create %s ends with exactly one live action per pattern, and deliveries with its secret work',
		async (_name, fault) => {
			await control.addFault({
				vendor: 'charthop',
				method: 'POST',
				pathPrefix: ACTIONS_PATH,
				...fault,
			});

			const trigger = await activate(twoPatterns);

			const live = await liveByPattern(trigger.webhookUrl());
			expect(live).toEqual({ 0: [expect.any(String)], 1: [expect.any(String)] });
			expect(remembered(trigger)).toEqual([live[0][0], live[1][0]]);
			const delivery = await trigger.deliver({
				body: { id: 'ev_1', code: 'change.create.hire', entityId: 'chg_1' },
				headers: await actionSecret(),
			});
			expect(delivery.response?.statusCode).toBe(200);
			expect(delivery.items[0]).toHaveLength(1);
		},
	);

	it('n8n 2.41 calling create again after one that ChartHop carried out but could not confirm: one action, and its secret works', async () => {
		useCredential('charthop-fast', { timeoutSeconds: 1 });
		const on = { vendor: 'charthop', pathPrefix: ACTIONS_PATH };
		await control.addFault({ ...on, method: 'GET', status: 200, body: { data: [] } });
		await control.addFault({ ...on, method: 'POST', action: 'process-then-respond', status: 502 });
		await control.addFault({ ...on, method: 'GET', status: 500, count: 1000 });
		const trigger = harness.trigger(workflow(hires(), { credentialId: 'charthop-fast' }));
		started.push(trigger);

		const tries = await trigger.publish({ beforeRetry: async () => await control.clearFaults() });

		expect(tries).toBe(2);
		const live = await liveByPattern(trigger.webhookUrl());
		expect(live).toEqual({ 0: remembered(trigger) });
		const delivery = await trigger.deliver({
			body: { id: 'ev_1', code: 'change.create.hire', entityId: 'chg_1' },
			headers: await actionSecret(),
		});
		expect(delivery.response?.statusCode).toBe(200);
	});

	it('a create that fails once without ChartHop acting is sent again after ChartHop lists nothing', async () => {
		await control.addFault({
			vendor: 'charthop',
			method: 'POST',
			pathPrefix: ACTIONS_PATH,
			status: 500,
		});
		const trigger = await activate(twoPatterns);
		const live = await liveByPattern(trigger.webhookUrl());
		expect(live).toEqual({ 0: [expect.any(String)], 1: [expect.any(String)] });
	});

	it('a create that keeps failing with 500 fails activation naming ChartHop, and leaves no action', async () => {
		await control.addFault({
			vendor: 'charthop',
			method: 'POST',
			pathPrefix: ACTIONS_PATH,
			status: 500,
			count: 10,
			body: { status: 500, message: 'Internal error' },
		});

		const error = await activate(twoPatterns).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);

		expect(error?.message).toMatch(/^ChartHop answered 500: Internal error\. /);
		expect(error?.message).toContain('could not learn whether ChartHop created it');
		expect(await control.charthop.actions()).toEqual([]);
		expect(started[0].staticData.actions ?? []).toEqual([]);
	});

	it('deactivation under a lasting 500 completes, keeps the id pending, and the next activation deletes it', async () => {
		const trigger = await activate(hires());
		const [action] = await control.charthop.actions();
		await control.addFault({
			vendor: 'charthop',
			method: 'DELETE',
			pathPrefix: ACTIONS_PATH,
			status: 500,
			count: 100,
			body: { status: 500, message: 'Internal error' },
		});

		await expect(trigger.deactivate()).resolves.toBeUndefined();
		expect(trigger.staticData.pendingDeletes).toEqual([
			{ id: action.id, pattern: 'change.create.hire' },
		]);
		expect(harness.logs.text()).toContain(`could not delete automated action ${action.id}`);

		await control.clearFaults();
		await trigger.activate();
		const actions = await control.charthop.actions();
		expect(actions.map((a) => a.id)).not.toContain(action.id);
		expect(actions).toHaveLength(1);
		expect(trigger.staticData.pendingDeletes).toBeUndefined();

		await trigger.deactivate();
		expect(await control.charthop.actions()).toEqual([]);
	});

	it('deactivation with ChartHop hung gives up within the budget and keeps the id pending', async () => {
		useCredential('charthop-fast', { timeoutSeconds: 1 });
		const trigger = await activate(hires(), { credentialId: 'charthop-fast' });
		const [action] = await control.charthop.actions();
		await control.addFault({
			vendor: 'charthop',
			method: 'DELETE',
			pathPrefix: ACTIONS_PATH,
			action: 'hang',
			count: 100,
		});

		await expect(trigger.deactivate()).resolves.toBeUndefined();
		expect(trigger.staticData.pendingDeletes).toEqual([
			{ id: action.id, pattern: 'change.create.hire' },
		]);
	});

	it.each([
		['answers 500', { status: 500, count: 100 }],
		['hangs', { action: 'hang', count: 100 }],
		['is unreachable', { action: 'drop', count: 100 }],
	] as const)('a restart while ChartHop %s keeps the same actions', async (_name, fault) => {
		useCredential('charthop-fast', { timeoutSeconds: 1 });
		const trigger = await activate(twoPatterns, { credentialId: 'charthop-fast' });
		const before = remembered(trigger);
		await control.addFault({
			vendor: 'charthop',
			method: 'GET',
			pathPrefix: ACTIONS_PATH,
			...fault,
		});

		await expect(trigger.restart()).resolves.toBeUndefined();

		await control.clearFaults();
		expect(remembered(trigger)).toEqual(before);
		expect((await control.charthop.actions()).map((a) => a.id).sort()).toEqual([...before].sort());
		expect(harness.logs.entries).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining('keeping the registration'),
			}),
		);
	});

	it('activation removes an action left calling this workflow, and keeps actions calling elsewhere', async () => {
		const trigger = harness.trigger(workflow(hires()));
		started.push(trigger);
		const stray = {
			id: 'act_stray',
			orgId: 'o',
			event: 'change.create.hire',
			status: 'ACTIVE' as const,
			sensitive: false,
			createAt: 0,
			steps: [
				{
					type: 'HTTP' as const,
					httpUrl: trigger.webhookUrl(),
					httpHeaders: { 'x-n8n-secret': 'old' },
				},
			],
		};
		const elsewhere = {
			...stray,
			id: 'act_elsewhere',
			steps: [{ type: 'HTTP' as const, httpUrl: 'https://elsewhere.example.com/hook' }],
		};
		env.sandbox.charthop.model.actions.set(stray.id, stray);
		env.sandbox.charthop.model.actions.set(elsewhere.id, elsewhere);

		await trigger.activate();

		const ids = (await control.charthop.actions()).map((a) => a.id);
		expect(ids).not.toContain('act_stray');
		expect(ids).toContain('act_elsewhere');
		expect(await liveByPattern(trigger.webhookUrl())).toEqual({ 0: remembered(trigger) });
	});
});

describe('ChartHop Trigger: what a workflow viewer can see', () => {
	/** Every string in a value, keys included. */
	const strings = (value: unknown): string[] =>
		typeof value === 'string'
			? [value]
			: value && typeof value === 'object'
				? Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)])
				: [];

	it('nothing in the static data after activation and a delivery is accepted as the secret', async () => {
		const trigger = await activate({ events: { pattern: [{ event: 'person.*' }] } });
		const genuine = await trigger.deliver({
			body: { id: 'ev_v', code: 'person.update', entityId: 'p_1' },
			headers: await actionSecret(),
		});
		expect(genuine.response?.statusCode).toBe(200);

		const candidates = [...new Set(strings(trigger.staticData))];
		expect(candidates.length).toBeGreaterThan(3);
		const statuses = [];
		for (const candidate of candidates) {
			const asHeader = await trigger.deliver({
				body: { id: 'ev_f', code: 'person.update', entityId: 'p_1' },
				headers: { 'x-n8n-secret': candidate },
			});
			const asQuery = await trigger.deliver({
				body: { id: 'ev_f', code: 'person.update', entityId: 'p_1' },
				query: { secret: candidate },
			});
			statuses.push(asHeader.response?.statusCode, asQuery.response?.statusCode);
		}
		expect(new Set(statuses)).toEqual(new Set([401]));
	});

	it('a registration saved by the previous version (plain secret) keeps working and loses the secret on first use', async () => {
		const trigger = await activate(hires());
		const header = await actionSecret();
		const { secretHash, ...rest } = trigger.staticData;
		expect(secretHash).toBeDefined();
		trigger.setStaticData({ ...rest, secret: header['x-n8n-secret'] });

		const delivery = await trigger.deliver({
			body: { id: 'ev_m', code: 'change.create.hire', entityId: 'chg_1' },
			headers: header,
		});

		expect(delivery.response?.statusCode).toBe(200);
		expect(trigger.staticData.secret).toBeUndefined();
		expect(trigger.staticData.secretHash).toBe(secretHash);
	});

	it('a restart migrates a saved plain secret to its hash and keeps the actions', async () => {
		const trigger = await activate(hires());
		const header = await actionSecret();
		const before = remembered(trigger);
		const { secretHash, ...rest } = trigger.staticData;
		trigger.setStaticData({ ...rest, secret: header['x-n8n-secret'] });

		await trigger.restart();

		expect(remembered(trigger)).toEqual(before);
		expect(trigger.staticData.secret).toBeUndefined();
		expect(trigger.staticData.secretHash).toBe(secretHash);
	});
});

describe('ChartHop Trigger, automatic registration: activation errors', () => {
	it("fails with ChartHop's message when the CQL filter is invalid, and creates nothing", async () => {
		await expect(activate(hires('departmnt:engineering'))).rejects.toThrow(
			'ChartHop rejected the CQL "departmnt:engineering": Unknown field: departmnt',
		);
		expect(await control.charthop.actions()).toEqual([]);
	});

	it('fails before calling ChartHop when a filter is put on a job event', async () => {
		await expect(
			activate({
				events: { pattern: [{ event: 'job.create', filter: 'department:engineering' }] },
			}),
		).rejects.toThrow('ChartHop only allows [CQL] filters on change.* and person.* events');
		expect(await chartHopCalls()).toEqual([]);
	});

	it('fails on a malformed custom pattern', async () => {
		await expect(
			activate({ events: { pattern: [{ event: '__custom', customEvent: 'change..hire' }] } }),
		).rejects.toThrow('Event pattern 1 is not valid');
	});

	it('fails when a custom payload is combined with a person pattern', async () => {
		await expect(
			activate({
				events: { pattern: [{ event: 'person.update' }] },
				customPayload: { field: [{ key: 'email', expression: 'contact.workEmail' }] },
			}),
		).rejects.toThrow('A custom payload cannot be used with "person.update"');
	});

	it('removes the actions it created when a later one fails', async () => {
		await expect(
			activate({
				events: {
					pattern: [
						{ event: 'change.create.hire' },
						{ event: 'person.update', filter: 'departmnt:x' },
					],
				},
				options: { validateCql: false },
			}),
		).rejects.toThrow('ChartHop answered 400: Invalid filter: Unknown field: departmnt');
		expect(await chartHopCalls()).toContainEqual(
			expect.stringMatching(/^DELETE \/charthop\/v1\/org\/acme\/action\/act_/),
		);
		expect(await control.charthop.actions()).toEqual([]);
	});
});

describe('ChartHop Trigger, automatic registration: deliveries', () => {
	it('a new engineering manager starts the workflow with one HR event item', async () => {
		const trigger = await activate(hires(MANAGER_FILTER));
		const { event, deliveries } = await control.charthop.hire({
			first: 'Grace',
			last: 'Hopper',
			title: 'Engineering Manager',
			department: 'Engineering',
			directs: 4,
		});

		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const delivery = await trigger.waitForDelivery();
		const [action] = await control.charthop.actions();
		expect(delivery.items).toEqual([
			[
				{
					source: 'charthop',
					type: 'change.create.hire',
					entity: { type: 'change', id: event.entityId },
					changedFields: [],
					occurredAt: new Date(event.at).toISOString(),
					receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
					subscription: { id: action.id, pattern: `change.create.hire [${MANAGER_FILTER}]` },
					data: expect.objectContaining({
						type: 'HIRE',
						personId: event.personId,
						title: 'Engineering Manager',
					}),
					eventId: event.id,
					matchFilters: [MANAGER_FILTER],
				},
			],
		]);
		expect(delivery.run?.status).toBe('success');
	});

	it('ChartHop does not deliver a hire that fails the filter', async () => {
		const trigger = await activate(hires(MANAGER_FILTER));
		const { deliveries } = await control.charthop.hire({ department: 'Engineering', directs: 0 });
		expect(deliveries).toEqual([]);
		expect(trigger.deliveries).toEqual([]);
	});

	it('sends the custom payload, evaluated by ChartHop, as the item data', async () => {
		const trigger = await activate({
			...hires(),
			customPayload: {
				field: [
					{ key: 'workEmail', expression: 'contact.workEmail' },
					{ key: 'department', expression: 'department.name' },
					{ key: 'isManager', expression: 'directs > 0' },
					{ key: 'highlyCompensated', expression: 'base > 200000' },
				],
			},
		});
		const [action] = await control.charthop.actions();
		expect(action.steps[0].httpContent).toEqual({
			workEmail: 'contact.workEmail',
			department: 'department.name',
			isManager: 'directs > 0',
			highlyCompensated: 'base > 200000',
		});

		await control.charthop.hire({
			first: 'Linus',
			last: 'Ng',
			department: 'Engineering',
			directs: 2,
			base: 150000,
		});
		const delivery = await trigger.waitForDelivery();
		expect(delivery.items[0][0].data).toEqual({
			workEmail: 'linus.ng@acme.example',
			department: 'Engineering',
			isManager: true,
			highlyCompensated: false,
		});
	});

	it('names the pattern that matched among several', async () => {
		const trigger = await activate({
			events: { pattern: [{ event: 'change.create.hire' }, { event: 'person.*' }] },
		});
		await control.charthop.emit({ code: 'person.update', personId: 'p_1003', fields: ['title'] });
		const delivery = await trigger.waitForDelivery();
		expect(delivery.items[0][0]).toMatchObject({
			type: 'person.update',
			entity: { type: 'person', id: 'p_1003' },
			changedFields: ['title'],
			subscription: {
				pattern: 'person.*',
				id: (trigger.staticData.actions as IDataObject[])[1].id,
			},
		});
	});
});

describe('ChartHop Trigger: what reaches webhook()', () => {
	const event = {
		id: 'ev_x',
		code: 'change.create.hire',
		entityType: 'CHANGE',
		entityId: 'chg_1',
		at: 1717243200000,
	};

	it('answers 401 and starts nothing without the secret header', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({ body: event });
		expect(delivery.response?.statusCode).toBe(401);
		expect(delivery.response?.body).toEqual({
			status: 'rejected',
			message: 'Missing or wrong x-n8n-secret header',
		});
		expect(delivery.items).toEqual([]);
		expect(delivery.run).toBeUndefined();
	});

	it('answers 401 to a wrong secret', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({ body: event, headers: { 'X-N8N-Secret': 'guess' } });
		expect(delivery.response?.statusCode).toBe(401);
	});

	it('answers the sender with a JSON acknowledgement of what it emitted', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.response?.body).toEqual({
			status: 'accepted',
			received: 1,
			emitted: 1,
			unrecognized: 0,
			ignored: 0,
			duplicates: 0,
		});
		expect(delivery.run?.status).toBe('success');
	});

	it('emits an event it cannot read as charthop.unrecognized, naming the missing field', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			body: { id: 'ev_bad', code: 'change.create.hire' },
			headers: await actionSecret(),
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.response?.body).toMatchObject({ received: 1, emitted: 1, unrecognized: 1 });
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				source: 'charthop',
				type: 'charthop.unrecognized',
				entity: { type: 'unknown', id: '' },
				raw: { id: 'ev_bad', code: 'change.create.hire' },
				problems: ['"entityId" is missing'],
			}),
		]);
	});

	it('one unreadable event does not sink the batch: every event arrives, in delivery order', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			body: [event, { note: 'not an event' }, { ...event, id: 'ev_y', entityId: 'chg_2' }],
			headers: await actionSecret(),
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => [item.type, (item.entity as IDataObject).id])).toEqual([
			['change.create.hire', 'chg_1'],
			['charthop.unrecognized', ''],
			['change.create.hire', 'chg_2'],
		]);
	});

	it('with "On Unrecognized Delivery: Reject With 400", one unreadable event refuses the whole delivery', async () => {
		const trigger = await activate({ ...hires(), options: { onUnrecognized: 'reject' } });
		const delivery = await trigger.deliver({
			body: [event, { code: 'change.create.hire' }],
			headers: await actionSecret(),
		});
		expect(delivery.response?.statusCode).toBe(400);
		expect(delivery.response?.body).toEqual({
			status: 'rejected',
			message: expect.stringContaining('element 1: "entityId" is missing'),
		});
		expect(delivery.run).toBeUndefined();
	});

	it('emits a body that is not JSON as charthop.unrecognized with the text it received', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			rawBody: 'hire chg_1',
			headers: { ...(await actionSecret()), 'content-type': 'text/plain' },
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'charthop.unrecognized',
				raw: { body: 'hire chg_1' },
				problems: [expect.stringContaining('The body is not valid JSON')],
			}),
		]);
	});

	it('turns an array of events into one item each, in order', async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			body: [event, { ...event, id: 'ev_y', entityId: 'chg_2' }],
			headers: await actionSecret(),
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => item.eventId)).toEqual(['ev_x', 'ev_y']);
	});

	it("emits what an automated action sent under that action's pattern, even if its code reads differently", async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			body: { ...event, code: 'change.create.hire_v2' },
			headers: { ...(await actionSecret()), 'x-n8n-pattern': '0' },
		});
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'change.create.hire_v2',
				subscription: {
					id: (trigger.staticData.actions as IDataObject[])[0].id,
					pattern: 'change.create.hire',
				},
			}),
		]);
	});
});

describe('ChartHop Trigger: repeated deliveries', () => {
	const event = { id: 'ev_r', code: 'person.update', entityId: 'p_1', fields: ['title'] };
	const persons = (options: INodeParameters = {}): INodeParameters => ({
		events: { pattern: [{ event: 'person.*' }] },
		options,
	});

	it('acknowledges a repeat of an event id already emitted, without emitting it again', async () => {
		const trigger = await activate(persons());
		await trigger.deliver({ body: event, headers: await actionSecret() });
		const repeat = await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(repeat.response?.statusCode).toBe(200);
		expect(repeat.response?.body).toMatchObject({ received: 1, emitted: 0, duplicates: 1 });
		expect(repeat.run).toBeUndefined();
	});

	it('emits a repeated id once when it comes twice in one delivery', async () => {
		const trigger = await activate(persons());
		const delivery = await trigger.deliver({ body: [event, event], headers: await actionSecret() });
		expect(delivery.items[0]).toHaveLength(1);
		expect(delivery.response?.body).toMatchObject({ received: 2, emitted: 1, duplicates: 1 });
	});

	it('keeps only hashes of the ids in static data', async () => {
		const trigger = await activate(persons());
		await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(trigger.staticData.seenIds).toHaveLength(RECORD_LENGTH);
		expect(JSON.stringify(trigger.staticData)).not.toContain('ev_r');
	});

	it('recognises a repeat of an id remembered by an earlier version, and moves it to the new format', async () => {
		const trigger = await activate(persons());
		const oldKey = createHash('sha256').update('ev_r').digest('base64url').slice(0, 16);
		trigger.setStaticData({ ...trigger.staticData, seen: { [oldKey]: Date.now() } });
		const repeat = await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(repeat.response?.body).toMatchObject({ received: 1, emitted: 0, duplicates: 1 });
		expect(trigger.staticData.seen).toBeUndefined();
		expect(trigger.staticData.seenIds).toHaveLength(RECORD_LENGTH);
	});

	it('emits an id remembered by an earlier version again once the window has passed', async () => {
		const trigger = await activate(persons());
		const oldKey = createHash('sha256').update('ev_r').digest('base64url').slice(0, 16);
		const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
		trigger.setStaticData({ ...trigger.staticData, seen: { [oldKey]: dayAgo } });
		const later = await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(later.items[0]).toHaveLength(1);
	});

	it('emits every repeat when "Ignore Repeats Within" is 0', async () => {
		const trigger = await activate(persons({ ignoreRepeatsWithinHours: 0 }));
		await trigger.deliver({ body: event, headers: await actionSecret() });
		const repeat = await trigger.deliver({ body: event, headers: await actionSecret() });
		expect(repeat.items[0]).toHaveLength(1);
		expect(trigger.staticData.seenIds).toBeUndefined();
	});

	it('cannot recognise a repeat of an event without an id, so emits it again', async () => {
		const trigger = await activate(persons());
		const withoutId = { code: 'person.update', entityId: 'p_1' };
		await trigger.deliver({ body: withoutId, headers: await actionSecret() });
		const repeat = await trigger.deliver({ body: withoutId, headers: await actionSecret() });
		expect(repeat.items[0]).toHaveLength(1);
	});
});

describe('ChartHop Trigger, manual registration (app event notifications)', () => {
	const manual = (events: INodeParameters[]): INodeParameters => ({
		registration: 'manual',
		sharedSecret: SHARED_SECRET,
		events: { pattern: events },
	});

	it('registers nothing in ChartHop on activation', async () => {
		await activate(manual([{ event: 'change.create.hire' }]));
		expect(await control.charthop.actions()).toEqual([]);
		expect(await chartHopCalls()).toEqual([]);
	});

	it('receives the app notification sent to the URL with ?secret=', async () => {
		const trigger = await activate(
			manual([{ event: 'change.create.hire', filter: MANAGER_FILTER }]),
		);
		await control.charthop.setApp({
			eventNotifyUrl: `${trigger.webhookUrl()}?secret=${SHARED_SECRET}`,
			events: [`change.create.hire [${MANAGER_FILTER}]`],
		});
		const { event } = await control.charthop.hire({ department: 'Engineering', directs: 1 });
		const delivery = await trigger.waitForDelivery();
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'change.create.hire',
				entity: { type: 'change', id: event.entityId },
				subscription: { pattern: `change.create.hire [${MANAGER_FILTER}]` },
				matchFilters: [MANAGER_FILTER],
			}),
		]);
	});

	it("filters locally: an app event that did not match this node's filter starts nothing", async () => {
		const trigger = await activate(
			manual([{ event: 'change.create.hire', filter: MANAGER_FILTER }]),
		);
		await control.charthop.setApp({
			eventNotifyUrl: `${trigger.webhookUrl()}?secret=${SHARED_SECRET}`,
			events: ['change.*'],
		});
		const { deliveries } = await control.charthop.hire({ department: 'Engineering', directs: 1 });
		expect(deliveries[0].status).toBe(200);
		expect(deliveries[0].body).toEqual({
			status: 'accepted',
			received: 1,
			emitted: 0,
			unrecognized: 0,
			ignored: 1,
			duplicates: 0,
		});
		expect(trigger.deliveries[0].run).toBeUndefined();
	});

	it('matches patterns on the normalised code, whatever form the event came in', async () => {
		const trigger = await activate(
			manual([{ event: '__custom', customEvent: 'timeoff.create' }, { event: 'job.create' }]),
		);
		const delivery = await trigger.deliver({
			body: [
				{ type: 'timeoff.create', entityType: 'timeoff', entityId: 'to_1' },
				{ eventType: 'TIMEOFF.CREATE', entity_id: 'to_3' },
				{ type: 'job-create', entityId: 'job_1' },
				{ type: 'timeoff.delete', entityId: 'to_2' },
			],
			headers: { 'X-N8N-Secret': SHARED_SECRET },
		});
		expect(delivery.items[0].map((item) => [item.type, (item.entity as IDataObject).id])).toEqual([
			['timeoff.create', 'to_1'],
			['timeoff.create', 'to_3'],
			['job.create', 'job_1'],
		]);
		expect(delivery.response?.body).toMatchObject({ received: 4, emitted: 3, ignored: 1 });
	});

	it("emits an unreadable event whatever the node's patterns say", async () => {
		const trigger = await activate(manual([{ event: 'change.create.hire' }]));
		const delivery = await trigger.deliver({
			body: { type: 'UPDATE', entityId: 'p_1' },
			headers: { 'X-N8N-Secret': SHARED_SECRET },
		});
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'charthop.unrecognized',
				problems: [expect.stringContaining('"entityType" is missing')],
			}),
		]);
	});

	it('answers 401 when the notification URL lacks the secret', async () => {
		const trigger = await activate(manual([{ event: '*' }]));
		await control.charthop.setApp({ eventNotifyUrl: trigger.webhookUrl(), events: ['*'] });
		const { deliveries } = await control.charthop.emit({
			code: 'person.create',
			personId: 'p_1001',
		});
		expect(deliveries[0].status).toBe(401);
		expect(trigger.deliveries[0].items).toEqual([]);
	});

	it('also accepts the secret in the X-N8N-Secret header', async () => {
		const trigger = await activate(manual([{ event: '*' }]));
		const delivery = await trigger.deliver({
			body: { code: 'user.create', entityId: 'u_9' },
			headers: { 'X-N8N-Secret': SHARED_SECRET },
		});
		expect(delivery.items[0][0]).toMatchObject({
			type: 'user.create',
			entity: { type: 'user', id: 'u_9' },
		});
	});

	it('fails activation on a malformed pattern', async () => {
		await expect(
			activate(manual([{ event: '__custom', customEvent: 'change.create.hire [' }])),
		).rejects.toThrow('no closing "]"');
	});
});

describe('ChartHop Trigger version 2, manual registration: the secret lives in the credential', () => {
	const CREDENTIAL_SECRET = 'charthop-credential-secret-0123456789';
	const manualV2 = { registration: 'manual', events: { pattern: [{ event: '*' }] } };
	const event = { id: 'ev_c', code: 'person.create', entityId: 'p_1' };

	it('has no Shared Secret parameter', async () => {
		const { description } = new (
			await import('../../nodes/ChartHop/ChartHopTrigger.node')
		).ChartHopTrigger();
		const visible = NodeHelpers.getNodeParameters(
			description.properties,
			{ registration: 'manual' },
			false,
			false,
			{ typeVersion: 2 } as never,
			description,
		);
		expect(visible).not.toHaveProperty('sharedSecret');
		expect(description.defaultVersion).toBeGreaterThanOrEqual(2);
	});

	it("accepts notifications carrying the credential's Webhook Secret, in the URL or the header", async () => {
		useCredential('charthop-secret', { webhookSecret: CREDENTIAL_SECRET });
		const trigger = await activate(manualV2, { typeVersion: 2, credentialId: 'charthop-secret' });

		const inUrl = await trigger.deliver({ body: event, query: { secret: CREDENTIAL_SECRET } });
		const inHeader = await trigger.deliver({
			body: { ...event, id: 'ev_d' },
			headers: { 'X-N8N-Secret': CREDENTIAL_SECRET },
		});
		const wrong = await trigger.deliver({
			body: event,
			query: { secret: `${CREDENTIAL_SECRET}x` },
		});

		expect(inUrl.items[0]).toHaveLength(1);
		expect(inHeader.items[0]).toHaveLength(1);
		expect(wrong.response?.statusCode).toBe(401);
	});

	it('refuses to activate when the credential has no Webhook Secret, saying where to set it', async () => {
		const trigger = harness.trigger(workflow(manualV2, { typeVersion: 2 }));
		const error = await trigger.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/^The ChartHop credential has no Webhook Secret\. /);
		expect(error?.message).toContain('Set the Webhook Secret of the ChartHop API credential');
	});

	it.each([
		['shorter than 16 characters', 'abc123', 'The webhook secret is too short'],
		[
			'with characters a URL would mangle',
			'abcdefgh ijklmnop&q=1',
			'The webhook secret cannot be used in a URL as it is',
		],
	])('refuses to activate with a Webhook Secret %s', async (_label, secret, message) => {
		useCredential('charthop-bad-secret', { webhookSecret: secret });
		const trigger = harness.trigger(
			workflow(manualV2, { typeVersion: 2, credentialId: 'charthop-bad-secret' }),
		);
		await expect(trigger.activate()).rejects.toThrow(message);
	});

	it("version 1: the credential's Webhook Secret replaces the node's Shared Secret when both are set", async () => {
		useCredential('charthop-secret', { webhookSecret: CREDENTIAL_SECRET });
		const trigger = await activate(
			{ ...manualV2, sharedSecret: SHARED_SECRET },
			{ typeVersion: 1, credentialId: 'charthop-secret' },
		);
		const credential = await trigger.deliver({ body: event, query: { secret: CREDENTIAL_SECRET } });
		const parameter = await trigger.deliver({ body: event, query: { secret: SHARED_SECRET } });
		expect(credential.response?.statusCode).toBe(200);
		expect(parameter.response?.statusCode).toBe(401);
	});

	it('version 1: a too short Shared Secret fails activation with how to fix it', async () => {
		await expect(
			activate({ ...manualV2, sharedSecret: 'short' }, { typeVersion: 1 }),
		).rejects.toThrow('The webhook secret is too short');
	});
});

describe('ChartHop Trigger version 3: "Trigger On" picks one event or the pattern list', () => {
	const v3 = { typeVersion: 3 };

	it('is what new nodes get', async () => {
		const { description } = new (
			await import('../../nodes/ChartHop/ChartHopTrigger.node')
		).ChartHopTrigger();
		expect(description.defaultVersion).toBe(3);
	});

	it('a new node registers new hires', async () => {
		await activate({}, v3);

		const actions = await control.charthop.actions();
		expect(actions.map((action) => [action.event, action.filter ?? ''])).toEqual([
			['change.create.hire', ''],
		]);
	});

	it('one event with a CQL filter registers that event with the filter', async () => {
		await activate({ triggerOn: 'person.update', filter: MANAGER_FILTER }, v3);

		const actions = await control.charthop.actions();
		expect(actions.map((action) => [action.event, action.filter])).toEqual([
			['person.update', MANAGER_FILTER],
		]);
	});

	it('"Custom Patterns" registers every pattern of the list', async () => {
		await activate(
			{
				triggerOn: '__patterns',
				events: { pattern: [{ event: 'change.create.depart' }, { event: 'person.create' }] },
			},
			v3,
		);

		const actions = await control.charthop.actions();
		expect(actions.map((action) => action.event).sort()).toEqual([
			'change.create.depart',
			'person.create',
		]);
	});

	it('a saved version 2 node keeps its pattern list', async () => {
		await activate({ events: { pattern: [{ event: 'change.create.move' }] } }, { typeVersion: 2 });

		const actions = await control.charthop.actions();
		expect(actions.map((action) => action.event)).toEqual(['change.create.move']);
	});
});
