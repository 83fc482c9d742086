import type { IDataObject } from 'n8n-workflow';

import { Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../harness';
import {
	buildDelivery,
	exampleDelivery,
	EXAMPLE_NAMES,
	randomDelivery,
} from '../../sandbox/humansourcing/deliveries';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const HEADER = 'X-HS-Secret';
const VALID_HEADER_VALUE = 'hs-header-secret-0123456789abcdef';
const VALID_URL_VALUE = 'hs-url-token-0123456789abcdef';

function workflow(parameters: IDataObject = {}): WorkflowJson {
	return {
		name: 'Human Sourcing Trigger test',
		nodes: [
			{
				id: 'c0ffee00-0000-4000-8000-000000000007',
				name: 'Human Sourcing Trigger',
				type: nodeType('humanSourcingTrigger'),
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'a7f3c2d1-4b5e-4f60-9a8b-7c6d5e4f3a21',
				parameters: { authentication: 'none', ...parameters },
				credentials: { humanSourcingWebhookApi: { id: 'hs-1', name: 'Human Sourcing' } },
			},
		],
		connections: {},
	};
}

let harness: Harness;
let sandbox: Sandbox;
const active: TriggerHandle[] = [];

beforeAll(async () => {
	harness = await Harness.start({
		credentials: { humanSourcingWebhookApi: { headerName: HEADER, secret: VALID_HEADER_VALUE } },
	});
	sandbox = await startSandbox({ port: 0 });
});

afterEach(async () => {
	for (const trigger of active.splice(0)) if (trigger.isActive) await trigger.deactivate();
});

afterAll(async () => {
	await harness.close();
	await sandbox.close();
});

async function activeTrigger(parameters: IDataObject = {}): Promise<TriggerHandle> {
	const trigger = harness.trigger(workflow(parameters));
	await trigger.activate();
	active.push(trigger);
	return trigger;
}

describe('Human Sourcing Trigger: the documented examples', () => {
	it.each([
		['job.creation', '126751', '2019-07-19T14:57:17.000Z'],
		['job.update', '126751', '2019-08-29T15:16:11.000Z'],
		['job.delete', '126751', null],
		['candidate.creation', '1234567876', '2016-01-20T13:27:00.000Z'],
		['candidate.update', '1234567876', '2016-01-20T13:27:00.000Z'],
		['candidate.delete', '12121', null],
	] as const)(
		'%s starts one execution with one HR event item for id %s',
		async (name, id, occurredAt) => {
			const trigger = await activeTrigger();
			const [element] = exampleDelivery(name);
			const delivery = await trigger.deliver({ body: [element] });

			expect(delivery.response?.statusCode).toBe(200);
			expect(delivery.items).toEqual([
				[
					{
						source: 'humansourcing',
						type: name,
						entity: { type: element.type, id },
						changedFields: [],
						occurredAt,
						receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
						subscription: {},
						data: element.data,
					},
				],
			]);
			expect(delivery.run?.status).toBe('success');
		},
	);

	it('splits a delivery of all six examples into six items in order', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({ body: buildDelivery({ examples: EXAMPLE_NAMES }) });
		expect(delivery.items[0].map((item) => item.type)).toEqual(EXAMPLE_NAMES);
	});

	it('gives a complete item for a delete that carries only an id', async () => {
		const trigger = await activeTrigger({ options: { simplify: true } });
		const delivery = await trigger.deliver({ body: exampleDelivery('candidate.delete') });
		expect(delivery.items[0][0]).toMatchObject({
			type: 'candidate.delete',
			entity: { type: 'candidate', id: '12121' },
			changedFields: [],
			occurredAt: null,
			data: { id: '12121' },
		});
	});

	it('with Simplify, gives readable job and candidate fields', async () => {
		const trigger = await activeTrigger({ options: { simplify: true } });
		const delivery = await trigger.deliver({
			body: buildDelivery({ examples: ['job.creation', 'candidate.creation'] }),
		});
		const [job, candidate] = delivery.items[0];
		expect(job.data).toMatchObject({
			id: '126751',
			title: 'Candidature Spontanée',
			country: 'France',
			salary: 0,
		});
		expect(candidate.data).toMatchObject({
			fullName: 'Candidate Firstname Candidate Last Name',
			latestAction: {
				code: 'CLO',
				jobTitle: 'Attaché(e) commercial h/f',
				consultant: 'Vanessa DURANT',
			},
			formAnswers: expect.objectContaining({ Fonction: 'Vente terrain' }),
		});
	});

	it('with Include Raw Payload, adds each element as sent', async () => {
		const trigger = await activeTrigger({ options: { includeRaw: true } });
		const body = buildDelivery({ examples: ['job.delete', 'candidate.update'] });
		const delivery = await trigger.deliver({ body });
		expect(delivery.items[0].map((item) => item.raw)).toEqual(body);
	});

	it('accepts a JSON body sent as text/plain', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({
			rawBody: JSON.stringify(exampleDelivery('job.delete')),
			headers: { 'content-type': 'text/plain' },
		});
		expect(delivery.items[0]).toHaveLength(1);
	});
});

describe('Human Sourcing Trigger: filters', () => {
	const everything = () => buildDelivery({ examples: EXAMPLE_NAMES });

	it('emits only the selected types', async () => {
		const trigger = await activeTrigger({ types: ['candidate'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual([
			'candidate.creation',
			'candidate.update',
			'candidate.delete',
		]);
	});

	it('emits only the selected events', async () => {
		const trigger = await activeTrigger({ events: ['delete'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.delete', 'candidate.delete']);
	});

	it('combines types and events', async () => {
		const trigger = await activeTrigger({ types: ['job'], events: ['creation', 'update'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.creation', 'job.update']);
	});

	it('acknowledges a delivery with nothing selected and starts no execution', async () => {
		const trigger = await activeTrigger({ types: ['job'] });
		const delivery = await trigger.deliver({ body: exampleDelivery('candidate.creation') });
		expect(delivery.response).toMatchObject({
			statusCode: 200,
			body: { message: 'None of the 1 received events matches the selected types and events' },
		});
		expect(delivery.items).toEqual([]);
		expect(delivery.run).toBeUndefined();
	});

	it('acknowledges an empty array without starting an execution', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({ body: [] });
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.run).toBeUndefined();
	});
});

describe('Human Sourcing Trigger: authentication', () => {
	const body = exampleDelivery('job.creation');

	describe('Header', () => {
		const header = { authentication: 'headerAuth' };

		it('starts the workflow with the right secret', async () => {
			const trigger = await activeTrigger(header);
			const delivery = await trigger.deliver({ body, headers: { [HEADER]: VALID_HEADER_VALUE } });
			expect(delivery.response?.statusCode).toBe(200);
			expect(delivery.items[0]).toHaveLength(1);
		});

		it.each([
			[
				'a wrong secret',
				{ [HEADER]: VALID_HEADER_VALUE.replace(/.$/, 'x') },
				`Wrong secret in the ${HEADER} header`,
			],
			[
				'a shorter secret',
				{ [HEADER]: VALID_HEADER_VALUE.slice(0, 10) },
				`Wrong secret in the ${HEADER} header`,
			],
			[
				'a longer secret',
				{ [HEADER]: `${VALID_HEADER_VALUE}0` },
				`Wrong secret in the ${HEADER} header`,
			],
			[
				'the secret in another header',
				{ 'X-Other': VALID_HEADER_VALUE },
				`Missing secret: send it in the ${HEADER} header`,
			],
			['no secret', {}, `Missing secret: send it in the ${HEADER} header`],
		])('answers 401 to %s and starts nothing', async (_label, headers, message) => {
			const trigger = await activeTrigger(header);
			const delivery = await trigger.deliver({ body, headers });
			expect(delivery.response).toMatchObject({
				statusCode: 401,
				body: { status: 'rejected', message },
			});
			expect(delivery.items).toEqual([]);
			expect(delivery.run).toBeUndefined();
		});

		it('checks the secret before reading the body', async () => {
			const trigger = await activeTrigger(header);
			const delivery = await trigger.deliver({
				rawBody: 'not json',
				headers: { 'content-type': 'text/plain' },
			});
			expect(delivery.response?.statusCode).toBe(401);
		});

		it('refuses to activate with a secret shorter than 16 characters', async () => {
			harness.setCredentials(
				'humanSourcingWebhookApi',
				{ headerName: HEADER, secret: 'short' },
				'weak',
			);
			const json = workflow(header);
			json.nodes[0].credentials = { humanSourcingWebhookApi: { id: 'weak', name: 'Weak' } };
			await expect(harness.trigger(json).activate()).rejects.toThrow(
				'The webhook secret is too short',
			);
		});
	});

	describe('Token in URL', () => {
		const urlToken = { authentication: 'urlToken', urlToken: VALID_URL_VALUE };

		it('starts the workflow with the right token', async () => {
			const trigger = await activeTrigger(urlToken);
			const delivery = await trigger.deliver({ body, query: { token: VALID_URL_VALUE } });
			expect(delivery.response?.statusCode).toBe(200);
			expect(delivery.items[0]).toHaveLength(1);
		});

		it.each([
			[
				'a wrong token',
				{ token: VALID_URL_VALUE.replace(/.$/, 'x') },
				'Wrong secret in the token query parameter',
			],
			[
				'a shorter token',
				{ token: VALID_URL_VALUE.slice(0, 5) },
				'Wrong secret in the token query parameter',
			],
			[
				'a longer token',
				{ token: `${VALID_URL_VALUE}00` },
				'Wrong secret in the token query parameter',
			],
			['an empty token', { token: '' }, 'Missing secret: send it in the token query parameter'],
			['no token', {}, 'Missing secret: send it in the token query parameter'],
		])('answers 401 to %s and starts nothing', async (_label, query, message) => {
			const trigger = await activeTrigger(urlToken);
			const delivery = await trigger.deliver({ body, query });
			expect(delivery.response).toMatchObject({
				statusCode: 401,
				body: { status: 'rejected', message },
			});
			expect(delivery.run).toBeUndefined();
		});

		it('does not take the token from a header', async () => {
			const trigger = await activeTrigger(urlToken);
			const delivery = await trigger.deliver({ body, headers: { token: VALID_URL_VALUE } });
			expect(delivery.response?.statusCode).toBe(401);
		});

		it.each([
			['shorter than 16 characters', 'abc123', 'The webhook secret is too short'],
			[
				'with characters a URL would mangle',
				'abcdefgh ijklmnop&q=1',
				'The token cannot be used in a URL as it is',
			],
		])('refuses to activate with a token %s', async (_label, token, message) => {
			const trigger = harness.trigger(workflow({ authentication: 'urlToken', urlToken: token }));
			await expect(trigger.activate()).rejects.toThrow(message);
		});
	});

	describe('None', () => {
		it('starts the workflow without any secret', async () => {
			const trigger = await activeTrigger({ authentication: 'none' });
			const delivery = await trigger.deliver({ body });
			expect(delivery.items[0]).toHaveLength(1);
		});
	});
});

describe('Human Sourcing Trigger: malformed deliveries', () => {
	const job = exampleDelivery('job.creation')[0];

	it.each([
		[
			'an empty body',
			{ rawBody: '' },
			'The body is empty: expected a JSON array of {event, type, data} elements',
		],
		[
			'text that is not JSON',
			{ rawBody: 'event=creation', headers: { 'content-type': 'text/plain' } },
			'The body is not valid JSON',
		],
		[
			'a JSON string',
			{ body: 'hello' },
			'The body must be a JSON array of {event, type, data} elements',
		],
		['a JSON number', { body: 3 }, 'The body must be a JSON array of {event, type, data} elements'],
		['an array of strings', { body: ['job'] }, 'element 0: must be an object {event, type, data}'],
		[
			'an object without event',
			{ body: { type: 'job', data: { job_id: 1 } } },
			'element 0: "event" is missing',
		],
		[
			'an unknown event',
			{ body: [{ ...job, event: 'created' }] },
			'element 0: "event" must be one of "creation", "update", "delete" (got "created")',
		],
		[
			'an unknown type',
			{ body: [job, { ...job, type: 'offer' }] },
			'element 1: "type" must be one of "job", "candidate" (got "offer")',
		],
		[
			'no data',
			{ body: [job, job, { event: 'delete', type: 'job' }] },
			'element 2: "data" is missing',
		],
		[
			'a job without job_id',
			{ body: [{ event: 'delete', type: 'job', data: { id: 4 } }] },
			'element 0: "data.job_id" is missing (a job needs its id)',
		],
		[
			'a candidate with a non-numeric id',
			{ body: [{ event: 'delete', type: 'candidate', data: { id: 'x-1' } }] },
			'element 0: "data.id" must be a number or a numeric string (got "x-1")',
		],
	] as Array<[string, Parameters<TriggerHandle['deliver']>[0], string]>)(
		'answers 400 to %s, naming the problem, and starts nothing',
		async (_label, request, message) => {
			const trigger = await activeTrigger();
			const delivery = await trigger.deliver(request);
			expect(delivery.response?.statusCode).toBe(400);
			expect((delivery.response?.body as IDataObject).message).toContain(message);
			expect(delivery.run).toBeUndefined();
		},
	);

	it('rejects the whole batch when one element is invalid, so the sender can retry it', async () => {
		const trigger = await activeTrigger();
		const body = [
			...randomDelivery({ count: 9, seed: 3 }),
			{ event: 'update', type: 'job', data: {} },
		];
		const delivery = await trigger.deliver({ body });
		expect(delivery.response).toMatchObject({
			statusCode: 400,
			body: {
				status: 'rejected',
				message:
					'Rejected the whole delivery (1 of 10 elements invalid): element 9: "data.job_id" is missing (a job needs its id)',
			},
		});
		expect(delivery.run).toBeUndefined();
	});
});

describe('Human Sourcing Trigger: large deliveries', () => {
	it('turns a 5,000-element delivery with deep candidates into 5,000 items', async () => {
		const trigger = await activeTrigger({ options: { simplify: true } });
		const body = randomDelivery({ count: 5000, seed: 11, candidateActions: 6 });
		const delivery = await trigger.deliver({ body });

		expect(delivery.response?.statusCode).toBe(200);
		const items = delivery.items[0];
		expect(items).toHaveLength(5000);
		expect(items.map((item) => item.entity)).toEqual(
			body.map((element) => ({
				type: element.type,
				id: String(element.type === 'job' ? element.data.job_id : element.data.id),
			})),
		);
		expect(delivery.run?.status).toBe('success');
		expect(delivery.run?.output('Human Sourcing Trigger')).toHaveLength(5000);
	});
});

describe('Human Sourcing Trigger: deliveries pushed by the sandbox', () => {
	it('receives every documented example, authenticated by header', async () => {
		const trigger = await activeTrigger({ authentication: 'headerAuth' });
		const record = await sandbox.client.humansourcing.deliver({
			url: trigger.webhookUrl(),
			examples: EXAMPLE_NAMES,
			headers: { [HEADER]: VALID_HEADER_VALUE },
		});
		expect(record).toMatchObject({ status: 200, body: { message: 'Workflow was started' } });
		const delivery = await trigger.waitForDelivery();
		expect(delivery.items[0].map((item) => item.type)).toEqual(EXAMPLE_NAMES);
	});

	it('receives random variants through a URL with the token', async () => {
		const trigger = await activeTrigger({
			authentication: 'urlToken',
			urlToken: VALID_URL_VALUE,
			events: ['creation'],
		});
		const record = await sandbox.client.humansourcing.deliver({
			url: `${trigger.webhookUrl()}?token=${VALID_URL_VALUE}`,
			random: { count: 30, seed: 9 },
		});
		expect(record.status).toBe(200);
		const delivery = await trigger.waitForDelivery();
		const created = (record.payload as Array<{ event: string }>).filter(
			(element) => element.event === 'creation',
		);
		expect(delivery.items[0]).toHaveLength(created.length);
		expect(delivery.items[0].every((item) => String(item.type).endsWith('.creation'))).toBe(true);
	});

	it('is answered 401 when the sandbox sends no secret', async () => {
		const trigger = await activeTrigger({ authentication: 'headerAuth' });
		const record = await sandbox.client.humansourcing.deliver({
			url: trigger.webhookUrl(),
			examples: ['job.creation'],
		});
		expect(record).toMatchObject({
			status: 401,
			body: { message: `Missing secret: send it in the ${HEADER} header` },
		});
	});
});
