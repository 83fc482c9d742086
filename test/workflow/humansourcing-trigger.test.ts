/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type Harness, nodeType, type TriggerHandle, type WorkflowJson } from '../../dev/harness';
import { SandboxHarness } from '../../dev/sandbox-harness';
import {
	buildDelivery,
	exampleDelivery,
	EXAMPLE_NAMES,
	randomDelivery,
} from '../../sandbox/humansourcing/deliveries';
import type { Sandbox } from '../../sandbox/server';

const HEADER = 'X-HS-Secret';
/** The credential's secret: URL-safe, so the same credential serves Secret in URL and Header. */
const SECRET = 'hs-webhook-secret-0123456789abcdef';
const VALID_URL_VALUE = 'hs-url-token-0123456789abcdef';

function workflow(
	parameters: INodeParameters = {},
	typeVersion = 2,
	credentialId = 'hs-1',
): WorkflowJson {
	return {
		name: 'Human Sourcing Trigger test',
		nodes: [
			{
				id: 'c0ffee00-0000-4000-8000-000000000007',
				name: 'Human Sourcing Trigger',
				type: nodeType('humanSourcingTrigger'),
				typeVersion,
				position: [0, 0],
				webhookId: 'a7f3c2d1-4b5e-4f60-9a8b-7c6d5e4f3a21',
				parameters,
				credentials: { humanSourcingWebhookApi: { id: credentialId, name: 'Human Sourcing' } },
			},
		],
		connections: {},
	};
}

// Real time: one test turns a 5,000-element delivery into 5,000 items through n8n's webhook path.
jest.setTimeout(90_000);

let env: SandboxHarness;
let harness: Harness;
let sandbox: Sandbox;
const active: TriggerHandle[] = [];

beforeAll(async () => {
	env = await SandboxHarness.start({
		credentials: { humanSourcingWebhookApi: { headerName: HEADER, secret: SECRET } },
	});
});

beforeEach(async () => {
	await env.freshSandbox();
	({ harness, sandbox } = env);
});

afterEach(async () => {
	for (const trigger of active.splice(0)) if (trigger.isActive) await trigger.deactivate();
});

afterAll(async () => {
	await env?.close();
});

async function activeTrigger(
	parameters: INodeParameters = {},
	typeVersion = 2,
): Promise<TriggerHandle> {
	const trigger = harness.trigger(workflow(parameters, typeVersion));
	await trigger.activate();
	active.push(trigger);
	return trigger;
}

/** Version 2 without authentication, for tests about what a delivery becomes. */
const open = (parameters: INodeParameters = {}) =>
	activeTrigger({ authentication: 'none', ...parameters });

const withSecret = { query: { token: SECRET } };

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
			const trigger = await open();
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
		const trigger = await open();
		const delivery = await trigger.deliver({ body: buildDelivery({ examples: EXAMPLE_NAMES }) });
		expect(delivery.items[0].map((item) => item.type)).toEqual(EXAMPLE_NAMES);
	});

	it('gives a complete item for a delete that carries only an id', async () => {
		const trigger = await open({ options: { simplify: true } });
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
		const trigger = await open({ options: { simplify: true } });
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

	it('on node version 3, simplifies by default', async () => {
		const trigger = await activeTrigger({ authentication: 'none' }, 3);
		const delivery = await trigger.deliver({ body: exampleDelivery('job.creation') });
		expect(delivery.items[0][0].data).toMatchObject({
			id: '126751',
			title: 'Candidature Spontanée',
			category: '~Autres Familles',
		});
	});

	it('on node version 3 with Simplify off, gives the job as sent', async () => {
		const trigger = await activeTrigger({ authentication: 'none', simplify: false }, 3);
		const [element] = exampleDelivery('job.creation');
		const delivery = await trigger.deliver({ body: [element] });
		expect(delivery.items[0][0].data).toEqual(element.data);
	});

	it('on node version 2, keeps giving the job as sent unless Options › Simplify is on', async () => {
		const trigger = await activeTrigger({ authentication: 'none' }, 2);
		const [element] = exampleDelivery('job.creation');
		const delivery = await trigger.deliver({ body: [element] });
		expect(delivery.items[0][0].data).toEqual(element.data);
	});

	it('with Include Raw Payload, adds each element as sent', async () => {
		const trigger = await open({ options: { includeRaw: true } });
		const body = buildDelivery({ examples: ['job.delete', 'candidate.update'] });
		const delivery = await trigger.deliver({ body });
		expect(delivery.items[0].map((item) => item.raw)).toEqual(body);
	});

	it('accepts a JSON body sent as text/plain', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			rawBody: JSON.stringify(exampleDelivery('job.delete')),
			headers: { 'content-type': 'text/plain' },
		});
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.delete']);
	});
});

describe('Human Sourcing Trigger: variants of the documented form', () => {
	const element = (event: string, type = 'job') => ({ event, type, data: { job_id: 9, id: 9 } });

	it.each([
		['created', 'job.creation'],
		['create', 'job.creation'],
		['updated', 'job.update'],
		['deleted', 'job.delete'],
		['deletion', 'job.delete'],
	])('reads event "%s" as %s', async (event, type) => {
		const trigger = await open();
		const delivery = await trigger.deliver({ body: [element(event)] });
		expect(delivery.items[0].map((item) => item.type)).toEqual([type]);
	});

	it('reads event and type in any case', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			body: [element('Update', 'JOB'), element('CREATION', 'Candidate')],
		});
		expect(delivery.items[0].map((item) => item.type)).toEqual([
			'job.update',
			'candidate.creation',
		]);
	});

	it('filters on the read event, so "deleted" counts as a Delete', async () => {
		const trigger = await open({ events: ['delete'] });
		const delivery = await trigger.deliver({ body: [element('Deleted'), element('updated')] });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.delete']);
		expect(delivery.response?.body).toMatchObject({ emitted: 1, ignored: 1 });
	});

	it('reads a list wrapped as {"data": [...]}', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			body: { data: buildDelivery({ examples: ['job.creation', 'candidate.delete'] }) },
		});
		expect(delivery.items[0].map((item) => item.type)).toEqual([
			'job.creation',
			'candidate.delete',
		]);
	});

	it('reads ids sent as numeric strings', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			body: [{ event: 'update', type: 'job', data: { job_id: '126751' } }],
		});
		expect(delivery.items[0][0].entity).toEqual({ type: 'job', id: '126751' });
	});
});

describe('Human Sourcing Trigger: elements it cannot read still reach the workflow', () => {
	const good = (id: number) => ({ event: 'update', type: 'candidate', data: { id } });

	it('emits the good elements of a batch and flags the bad one, in delivery order', async () => {
		const trigger = await open();
		const bad = { event: 'update', type: 'job', data: { job_title: 'Vendeur' } };
		const delivery = await trigger.deliver({ body: [good(1), bad, good(3)] });

		expect(delivery.response?.statusCode).toBe(200);
		const items = delivery.items[0];
		expect(items.map((item) => [item.type, (item.entity as IDataObject).id])).toEqual([
			['candidate.update', '1'],
			['humansourcing.unrecognized', ''],
			['candidate.update', '3'],
		]);
		expect(items[1]).toMatchObject({ raw: bad, problems: ['"data.job_id" is missing'] });
		expect(delivery.run?.status).toBe('success');
	});

	it('tells the sender how many elements were received, emitted and unrecognized', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({ body: [good(1), { type: 'job' }, good(3)] });
		expect(delivery.response?.body).toEqual({
			status: 'accepted',
			received: 3,
			emitted: 3,
			unrecognized: 1,
			ignored: 0,
			duplicates: 0,
		});
	});

	it('emits unrecognized elements whatever the Types and Events filters say', async () => {
		const trigger = await open({ types: ['job'], events: ['delete'] });
		const delivery = await trigger.deliver({ body: [good(1), { event: 'update' }] });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['humansourcing.unrecognized']);
		expect(delivery.response?.body).toMatchObject({ emitted: 1, unrecognized: 1, ignored: 1 });
	});

	it('names every problem of an unrecognized element', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			body: [{ event: 'archived', type: 'job', data: {} }],
		});
		expect(delivery.items[0][0].problems).toEqual([
			'"event" must be one of "creation", "update", "delete" (got "archived")',
			'"data.job_id" is missing',
		]);
	});

	it('delivers a body that is not JSON as one unrecognized item that keeps the text', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({
			rawBody: 'event=creation&type=job',
			headers: { 'content-type': 'text/plain' },
		});
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'humansourcing.unrecognized',
				raw: { body: 'event=creation&type=job' },
				problems: [expect.stringContaining('The body is not valid JSON')],
			}),
		]);
	});

	it('delivers an empty body as one unrecognized item', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({ rawBody: '' });
		expect(delivery.items[0]).toEqual([
			expect.objectContaining({
				type: 'humansourcing.unrecognized',
				problems: ['The body is empty'],
			}),
		]);
	});

	it('cuts a field nested 200 levels deep and says so in the item', async () => {
		const trigger = await open();
		const deep = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
		const delivery = await trigger.deliver({
			rawBody: `[{"event":"update","type":"job","data":{"job_id":5,"deep":${deep}}}]`,
			headers: { 'content-type': 'application/json' },
		});
		const [item] = delivery.items[0];
		expect(item).toMatchObject({ type: 'job.update', entity: { id: '5' } });
		expect(item.warnings).toEqual([expect.stringContaining('"data" was nested more than')]);
		expect(delivery.run?.status).toBe('success');
	});

	describe('with On Unrecognized Delivery: Reject With 400', () => {
		const reject = { options: { onUnrecognized: 'reject' } };

		it('refuses the whole batch when one element is unrecognized, naming it', async () => {
			const trigger = await open(reject);
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
						'Rejected the delivery (1 of 10 elements unrecognized): element 9: "data.job_id" is missing',
				},
			});
			expect(delivery.run).toBeUndefined();
		});

		it('refuses a body that is not JSON', async () => {
			const trigger = await open(reject);
			const delivery = await trigger.deliver({
				rawBody: 'event=creation',
				headers: { 'content-type': 'text/plain' },
			});
			expect(delivery.response?.statusCode).toBe(400);
			expect(delivery.run).toBeUndefined();
		});

		it('still accepts a delivery whose elements are all readable', async () => {
			const trigger = await open(reject);
			const delivery = await trigger.deliver({ body: [good(1), good(2)] });
			expect(delivery.response?.statusCode).toBe(200);
			expect(delivery.items[0]).toHaveLength(2);
		});
	});
});

describe('Human Sourcing Trigger: filters and acknowledgement', () => {
	const everything = () => buildDelivery({ examples: EXAMPLE_NAMES });

	it('emits only the selected types', async () => {
		const trigger = await open({ types: ['candidate'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual([
			'candidate.creation',
			'candidate.update',
			'candidate.delete',
		]);
	});

	it('emits only the selected events', async () => {
		const trigger = await open({ events: ['delete'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.delete', 'candidate.delete']);
	});

	it('combines types and events and counts the rest as ignored', async () => {
		const trigger = await open({ types: ['job'], events: ['creation', 'update'] });
		const delivery = await trigger.deliver({ body: everything() });
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.creation', 'job.update']);
		expect(delivery.response?.body).toEqual({
			status: 'accepted',
			received: 6,
			emitted: 2,
			unrecognized: 0,
			ignored: 4,
			duplicates: 0,
		});
	});

	it('acknowledges a delivery with nothing selected and starts no execution', async () => {
		const trigger = await open({ types: ['job'] });
		const delivery = await trigger.deliver({ body: exampleDelivery('candidate.creation') });
		expect(delivery.response).toMatchObject({
			statusCode: 200,
			body: { status: 'accepted', received: 1, emitted: 0, ignored: 1 },
		});
		expect(delivery.run).toBeUndefined();
	});

	it('acknowledges an empty array without starting an execution', async () => {
		const trigger = await open();
		const delivery = await trigger.deliver({ body: [] });
		expect(delivery.response).toMatchObject({
			statusCode: 200,
			body: { status: 'accepted', received: 0, emitted: 0 },
		});
		expect(delivery.run).toBeUndefined();
	});
});

describe('Human Sourcing Trigger version 2: the secret in the URL by default', () => {
	const body = exampleDelivery('job.creation');

	it('accepts a documented delivery (no custom header) sent to the URL with ?token=<secret>', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({ body, ...withSecret });
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.items[0].map((item) => item.type)).toEqual(['job.creation']);
	});

	it.each([
		[
			'a wrong secret',
			{ token: SECRET.replace(/.$/, 'x') },
			'Wrong secret in the token query parameter',
		],
		[
			'a shorter secret',
			{ token: SECRET.slice(0, 10) },
			'Wrong secret in the token query parameter',
		],
		['an empty token', { token: '' }, 'Missing secret: send it in the token query parameter'],
		['no token', {}, 'Missing secret: send it in the token query parameter'],
	])('answers 401 to %s and starts nothing', async (_label, query, message) => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({ body, query });
		expect(delivery.response).toMatchObject({
			statusCode: 401,
			body: { status: 'rejected', message },
		});
		expect(delivery.run).toBeUndefined();
	});

	it('does not take the secret from a header', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({ body, headers: { [HEADER]: SECRET, token: SECRET } });
		expect(delivery.response?.statusCode).toBe(401);
	});

	it('checks the secret before reading the body', async () => {
		const trigger = await activeTrigger();
		const delivery = await trigger.deliver({
			rawBody: 'not json',
			headers: { 'content-type': 'text/plain' },
		});
		expect(delivery.response?.statusCode).toBe(401);
		expect(delivery.run).toBeUndefined();
	});

	it.each([
		['shorter than 16 characters', 'abc123', 'The webhook secret is too short', 'at least 16'],
		[
			'with characters a URL would mangle',
			'abcdefgh ijklmnop&q=1',
			'The secret cannot be used in a URL as it is',
			'use only letters, digits, "-" and "_"',
		],
	])(
		'refuses to activate with a credential secret %s, saying how to fix it',
		async (_label, secret, message, fix) => {
			harness.setCredentials('humanSourcingWebhookApi', { headerName: HEADER, secret }, 'weak');
			const trigger = harness.trigger(workflow({}, 2, 'weak'));
			const error = await trigger.activate().then(
				() => undefined,
				(caught: Error & { description?: string }) => caught,
			);
			expect(error?.message).toContain(message);
			expect(error?.message).toContain(fix);
			expect(trigger.isActive).toBe(false);
		},
	);

	it('offers Header authentication with the header name and secret of the same credential', async () => {
		const trigger = await activeTrigger({ authentication: 'headerAuth' });
		const signed = await trigger.deliver({ body, headers: { [HEADER]: SECRET } });
		expect(signed.items[0]).toHaveLength(1);
		const unsigned = await trigger.deliver({ body, ...withSecret });
		expect(unsigned.response?.statusCode).toBe(401);
	});

	it('refuses to activate Header authentication with a header name HTTP cannot carry', async () => {
		harness.setCredentials(
			'humanSourcingWebhookApi',
			{ headerName: 'X Secret', secret: SECRET },
			'bad-header',
		);
		const trigger = harness.trigger(workflow({ authentication: 'headerAuth' }, 2, 'bad-header'));
		await expect(trigger.activate()).rejects.toThrow('"X Secret" is not an HTTP header name');
	});

	it('offers None, which accepts any call', async () => {
		const trigger = await activeTrigger({ authentication: 'none' });
		const delivery = await trigger.deliver({ body });
		expect(delivery.items[0]).toHaveLength(1);
	});
});

describe('Human Sourcing Trigger version 1: authentication as before', () => {
	const body = exampleDelivery('job.creation');

	it('still defaults to Header: a call without the header is answered 401', async () => {
		const trigger = await activeTrigger({}, 1);
		const unsigned = await trigger.deliver({ body, ...withSecret });
		expect(unsigned.response).toMatchObject({
			statusCode: 401,
			body: { message: `Missing secret: send it in the ${HEADER} header` },
		});
		const signed = await trigger.deliver({ body, headers: { [HEADER]: SECRET } });
		expect(signed.items[0]).toHaveLength(1);
	});

	describe('Header', () => {
		const header = { authentication: 'headerAuth' };

		it.each([
			[
				'a wrong secret',
				{ [HEADER]: SECRET.replace(/.$/, 'x') },
				`Wrong secret in the ${HEADER} header`,
			],
			['a longer secret', { [HEADER]: `${SECRET}0` }, `Wrong secret in the ${HEADER} header`],
			[
				'the secret in another header',
				{ 'X-Other': SECRET },
				`Missing secret: send it in the ${HEADER} header`,
			],
			['no secret', {}, `Missing secret: send it in the ${HEADER} header`],
		])('answers 401 to %s and starts nothing', async (_label, headers, message) => {
			const trigger = await activeTrigger(header, 1);
			const delivery = await trigger.deliver({ body, headers });
			expect(delivery.response).toMatchObject({
				statusCode: 401,
				body: { status: 'rejected', message },
			});
			expect(delivery.run).toBeUndefined();
		});

		it('refuses to activate with a secret shorter than 16 characters', async () => {
			harness.setCredentials(
				'humanSourcingWebhookApi',
				{ headerName: HEADER, secret: 'short' },
				'weak',
			);
			const trigger = harness.trigger(workflow(header, 1, 'weak'));
			await expect(trigger.activate()).rejects.toThrow('The webhook secret is too short');
		});
	});

	describe('Token in URL (a node parameter, version 1 only)', () => {
		const urlToken = { authentication: 'urlToken', urlToken: VALID_URL_VALUE };

		it('starts the workflow with the right token', async () => {
			const trigger = await activeTrigger(urlToken, 1);
			const delivery = await trigger.deliver({ body, query: { token: VALID_URL_VALUE } });
			expect(delivery.items[0]).toHaveLength(1);
		});

		it('answers 401 to the credential secret instead of the token', async () => {
			const trigger = await activeTrigger(urlToken, 1);
			const delivery = await trigger.deliver({ body, ...withSecret });
			expect(delivery.response).toMatchObject({
				statusCode: 401,
				body: { message: 'Wrong secret in the token query parameter' },
			});
		});

		it.each([
			['shorter than 16 characters', 'abc123', 'The webhook secret is too short'],
			[
				'with characters a URL would mangle',
				'abcdefgh ijklmnop&q=1',
				'The token cannot be used in a URL as it is',
			],
		])('refuses to activate with a token %s', async (_label, token, message) => {
			const trigger = harness.trigger(workflow({ authentication: 'urlToken', urlToken: token }, 1));
			await expect(trigger.activate()).rejects.toThrow(message);
		});
	});

	it('reads deliveries element by element like version 2', async () => {
		const trigger = await activeTrigger({ authentication: 'none' }, 1);
		const delivery = await trigger.deliver({ body: [...body, { event: 'update' }] });
		expect(delivery.items[0].map((item) => item.type)).toEqual([
			'job.creation',
			'humansourcing.unrecognized',
		]);
	});
});

describe('Human Sourcing Trigger: large deliveries', () => {
	it('turns a 5,000-element delivery with deep candidates into 5,000 items', async () => {
		const trigger = await open({ options: { simplify: true } });
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
	it('receives every documented example through the URL with the secret (the version 2 default)', async () => {
		const trigger = await activeTrigger();
		const record = await sandbox.client.humansourcing.deliver({
			url: `${trigger.webhookUrl()}?token=${SECRET}`,
			examples: EXAMPLE_NAMES,
		});
		expect(record).toMatchObject({
			status: 200,
			body: { status: 'accepted', received: 6, emitted: 6 },
		});
		const delivery = await trigger.waitForDelivery();
		expect(delivery.items[0].map((item) => item.type)).toEqual(EXAMPLE_NAMES);
	});

	it('receives random variants, authenticated by header', async () => {
		const trigger = await activeTrigger({ authentication: 'headerAuth', events: ['creation'] });
		const record = await sandbox.client.humansourcing.deliver({
			url: trigger.webhookUrl(),
			random: { count: 30, seed: 9 },
			headers: { [HEADER]: SECRET },
		});
		expect(record.status).toBe(200);
		const delivery = await trigger.waitForDelivery();
		const created = (record.payload as Array<{ event: string }>).filter(
			(element) => element.event === 'creation',
		);
		expect(delivery.items[0]).toHaveLength(created.length);
		expect(delivery.items[0].every((item) => String(item.type).endsWith('.creation'))).toBe(true);
	});

	it('is answered 401 when the URL carries no secret', async () => {
		const trigger = await activeTrigger();
		const record = await sandbox.client.humansourcing.deliver({
			url: trigger.webhookUrl(),
			examples: ['job.creation'],
		});
		expect(record).toMatchObject({
			status: 401,
			body: { message: 'Missing secret: send it in the token query parameter' },
		});
	});
});
