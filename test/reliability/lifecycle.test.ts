/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { sandboxCredentials } from '../../sandbox/credentials';
import type { TriggerHandle } from '../../dev/harness';
import type { ReliabilityEnv } from './env';
import { exposeError, SECRETS, startEnv, triggerWorkflow } from './env';
import { TEST_TIMEOUT_SECONDS } from '../../dev/sandbox-harness';
import { renderMatrix, SectionReport } from './report';

type Phase = 'activate' | 'restart' | 'deactivate';
type FaultName =
	| 'API down'
	| '401'
	| '404 stale id'
	| '409'
	| '429 burst'
	| '503 burst'
	| '500'
	| 'expired';

const PHASES: Phase[] = ['activate', 'restart', 'deactivate'];
const FAULTS: FaultName[] = [
	'API down',
	'401',
	'404 stale id',
	'409',
	'429 burst',
	'503 burst',
	'500',
	'expired',
];

/** A self-registering trigger: how to read its remote registrations and break its API. */
interface Registrar {
	kind: 'coresignal' | 'charthop';
	title: string;
	vendor: string;
	parameters: IDataObject;
	credential: { type: string; id: string; data: () => ICredentialDataDecryptedObject };
	/** Path prefixes (from the sandbox root) of create, check and delete calls. */
	paths: Record<Phase, { method: string; pathPrefix: string }>;
	/** Ids registered and live at the vendor right now. */
	live(): Promise<string[]>;
	/** Ids the trigger remembers in its static data (including ones it still has to delete). */
	remembered(trigger: TriggerHandle): string[];
	/**
	 * Deactivation never fails: what cannot be deleted is logged and remembered, and the next
	 * activation deletes it (n8n drops the static data of a delete hook that throws).
	 */
	deletesLater?: boolean;
	/**
	 * A create whose outcome is unknown is reconciled with the vendor's list and sent once more only
	 * when the list shows nothing: one 500 is survived, a burst of two is not.
	 */
	reconcilesCreates?: boolean;
	/** What the error log says when a deletion keeps failing (`status`: the vendor's answer, if any). */
	deleteFailureLog?(trigger: TriggerHandle, status?: number): string;
	/** Deletes a registration behind the trigger's back, as a user in the vendor's UI would. */
	removeRemotely(id: string): Promise<void>;
	/** What the vendor's error body says, so the message can be checked for it. */
	errorBody(status: number): { body: IDataObject; text: string };
	faults: FaultName[];
}

// Real time: each fault costs a hook its retries and backoff, up to twice the credential timeout.
jest.setTimeout(90_000);

let env: ReliabilityEnv;
let closedPort: number;

const CORESIGNAL_SUBSCRIPTIONS = '/coresignal/cdapi/v2/subscriptions';
const CHARTHOP_ACTIONS = '/charthop/v1/org/acme/action';

const chartHopRemembered = (trigger: TriggerHandle) =>
	[
		...((trigger.staticData.actions as IDataObject[] | undefined) ?? []),
		...((trigger.staticData.pendingDeletes as IDataObject[] | undefined) ?? []),
	].map((a) => String(a.id));

const REGISTRARS: Registrar[] = [
	{
		kind: 'coresignal',
		title: 'Coresignal Trigger',
		vendor: 'Coresignal',
		parameters: {},
		credential: {
			type: 'coresignalApi',
			id: 'cs-key',
			data: () => ({
				apiKey: SECRETS.coresignalApiKey,
				baseUrl: env.control.urls.coresignal,
				maxRequestsPerSecond: 0,
				timeoutSeconds: TEST_TIMEOUT_SECONDS,
			}),
		},
		paths: {
			activate: { method: 'POST', pathPrefix: CORESIGNAL_SUBSCRIPTIONS },
			restart: { method: 'GET', pathPrefix: CORESIGNAL_SUBSCRIPTIONS },
			deactivate: { method: 'DELETE', pathPrefix: CORESIGNAL_SUBSCRIPTIONS },
		},
		live: async () =>
			(await env.control.coresignal.subscriptions())
				.filter((s) => s.status === 'active')
				.map((s) => s.id),
		remembered: (trigger) => [
			...(trigger.staticData.subscriptionId ? [String(trigger.staticData.subscriptionId)] : []),
			// Deletions that failed: kept until the next activation or start deletes them.
			...((trigger.staticData.pendingDeletes as IDataObject[] | undefined) ?? []).map((p) =>
				String(p.id),
			),
		],
		deletesLater: true,
		reconcilesCreates: true,
		deleteFailureLog: () => 'Could not delete Coresignal subscription',
		removeRemotely: async (id) => await env.control.coresignal.deleteSubscription(id),
		errorBody: (status) => {
			const text =
				{
					401: 'Invalid API key',
					409: 'Subscription is still initialising. Try again later.',
					500: 'Internal server error',
				}[status] ?? `HTTP ${status}`;
			return { body: { detail: text }, text };
		},
		faults: FAULTS,
	},
	{
		kind: 'charthop',
		title: 'ChartHop Trigger',
		vendor: 'ChartHop',
		parameters: {
			registration: 'automatic',
			events: { pattern: [{ event: 'person.update' }, { event: 'change.create.hire' }] },
		},
		credential: {
			type: 'chartHopApi',
			id: 'ch-main',
			data: () => ({
				accessToken: SECRETS.chartHopToken,
				organization: sandboxCredentials.charthop.organization,
				baseUrl: env.control.urls.charthop,
				maxRequestsPerSecond: 0,
				timeoutSeconds: TEST_TIMEOUT_SECONDS,
			}),
		},
		paths: {
			activate: { method: 'POST', pathPrefix: CHARTHOP_ACTIONS },
			restart: { method: 'GET', pathPrefix: CHARTHOP_ACTIONS },
			deactivate: { method: 'DELETE', pathPrefix: CHARTHOP_ACTIONS },
		},
		live: async () =>
			(await env.control.charthop.actions()).filter((a) => a.status === 'ACTIVE').map((a) => a.id),
		remembered: chartHopRemembered,
		deletesLater: true,
		reconcilesCreates: true,
		deleteFailureLog: (trigger, status) =>
			status
				? `could not delete automated action ${chartHopRemembered(trigger)[0]} (person.update): ChartHop answered ${status}`
				: 'could not delete automated action',
		removeRemotely: async (id) => {
			env.sandbox.charthop.model.actions.delete(id);
		},
		errorBody: (status) => {
			const text =
				{
					401: 'Invalid access token',
					409: 'Conflict: the action is being updated',
					500: 'Internal server error',
				}[status] ?? `HTTP ${status}`;
			return { body: { status, message: text }, text };
		},
		// ChartHop automated actions neither expire nor initialise.
		faults: FAULTS.filter((fault) => fault !== 'expired'),
	},
];

/**
 * How a cell must end: the phase succeeds (`logged`: with an error log containing this), or fails
 * with an error naming the cause.
 */
type Expectation = { ok: true; logged?: string } | { error: string; detail?: string };

interface Cell {
	passed: number;
	total: number;
}

const matrix = new Map<string, Map<string, Cell>>();
const report = new SectionReport('lifecycle faults', [
	'tried',
	'survived',
	'failed loudly naming the cause',
	'orphans',
	'duplicates',
]);

function cell(row: string, column: string): Cell {
	if (!matrix.has(row)) matrix.set(row, new Map());
	const cells = matrix.get(row)!;
	if (!cells.has(column)) cells.set(column, { passed: 0, total: 0 });
	return cells.get(column)!;
}

async function freePortThatIsClosed(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

beforeAll(async () => {
	env = await startEnv();
	closedPort = await freePortThatIsClosed();
});

afterAll(async () => {
	await env?.close();
	for (const registrar of REGISTRARS) {
		const rows = PHASES.map((phase) => ({
			name: `${registrar.title} ${phase}`,
			cells: Object.fromEntries(
				FAULTS.map((fault) => [fault, matrix.get(`${registrar.title} ${phase}`)?.get(fault)]),
			),
		}));
		for (const line of renderMatrix('phase × fault', FAULTS, rows)) report.note(line);
	}
	report.print();
});

/** A trigger of `registrar` that n8n has been running, created fresh in the sandbox. */
async function activeTrigger(
	registrar: Registrar,
	staticData?: IDataObject,
): Promise<TriggerHandle> {
	const json = triggerWorkflow(registrar.kind, registrar.parameters, {
		webhookId: `lifecycle-${registrar.kind}`,
	});
	if (staticData) json.staticData = { [`node:${registrar.title}`]: staticData };
	const trigger = env.harness.trigger(json);
	if (!staticData) await trigger.activate();
	return trigger;
}

/** Static data left by an earlier activation whose registrations then went away (or expired). */
async function leftoverStaticData(
	registrar: Registrar,
	goAway: (ids: string[]) => Promise<void>,
): Promise<IDataObject> {
	const earlier = await activeTrigger(registrar);
	const staticData = earlier.staticData;
	await goAway(registrar.remembered(earlier));
	// n8n was stopped: the earlier handle is gone without running delete.
	env.harness.triggers.splice(env.harness.triggers.indexOf(earlier), 1);
	return staticData;
}

const apiDown = (registrar: Registrar) => {
	env.harness.setCredentials(
		registrar.credential.type,
		{ ...registrar.credential.data(), baseUrl: `http://127.0.0.1:${closedPort}` },
		registrar.credential.id,
	);
};
const apiUp = (registrar: Registrar) => {
	env.harness.setCredentials(
		registrar.credential.type,
		registrar.credential.data(),
		registrar.credential.id,
	);
};

async function fail(
	registrar: Registrar,
	phase: Phase,
	status: number,
	count = 1,
	retryAfter?: number,
) {
	const { body } = registrar.errorBody(status);
	await env.control.addFault({ ...registrar.paths[phase], status, body, count, retryAfter });
}

/**
 * Sets up `phase` under `fault` and returns the trigger to act on and what must happen. Faults that
 * only make sense before a call are injected here; the phase itself runs in the test.
 */
async function arrange(
	registrar: Registrar,
	phase: Phase,
	fault: FaultName,
): Promise<{ trigger: TriggerHandle; expectation: Expectation }> {
	const { vendor } = registrar;
	const named = (status: number) => ({
		error: `${vendor} answered ${status}: ${registrar.errorBody(status).text}`,
	});

	if (fault === '404 stale id' && phase === 'activate') {
		const staticData = await leftoverStaticData(registrar, async (ids) => {
			for (const id of ids) await registrar.removeRemotely(id);
		});
		return { trigger: await activeTrigger(registrar, staticData), expectation: { ok: true } };
	}
	if (fault === 'expired' && phase === 'activate') {
		const staticData = await leftoverStaticData(registrar, async () => {
			await env.control.advanceClock({ days: 92 });
		});
		return { trigger: await activeTrigger(registrar, staticData), expectation: { ok: true } };
	}

	if (fault === '409' && registrar.kind === 'coresignal' && phase === 'restart') {
		// Documented 409: renewing a subscription that is still initialising. Not a failure.
		await env.control.coresignal.configure({ validityDays: 10, initialisingMs: 3_600_000 });
		return { trigger: await activeTrigger(registrar), expectation: { ok: true } };
	}

	const trigger =
		phase === 'activate'
			? env.harness.trigger(
					triggerWorkflow(registrar.kind, registrar.parameters, {
						webhookId: `lifecycle-${registrar.kind}`,
					}),
				)
			: await activeTrigger(registrar);

	// A trigger keeps its registration when the check on restart fails for a reason that says
	// nothing about it (no answer, 5xx): failing would make n8n delete it while cleaning up.
	const keepsOnFailedCheck = phase === 'restart';
	// A trigger that never fails deactivation logs what it could not delete and remembers it.
	const deletesLater = registrar.deletesLater === true && phase === 'deactivate';
	const later = (status?: number): { trigger: TriggerHandle; expectation: Expectation } => ({
		trigger,
		expectation: {
			ok: true,
			logged: registrar.deleteFailureLog?.(trigger, status) ?? '',
		},
	});

	switch (fault) {
		case 'API down':
			apiDown(registrar);
			if (keepsOnFailedCheck) return { trigger, expectation: { ok: true } };
			if (deletesLater) return later();
			return {
				trigger,
				expectation: {
					error: `Could not reach ${vendor}`,
					detail: 'The service refused the connection',
				},
			};
		case '401':
			await fail(registrar, phase, 401);
			return deletesLater ? later(401) : { trigger, expectation: named(401) };
		case '404 stale id':
			for (const id of registrar.remembered(trigger)) await registrar.removeRemotely(id);
			return { trigger, expectation: { ok: true } };
		case '409':
			await fail(registrar, phase, 409);
			return deletesLater ? later(409) : { trigger, expectation: named(409) };
		case '429 burst':
			await fail(registrar, phase, 429, 2, 0);
			return { trigger, expectation: { ok: true } };
		case '503 burst':
			await fail(registrar, phase, 503, 2, 0);
			// Both attempts of the first create answered 503 and the list shows nothing created.
			if (registrar.reconcilesCreates && phase === 'activate')
				return { trigger, expectation: named(503) };
			return { trigger, expectation: { ok: true } };
		case '500':
			await fail(registrar, phase, 500);
			// One 500 on a delete is tried again within the hook's budget.
			if (deletesLater) return { trigger, expectation: { ok: true } };
			if (registrar.reconcilesCreates && phase === 'activate')
				return { trigger, expectation: { ok: true } };
			return { trigger, expectation: keepsOnFailedCheck ? { ok: true } : named(500) };
		case 'expired':
			await env.control.advanceClock({ days: 92 });
			return { trigger, expectation: { ok: true } };
	}
}

async function act(trigger: TriggerHandle, phase: Phase): Promise<Error | undefined> {
	try {
		if (phase === 'activate') await trigger.activate();
		else if (phase === 'restart') await trigger.restart();
		else await trigger.deactivate();
		return undefined;
	} catch (error) {
		return error as Error;
	}
}

/** No registration at the vendor that the trigger does not remember, and none twice. */
async function expectNoOrphans(registrar: Registrar, trigger: TriggerHandle) {
	const live = await registrar.live();
	const remembered = registrar.remembered(trigger);
	const orphans = live.filter((id) => !remembered.includes(id));
	if (orphans.length) report.add('orphans');
	if (new Set(live).size !== live.length) report.add('duplicates');
	expect({ orphans, duplicates: live.length - new Set(live).size }).toEqual({
		orphans: [],
		duplicates: 0,
	});
}

const patternCount = (registrar: Registrar) =>
	registrar.kind === 'charthop'
		? ((registrar.parameters.events as IDataObject).pattern as unknown[]).length
		: 1;

describe.each(REGISTRARS)('$title lifecycle under faults', (registrar) => {
	beforeEach(async () => {
		await env.reset();
		apiUp(registrar);
	});

	afterEach(() => {
		apiUp(registrar);
	});

	const cases = PHASES.flatMap((phase) => registrar.faults.map((fault) => [phase, fault] as const));

	it.each(cases)('%s under %s', async (phase, fault) => {
		// Four checks per cell: the outcome, no orphan, convergence once the fault is gone, clean removal.
		const tally = cell(`${registrar.title} ${phase}`, fault);
		tally.total += 4;
		report.add('tried');
		const { trigger, expectation } = await arrange(registrar, phase, fault);

		const error = await act(trigger, phase);

		if ('error' in expectation) {
			expect(error?.message).toContain(expectation.error);
			if (expectation.detail) expect(exposeError(error)).toContain(expectation.detail);
			report.add('failed loudly naming the cause');
		} else {
			expect(error).toBeUndefined();
			if (expectation.logged) expect(env.harness.logs.text()).toContain(expectation.logged);
		}
		tally.passed++;
		await expectNoOrphans(registrar, trigger);
		if (!error && phase !== 'deactivate') {
			expect(await registrar.live()).toHaveLength(patternCount(registrar));
		}
		tally.passed++;

		// The fault goes away: n8n's next attempt must converge on one registration, then none.
		apiUp(registrar);
		await env.control.clearFaults();
		if (phase === 'deactivate') {
			if (error) await trigger.deactivate();
			else if (registrar.remembered(trigger).length) {
				// Left to delete: the next activation deletes it, and a clean deactivation follows.
				await trigger.activate();
				await trigger.deactivate();
			}
		} else {
			if (!trigger.isActive) await trigger.activate();
			const live = await registrar.live();
			expect(live).toHaveLength(patternCount(registrar));
			expect(registrar.remembered(trigger).sort()).toEqual(live.sort());
		}
		tally.passed++;
		if (phase !== 'deactivate') await trigger.deactivate();
		expect(await registrar.live()).toEqual([]);
		expect(registrar.remembered(trigger)).toEqual([]);
		tally.passed++;
		report.add('survived');
	});
});
