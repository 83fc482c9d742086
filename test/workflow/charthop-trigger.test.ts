/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../harness';
import type { SandboxClient } from '../../sandbox/client';
import { startSandboxHarness, type SandboxHarness } from '../support/sandboxHarness';

const WEBHOOK_ID = '3c1f7e0a-8d2b-4c55-9e61-2f4a7b9c0d13';
const SHARED_SECRET = 'charthop-manual-secret-0123456789';
const MANAGER_FILTER = 'department:engineering directs > 0';

function workflow(parameters: INodeParameters): WorkflowJson {
	return {
		name: 'ChartHop Trigger test',
		nodes: [
			{
				name: 'ChartHop Trigger',
				type: nodeType('chartHopTrigger'),
				typeVersion: 1,
				webhookId: WEBHOOK_ID,
				parameters,
				credentials: { chartHopApi: { id: 'charthop-1', name: 'ChartHop' } },
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
	env = await startSandboxHarness();
	({ harness, control } = env);
});

beforeEach(async () => {
	await control.reset();
	harness.logs.clear();
});

afterEach(async () => {
	for (const trigger of started.splice(0)) if (trigger.isActive) await trigger.deactivate();
});

afterAll(async () => {
	await env?.close();
});

async function activate(parameters: INodeParameters): Promise<TriggerHandle> {
	const trigger = harness.trigger(workflow(parameters));
	started.push(trigger);
	await trigger.activate();
	return trigger;
}

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
			secret: actions[0].steps[0].httpHeaders?.['x-n8n-secret'],
		});
	});

	it('validates the CQL filter with ChartHop before creating anything', async () => {
		await activate(hires(MANAGER_FILTER));
		expect(await chartHopCalls()).toEqual([
			'POST /charthop/v1/org/acme/cql/validate',
			'POST /charthop/v1/org/acme/action',
		]);
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

	it('deactivation fails loudly and keeps the id when ChartHop cannot delete the action', async () => {
		const trigger = await activate(hires());
		await control.addFault({
			vendor: 'charthop',
			method: 'DELETE',
			pathPrefix: '/charthop/v1/org/acme/action',
			status: 403,
			count: 1,
			body: { status: 403, message: 'Not allowed' },
		});

		await expect(trigger.deactivate()).rejects.toThrow('ChartHop answered 403: Not allowed');
		expect(trigger.staticData.actions).toHaveLength(1);
		expect(harness.logs.entries).toContainEqual(
			expect.objectContaining({
				level: 'error',
				message: expect.stringContaining('could not delete automated action'),
			}),
		);

		await trigger.deactivate();
		expect(await control.charthop.actions()).toEqual([]);
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
		expect(await chartHopCalls()).toEqual([
			'POST /charthop/v1/org/acme/action',
			'POST /charthop/v1/org/acme/action',
			expect.stringMatching(/^DELETE \/charthop\/v1\/org\/acme\/action\/act_/),
		]);
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
	const secretOf = (trigger: TriggerHandle) => ({
		'x-n8n-secret': String(trigger.staticData.secret),
	});

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
		const delivery = await trigger.deliver({ body: event, headers: secretOf(trigger) });
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
			headers: secretOf(trigger),
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
			headers: secretOf(trigger),
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
			headers: secretOf(trigger),
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
			headers: { ...secretOf(trigger), 'content-type': 'text/plain' },
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
			headers: secretOf(trigger),
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => item.eventId)).toEqual(['ev_x', 'ev_y']);
	});

	it("emits what an automated action sent under that action's pattern, even if its code reads differently", async () => {
		const trigger = await activate(hires());
		const delivery = await trigger.deliver({
			body: { ...event, code: 'change.create.hire_v2' },
			headers: { ...secretOf(trigger), 'x-n8n-pattern': '0' },
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
	const secretOf = (trigger: TriggerHandle) => ({
		'x-n8n-secret': String(trigger.staticData.secret),
	});
	const persons = (options: INodeParameters = {}): INodeParameters => ({
		events: { pattern: [{ event: 'person.*' }] },
		options,
	});

	it('acknowledges a repeat of an event id already emitted, without emitting it again', async () => {
		const trigger = await activate(persons());
		await trigger.deliver({ body: event, headers: secretOf(trigger) });
		const repeat = await trigger.deliver({ body: event, headers: secretOf(trigger) });
		expect(repeat.response?.statusCode).toBe(200);
		expect(repeat.response?.body).toMatchObject({ received: 1, emitted: 0, duplicates: 1 });
		expect(repeat.run).toBeUndefined();
	});

	it('emits a repeated id once when it comes twice in one delivery', async () => {
		const trigger = await activate(persons());
		const delivery = await trigger.deliver({ body: [event, event], headers: secretOf(trigger) });
		expect(delivery.items[0]).toHaveLength(1);
		expect(delivery.response?.body).toMatchObject({ received: 2, emitted: 1, duplicates: 1 });
	});

	it('keeps only hashes of the ids in static data', async () => {
		const trigger = await activate(persons());
		await trigger.deliver({ body: event, headers: secretOf(trigger) });
		const seen = trigger.staticData.seen as IDataObject;
		expect(Object.keys(seen)).toHaveLength(1);
		expect(JSON.stringify(trigger.staticData)).not.toContain('ev_r');
	});

	it('emits the id again once the window has passed', async () => {
		const trigger = await activate(persons());
		await trigger.deliver({ body: event, headers: secretOf(trigger) });
		const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
		const seen = Object.fromEntries(
			Object.keys(trigger.staticData.seen as IDataObject).map((key) => [key, dayAgo]),
		);
		trigger.setStaticData({ ...trigger.staticData, seen });
		const later = await trigger.deliver({ body: event, headers: secretOf(trigger) });
		expect(later.items[0]).toHaveLength(1);
	});

	it('emits every repeat when "Ignore Repeats Within" is 0', async () => {
		const trigger = await activate(persons({ ignoreRepeatsWithinHours: 0 }));
		await trigger.deliver({ body: event, headers: secretOf(trigger) });
		const repeat = await trigger.deliver({ body: event, headers: secretOf(trigger) });
		expect(repeat.items[0]).toHaveLength(1);
		expect(trigger.staticData.seen).toBeUndefined();
	});

	it('cannot recognise a repeat of an event without an id, so emits it again', async () => {
		const trigger = await activate(persons());
		const withoutId = { code: 'person.update', entityId: 'p_1' };
		await trigger.deliver({ body: withoutId, headers: secretOf(trigger) });
		const repeat = await trigger.deliver({ body: withoutId, headers: secretOf(trigger) });
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
