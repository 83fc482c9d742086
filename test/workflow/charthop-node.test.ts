import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type Harness, nodeType, type WorkflowJson } from '../../dev/harness';
import type { SandboxClient } from '../../sandbox/client';
import { SandboxHarness } from '../../dev/sandbox-harness';

function chartHop(
	parameters: INodeParameters,
	settings: { continueOnFail?: boolean; typeVersion?: number } = {},
): WorkflowJson {
	return {
		name: 'ChartHop node test',
		nodes: [
			{
				name: 'ChartHop',
				type: nodeType('chartHop'),
				typeVersion: settings.typeVersion ?? 1,
				parameters,
				credentials: { chartHopApi: { id: 'charthop-1', name: 'ChartHop' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {},
	};
}

let env: SandboxHarness;
let harness: Harness;
let control: SandboxClient;

beforeAll(async () => {
	env = await SandboxHarness.start();
	({ harness, control } = env);
});

beforeEach(async () => {
	await env.freshSandbox();
	({ harness, control } = env);
});

afterAll(async () => {
	await env?.close();
});

async function run(
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	settings: Parameters<typeof chartHop>[1] = {},
) {
	const result = await harness.runWorkflow(chartHop(parameters, settings), { input });
	return result;
}

async function output(
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	settings: Parameters<typeof chartHop>[1] = {},
) {
	const result = await run(parameters, input, settings);
	if (result.error) throw result.error;
	return result.nodes.ChartHop.outputs[0];
}

const createAction = (extra: IDataObject = {}) => ({
	resource: 'action',
	operation: 'create',
	event: 'change.create.hire',
	filter: 'department:engineering',
	httpUrl: 'https://hooks.example.com/charthop',
	...extra,
});

describe('ChartHop node: Automated Action', () => {
	it('Create sends one HTTP step and returns the new action', async () => {
		const [item] = await output(
			createAction({
				additionalFields: {
					description: 'Tell IT about engineering hires',
					httpHeaders: '{"X-Token": "abc"}',
					httpContent: '{"email": "contact.workEmail"}',
				},
			}),
		);
		expect(item.json).toMatchObject({
			id: expect.stringMatching(/^act_/),
			event: 'change.create.hire',
			filter: 'department:engineering',
			description: 'Tell IT about engineering hires',
			status: 'ACTIVE',
			sensitive: false,
			steps: [
				{
					type: 'HTTP',
					httpUrl: 'https://hooks.example.com/charthop',
					httpMethod: 'POST',
					httpHeaders: { 'X-Token': 'abc' },
					httpContent: { email: 'contact.workEmail' },
				},
			],
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Create rejects a malformed event pattern before calling ChartHop', async () => {
		const result = await run(createAction({ event: 'change..hire' }));
		expect(result.error?.message).toBe(
			'The event pattern is not valid: "change..hire" has an empty segment (two dots in a row, or a leading or trailing dot)',
		);
		expect(await control.requests({ vendor: 'charthop' })).toEqual([]);
	});

	it('Create names the field when the headers JSON is not an object of strings', async () => {
		const result = await run(createAction({ additionalFields: { httpHeaders: '{"X-Count": 3}' } }));
		expect(result.error?.message).toContain('HTTP Headers is not valid at "X-Count"');
	});

	it("Create shows ChartHop's own message when it rejects the filter", async () => {
		const result = await run(createAction({ filter: 'departmnt:engineering' }));
		expect(result.error?.message).toBe(
			'ChartHop answered 400: Invalid filter: Unknown field: departmnt',
		);
	});

	it('Get returns one action', async () => {
		const [created] = await output(createAction());
		const [item] = await output({
			resource: 'action',
			operation: 'get',
			actionId: String(created.json.id),
		});
		expect(item.json).toEqual(created.json);
	});

	it("Get of an unknown id fails with ChartHop's message and a hint", async () => {
		const result = await run({ resource: 'action', operation: 'get', actionId: 'act_missing' });
		expect(result.error?.message).toBe('ChartHop answered 404: Action act_missing not found');
		expect(result.error?.description).toContain('ChartHop does not know this id');
	});

	it('Get Many with Return All follows the next cursor across pages', async () => {
		for (let i = 0; i < 105; i++)
			env.sandbox.charthop.model.actions.set(`act_${1000 + i}`, {
				id: `act_${1000 + i}`,
				orgId: 'o',
				status: 'ACTIVE',
				sensitive: false,
				steps: [],
				createAt: 0,
			});
		const items = await output({ resource: 'action', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(105);
		expect(items.at(-1)?.json.id).toBe('act_1104');
		const pages = await control.requests({ vendor: 'charthop', method: 'GET' });
		expect(pages.map((p) => p.query?.from ?? null)).toEqual([null, 'act_1100']);
	});

	it('Get Many stops at the limit', async () => {
		for (let i = 0; i < 5; i++) await output(createAction());
		const items = await output({
			resource: 'action',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(items).toHaveLength(3);
	});

	describe("the secret header of a ChartHop Trigger's action", () => {
		const TRIGGER_HEADER_VALUE = 'a-secret-a-workflow-viewer-must-not-see-0123456789';
		beforeEach(() => {
			env.sandbox.charthop.model.actions.set('act_trigger', {
				id: 'act_trigger',
				orgId: 'o',
				event: 'change.create.hire',
				status: 'ACTIVE',
				sensitive: false,
				createAt: 0,
				steps: [
					{
						type: 'HTTP',
						httpUrl: 'https://n8n.example.com/webhook/abc/webhook',
						httpHeaders: { 'X-N8N-Secret': TRIGGER_HEADER_VALUE, 'x-n8n-pattern': '0' },
					},
				],
			});
		});

		it('Get shows it as [redacted], other headers as they are', async () => {
			const [item] = await output({
				resource: 'action',
				operation: 'get',
				actionId: 'act_trigger',
			});
			expect((item.json.steps as IDataObject[])[0].httpHeaders).toEqual({
				'X-N8N-Secret': '[redacted]',
				'x-n8n-pattern': '0',
			});
			expect(JSON.stringify(item.json)).not.toContain(TRIGGER_HEADER_VALUE);
		});

		it('Get Many shows it as [redacted]', async () => {
			const items = await output({ resource: 'action', operation: 'getAll', returnAll: true });
			expect(items.map((item) => (item.json.steps as IDataObject[])[0].httpHeaders)).toEqual([
				{ 'X-N8N-Secret': '[redacted]', 'x-n8n-pattern': '0' },
			]);
			expect(JSON.stringify(items)).not.toContain(TRIGGER_HEADER_VALUE);
		});
	});

	it('Delete removes the action and says so', async () => {
		const [created] = await output(createAction());
		const [item] = await output({
			resource: 'action',
			operation: 'delete',
			actionId: String(created.json.id),
		});
		expect(item.json).toEqual({ deleted: true, id: created.json.id });
		expect(await control.charthop.actions()).toEqual([]);
	});

	it('with Continue On Fail, a failing item becomes an error item paired with its input', async () => {
		const [created] = await output(createAction());
		const result = await run(
			{ resource: 'action', operation: 'delete', actionId: '={{ $json.id }}' },
			[{ id: 'act_missing' }, { id: created.json.id }],
			{ continueOnFail: true },
		);
		expect(result.nodes.ChartHop.outputs[0]).toEqual([
			{
				json: {
					error: 'ChartHop answered 404: Action act_missing not found',
					description: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
			{ json: { deleted: true, id: created.json.id }, pairedItem: { item: 1 } },
		]);
	});
});

describe('ChartHop node: Event', () => {
	beforeEach(async () => {
		await control.charthop.hire({ first: 'Ann', last: 'Lee' });
		await control.charthop.emit({ code: 'person.update', personId: 'p_1003', fields: ['title'] });
		await control.charthop.hire({ first: 'Bo', last: 'Kim' });
	});

	it('Get Many returns events without payloads', async () => {
		const items = await output({ resource: 'event', operation: 'getAll', returnAll: true });
		expect(items.map((i) => i.json.code)).toEqual([
			'change.create.hire',
			'person.update',
			'change.create.hire',
		]);
		expect(items[0].json.payload).toBeUndefined();
	});

	it('Get Many filters by code and entity', async () => {
		const byCode = await output({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			filters: { code: 'person.update' },
		});
		expect(byCode.map((i) => i.json.entityId)).toEqual(['p_1003']);
		const byEntity = await output({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			filters: { entityType: 'PERSON', entityId: 'p_1003' },
		});
		expect(byEntity.map((i) => i.json.code)).toEqual(['person.update']);
	});

	it('Get Many sends From as epoch milliseconds', async () => {
		await control.clearRequests();
		await output({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			filters: { from: '2024-06-01T00:00:00Z' },
		});
		const [request] = await control.requests({ vendor: 'charthop' });
		expect(request.query?.from).toBe(String(Date.parse('2024-06-01T00:00:00Z')));
	});

	it('Get Many with Return All pages through many events', async () => {
		for (let i = 0; i < 150; i++)
			await control.charthop.emit({ code: 'group.update', entityId: `g_${i}` });
		const items = await output({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			filters: { code: 'group.update' },
		});
		expect(items).toHaveLength(150);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(150);
	});

	it('Get returns one event with its payload', async () => {
		const [first] = await output({
			resource: 'event',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		const [item] = await output({
			resource: 'event',
			operation: 'get',
			eventId: String(first.json.id),
		});
		expect(item.json).toMatchObject({
			id: first.json.id,
			code: 'change.create.hire',
			payload: { type: 'HIRE' },
		});
	});
});

describe('ChartHop node: CQL', () => {
	it("Validate gives ChartHop's verdict for each expression", async () => {
		const [item] = await output({
			resource: 'cql',
			operation: 'validate',
			expressions: ['department:engineering directs > 0', 'departmnt:sales'],
		});
		expect(item.json).toEqual({
			isValid: false,
			results: [
				{ expr: 'department:engineering directs > 0', isValid: true },
				{ expr: 'departmnt:sales', isValid: false, message: 'Unknown field: departmnt' },
			],
		});
	});

	it('Evaluate returns the value of an expression on a person', async () => {
		const [item] = await output({
			resource: 'cql',
			operation: 'evaluate',
			expr: 'contact.workEmail',
			entityType: 'PERSON',
			entityId: 'p_1002',
		});
		expect(item.json).toEqual({ result: 'bruno.silva@acme.example' });
	});

	it("Evaluate fails with ChartHop's message for an unknown person", async () => {
		const result = await run({
			resource: 'cql',
			operation: 'evaluate',
			expr: 'directs',
			entityType: 'PERSON',
			entityId: 'p_nobody',
		});
		expect(result.error?.message).toBe('ChartHop answered 404: PERSON p_nobody not found');
	});
});

describe('ChartHop node: event times by node version', () => {
	const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
	const getMany = { resource: 'event', operation: 'getAll', returnAll: true };

	beforeEach(async () => {
		await control.charthop.hire({ first: 'Ann', last: 'Lee' });
		await control.charthop.emit({ code: 'person.update', personId: 'p_1003', fields: ['title'] });
	});

	it('Get Many on version 2 gives each event\'s "at" as an ISO 8601 date, like the triggers\' occurredAt', async () => {
		const v1 = await output(getMany, [{}], { typeVersion: 1 });
		const v2 = await output(getMany, [{}], { typeVersion: 2 });

		expect(v2.map((item) => item.json.at)).toEqual(
			v1.map((item) => new Date(item.json.at as number).toISOString()),
		);
		for (const item of v2) expect(item.json.at).toMatch(isoDate);
	});

	it("Get Many on version 1 keeps ChartHop's epoch milliseconds", async () => {
		const items = await output(getMany, [{}], { typeVersion: 1 });

		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(typeof item.json.at).toBe('number');
	});

	it('Get on version 2 gives "at" as an ISO 8601 date too', async () => {
		const [first] = await output({ ...getMany, returnAll: false, limit: 1 }, [{}], {
			typeVersion: 1,
		});
		const [item] = await output(
			{ resource: 'event', operation: 'get', eventId: String(first.json.id) },
			[{}],
			{ typeVersion: 2 },
		);

		expect(item.json).toMatchObject({
			id: first.json.id,
			at: new Date(first.json.at as number).toISOString(),
		});
	});
});
