/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * `npm run bench:n8n`: each trigger against what a user would build instead, n8n's own Webhook node
 * (+ Split Out, since every body here is a list), inside a real n8n (the pinned runtime) with the
 * packed package installed. Measured: request sent → execution finished and saved (polled through
 * n8n's public API), and the n8n process's peak RSS over that window.
 *
 * Method: one n8n per variant (the trigger's, the Webhook workflow's and, for Coresignal, the
 * Webhook workflow + Edit Fields making the trigger's items), each started fresh for each run and
 * kept for all cases of that run, so one variant's garbage never lands in another's heap. Pairs
 * are interleaved (trigger, webhook; then webhook, trigger …); the Edit Fields comparison has
 * pairs of its own after them (ENVELOPE_PAIRS). Before each request the
 * kernel's RSS high-water of that n8n is reset (`/proc/<pid>/clear_refs` = 5) and its RSS read;
 * peak = high-water after the execution finished − RSS before. The n8n process's CPU time over the
 * same window is printed beside it (steadier than wall-clock time on a busy machine; no goal). Per case, a 50-element delivery checks
 * one item per element on both sides, then one full-size request per n8n is a warm-up, not counted. Executions are deleted after each request, so the database
 * does not grow between samples. The whole set runs `--runs` times (default 2) with fresh n8ns;
 * a goal is met only if it holds in every run. Where a trigger's extra time goes (n8n's flatted, per
 * entry of what it stores): bench/n8n-storage.ts.
 *
 *   npm run bench:n8n                     all cases, 5 pairs, 2 runs; writes bench/results.json
 *   npm run bench:n8n -- --smoke          tiny bodies, 1 pair, 1 run, nothing written
 *   npm run bench:n8n -- --pairs 7 --runs 3 coresignal-10k
 *   BENCH_PACKAGE_ROOT=/tmp/old npm run bench:n8n   a copy of package.json + dist/, e.g. the code before a change
 *   npm run bench:n8n -- --profile /tmp/prof --runs 1 --pairs 2 coresignal-100k
 *                                         each n8n runs with a CPU profiler (a .cpuprofile per n8n process in
 *                                         /tmp/prof/trigger and /tmp/prof/webhook, written when it stops); nothing written
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage } from '../e2e/community-package';
import { DEFAULT_RUNTIME, ensureRuntime, type Runtime } from '../e2e/install-runtime';
import { startN8n, type Execution, type N8n, type WorkflowJson } from '../e2e/n8n';
import { createSandboxCredentials, type CredentialRefs } from '../e2e/sandbox-credentials';
import { sandboxCredentialData } from '../dev/sandbox-credentials';
import { PATTERN_LIST } from '../nodes/ChartHop/trigger/description';
import { SECRET_QUERY } from '../nodes/ChartHop/trigger/auth';
import { URL_TOKEN_PARAMETER } from '../nodes/HumanSourcing/trigger/auth';
import { sandboxCredentials } from '../sandbox/credentials';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import type { Row, RunReport } from './runner';
import {
	argValue,
	benchPackageRoots,
	formatTable,
	machineInfo,
	median,
	MiB,
	RESULTS_FILE,
	saveEntry,
} from './runner';
import type { TriggerName } from './triggers';
import { elementsFor, TRIGGER_LABELS } from './triggers';

const PACKAGE = 'n8n-nodes-hr-signals';
const TIME_GOAL = 1.3;
const MEMORY_GOAL = 1.5;
const CHARTHOP_SECRET = 'bench-charthop-shared-secret-0123456789';

export interface E2eCase {
	id: string;
	trigger: TriggerName;
	size: number;
	smokeSize: number;
}

export const E2E_CASES: E2eCase[] = [
	{ id: 'coresignal-10k', trigger: 'coresignal', size: 10_000, smokeSize: 20 },
	{ id: 'coresignal-100k', trigger: 'coresignal', size: 100_000, smokeSize: 40 },
	{ id: 'humansourcing-5k', trigger: 'humansourcing', size: 5_000, smokeSize: 10 },
	{ id: 'charthop-1k', trigger: 'charthop', size: 1_000, smokeSize: 10 },
];

/**
 * The trigger; the Webhook node + Split Out (the goal's baseline); and for Coresignal, whose items
 * differ most from the change as sent, the same workflow + Edit Fields making the trigger's items.
 */
type Variant = 'trigger' | 'webhook' | 'envelope';

const variantsOf = (testCase: E2eCase): Variant[] =>
	testCase.trigger === 'coresignal' ? ['trigger', 'webhook', 'envelope'] : ['trigger', 'webhook'];

/**
 * Rounds of the trigger against the Edit Fields workflow, after the goal's pairs: apart from them,
 * since n8n is still busy for a while after that workflow's long runs, which would slow whichever
 * variant came next. Fewer than the goal's pairs: at 100,000 changes each of its runs takes half a minute.
 */
const ENVELOPE_PAIRS = 3;

interface Sample {
	ms: number;
	peakRssBytes: number;
	/** CPU time the n8n process used over the same window (all its threads). */
	cpuMs: number;
}

/**
 * Each trigger as a user adds it today: its default version with the defaults of that version
 * (Coresignal v2; Human Sourcing v3: the secret in the URL, Simplify on; ChartHop v3 with Manual
 * registration: the secret is the credential's Webhook Secret, sent back as ?secret=).
 */
function triggerNode(name: TriggerName): WorkflowJson['nodes'][number] {
	const position = [0, 0];
	const nodes: Record<TriggerName, WorkflowJson['nodes'][number]> = {
		coresignal: {
			name: TRIGGER_LABELS.coresignal,
			type: `${PACKAGE}.coresignalTrigger`,
			typeVersion: 2,
			position,
			parameters: { subscribeBy: 'ids', employeeIds: '100001, 100002, 100003' },
			credentials: { coresignalApi: { id: '', name: '' } },
		},
		humansourcing: {
			name: TRIGGER_LABELS.humansourcing,
			type: `${PACKAGE}.humanSourcingTrigger`,
			typeVersion: 3,
			position,
			parameters: {},
			credentials: { humanSourcingWebhookApi: { id: '', name: '' } },
		},
		charthop: {
			name: TRIGGER_LABELS.charthop,
			type: `${PACKAGE}.chartHopTrigger`,
			typeVersion: 3,
			position,
			parameters: {
				registration: 'manual',
				triggerOn: PATTERN_LIST,
				events: { pattern: [{ event: 'change.create.hire' }, { event: 'person.update' }] },
			},
			credentials: { chartHopApi: { id: '', name: '' } },
		},
	};
	return nodes[name];
}

/** What a user builds without this package: a Webhook node and Split Out on the body's list. */
function webhookWorkflow(path = 'bench-webhook'): WorkflowJson {
	return {
		name: 'Bench: Webhook + Split Out',
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				parameters: { httpMethod: 'POST', path, options: {} },
			},
			{
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body', options: {} },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] } },
	};
}

/**
 * What a user builds for the Coresignal Trigger's items without it: the Webhook workflow plus Edit
 * Fields writing the envelope from each change (one JSON expression per item, the quicker of its
 * two modes). Informational: the goal is against the Webhook workflow alone.
 */
function envelopeWorkflow(): WorkflowJson {
	const webhook = webhookWorkflow(ENVELOPE_PATH);
	const envelope =
		"={{ { source: 'coresignal', type: 'employee.' + $json.status, entity: { type: 'employee', id: String($json.member_id) }, changedFields: $json.changed_fields ?? [], occurredAt: null, receivedAt: $now.toISO(), subscription: {}, data: null } }}";
	return {
		name: 'Bench: Webhook + Split Out + Edit Fields',
		nodes: [
			...webhook.nodes,
			{
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [440, 0],
				parameters: { mode: 'raw', jsonOutput: envelope, options: {} },
			},
		],
		connections: {
			...webhook.connections,
			'Split Out': { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] },
		},
	};
}

const ENVELOPE_PATH = 'bench-envelope';

/** One n8n with workflows whose webhook URL (with its secret) is known. */
interface Target {
	n8n: N8n;
	/** Workflow id and URL per trigger (the webhook variant has one workflow for every case). */
	endpoint(trigger: TriggerName): {
		workflowId: string;
		url: string;
		headers: Record<string, string>;
	};
}

async function triggerTarget(n8n: N8n, sandbox: Sandbox, refs: CredentialRefs): Promise<Target> {
	const endpoints = {} as Record<TriggerName, ReturnType<Target['endpoint']>>;
	for (const name of Object.keys(TRIGGER_LABELS) as TriggerName[]) {
		const workflow = await n8n.importWorkflow(
			{ name: `Bench: ${TRIGGER_LABELS[name]}`, nodes: [triggerNode(name)], connections: {} },
			refs,
		);
		await n8n.activate(workflow.id);
		const base = n8n.webhookUrl(workflow.nodes[0].webhookId!);
		if (name === 'coresignal') {
			// Only Coresignal learns the URL's token (static data keeps its hash): read it from the sandbox.
			const subscription = sandbox.coresignal.store
				.all()
				.find((candidate) => candidate.webhookUrl.startsWith(base));
			if (!subscription) throw new Error(`the sandbox holds no subscription for ${base}`);
			endpoints[name] = { workflowId: workflow.id, url: subscription.webhookUrl, headers: {} };
		} else if (name === 'humansourcing') {
			const { secret } = sandboxCredentials.humansourcing;
			endpoints[name] = {
				workflowId: workflow.id,
				url: `${base}?${URL_TOKEN_PARAMETER}=${secret}`,
				headers: {},
			};
		} else {
			endpoints[name] = {
				workflowId: workflow.id,
				url: `${base}?${SECRET_QUERY}=${CHARTHOP_SECRET}`,
				headers: {},
			};
		}
	}
	return { n8n, endpoint: (name) => endpoints[name] };
}

/** The sandbox credentials; ChartHop's with a Webhook Secret, which Manual registration needs. */
async function benchCredentials(n8n: N8n, sandbox: Sandbox): Promise<CredentialRefs> {
	const refs = await createSandboxCredentials(n8n, sandbox);
	const { name, data } = sandboxCredentialData(sandbox).chartHopApi;
	const chartHop = await n8n.createCredential(`${name}, Webhook Secret`, 'chartHopApi', {
		...data,
		webhookSecret: CHARTHOP_SECRET,
	});
	return { ...refs, chartHopApi: { id: chartHop.id, name: chartHop.name } };
}

async function webhookTarget(n8n: N8n, json = webhookWorkflow()): Promise<Target> {
	const workflow = await n8n.importWorkflow(json);
	await n8n.activate(workflow.id);
	const path = String((json.nodes[0].parameters as { path?: string }).path);
	const url = `${n8n.baseUrl}/webhook/${path}`;
	return { n8n, endpoint: () => ({ workflowId: workflow.id, url, headers: {} }) };
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
		readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}

/**
 * CPU time (user + system, all threads) the process has used, in ms: less sensitive to a busy
 * machine than wall-clock time, which also counts the time n8n waited for a CPU. 10 ms resolution.
 */
function cpuMsOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ, 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * n8n's public API (only idempotent calls here), waiting out what a large execution does to n8n:
 * while SQLite writes it, n8n's 2-second database ping can time out and n8n answers 503 until the
 * next one; and while it serialises it, the event loop is blocked long enough for a pooled
 * connection to be reset.
 */
async function api<T>(n8n: N8n, method: string, path: string): Promise<T> {
	const deadline = Date.now() + 600_000;
	for (;;) {
		try {
			return await n8n.api<T>(method, path);
		} catch (error) {
			const transient = /answered 503|fetch failed/.test((error as Error).message);
			if (!transient || Date.now() > deadline) throw error;
			await sleep(100);
		}
	}
}

/** The first execution of a workflow after `afterId` once it has finished (and is saved). */
async function finishedExecution(
	n8n: N8n,
	workflowId: string,
	afterId: number,
): Promise<ExecutionSummary> {
	const deadline = Date.now() + 600_000;
	for (;;) {
		const { data } = await api<{ data: ExecutionSummary[] }>(
			n8n,
			'GET',
			`/executions?workflowId=${workflowId}&limit=1`,
		);
		const latest = data[0];
		if (latest && Number(latest.id) > afterId && latest.stoppedAt !== null) {
			if (latest.status !== 'success')
				throw new Error(`execution ${latest.id} ended ${latest.status}`);
			return latest;
		}
		if (Date.now() > deadline) {
			throw new Error(`no finished execution of workflow ${workflowId} after 600 s`);
		}
		await sleep(20);
	}
}

async function lastExecutionId(n8n: N8n, workflowId: string): Promise<number> {
	const { data } = await api<{ data: ExecutionSummary[] }>(
		n8n,
		'GET',
		`/executions?workflowId=${workflowId}&limit=1`,
	);
	return Number(data[0]?.id ?? 0);
}

/**
 * POSTs a body on a fresh connection (no keep-alive pool: a pooled socket that n8n closes as
 * idle while a large body is being written would fail the request with ECONNRESET).
 */
async function post(url: string, headers: Record<string, string>, body: Buffer): Promise<void> {
	const { status, answer } = await new Promise<{ status: number; answer: string }>(
		(resolvePost, reject) => {
			const request = httpRequest(
				url,
				{
					method: 'POST',
					agent: false,
					headers: {
						'content-type': 'application/json',
						'content-length': String(body.length),
						...headers,
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolvePost({
							status: response.statusCode ?? 0,
							answer: Buffer.concat(chunks).toString('utf8'),
						}),
					);
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(body);
		},
	);
	if (status < 200 || status >= 300) {
		throw new Error(`${url} answered ${status}: ${answer.slice(0, 300)}`);
	}
}

/** The items of the last node of an execution, read back from n8n (once per case: not timed). */
async function outputItems(n8n: N8n, executionId: string): Promise<Array<{ json: unknown }>> {
	const execution = await api<Execution>(n8n, 'GET', `/executions/${executionId}?includeData=true`);
	const runData = execution.data?.resultData.runData ?? {};
	const last = execution.data?.resultData.lastNodeExecuted ?? '';
	return (runData[last]?.[0]?.data?.main[0] ?? []) as Array<{ json: unknown }>;
}

interface ExecutionSummary {
	id: string;
	status: string;
	stoppedAt: string | null;
}

/** Bodies made so far in this process: numbers ChartHop's event ids apart. */
let bodiesMade = 0;

/**
 * The bodies of one case. ChartHop's trigger drops an event id it has already seen (its repeat
 * window), so every ChartHop request gets event ids no earlier request had (also not the check
 * delivery's); the other bodies are sent as they are.
 */
class Deliveries {
	readonly bytes: number;

	constructor(
		readonly trigger: TriggerName,
		private readonly text: string,
	) {
		this.bytes = Buffer.byteLength(text);
	}

	next(): Buffer {
		if (this.trigger !== 'charthop') return Buffer.from(this.text);
		bodiesMade++;
		return Buffer.from(this.text.replaceAll('"id":"ev_', `"id":"ev_${bodiesMade}_`));
	}
}

function deliveries(trigger: TriggerName, size: number): Deliveries {
	return new Deliveries(trigger, JSON.stringify(elementsFor(trigger, size)));
}

/** Sends one body and waits until n8n has finished and saved the execution it started. */
async function measure(target: Target, trigger: TriggerName, body: Buffer): Promise<Sample> {
	const { n8n } = target;
	const pid = n8n.pid;
	if (!pid) throw new Error('n8n is not running');
	const { workflowId, url, headers } = target.endpoint(trigger);
	const lastId = await lastExecutionId(n8n, workflowId);
	// A settled process: let the previous sample's garbage be collected before its high-water is reset.
	await sleep(500);
	writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const rssBefore = procStatus(pid, 'VmRSS');
	const cpuBefore = cpuMsOf(pid);
	const started = performance.now();
	await post(url, headers, body);
	const finished = await finishedExecution(n8n, workflowId, lastId);
	const ms = performance.now() - started;
	const cpuMs = cpuMsOf(pid) - cpuBefore;
	const peakRssBytes = Math.max(0, procStatus(pid, 'VmHWM') - rssBefore);
	await api(n8n, 'DELETE', `/executions/${finished.id}`);
	return { ms, peakRssBytes, cpuMs };
}

/** Sends one body untimed; returns the items the workflow's last node emitted. */
async function checkRun(
	target: Target,
	trigger: TriggerName,
	body: Buffer,
): Promise<Array<{ json: unknown }>> {
	const { n8n } = target;
	const { workflowId, url, headers } = target.endpoint(trigger);
	const lastId = await lastExecutionId(n8n, workflowId);
	await post(url, headers, body);
	const finished = await finishedExecution(n8n, workflowId, lastId);
	const items = await outputItems(n8n, finished.id);
	await api(n8n, 'DELETE', `/executions/${finished.id}`);
	return items;
}

/**
 * Per variant, and the trigger's samples of the rounds against the Edit Fields workflow
 * (`besideEnvelope`); those two stay empty for cases that do not run it.
 */
type Samples = Record<Variant | 'besideEnvelope', Sample[]>;

const emptySamples = (): Samples => ({
	trigger: [],
	webhook: [],
	envelope: [],
	besideEnvelope: [],
});

interface CaseResult {
	id: string;
	label: string;
	bytes: number;
	samples: Samples;
	/** Why the case could not be measured in this run (the other cases still are). */
	error?: string;
	/** JSON bytes per output item (`item.json`), from a 50-element check delivery. */
	itemBytes?: Partial<Record<Variant, number>>;
}

function jsonBytesPerItem(items: Array<{ json: unknown }>): number {
	const total = items.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item.json)), 0);
	return items.length ? total / items.length : 0;
}

/**
 * A fresh n8n with the package, in its own user folder, which is also its HOME: n8n writes the
 * editor's node types to ~/.cache/n8n/public on every start, and another n8n starting meanwhile
 * (on a shared machine) would cut the file this one is serving. A failed start is retried twice.
 */
async function startFresh(
	runtime: Runtime,
	tarball: string,
	log: (line: string) => void,
	profileDir?: string,
): Promise<N8n> {
	for (let attempt = 1; ; attempt++) {
		const userFolder = await mkdtemp(join(tmpdir(), 'hr-signals-bench-n8n-'));
		userFolders.push(userFolder);
		try {
			return await startN8n({
				runtime,
				tarball,
				userFolder,
				env: {
					HOME: userFolder,
					N8N_PAYLOAD_SIZE_MAX: '64',
					...(profileDir
						? {
								NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.cjs')}`,
								HR_SIGNALS_CPU_PROF_DIR: profileDir,
							}
						: {}),
				},
			});
		} catch (error) {
			const cause = (error as Error & { cause?: Error }).cause;
			log(
				`  n8n did not start (attempt ${attempt}): ${(error as Error).message} ${cause?.message ?? ''}`,
			);
			if (attempt === 3) throw error;
		}
	}
}

const userFolders: string[] = [];

export async function oneRun(
	runtime: Runtime,
	tarball: string,
	cases: E2eCase[],
	options: { smoke: boolean; pairs: number; profileDir?: string },
	log: (line: string) => void,
): Promise<CaseResult[]> {
	const profileDir = (variant: Variant) =>
		options.profileDir ? join(options.profileDir, variant) : undefined;
	const sandbox = await startSandbox();
	const started: N8n[] = [];
	try {
		const triggerN8n = await startFresh(runtime, tarball, log, profileDir('trigger'));
		started.push(triggerN8n);
		const webhookN8n = await startFresh(runtime, tarball, log, profileDir('webhook'));
		started.push(webhookN8n);
		const targets: Partial<Record<Variant, Target>> = {
			trigger: await triggerTarget(
				triggerN8n,
				sandbox,
				await benchCredentials(triggerN8n, sandbox),
			),
			webhook: await webhookTarget(webhookN8n),
		};
		if (cases.some((testCase) => variantsOf(testCase).includes('envelope'))) {
			const envelopeN8n = await startFresh(runtime, tarball, log, profileDir('envelope'));
			started.push(envelopeN8n);
			targets.envelope = await webhookTarget(envelopeN8n, envelopeWorkflow());
		}
		const target = (variant: Variant) => targets[variant]!;
		const results: CaseResult[] = [];
		for (const testCase of cases) {
			const size = options.smoke ? testCase.smokeSize : testCase.size;
			const bodies = deliveries(testCase.trigger, size);
			const label = `${TRIGGER_LABELS[testCase.trigger]}, ${size.toLocaleString('en-US')} elements (${(bodies.bytes / MiB).toFixed(1)} MiB)`;
			try {
				log(`  ${label}`);
				// One item per element on both sides, checked on a small delivery (reading back the
				// items of a large one costs n8n more than the run), which also gives bytes per item.
				const sample = deliveries(testCase.trigger, 50);
				const variants = variantsOf(testCase);
				const bytes: Partial<Record<Variant, number>> = {};
				for (const variant of variants) {
					const items = await checkRun(target(variant), testCase.trigger, sample.next());
					if (items.length !== 50) {
						throw new Error(`${variant} emitted ${items.length} items for 50 elements`);
					}
					bytes[variant] = jsonBytesPerItem(items);
				}
				// Warm-up at full size, not counted.
				for (const variant of variants) {
					await measure(target(variant), testCase.trigger, bodies.next()).catch((error: Error) => {
						throw new Error(`${variant}: ${error.message}`, { cause: error.cause });
					});
				}
				const samples = emptySamples();
				const rounds = async (
					count: number,
					[first, second]: [Variant, Variant],
					into: (variant: Variant) => Sample[],
				) => {
					for (let pair = 0; pair < count; pair++) {
						for (const variant of pair % 2 === 0 ? [first, second] : [second, first]) {
							const measured = await measure(target(variant), testCase.trigger, bodies.next());
							into(variant).push(measured);
							log(
								`    pair ${pair + 1} ${variant.padEnd(8)} ${measured.ms.toFixed(0).padStart(6)} ms  +${(measured.peakRssBytes / MiB).toFixed(0)} MiB  cpu ${measured.cpuMs.toFixed(0)} ms`,
							);
						}
					}
				};
				await rounds(options.pairs, ['trigger', 'webhook'], (variant) => samples[variant]);
				if (variants.includes('envelope')) {
					await rounds(
						Math.min(options.pairs, ENVELOPE_PAIRS),
						['trigger', 'envelope'],
						(variant) => (variant === 'trigger' ? samples.besideEnvelope : samples.envelope),
					);
				}
				results.push({ id: testCase.id, label, bytes: bodies.bytes, samples, itemBytes: bytes });
			} catch (error) {
				const cause = (error as Error & { cause?: Error }).cause;
				const message = `${(error as Error).message.split('\n')[0]}${cause ? ` (${cause.message})` : ''}`;
				log(`    failed: ${message}`);
				results.push({
					id: testCase.id,
					label,
					bytes: bodies.bytes,
					samples: emptySamples(),
					error: message,
				});
			}
		}
		return results;
	} finally {
		for (const n8n of started) await n8n.stop();
		await sandbox.close();
		for (const folder of userFolders.splice(0)) await rm(folder, { recursive: true, force: true });
	}
}

interface Spread {
	median: number;
	min: number;
	max: number;
}

function spread(values: number[]): Spread {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The trigger against the Webhook workflow that makes the same items with Edit Fields. */
function envelopeFigures(samples: Samples) {
	const envelopeTime = spread(samples.envelope.map((sample) => sample.ms));
	const envelopeMemory = spread(samples.envelope.map((sample) => sample.peakRssBytes / MiB));
	const triggerTime = spread(samples.besideEnvelope.map((sample) => sample.ms));
	const triggerMemory = spread(samples.besideEnvelope.map((sample) => sample.peakRssBytes / MiB));
	return {
		time: envelopeTime,
		memory: envelopeMemory,
		triggerTime,
		triggerMemory,
		timeRatio: triggerTime.median / envelopeTime.median,
		memoryRatio: Math.max(1, triggerMemory.median) / Math.max(1, envelopeMemory.median),
	};
}

/** Rows for one case over all runs: the ratio of each run, met only if every run meets it. */
function caseRows(runs: CaseResult[]): Row[] {
	const label = runs[0].label;
	const failed = runs.find((run) => run.error);
	if (failed) {
		return [
			{
				benchmark: 'n8n',
				case: label,
				metric: `could not be measured: ${failed.error}`,
				value: Number.NaN,
				unit: '×',
				goal: `≤ ${TIME_GOAL}× time, ≤ ${MEMORY_GOAL}× memory`,
				met: false,
			},
		];
	}
	const perRun = runs.map((run) => {
		const time = {
			trigger: spread(run.samples.trigger.map((sample) => sample.ms)),
			webhook: spread(run.samples.webhook.map((sample) => sample.ms)),
		};
		const memory = {
			trigger: spread(run.samples.trigger.map((sample) => sample.peakRssBytes / MiB)),
			webhook: spread(run.samples.webhook.map((sample) => sample.peakRssBytes / MiB)),
		};
		const cpu = {
			trigger: spread(run.samples.trigger.map((sample) => sample.cpuMs)),
			webhook: spread(run.samples.webhook.map((sample) => sample.cpuMs)),
		};
		return {
			time,
			memory,
			cpu,
			timeRatio: time.trigger.median / time.webhook.median,
			cpuRatio: cpu.trigger.median / Math.max(1, cpu.webhook.median),
			// A peak under 1 MiB is noise: it counts as 1 MiB on either side.
			memoryRatio: Math.max(1, memory.trigger.median) / Math.max(1, memory.webhook.median),
			itemBytes: run.itemBytes,
			envelope: run.samples.envelope.length ? envelopeFigures(run.samples) : undefined,
		};
	});
	const runsText = (pick: (run: (typeof perRun)[number]) => number) =>
		perRun.map((run) => `${pick(run).toFixed(2)}×`).join(', ');
	const worst = (pick: (run: (typeof perRun)[number]) => number) => Math.max(...perRun.map(pick));
	const detail = { runs: perRun, samples: runs.map((run) => run.samples) };
	const fmt = (value: Spread, unit: string) =>
		`${value.median.toFixed(0)} ${unit} (${value.min.toFixed(0)}–${value.max.toFixed(0)})`;
	const rows: Row[] = [
		{
			benchmark: 'n8n',
			case: label,
			metric: `request → execution saved, trigger / Webhook + Split Out (runs: ${runsText((run) => run.timeRatio)})`,
			value: worst((run) => run.timeRatio),
			runs: perRun.map((run) => run.timeRatio),
			unit: '×',
			goal: `≤ ${TIME_GOAL}× in every run`,
			met: perRun.every((run) => run.timeRatio <= TIME_GOAL),
			detail,
		},
		{
			benchmark: 'n8n',
			case: label,
			metric: `n8n peak RSS growth, trigger / Webhook + Split Out (runs: ${runsText((run) => run.memoryRatio)})`,
			value: worst((run) => run.memoryRatio),
			runs: perRun.map((run) => run.memoryRatio),
			unit: '×',
			goal: `≤ ${MEMORY_GOAL}× in every run`,
			met: perRun.every((run) => run.memoryRatio <= MEMORY_GOAL),
		},
	];
	rows.push({
		benchmark: 'n8n',
		case: label,
		metric: `n8n CPU time, trigger / Webhook + Split Out (runs: ${runsText((run) => run.cpuRatio)})`,
		value: worst((run) => run.cpuRatio),
		unit: '×',
	});
	perRun.forEach((run, index) => {
		rows.push(
			{
				benchmark: 'n8n',
				case: label,
				metric: `run ${index + 1}: time, trigger vs webhook (median, min–max)`,
				value: run.time.trigger.median,
				unit: 'ms',
				detail: { text: `${fmt(run.time.trigger, 'ms')} vs ${fmt(run.time.webhook, 'ms')}` },
			},
			{
				benchmark: 'n8n',
				case: label,
				metric: `run ${index + 1}: peak RSS growth, trigger vs webhook (median, min–max)`,
				value: run.memory.trigger.median,
				unit: 'MiB',
				detail: { text: `${fmt(run.memory.trigger, 'MiB')} vs ${fmt(run.memory.webhook, 'MiB')}` },
			},
			{
				benchmark: 'n8n',
				case: label,
				metric: `run ${index + 1}: n8n CPU time, trigger vs webhook (median, min–max)`,
				value: run.cpu.trigger.median,
				unit: 'ms',
				detail: { text: `${fmt(run.cpu.trigger, 'ms')} vs ${fmt(run.cpu.webhook, 'ms')}` },
			},
		);
	});
	const envelopes = perRun.flatMap((run) => (run.envelope ? [run.envelope] : []));
	if (envelopes.length === perRun.length) {
		const envelopeRuns = (pick: (figures: (typeof envelopes)[number]) => number) => ({
			runs: envelopes.map(pick),
			text: envelopes.map((figures) => `${pick(figures).toFixed(2)}×`).join(', '),
		});
		const time = envelopeRuns((figures) => figures.timeRatio);
		const memory = envelopeRuns((figures) => figures.memoryRatio);
		rows.push(
			{
				benchmark: 'n8n',
				case: label,
				metric: `request → execution saved, trigger / Webhook + Split Out + Edit Fields making the same items (runs: ${time.text})`,
				value: Math.max(...time.runs),
				runs: time.runs,
				unit: '×',
			},
			{
				benchmark: 'n8n',
				case: label,
				metric: `n8n peak RSS growth, trigger / Webhook + Split Out + Edit Fields making the same items (runs: ${memory.text})`,
				value: Math.max(...memory.runs),
				runs: memory.runs,
				unit: '×',
			},
			...envelopes.map((figures, index) => ({
				benchmark: 'n8n',
				case: label,
				metric: `run ${index + 1}: time and peak RSS growth, trigger vs Webhook + Split Out + Edit Fields (median, min–max)`,
				value: figures.triggerTime.median,
				unit: 'ms',
				detail: {
					text: `${fmt(figures.triggerTime, 'ms')}, ${fmt(figures.triggerMemory, 'MiB')} vs ${fmt(figures.time, 'ms')}, ${fmt(figures.memory, 'MiB')}`,
				},
			})),
		);
	}
	const bytes = perRun[0].itemBytes;
	if (bytes?.trigger !== undefined && bytes.webhook !== undefined) {
		rows.push({
			benchmark: 'n8n',
			case: label,
			metric: 'JSON bytes per output item, trigger / Split Out',
			value: bytes.trigger / bytes.webhook,
			unit: '×',
			detail: bytes,
		});
	}
	return rows;
}

/** Rows as the README shows them: the ratio rows carry the medians and ranges in words. */
export function describeRow(row: Row): string {
	const text = (row.detail as { text?: string } | undefined)?.text;
	return text ?? '';
}

/** The start of a case's row label: the trigger and the size ("Coresignal Trigger, 10,000 elements"). */
function caseLabelPrefix(testCase: E2eCase): string {
	return `${TRIGGER_LABELS[testCase.trigger]}, ${testCase.size.toLocaleString('en-US')} elements`;
}

function argText(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index >= 0 ? args[index + 1] : undefined;
}

async function main() {
	const args = process.argv.slice(2);
	const smoke = args.includes('--smoke');
	const pairs = argValue(args, '--pairs', smoke ? 1 : 5);
	const runs = argValue(args, '--runs', smoke ? 1 : 2);
	const profileDir = argText(args, '--profile');
	const valued = new Set(['--pairs', '--runs', '--profile']);
	const names = args.filter(
		(arg, index) => !arg.startsWith('--') && !valued.has(args[index - 1] ?? ''),
	);
	const cases = E2E_CASES.filter((testCase) => names.length === 0 || names.includes(testCase.id));
	if (cases.length === 0) {
		throw new Error(
			`No case named ${names.join(', ')}; known: ${E2E_CASES.map((c) => c.id).join(', ')}`,
		);
	}
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const runtime = await ensureRuntime(log);
	const packDir = await mkdtemp(join(tmpdir(), 'hr-signals-bench-pack-'));
	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	try {
		const tarball = await packPackage(packDir, benchPackageRoots()?.[0]);
		const allRuns: CaseResult[][] = [];
		for (let run = 0; run < runs; run++) {
			log(`run ${run + 1} of ${runs} (${runtime.label}, ${pairs} pairs)`);
			allRuns.push(await oneRun(runtime, tarball, cases, { smoke, pairs, profileDir }, log));
		}
		const rows = cases.flatMap((_, index) => caseRows(allRuns.map((run) => run[index])));
		log(`\n${formatTable(rows)}`);
		for (const row of rows) {
			const text = describeRow(row);
			if (text) log(`  ${row.case} · ${row.metric}: ${text}`);
		}
		machine.loadAverageAtEnd = machineInfo().loadAverage;
		log(`\nMachine: ${JSON.stringify(machine)}`);
		if (profileDir) log(`CPU profiles in ${profileDir}/{trigger,webhook}`);
		if (!smoke && !profileDir) {
			const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport;
			// The pinned runtime's figures are `n8n` (the README's); another runtime's are kept beside them.
			const name = runtime.name === DEFAULT_RUNTIME ? 'n8n' : `n8n ${runtime.label}`;
			const entry = {
				name,
				title: `In a real n8n (${runtime.label}): each trigger vs the Webhook node + Split Out`,
				rows,
				notes: [
					`${runs} runs, each with a fresh n8n process per variant (the trigger's, the Webhook workflow's and, for Coresignal, the Webhook workflow + Edit Fields making the trigger's items) and ${pairs} interleaved pairs per case (trigger and Webhook workflow), then up to ${ENVELOPE_PAIRS} pairs of the trigger and the Edit Fields workflow, after one warm-up request each; medians per run, ranges in results.json. Time: request sent → execution finished and saved (n8n's public API polled every 20 ms). Memory: the n8n process's RSS high-water during that window minus its RSS just before (high-water reset through /proc/<pid>/clear_refs). CPU: the n8n process's user + system time over the same window (/proc/<pid>/stat), for information: on a busy machine it is steadier than wall-clock time. A goal is met only if it holds in every run.`,
				],
				startedAt,
				machine,
			};
			// A run of some cases keeps the rows of the others (measured by an earlier invocation).
			const measured = new Set(rows.map((row) => row.case));
			const earlier = report.benchmarks.find((benchmark) => benchmark.name === name);
			const kept = (earlier?.rows ?? []).filter((row) => !measured.has(row.case));
			const keptCases = [...new Set(kept.map((row) => row.case))];
			if (keptCases.length) {
				entry.notes.push(
					`${keptCases.join('; ')}: measured by the previous invocation (${String((earlier as { startedAt?: string }).startedAt ?? '')}), kept.`,
				);
			}
			entry.rows = E2E_CASES.flatMap((testCase) =>
				[...kept, ...rows].filter((row) => row.case.startsWith(caseLabelPrefix(testCase))),
			);
			saveEntry(entry);
		}
	} finally {
		await rm(packDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	// Ctrl+C or a kill still stops both n8ns (their 'exit' handlers end the process groups).
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => process.exit(130));
	main().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	});
}
