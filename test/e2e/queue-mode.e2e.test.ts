/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The package in n8n's queue mode (e2e/queue-mode.ts): PostgreSQL, Redis, one main process, one `n8n webhook`
 * process and two `n8n worker`s. Main answers /webhook/* with 404 here, so every delivery that works went through
 * the webhook process; every execution is checked against the workers' logs ("Worker finished execution N").
 * Ends with `queue mode: N cases, 50,000/50,000 items, 0 lost` and, when every case passed, rewrites the measured
 * figures in docs/running-at-scale.md.
 *
 * Runs on the oldest supported runtime (n8n 2.8.4) only: queue mode is n8n's engine, not ours, and one runtime
 * proves the package's side of it (static data saved from the webhook process, hooks run once on main, throttles
 * per process, binary data shared).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SandboxClient } from '../../sandbox/client';
import { defaultCoresignalConfig } from '../../sandbox/coresignal/config';
import {
	caseContext,
	expectedItems,
	loadCases,
	readExample,
	registeredWebhookUrls,
	type CaseContext,
} from '../../e2e/cases';
import { packPackage, REPO_ROOT } from '../../e2e/community-package';
import {
	DEFAULT_RUNTIME,
	ensureRuntime,
	runtimeSpec,
	selectedRuntimeName,
} from '../../e2e/install-runtime';
import { outputOf, type Execution, type WorkflowJson } from '../../e2e/n8n';
import { MemorySampler, QueueCluster, type Role } from '../../e2e/queue-mode';
import { createSandboxCredentials, type CredentialRefs } from '../../e2e/sandbox-credentials';
import { writeBlocks } from '../../dev/figures';

const MINUTE = 60_000;
const RUNS_HERE = selectedRuntimeName() === DEFAULT_RUNTIME;
const describeHere = RUNS_HERE ? describe : describe.skip;
const PACKAGE = 'n8n-nodes-hr-signals';

const LOAD = { deliveries: 50, changes: 1_000 };
/** Split across executions that run at once on both workers, sharing one API key (Coresignal: 54 collects/s). */
const COLLECT = { ids: 1_000, executions: 10 };
const DOCS = join(REPO_ROOT, 'docs', 'running-at-scale.md');

let workDir: string;
let cluster: QueueCluster;
let sandbox: Sandbox;
let client: SandboxClient;
let credentials: CredentialRefs;
const startedAt = Date.now();

if (!RUNS_HERE) {
	// Jest runs no hook of a file whose tests are all skipped: say it here.
	process.stdout.write(
		`queue mode: runs on ${runtimeSpec(DEFAULT_RUNTIME).label} only (skipped on ${runtimeSpec(selectedRuntimeName()).label})\n`,
	);
}

/** What the run measured, for the summary line and docs/running-at-scale.md. */
const figures = {
	cases: { defined: 0, passed: 0 },
	start: {} as Record<string, number>,
	restart: {} as Record<string, number>,
	load: undefined as
		| undefined
		| {
				executions: number;
				items: number;
				unique: number;
				seconds: number;
				/** Bytes of one delivery's JSON array of changes. */
				bodyBytes: number;
				byWorker: Record<string, number>;
				peakMemory: Record<string, number>;
		  },
	collect: undefined as
		| undefined
		| {
				seconds: number;
				byWorker: Record<string, number>;
				tooManyRequests: number;
				failedItems: number;
				collected: number;
		  },
	renewal: undefined as undefined | { before: string; after: string },
	versions: {} as Record<string, string>,
	/** One-minute load average when the run started: start-up times stretch on a busy machine. */
	loadAverage: loadavg()[0],
};

/** A test that counts toward `queue mode: N cases`. */
function queueCase(name: string, body: () => Promise<void>, timeout: number): void {
	figures.cases.defined++;
	test(
		name,
		async () => {
			await body();
			figures.cases.passed++;
		},
		timeout,
	);
}

beforeAll(async () => {
	if (!RUNS_HERE) return;
	const runtime = await ensureRuntime((line) => process.stderr.write(`${line}\n`));
	workDir = await mkdtemp(join(tmpdir(), 'hr-signals-queue-e2e-'));
	const tarball = await packPackage(workDir);
	sandbox = await startSandbox();
	client = new SandboxClient(sandbox.url);
	cluster = await QueueCluster.start({ runtime, tarball, workers: 2 });
	figures.start = { ...cluster.startTimes };
	figures.versions = await cluster.versions();
	credentials = await createSandboxCredentials(cluster.main, sandbox);
}, 15 * MINUTE);

afterAll(async () => {
	if (!RUNS_HERE) return;
	await cluster?.stop();
	await sandbox?.close();
	if (workDir) await rm(workDir, { recursive: true, force: true });
	const total = LOAD.deliveries * LOAD.changes;
	const load = figures.load;
	const lost = load ? total - load.unique : total;
	process.stdout.write(`${summary()}\n`);
	if (figures.cases.passed === figures.cases.defined && load) writeFigures();
	process.stdout.write(
		load
			? `queue mode: ${figures.cases.passed} cases, ${fmt(load.unique)}/${fmt(total)} items, ${fmt(lost)} lost\n`
			: `queue mode: ${figures.cases.passed} cases, load not run\n`,
	);
}, 2 * MINUTE);

const fmt = (value: number) => value.toLocaleString('en-US');
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

function ensureCluster(): QueueCluster {
	if (!cluster || !credentials) throw new Error('the cluster did not start: see the first failure');
	return cluster;
}

/** The workflow's node static data as main reads it from the database. */
async function staticData(workflowId: string, node: string): Promise<Record<string, unknown>> {
	const workflow = await ensureCluster().main.api<{ staticData?: Record<string, unknown> | null }>(
		'GET',
		`/workflows/${workflowId}`,
	);
	return (workflow.staticData?.[`node:${node}`] as Record<string, unknown>) ?? {};
}

/** Finished executions of a workflow without their data (cheap to poll), oldest first. */
async function finishedExecutions(workflowId: string): Promise<Execution[]> {
	const found: Execution[] = [];
	let cursor = '';
	do {
		const page = await ensureCluster().main.api<{ data: Execution[]; nextCursor?: string | null }>(
			'GET',
			`/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
		);
		found.push(...page.data);
		cursor = page.nextCursor ?? '';
	} while (cursor);
	return found
		.filter(
			(execution) =>
				execution.stoppedAt !== null && !['new', 'running', 'waiting'].includes(execution.status),
		)
		.sort((a, b) => Number(a.id) - Number(b.id));
}

async function waitForFinished(
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await finishedExecutions(workflowId);
		if (executions.length >= count) return executions;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${executions.length} of ${count} executions finished within ${timeoutMs} ms\n` +
					cluster.workers.map((worker) => `${worker.name}:\n${worker.logTail(15)}`).join('\n'),
			);
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
}

/** Each execution with its data, a few at a time. */
async function withData(executions: Execution[]): Promise<Execution[]> {
	const full: Execution[] = [];
	for (let index = 0; index < executions.length; index += 5) {
		full.push(
			...(await Promise.all(
				executions
					.slice(index, index + 5)
					.map(async (execution) => await cluster.main.execution(execution.id)),
			)),
		);
	}
	return full;
}

/** Which worker finished each execution (from the workers' logs); undefined when none did. */
function workersOf(executions: Execution[]): Array<Role | undefined> {
	const byExecution = ensureCluster().executionsFinishedByWorker();
	return executions.map((execution) => byExecution.get(execution.id));
}

/**
 * workersOf() once a worker has logged each execution, or after 30 s: a worker logs "Worker finished execution N"
 * just after it saved the execution, so on a busy machine main can already report it finished.
 */
async function loggedWorkersOf(executions: Execution[]): Promise<Array<Role | undefined>> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const workers = workersOf(executions);
		if (workers.every((worker) => worker !== undefined) || Date.now() > deadline) return workers;
		await new Promise((resolveWait) => setTimeout(resolveWait, 250));
	}
}

/** Executions per worker, worker 1 first. */
function countByWorker(workers: Array<Role | undefined>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const worker of workers.map((w) => w ?? 'no worker').sort()) {
		counts[worker] = (counts[worker] ?? 0) + 1;
	}
	return counts;
}

/** Active Coresignal subscriptions that deliver to `url`. */
async function coresignalRegistrations(url: string): Promise<number> {
	const subscriptions = await client.coresignal.subscriptions();
	return subscriptions.filter((s) => s.status === 'active' && s.webhookUrl.split('?')[0] === url)
		.length;
}

async function importWorkflow(workflow: WorkflowJson): Promise<CaseContext> {
	const imported = await ensureCluster().main.importWorkflow(workflow, credentials);
	return caseContext(cluster.main, sandbox, imported);
}

/** Workflows this file activated and has not deactivated yet: name → context and how to count its registrations. */
const active = new Map<
	string,
	{ ctx: CaseContext; trigger: string; registrations?: (url: string) => Promise<number> }
>();

async function activate(
	ctx: CaseContext,
	trigger: string,
	registrations?: (url: string) => Promise<number>,
): Promise<void> {
	await ctx.n8n.activate(ctx.workflow.id);
	active.set(ctx.workflow.name, { ctx, trigger, registrations });
}

function coresignalTriggerWorkflow(
	name: string,
	options: Record<string, unknown> = {},
): WorkflowJson {
	const example = readExample('coresignal-trigger-job-changes.json');
	const trigger = example.nodes.find((node) => node.type === `${PACKAGE}.coresignalTrigger`)!;
	return {
		name,
		nodes: [
			{
				...trigger,
				webhookId: randomUUID(),
				parameters: { ...(trigger.parameters as object), options },
			},
		],
		connections: {},
	};
}

describeHere(
	`${PACKAGE} in n8n queue mode (main, webhook process, 2 workers, PostgreSQL, Redis)`,
	() => {
		queueCase(
			'every process loads the package: main lists its nodes, the webhook process and workers log no load failure',
			async () => {
				const { main } = ensureCluster();
				expect((await main.loadedPackageNodes(PACKAGE)).length).toBeGreaterThan(0);
				// QueueCluster.start() already refused to continue on a load failure in any process's log.
				for (const service of [cluster.webhook, ...cluster.workers]) {
					expect(service.running).toBe(true);
				}
			},
			MINUTE,
		);

		describe('every example workflow', () => {
			for (const testCase of loadCases()) {
				if (testCase.kind === 'trigger') {
					queueCase(
						`${testCase.example}: active, its deliveries handled by the webhook process and finished by workers`,
						async () => {
							const ctx = await importWorkflow(readExample(testCase.example));
							const url = ctx.webhookUrl(testCase.triggerNode);
							const registrations = testCase.registeredUrls
								? async (hookUrl: string) =>
										(await registeredWebhookUrls(testCase, ctx)).filter((u) => u === hookUrl).length
								: undefined;
							await activate(ctx, testCase.triggerNode, registrations);
							if (registrations) expect(await registrations(url)).toBe(1);

							const expected = await expectedItems(testCase.expected, ctx);
							await testCase.deliver(ctx);
							const executions = await waitForFinished(ctx.workflow.id, expected.length, MINUTE);
							const full = await withData(executions);
							expect(full.map((execution) => [execution.status, execution.mode])).toEqual(
								expected.map(() => ['success', 'webhook']),
							);
							expect(
								full.map((execution) => outputOf(execution, testCase.outputNode)),
							).toMatchObject(expected);
							const enqueued = cluster.executionsEnqueuedByWebhook();
							expect(executions.filter((execution) => !enqueued.has(execution.id))).toEqual([]);
							expect(await loggedWorkersOf(executions)).toEqual(
								executions.map(() => expect.stringMatching(/^worker /)),
							);
						},
						2 * MINUTE,
					);
				} else {
					queueCase(
						`${testCase.example}: a manual run is offloaded to a worker and outputs the expected items`,
						async () => {
							const ctx = await importWorkflow(readExample(testCase.example));
							await testCase.setUp?.(ctx);
							const execution = await cluster.main.runManually(ctx.workflow.id, 2 * MINUTE);
							expect(execution.status).toBe('success');
							expect(outputOf(execution, testCase.outputNode)).toMatchObject(
								await expectedItems(testCase.expected, ctx),
							);
							expect(await loggedWorkersOf([execution])).toEqual([
								expect.stringMatching(/^worker /),
							]);
						},
						3 * MINUTE,
					);
				}
			}
		});

		queueCase(
			'a Coresignal subscription expiring soon is renewed by a delivery in the webhook process; main reads the new expiry',
			async () => {
				// Subscriptions created now expire in 10 days and may be renewed at once (renewal window: 14 days).
				await client.coresignal.configure({ validityDays: 10, initialisingMs: 0 });
				const ctx = await importWorkflow(
					coresignalTriggerWorkflow('Queue: Coresignal renewal on delivery'),
				);
				const url = ctx.webhookUrl('Coresignal Trigger');
				try {
					await activate(ctx, 'Coresignal Trigger', coresignalRegistrations);
				} finally {
					await client.coresignal.configure({ validityDays: defaultCoresignalConfig.validityDays });
				}
				const before = String((await staticData(ctx.workflow.id, 'Coresignal Trigger')).expiringAt);
				expect(Date.parse(before)).toBeLessThan(Date.now() + 11 * 86_400_000);
				const [subscription] = (await client.coresignal.subscriptions()).filter(
					(s) => s.status === 'active' && s.webhookUrl.split('?')[0] === url,
				);

				const answer = await client.coresignal.deliver(subscription.id, {
					changes: [{ member_id: 100003, status: 'changed', changed_fields: ['job_title'] }],
				});
				expect(answer.status).toBe(200);
				await client.coresignal.configure({
					initialisingMs: defaultCoresignalConfig.initialisingMs,
				});

				const after = String((await staticData(ctx.workflow.id, 'Coresignal Trigger')).expiringAt);
				expect(Date.parse(after)).toBeGreaterThan(Date.now() + 80 * 86_400_000);
				const renewals = await client.requests({ vendor: 'coresignal', method: 'POST' });
				expect(
					renewals.filter((request) => request.path.endsWith(`/${subscription.id}/renew`)),
				).toHaveLength(1);
				figures.renewal = { before, after };
				await waitForFinished(ctx.workflow.id, 1, MINUTE);
			},
			2 * MINUTE,
		);

		queueCase(
			"the ChartHop Poll Trigger's cursor, saved by main, advances across polls: each hire is emitted once, by a worker",
			async () => {
				const ctx = await importWorkflow({
					name: 'Queue: ChartHop Poll Trigger',
					nodes: [
						{
							name: 'ChartHop Poll Trigger',
							type: `${PACKAGE}.chartHopPollTrigger`,
							typeVersion: 1,
							position: [0, 0],
							parameters: {
								// Every 5 s (n8n refuses a `*` in the seconds field, a list is accepted).
								pollTimes: {
									item: [
										{
											mode: 'custom',
											cronExpression: '0,5,10,15,20,25,30,35,40,45,50,55 * * * * *',
										},
									],
								},
								events: { pattern: [{ event: 'change.create.hire' }] },
								options: {},
							},
							credentials: { chartHopApi: credentials.chartHopApi },
						},
					],
					connections: {},
				});
				await activate(ctx, 'ChartHop Poll Trigger');
				const cursorAt = async () =>
					Number(
						(
							(await staticData(ctx.workflow.id, 'ChartHop Poll Trigger')).cursor as
								| { at?: number }
								| undefined
						)?.at ?? 0,
					);
				const first = await cursorAt();
				expect(first).toBeGreaterThan(0); // the poll at activation noted where to start

				const names: string[][] = [];
				const cursors = [first];
				for (const [index, hire] of [
					{ first: 'Ada', last: 'Poller' },
					{ first: 'Lin', last: 'Poller' },
				].entries()) {
					await client.charthop.hire({ ...hire, department: 'Sales', directs: 0 });
					const executions = await waitForFinished(ctx.workflow.id, index + 1, MINUTE);
					const [latest] = await withData(executions.slice(index, index + 1));
					expect([latest.status, latest.mode]).toEqual(['success', 'trigger']);
					names.push(
						outputOf(latest, 'ChartHop Poll Trigger').map((item) =>
							String((item.data as { name?: { full?: string } })?.name?.full ?? ''),
						),
					);
					expect(await loggedWorkersOf([latest])).toEqual([expect.stringMatching(/^worker /)]);
					cursors.push(await cursorAt());
				}
				expect(names).toEqual([['Ada Poller'], ['Lin Poller']]);
				expect(cursors[1]).toBeGreaterThan(cursors[0]);
				expect(cursors[2]).toBeGreaterThan(cursors[1]);
			},
			3 * MINUTE,
		);

		queueCase(
			'a bulk download saved as a file by a worker is stored in PostgreSQL and main serves it (binary data mode `database`)',
			async () => {
				const example = readExample('coresignal-bulk-download.json');
				const ctx = await importWorkflow({
					...example,
					name: 'Queue: Bulk download as a file',
					nodes: example.nodes
						.filter((node) => node.name !== 'Spreadsheet Rows')
						.map((node) =>
							node.name === 'Download Records'
								? {
										...node,
										parameters: {
											...(node.parameters as object),
											output: 'binary',
											binaryFormat: 'jsonl',
										},
									}
								: node,
						),
					connections: Object.fromEntries(
						Object.entries(example.connections).filter(([from]) => from !== 'Download Records'),
					),
				});
				const execution = await cluster.main.runManually(ctx.workflow.id, 2 * MINUTE);
				expect(execution.status).toBe('success');
				expect(await loggedWorkersOf([execution])).toEqual([expect.stringMatching(/^worker /)]);
				const [item] = execution.data!.resultData.runData['Download Records'][0].data!
					.main[0]! as Array<{
					binary?: Record<string, { id?: string }>;
				}>;
				const file = item.binary?.data;
				expect(file?.id).toMatch(/^database:/);

				const response = await fetch(
					`${cluster.main.baseUrl}/rest/binary-data?id=${encodeURIComponent(file!.id!)}&action=download`,
					{ headers: { cookie: cluster.main.authCookie } },
				);
				expect(response.status).toBe(200);
				const records = (await response.text())
					.split('\n')
					.filter((line) => line.trim() !== '')
					.map((line) => JSON.parse(line) as { id?: unknown });
				expect(records.length).toBeGreaterThan(0);
				expect(records.filter((record) => typeof record.id !== 'number')).toEqual([]);
			},
			3 * MINUTE,
		);

		queueCase(
			`load: ${LOAD.deliveries} concurrent deliveries of ${fmt(LOAD.changes)} Coresignal changes become ${LOAD.deliveries} executions with every change once`,
			async () => {
				const ctx = await importWorkflow(coresignalTriggerWorkflow('Queue: Coresignal load'));
				await activate(ctx, 'Coresignal Trigger', coresignalRegistrations);
				const url = ctx.webhookUrl('Coresignal Trigger');
				const [subscription] = (await client.coresignal.subscriptions()).filter(
					(s) => s.status === 'active' && s.webhookUrl.split('?')[0] === url,
				);
				const batches = Array.from({ length: LOAD.deliveries }, (_, delivery) =>
					Array.from({ length: LOAD.changes }, (__, index) => ({
						member_id: 1_000_000 + delivery * LOAD.changes + index,
						status: 'changed',
						changed_fields: ['experience'],
					})),
				);

				const sampler = new MemorySampler(cluster).start();
				const sentAt = Date.now();
				const answers = await Promise.all(
					batches.map(
						async (changes) => await client.coresignal.deliver(subscription.id, { changes }),
					),
				);
				const executions = await waitForFinished(ctx.workflow.id, LOAD.deliveries, 5 * MINUTE);
				const seconds =
					(Math.max(...executions.map((e) => Date.parse(e.stoppedAt!))) - sentAt) / 1000;
				const peakMemory = Object.fromEntries(sampler.stop());
				expect(answers.map((answer) => answer.status)).toEqual(batches.map(() => 200));

				const ids: string[] = [];
				const perExecution: number[] = [];
				for (const execution of await withData(executions)) {
					expect(execution.status).toBe('success');
					const items = outputOf(execution, 'Coresignal Trigger');
					perExecution.push(items.length);
					for (const item of items) ids.push(String((item.entity as { id: unknown }).id));
				}
				const workers = await loggedWorkersOf(executions);
				figures.load = {
					executions: executions.length,
					items: ids.length,
					unique: new Set(ids).size,
					seconds,
					bodyBytes: Buffer.byteLength(JSON.stringify({ changes: batches[0] })),
					byWorker: countByWorker(workers),
					peakMemory,
				};
				expect(executions).toHaveLength(LOAD.deliveries);
				expect(new Set(ids).size).toBe(LOAD.deliveries * LOAD.changes); // none lost
				expect(ids).toHaveLength(LOAD.deliveries * LOAD.changes); // none twice
				expect(perExecution).toEqual(batches.map(() => LOAD.changes));
				expect(workers.filter((worker) => worker === undefined)).toEqual([]);
			},
			8 * MINUTE,
		);

		queueCase(
			`collect of ${fmt(COLLECT.ids)} ids in ${COLLECT.executions} executions at once on both workers, with the credential's default rate: every id is collected (the 429s are counted)`,
			async () => {
				const path = randomUUID();
				// Each worker's throttle starts at the full 54/s, so together they overrun the vendor at
				// first; the throttles slow down on its 429s and resend what it refused.
				const ctx = await importWorkflow({
					name: 'Queue: Collect split across workers',
					nodes: [
						{
							name: 'Ids',
							type: 'n8n-nodes-base.webhook',
							typeVersion: 2,
							position: [0, 0],
							webhookId: randomUUID(),
							parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
						},
						{
							// The webhook's item holds the posted array as `body`: one item per id.
							name: 'One Item Per Id',
							type: 'n8n-nodes-base.splitOut',
							typeVersion: 1,
							position: [240, 0],
							parameters: { fieldToSplitOut: 'body', options: {} },
						},
						{
							name: 'Collect Profiles',
							type: `${PACKAGE}.coresignal`,
							typeVersion: 1,
							position: [480, 0],
							parameters: {
								apiVersion: 'v2',
								resource: 'employee',
								operation: 'collect',
								dataset: 'employee_clean',
								employee: '={{ $json.id }}',
							},
							credentials: { coresignalApi: credentials.coresignalApi },
						},
					],
					connections: {
						Ids: { main: [[{ node: 'One Item Per Id', type: 'main', index: 0 }]] },
						'One Item Per Id': { main: [[{ node: 'Collect Profiles', type: 'main', index: 0 }]] },
					},
				});
				await activate(ctx, 'Ids');
				await client.clearRequests();
				const perExecution = COLLECT.ids / COLLECT.executions;
				const { firstEmployeeId } = defaultCoresignalConfig;
				const sentAt = Date.now();
				const answers = await Promise.all(
					Array.from({ length: COLLECT.executions }, async (_, execution) => {
						const ids = Array.from({ length: perExecution }, (__, index) => ({
							id: firstEmployeeId + execution * perExecution + index,
						}));
						return await fetch(`${cluster.main.webhookBaseUrl}/webhook/${path}`, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(ids),
						});
					}),
				);
				expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
				const executions = await waitForFinished(ctx.workflow.id, COLLECT.executions, 5 * MINUTE);
				const seconds =
					(Math.max(...executions.map((e) => Date.parse(e.stoppedAt!))) - sentAt) / 1000;
				const full = await withData(executions);
				const outputs = full.map((execution) =>
					execution.status === 'success' ? outputOf(execution, 'Collect Profiles') : [],
				);
				const collected = new Set(outputs.flat().map((item) => Number(item.id)));
				const collects = (await client.requests({ vendor: 'coresignal', method: 'GET' })).filter(
					(request) => request.path.includes('/collect/'),
				);
				const workers = await loggedWorkersOf(executions);
				figures.collect = {
					seconds,
					byWorker: countByWorker(workers),
					tooManyRequests: collects.filter((request) => request.status === 429).length,
					failedItems:
						full.filter((execution) => execution.status !== 'success').length * perExecution +
						outputs.flat().filter((item) => item.error !== undefined).length,
					collected: collected.size,
				};
				expect(full).toHaveLength(COLLECT.executions);
				expect(full.map((execution) => execution.status)).toEqual(full.map(() => 'success'));
				expect(figures.collect.failedItems).toBe(0);
				expect(collected.size).toBe(COLLECT.ids);
				expect(new Set(workers)).toEqual(new Set(['worker 1', 'worker 2']));
			},
			6 * MINUTE,
		);

		queueCase(
			'a restart of every process keeps exactly one registration per trigger, and main still reads the renewed expiry',
			async () => {
				await ensureCluster().restart();
				figures.restart = {
					main: cluster.startTimes.main,
					webhookAndWorkers: cluster.startTimes.webhookAndWorkers,
				};
				for (const { ctx, trigger, registrations } of active.values()) {
					if (registrations) {
						expect([ctx.workflow.name, await registrations(ctx.webhookUrl(trigger))]).toEqual([
							ctx.workflow.name,
							1,
						]);
					}
				}
				const renewal = [...active.values()].find(({ ctx }) =>
					ctx.workflow.name.includes('renewal'),
				);
				expect(figures.renewal).toBeDefined();
				// Main's check at start re-reads the subscription, which Coresignal lists by day (`YYYY-MM-DD`).
				const expiry = String(
					(await staticData(renewal!.ctx.workflow.id, 'Coresignal Trigger')).expiringAt,
				);
				expect(expiry.slice(0, 10)).toBe(figures.renewal!.after.slice(0, 10));
			},
			5 * MINUTE,
		);

		queueCase(
			'deactivating every workflow leaves zero registrations at the vendors, and the webhook process answers 404',
			async () => {
				for (const { ctx } of active.values()) await ctx.n8n.deactivate(ctx.workflow.id);
				const subscriptions = await client.coresignal.subscriptions();
				expect(subscriptions.filter((s) => s.status === 'active')).toEqual([]);
				expect(await client.charthop.actions()).toEqual([]);
				for (const { ctx, trigger } of active.values()) {
					if (!ctx.workflow.nodes.find((node) => node.name === trigger)?.webhookId) continue;
					if (trigger === 'Ids') continue;
					const late = await fetch(ctx.webhookUrl(trigger), { method: 'POST', body: '{}' });
					expect([ctx.workflow.name, late.status]).toEqual([ctx.workflow.name, 404]);
				}
				active.clear();
			},
			2 * MINUTE,
		);
	},
);

function summary(): string {
	const lines = [
		`queue mode start: ${Object.entries(figures.start)
			.map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`)
			.join(
				', ',
			)}; restart of every n8n process: main ${figures.restart.main?.toFixed(1) ?? '-'} s, webhook + workers ${figures.restart.webhookAndWorkers?.toFixed(1) ?? '-'} s`,
	];
	const load = figures.load;
	if (load) {
		lines.push(
			`queue mode load: ${load.executions} executions, ${fmt(load.unique)} distinct of ${fmt(load.items)} items, ${load.seconds.toFixed(1)} s from the first delivery to the last finished execution; by worker: ${JSON.stringify(load.byWorker)}`,
			`queue mode peak memory (PSS of process + children): ${Object.entries(load.peakMemory)
				.map(([role, bytes]) => `${role} ${mib(bytes)}`)
				.join(', ')}`,
		);
	}
	const collect = figures.collect;
	if (collect) {
		lines.push(
			`queue mode collect: ${fmt(collect.collected)} profiles in ${collect.seconds.toFixed(1)} s, executions by worker ${JSON.stringify(collect.byWorker)}; the sandbox answered ${collect.tooManyRequests} requests with 429; ${collect.failedItems} reached the user`,
		);
	}
	lines.push(`queue mode e2e: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
	return lines.join('\n');
}

/** Rewrites the figures block of docs/running-at-scale.md from this run. */
function writeFigures(): void {
	const load = figures.load!;
	const collect = figures.collect;
	const total = LOAD.deliveries * LOAD.changes;
	const peak = (role: string) => (load.peakMemory[role] ? mib(load.peakMemory[role]) : '-');
	const block = [
		`Measured by \`test/e2e/queue-mode.e2e.test.ts\` on ${runtimeSpec(DEFAULT_RUNTIME).label}, ${figures.versions.postgres}, ${figures.versions.redis}: main + 1 webhook process + 2 workers (concurrency 10 each) on one shared 2-vCPU machine (load average ${figures.loadAverage.toFixed(1)} when the run started), ${new Date().toISOString().slice(0, 10)}; the whole e2e took ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`,
		'',
		'| What | Result |',
		'|---|---|',
		`| ${LOAD.deliveries} concurrent deliveries of ${fmt(LOAD.changes)} Coresignal changes | ${load.executions} executions, ${fmt(load.unique)}/${fmt(total)} items, ${fmt(total - load.unique)} lost, ${fmt(load.items - load.unique)} duplicated; ${load.seconds.toFixed(1)} s from the first delivery to the last finished execution; executions per worker: ${Object.entries(
			load.byWorker,
		)
			.map(([w, n]) => `${w} ${n}`)
			.join(', ')} |`,
		collect
			? `| Collect ${fmt(COLLECT.ids)} ids in ${COLLECT.executions} executions at once on 2 workers, one API key, the credential's default rate (each worker starts at 54/s) | ${fmt(collect.collected)} profiles in ${collect.seconds.toFixed(1)} s; executions per worker: ${Object.entries(
					collect.byWorker,
				)
					.map(([w, n]) => `${w} ${n}`)
					.join(
						', ',
					)}; the vendor (sandbox, 54/s) answered ${collect.tooManyRequests} requests with 429, each resent after its Retry-After while the workers slowed down; ${collect.failedItems} reached the user |`
			: '',
		`| Body of one delivery of ${fmt(LOAD.changes)} changes | ${Math.round(load.bodyBytes / 1024)} KiB (n8n's default N8N_PAYLOAD_SIZE_MAX: 16 MiB) |`,
		`| Start from nothing | PostgreSQL ${figures.start.postgres?.toFixed(1)} s, Redis ${figures.start.redis?.toFixed(1)} s, package install ${figures.start.install?.toFixed(1)} s, main ${figures.start.main?.toFixed(1)} s (migrations), webhook + workers ${figures.start.webhookAndWorkers?.toFixed(1)} s |`,
		`| Restart of every n8n process | main ${figures.restart.main?.toFixed(1)} s, then webhook + workers ${figures.restart.webhookAndWorkers?.toFixed(1)} s; every trigger still has exactly one registration |`,
		`| Peak memory during the load (PSS of each process with its children, sampled every 0.5 s) | main ${peak('main')}, webhook ${peak('webhook')}, worker 1 ${peak('worker 1')}, worker 2 ${peak('worker 2')}, PostgreSQL ${peak('postgres')}, Redis ${peak('redis')} |`,
		'',
		`Summary line of that run: \`queue mode: ${figures.cases.passed} cases, ${fmt(load.unique)}/${fmt(total)} items, ${fmt(total - load.unique)} lost\`.`,
	]
		.filter((line, index, all) => line !== '' || all[index - 1] !== '')
		.join('\n');
	writeBlocks(DOCS, { queue: block });
	process.stdout.write(`docs/running-at-scale.md figures updated from this run\n`);
}
