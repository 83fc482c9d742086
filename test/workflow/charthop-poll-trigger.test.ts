import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type Harness, nodeType, type PollHandle, type WorkflowJson } from '../../dev/harness';
import type { SandboxClient } from '../../sandbox/client';
import { sandboxCredentials } from '../../sandbox/credentials';
import { SandboxHarness } from '../../dev/sandbox-harness';

const EVENT_LIST = '/charthop/v1/org/acme/event';

function workflow(parameters: INodeParameters, credentialId = 'charthop-1'): WorkflowJson {
	return {
		name: 'ChartHop Poll Trigger test',
		nodes: [
			{
				name: 'ChartHop Poll Trigger',
				type: nodeType('chartHopPollTrigger'),
				typeVersion: 1,
				parameters,
				credentials: { chartHopApi: { id: credentialId, name: 'ChartHop' } },
			},
		],
		connections: {},
	};
}

const patterns = (...events: string[]) => ({
	events: {
		pattern: events.map((event) =>
			event.startsWith('custom:')
				? { event: '__custom', customEvent: event.slice('custom:'.length) }
				: { event },
		),
	},
});

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

/** An activated poller whose first poll has run (and stored its starting point). */
async function activePoller(parameters: INodeParameters): Promise<PollHandle> {
	const poller = harness.poller(workflow(parameters));
	await poller.poll();
	return poller;
}

const fullName = (item: IDataObject) => ((item.data as IDataObject).name as IDataObject).full;

const cursorTime = (poller: PollHandle) => (poller.staticData.cursor as { at: number }).at;

const chartHopReads = async () =>
	(await control.requests({ vendor: 'charthop', method: 'GET' })).map((request) =>
		request.path.replace(/\?.*$/, ''),
	);

describe('ChartHop Poll Trigger: cursor', () => {
	it('the first poll emits nothing, not even past events, and stores a cursor', async () => {
		await control.charthop.hire({ first: 'Before', last: 'Activation' });
		const poller = harness.poller(workflow(patterns('change.create.hire')));

		expect(await poller.poll()).toBeNull();
		expect(poller.staticData).toEqual({ cursor: { at: expect.any(Number), ids: [] } });
	});

	it('the next poll emits exactly the events since then, oldest first, in the HR event envelope with payload', async () => {
		const poller = await activePoller(patterns('change.create.hire'));
		const { event: first } = await control.charthop.hire({ first: 'Ada', last: 'Lovelace' });
		const { event: second } = await control.charthop.hire({ first: 'Grace', last: 'Hopper' });

		const items = await poller.pollJson();

		expect(items).toEqual(
			[first, second].map((event) => ({
				source: 'charthop',
				type: 'change.create.hire',
				entity: { type: 'change', id: event.entityId },
				changedFields: [],
				occurredAt: new Date(event.at).toISOString(),
				receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				subscription: { pattern: 'change.create.hire' },
				data: expect.objectContaining({ type: 'HIRE', personId: event.personId }),
				eventId: event.id,
				matchFilters: [],
			})),
		);
		expect(items.map((item) => fullName(item))).toEqual(['Ada Lovelace', 'Grace Hopper']);
	});

	it('a poll after that emits nothing', async () => {
		const poller = await activePoller(patterns('change.create.hire'));
		await control.charthop.hire();
		await control.charthop.hire();
		expect(await poller.pollJson()).toHaveLength(2);

		expect(await poller.poll()).toBeNull();
	});

	it('a later event at the same millisecond as the last one emitted is still emitted, once', async () => {
		const poller = await activePoller(patterns('person.update'));
		const at = cursorTime(poller) + 1000;
		await control.charthop.emit({ code: 'person.update', entityId: 'p_1', at });
		expect(await poller.pollJson()).toHaveLength(1);

		await control.charthop.emit({ code: 'person.update', entityId: 'p_2', at });
		const items = await poller.pollJson();

		expect(items.map((item) => item.entity)).toEqual([{ type: 'person', id: 'p_2' }]);
	});

	it('emits events in the order they happened even when ChartHop lists them otherwise', async () => {
		const poller = await activePoller(patterns('person.*'));
		const at = cursorTime(poller) + 1000;
		await control.charthop.emit({ code: 'person.update', entityId: 'later', at: at + 5 });
		await control.charthop.emit({ code: 'person.create', entityId: 'earlier', at });

		const items = await poller.pollJson();

		expect(items.map((item) => item.entity)).toEqual([
			{ type: 'person', id: 'earlier' },
			{ type: 'person', id: 'later' },
		]);
	});
});

describe('ChartHop Poll Trigger: patterns', () => {
	it('emits only events matching a pattern, each named by the pattern it matched', async () => {
		const poller = await activePoller(patterns('change.*', 'custom:person.update'));
		await control.charthop.hire();
		await control.charthop.emit({ code: 'job.create', entityId: 'j_1' });
		await control.charthop.emit({ code: 'person.update', entityId: 'p_1' });
		await control.charthop.emit({ code: 'person.create', entityId: 'p_2' });

		const items = await poller.pollJson();

		expect(items.map((item) => [item.type, (item.subscription as IDataObject).pattern])).toEqual([
			['change.create.hire', 'change.*'],
			['person.update', 'person.update'],
		]);
	});

	it('reads the payload only of the events it emits', async () => {
		const poller = await activePoller(patterns('change.create.hire', 'person.update'));
		const { event } = await control.charthop.hire();
		await control.charthop.emit({ code: 'job.create', entityId: 'j_1' });
		await control.clearRequests();

		await poller.poll();

		expect(await chartHopReads()).toEqual([EVENT_LIST, `${EVENT_LIST}/${event.id}`]);
	});

	it('adds the event as ChartHop returned it under "raw" when Include Raw Payload is on', async () => {
		const poller = await activePoller({
			...patterns('change.create.hire'),
			options: { includeRaw: true },
		});
		const { event } = await control.charthop.hire();

		const [item] = await poller.pollJson();

		expect(item.raw).toEqual(JSON.parse(JSON.stringify(event)));
	});

	it('refuses a CQL filter and points to the webhook trigger', async () => {
		const poller = harness.poller(
			workflow(patterns('custom:change.create.hire [department:engineering]')),
		);

		await expect(poller.poll()).rejects.toMatchObject({
			message: 'Event pattern 1 has a CQL filter, which polling cannot apply',
			description: expect.stringContaining('use the ChartHop Trigger node (webhook)'),
		});
	});

	it('refuses a malformed pattern with the reason', async () => {
		const poller = harness.poller(workflow(patterns('custom:change..hire')));

		await expect(poller.poll()).rejects.toThrow(
			'Event pattern 1 is not valid: "change..hire" has an empty segment',
		);
	});
});

describe('ChartHop Poll Trigger: ChartHop API', () => {
	it('follows the event list across pages', async () => {
		const poller = await activePoller(patterns('change.*'));
		for (let i = 0; i < 101; i++) {
			await control.charthop.emit({ code: 'person.update', entityId: `p_${i}` });
		}
		const { event } = await control.charthop.hire({ first: 'On', last: 'Page Two' });
		await control.clearRequests();

		const items = await poller.pollJson();

		expect(items.map((item) => fullName(item))).toEqual(['On Page Two']);
		expect(await chartHopReads()).toEqual([EVENT_LIST, EVENT_LIST, `${EVENT_LIST}/${event.id}`]);
	});

	it('retries a burst of 429 and 503 answers and emits the events once', async () => {
		const poller = await activePoller(patterns('change.create.hire'));
		await control.charthop.hire();
		await control.addFault({
			vendor: 'charthop',
			method: 'GET',
			pathPrefix: EVENT_LIST,
			status: 429,
			retryAfter: 0,
			count: 1,
		});
		await control.addFault({
			vendor: 'charthop',
			method: 'GET',
			pathPrefix: EVENT_LIST,
			status: 503,
			count: 2,
		});

		expect(await poller.pollJson()).toHaveLength(1);
		expect(await poller.poll()).toBeNull();
	});

	it('keeps the cursor when a poll fails, so the next poll emits the events', async () => {
		const poller = await activePoller(patterns('change.create.hire'));
		const before = poller.staticData;
		await control.charthop.hire();
		await control.addFault({
			vendor: 'charthop',
			method: 'GET',
			pathPrefix: `${EVENT_LIST}/`,
			status: 403,
			body: { status: 403, message: 'Not allowed' },
		});

		await expect(poller.poll()).rejects.toThrow('ChartHop answered 403: Not allowed');
		expect(poller.staticData).toEqual(before);
		expect(await poller.pollJson()).toHaveLength(1);
	});

	it('names the cause when ChartHop rejects the token (401)', async () => {
		harness.setCredentials(
			'chartHopApi',
			{
				accessToken: 'not-the-token',
				organization: sandboxCredentials.charthop.organization,
				baseUrl: control.urls.charthop,
			},
			'charthop-bad',
		);
		const poller = harness.poller(workflow(patterns('change.create.hire'), 'charthop-bad'));
		poller.setStaticData({ cursor: { at: Date.now(), ids: [] } });

		await expect(poller.poll()).rejects.toMatchObject({
			message: expect.stringContaining('ChartHop answered 401'),
			description: expect.stringContaining('Check the API token in the ChartHop credential'),
		});
	});
});

describe('ChartHop Poll Trigger: Fetch Test Event (manual run)', () => {
	it('shows the latest few matching events, with payload', async () => {
		for (let i = 1; i <= 4; i++) await control.charthop.hire({ first: 'Hire', last: `${i}` });
		await control.charthop.emit({ code: 'job.create', entityId: 'j_1' });

		const run = await harness.runWorkflow(workflow(patterns('change.create.hire')));

		expect(run.status).toBe('success');
		expect(run.output('ChartHop Poll Trigger').map((item) => fullName(item))).toEqual([
			'Hire 2',
			'Hire 3',
			'Hire 4',
		]);
	});
});
