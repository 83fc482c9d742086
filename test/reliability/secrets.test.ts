/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TriggerHandle, WorkflowJson } from '../../dev/harness';
import { nodeType } from '../../dev/harness';
import type { ReliabilityEnv, TriggerKind } from './env';
import {
	coresignalTokenOf,
	exposeDelivery,
	exposeError,
	leakedSecrets,
	SECRETS,
	startEnv,
	triggerWorkflow,
	validAuth,
} from './env';
import { SectionReport } from './report';

const report = new SectionReport('secrets', [
	'places checked',
	'leaks',
	'log entries scanned',
	'viewer values tried as a secret',
	'forgeries',
]);

// Real time: a vendor that is down costs a hook its retries and backoff before the error is checked.
jest.setTimeout(90_000);

let env: ReliabilityEnv;
/** Secrets generated at runtime (webhook tokens, action header secrets), added as they appear. */
const generated: string[] = [];

beforeAll(async () => {
	env = await startEnv();
});

/** The captured n8n log of every test, scanned once more at the end. */
const allLogs: string[] = [];

beforeEach(async () => {
	await env.reset();
});

afterEach(() => {
	allLogs.push(env.harness.logs.text());
	report.add('log entries scanned', env.harness.logs.entries.length);
});

afterAll(async () => {
	await env?.close();
	report.print();
});

/** Asserts that none of the secrets appears in `text` (what one place exposes) and counts it. */
function expectNoSecrets(place: string, text: string) {
	report.add('places checked');
	const leaks = leakedSecrets(text, generated);
	if (leaks.length) report.add('leaks');
	expect({ place, leaks }).toEqual({ place, leaks: [] });
}

function remember(trigger: TriggerHandle) {
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.length >= 16 && !generated.includes(value))
			generated.push(value);
	};
	for (const key of ['secret']) add(trigger.staticData[key]);
	// The Coresignal Trigger keeps only a hash: its token is in the URL Coresignal keeps.
	if (trigger.nodeName === 'Coresignal Trigger' && trigger.staticData.subscriptionId)
		add(coresignalTokenOf(trigger));
	// The ChartHop Trigger keeps only a hash: its secret header is in the actions it created.
	for (const action of env.sandbox.charthop.model.actions.values()) {
		for (const step of action.steps) add(step.httpHeaders?.['x-n8n-secret']);
	}
}

/** The secret headers of the automated actions n8n sent to ChartHop (also of failed creates). */
async function rememberSentChartHopSecrets() {
	for (const request of await env.control.requests({ vendor: 'charthop', method: 'POST' })) {
		const steps = ((request.body as IDataObject)?.action as IDataObject)?.steps;
		for (const step of (steps as IDataObject[] | undefined) ?? []) {
			const value = (step.httpHeaders as IDataObject | undefined)?.['x-n8n-secret'];
			if (typeof value === 'string' && !generated.includes(value)) generated.push(value);
		}
	}
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
	try {
		await run();
	} catch (error) {
		return error;
	}
	throw new Error('Expected a failure');
}

const KINDS: TriggerKind[] = ['coresignal', 'humansourcing', 'charthop'];
const AUTOMATIC_CHARTHOP = {
	registration: 'automatic',
	events: { pattern: [{ event: 'person.update' }] },
};

function deliveryBody(kind: TriggerKind) {
	if (kind === 'coresignal')
		return [{ member_id: 100001, status: 'changed', changed_fields: ['skills'] }];
	if (kind === 'humansourcing') return [{ event: 'update', type: 'candidate', data: { id: 5 } }];
	return { id: 'ev_1', code: 'person.update', entityType: 'PERSON', entityId: 'p_1' };
}

it('the leak detector finds a secret wherever it hides (control case)', () => {
	const error = Object.assign(new Error('boom'), {
		description: `key ${SECRETS.coresignalApiKey}`,
	});
	expect(leakedSecrets(exposeError(error))).toEqual([SECRETS.coresignalApiKey]);
	expect(
		leakedSecrets(
			exposeError({ cause: { headers: { authorization: `Bearer ${SECRETS.chartHopToken}` } } }),
		),
	).toEqual([SECRETS.chartHopToken]);
});

describe('trigger deliveries: items, answers and logs', () => {
	it.each(KINDS)('%s: a delivery with Include Raw Payload carries no secret', async (kind) => {
		const options = { includeRaw: true };
		const trigger = env.harness.trigger(triggerWorkflow(kind, { options }));
		await trigger.activate();
		remember(trigger);

		const accepted = await trigger.deliver({
			body: deliveryBody(kind),
			...validAuth(kind, trigger),
		});
		const refused = await trigger.deliver({
			body: deliveryBody(kind),
			query: { token: 'wrong-token-0123456789' },
		});
		await trigger.deactivate();

		expect(accepted.items[0]).toHaveLength(1);
		expect(refused.response?.statusCode).toBe(401);
		expectNoSecrets(`${kind} accepted delivery`, exposeDelivery(accepted));
		expectNoSecrets(`${kind} refused delivery`, exposeDelivery(refused));
	});

	it('ChartHop automatic registration: the generated header secret stays out of items and logs', async () => {
		const trigger = env.harness.trigger(triggerWorkflow('charthop', AUTOMATIC_CHARTHOP));
		await trigger.activate();
		remember(trigger);
		const { deliveries } = await env.control.charthop.emit({
			code: 'person.update',
			personId: 'p_1001',
			fields: ['title'],
		});
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const delivery = await trigger.waitForDelivery();
		await trigger.deactivate();
		expectNoSecrets('charthop automatic delivery', exposeDelivery(delivery));
	});

	it('Coresignal Collect Full Profile: collected items and collect errors carry no key', async () => {
		const trigger = env.harness.trigger(
			triggerWorkflow('coresignal', { options: { collectFullProfile: true } }),
		);
		await trigger.activate();
		remember(trigger);
		await env.control.addFault({
			method: 'GET',
			pathPrefix: '/coresignal/cdapi/v2/employee_clean/collect',
			status: 401,
			body: { detail: 'Invalid API key' },
		});
		const delivery = await trigger.deliver({
			body: [
				{ member_id: 100001, status: 'changed' },
				{ member_id: 100002, status: 'changed' },
			],
			...validAuth('coresignal', trigger),
		});
		await trigger.deactivate();
		expect(delivery.items[0].map((item) => Boolean(item.collectError))).toContain(true);
		expectNoSecrets('coresignal collect', exposeDelivery(delivery));
	});
});

/** Every string (keys too) in what a workflow viewer sees, 8 characters or longer, once each. */
function viewerStrings(seen: unknown): string[] {
	const strings = (value: unknown): string[] =>
		typeof value === 'string'
			? [value]
			: value && typeof value === 'object'
				? Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)])
				: [];
	return [...new Set(strings(seen))].filter((value) => value.length >= 8);
}

describe('lifecycle failures: error messages, descriptions and serialized errors', () => {
	const faults: Array<[string, TriggerKind, IDataObject, () => Promise<void>]> = [
		[
			'Coresignal refuses the key (401)',
			'coresignal',
			{},
			async () => {
				await env.control.addFault({
					method: 'POST',
					pathPrefix: '/coresignal/cdapi/v2/subscriptions',
					status: 401,
					body: { detail: 'Invalid API key' },
				});
			},
		],
		[
			'Coresignal rejects the webhook URL (422)',
			'coresignal',
			{},
			async () => {
				await env.control.addFault({
					method: 'POST',
					pathPrefix: '/coresignal/cdapi/v2/subscriptions',
					status: 422,
					body: { detail: 'The webhook URL you provided is invalid' },
				});
			},
		],
		[
			'Coresignal is down',
			'coresignal',
			{},
			async () => {
				env.harness.setCredentials(
					'coresignalApi',
					{
						apiKey: SECRETS.coresignalApiKey,
						baseUrl: 'http://127.0.0.1:1',
						maxRequestsPerSecond: 0,
					},
					'cs-down',
				);
			},
		],
		[
			'ChartHop refuses the token (401)',
			'charthop',
			AUTOMATIC_CHARTHOP,
			async () => {
				await env.control.addFault({
					method: 'POST',
					pathPrefix: '/charthop/v1/org/acme/action',
					status: 401,
					body: { status: 401, message: 'Invalid access token' },
				});
			},
		],
		[
			'ChartHop keeps failing (500)',
			'charthop',
			AUTOMATIC_CHARTHOP,
			async () => {
				// One 500 is survived (the list shows nothing was created, so the create is sent again).
				await env.control.addFault({
					method: 'POST',
					pathPrefix: '/charthop/v1/org/acme/action',
					status: 500,
					body: { status: 500, message: 'Internal error' },
					count: 10,
				});
			},
		],
		[
			'ChartHop answers 502 after creating the action, then the list fails',
			'charthop',
			AUTOMATIC_CHARTHOP,
			async () => {
				await env.control.addFault({
					method: 'POST',
					pathPrefix: '/charthop/v1/org/acme/action',
					action: 'process-then-respond',
					status: 502,
				});
				await env.control.addFault({
					method: 'GET',
					pathPrefix: '/charthop/v1/org/acme/action',
					status: 401,
					body: { status: 401, message: 'Invalid access token' },
					count: 10,
				});
			},
		],
		[
			'Human Sourcing secret too short',
			'humansourcing',
			{ authentication: 'urlToken', urlToken: 'short-secret' },
			async () => undefined,
		],
	];

	it.each(faults)(
		'%s: activation error exposes no secret',
		async (name, kind, parameters, inject) => {
			await inject();
			const credentialId = name === 'Coresignal is down' ? 'cs-down' : undefined;
			const trigger = env.harness.trigger(triggerWorkflow(kind, parameters, { credentialId }));
			const error = await failure(async () => await trigger.activate());
			if (kind === 'charthop') await rememberSentChartHopSecrets();
			expectNoSecrets(`${name}: thrown error`, exposeError(error));
			expectNoSecrets(`${name}: cleanup errors`, trigger.cleanupErrors.map(exposeError).join('\n'));
			expectNoSecrets(`${name}: logs`, env.harness.logs.text());
		},
	);

	it.each([
		['Coresignal', 'coresignal', {}, '/coresignal/cdapi/v2/subscriptions'],
		['ChartHop', 'charthop', AUTOMATIC_CHARTHOP, '/charthop/v1/org/acme/action'],
	] as Array<[string, TriggerKind, IDataObject, string]>)(
		'%s: a deactivation the vendor keeps refusing exposes no secret',
		async (_vendor, kind, parameters, pathPrefix) => {
			const trigger = env.harness.trigger(triggerWorkflow(kind, parameters));
			await trigger.activate();
			remember(trigger);
			await env.control.addFault({
				method: 'DELETE',
				pathPrefix,
				status: 500,
				body: { detail: 'Unable to delete', message: 'Unable to delete' },
				count: 100,
			});
			// Neither trigger fails deactivation: each logs what it could not delete and keeps its id.
			const error = await trigger.deactivate().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeUndefined();
			expect(env.harness.logs.entries.some((e) => e.level === 'error')).toBe(true);
			expectNoSecrets(`${kind} deactivation error`, exposeError(error));
			expectNoSecrets(`${kind} logs`, env.harness.logs.text());
			expectNoSecrets(`${kind} static data`, JSON.stringify(trigger.staticData));
			await env.control.clearFaults();
			await trigger.activate();
			await trigger.deactivate();
		},
	);

	it('ChartHop automatic registration: nothing a workflow viewer sees is accepted as the secret header (0 forgeries)', async () => {
		const trigger = env.harness.trigger(
			triggerWorkflow('charthop', { ...AUTOMATIC_CHARTHOP, options: { includeRaw: true } }),
		);
		await trigger.activate();
		remember(trigger);
		const { deliveries } = await env.control.charthop.emit({
			code: 'person.update',
			personId: 'p_1001',
			fields: ['title'],
		});
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		const delivery = await trigger.waitForDelivery();

		// What GET /workflows/:id and every execution show: static data, items, the execution.
		const seen = [trigger.staticData, delivery.items, delivery.run?.raw ?? null];
		const candidates = viewerStrings(seen);
		expect(candidates.length).toBeGreaterThan(3);
		for (const candidate of candidates) {
			report.add('viewer values tried as a secret');
			const forged = await trigger.deliver({
				body: { id: 'ev_forged', code: 'person.update', entityId: 'p_1' },
				headers: { 'X-N8N-Secret': candidate },
			});
			if (forged.response?.statusCode !== 401) report.add('forgeries');
			expect({ candidate, status: forged.response?.statusCode }).toEqual({
				candidate,
				status: 401,
			});
		}
		await trigger.deactivate();
	});

	it('Coresignal Trigger: nothing a workflow viewer sees is accepted as the URL token (0 forgeries)', async () => {
		const trigger = env.harness.trigger(
			triggerWorkflow('coresignal', { options: { includeRaw: true } }),
		);
		await trigger.activate();
		remember(trigger);
		await env.control.coresignal.deliver(String(trigger.staticData.subscriptionId));
		const delivery = await trigger.waitForDelivery();
		expect(delivery.items[0]?.length).toBeGreaterThan(0);

		const seen = [trigger.staticData, delivery.items, delivery.run?.raw ?? null];
		const candidates = viewerStrings(seen);
		expect(candidates.length).toBeGreaterThan(3);
		for (const candidate of candidates) {
			report.add('viewer values tried as a secret');
			const forged = await trigger.deliver({
				body: [{ member_id: 1, status: 'changed', changed_fields: ['skills'] }],
				query: { token: candidate },
			});
			if (forged.response?.statusCode !== 401) report.add('forgeries');
			expect({ candidate, status: forged.response?.statusCode }).toEqual({
				candidate,
				status: 401,
			});
		}
		await trigger.deactivate();
	});
});

describe('action nodes: output items and execution errors', () => {
	function actionWorkflow(
		type: string,
		credentialType: string,
		parameters: INodeParameters,
		credentialId?: string,
	): WorkflowJson {
		return {
			nodes: [
				{
					name: 'Action',
					type: nodeType(type),
					parameters,
					credentials: {
						[credentialType]: { id: credentialId ?? `${credentialType}-main`, name: 'Main' },
						...(credentialType === 'coresignalApi'
							? { coresignalJwtApi: { id: 'cs-jwt', name: 'JWT' } }
							: {}),
					},
				},
			],
		};
	}

	it.each([
		[
			'Coresignal search',
			'coresignal',
			'coresignalApi',
			{
				resource: 'employee',
				operation: 'search',
				esDslQuery: '{"query":{"match_all":{}}}',
				limit: 3,
			},
		],
		[
			'Coresignal collect',
			'coresignal',
			'coresignalApi',
			{ resource: 'employee', operation: 'collect', employee: '100001' },
		],
		[
			'ChartHop CQL validate',
			'chartHop',
			'chartHopApi',
			{ resource: 'cql', operation: 'validate', expressions: ['department:engineering'] },
		],
	] as Array<[string, string, string, INodeParameters]>)(
		'%s: items of a successful run carry no secret',
		async (name, type, credentialType, parameters) => {
			const result = await env.harness.runWorkflow(
				actionWorkflow(type, credentialType, parameters),
			);
			expect(result.error).toBeUndefined();
			expectNoSecrets(`${name} output`, JSON.stringify(result.output('Action')));
		},
	);

	it.each([
		[
			'Coresignal search, key refused',
			'coresignal',
			'coresignalApi',
			{
				resource: 'employee',
				operation: 'search',
				esDslQuery: '{"query":{"match_all":{}}}',
				limit: 3,
			},
			'/coresignal/cdapi/v2/employee_clean/search',
		],
		[
			'Coresignal collect, key refused',
			'coresignal',
			'coresignalApi',
			{ resource: 'employee', operation: 'collect', employee: '100001' },
			'/coresignal/cdapi/v2/employee_clean/collect',
		],
		[
			'ChartHop CQL validate, token refused',
			'chartHop',
			'chartHopApi',
			{ resource: 'cql', operation: 'validate', expressions: ['department:engineering'] },
			'/charthop/v1/org/acme/cql',
		],
	] as Array<[string, string, string, INodeParameters, string]>)(
		'%s: the execution error exposes no secret',
		async (name, type, credentialType, parameters, pathPrefix) => {
			await env.control.addFault({
				pathPrefix,
				status: 401,
				body: { detail: 'Invalid credentials', message: 'Invalid credentials' },
				count: 5,
			});
			const result = await env.harness.runWorkflow(
				actionWorkflow(type, credentialType, parameters),
			);
			expect(result.status).toBe('error');
			expectNoSecrets(`${name}: execution error`, exposeError(result.error));
			expectNoSecrets(`${name}: node error`, exposeError(result.nodes.Action?.error));
			expectNoSecrets(`${name}: logs`, env.harness.logs.text());
		},
	);

	it.each([
		['coresignalApi', { apiKey: 'x'.repeat(32), baseUrl: '' }],
		[
			'chartHopApi',
			{ accessToken: 'wrong-token-for-the-test-button', organization: 'acme', baseUrl: '' },
		],
	] as Array<[string, IDataObject]>)(
		'%s: the credential test of a wrong secret does not echo it',
		async (type, data) => {
			const baseUrl =
				type === 'coresignalApi' ? env.control.urls.coresignal : env.control.urls.charthop;
			const result = await env.harness.testCredential(type, { ...data, baseUrl } as never);
			expect(result.status).toBe('Error');
			expectNoSecrets(`${type} credential test`, JSON.stringify(result));
			const wrong = String(data.apiKey ?? data.accessToken);
			expect(JSON.stringify(result)).not.toContain(wrong);
		},
	);
});

it('the whole section left nothing secret in the captured n8n logs', () => {
	expect(allLogs.join('').length).toBeGreaterThan(0);
	expectNoSecrets('all captured logs', allLogs.join('\n'));
});
