/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { vendorUrls } from '../sandbox/client';
import { CORESIGNAL_API_KEY, CORESIGNAL_JWT } from '../sandbox/credentials';
import type { WorkflowJson } from '../dev/harness';
import { Harness } from '../dev/harness';
import { coresignalWorkflow, NODE } from '../dev/coresignal-workflow';
import { OFFICIAL_NODE_TYPE, OfficialCoresignalCollect } from './official-coresignal';
import type { Benchmark, BenchOptions, BenchResult, Row } from './runner';
import { benchPackageRoots, median } from './runner';
import { WINDOW_MARGIN } from '../nodes/shared/throttle';
import type { SandboxProcess } from '../dev/sandbox-process';
import { startSandboxProcess } from '../dev/sandbox-process';

/**
 * Employee › Collect against the sandbox enforcing Coresignal's 54 collects per second (sliding
 * window, 429 + Retry-After above it) at 5, 50, 200 and 500 ms of latency, on an idle machine and
 * while two processes burn a CPU each: the rate reached as a fraction of the limit, the 429s it
 * caused, and the rate against Coresignal's own node (one request at a time, bench/official-coresignal.ts).
 * Runs are interleaved pairs (ours, official, ours, official …) with a forced GC before each;
 * `--pairs=N` runs N pairs per case instead of the scale's (a quicker look, e.g. on a busy machine).
 */

const LIMIT = 54;
const RATE_GOAL = 0.9;
const PEER_GOAL = 2.5;
export const SCALE = {
	full: { ids: 1000, latencies: [5, 50, 200, 500], loads: ['idle', 'busy'] as Load[], pairs: 5 },
	smoke: { ids: 60, latencies: [5, 50], loads: ['idle'] as Load[], pairs: 1 },
};
type Load = 'idle' | 'busy';
const BURNERS = 2;

/** The official node runs one request at a time: enough ids for a steady figure, not more. */
function peerIds(latencyMs: number, ids: number): number {
	return Math.min(ids, 200, Math.max(20, Math.round(4000 / latencyMs)));
}

const forceGc: () => void = (() => {
	setFlagsFromString('--expose_gc');
	return runInNewContext('gc') as () => void;
})();

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Processes that keep one CPU each busy until killed (by their own id). */
function startBurners(count: number): ChildProcess[] {
	return Array.from({ length: count }, () =>
		spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
}

function stopBurners(burners: ChildProcess[]) {
	for (const burner of burners) if (burner.pid !== undefined) process.kill(burner.pid);
}

const peerWorkflow = (): WorkflowJson => ({
	nodes: [
		{
			name: NODE,
			type: OFFICIAL_NODE_TYPE,
			parameters: {},
			credentials: { coresignalApi: { id: 'official', name: 'Coresignal' } },
		},
	],
	connections: {},
});

interface Run {
	ratePerSecond: number;
	tooMany: number;
	complete: boolean;
	/** How many ids were collected before the run failed, if it did. */
	failedAfter?: number;
}

async function timedRun(
	harness: Harness,
	sandbox: SandboxProcess,
	workflow: WorkflowJson,
	count: number,
): Promise<Run> {
	const input = Array.from({ length: count }, (_, i) => ({ id: 100_001 + i }));
	// Let the previous run's window pass, as separate executions would.
	await pause(1100);
	await sandbox.client.clearRequests();
	forceGc();
	const started = performance.now();
	const result = await harness.runWorkflow(workflow, { input });
	const seconds = (performance.now() - started) / 1000;
	const requests = await sandbox.client.requests();
	const tooMany = requests.filter((request) => request.status === 429).length;
	const items = result.nodes[NODE]?.outputs[0] ?? [];
	const complete =
		result.status === 'success' &&
		items.length === count &&
		items.every((item, i) => item.json.id === input[i].id);
	if (complete) return { ratePerSecond: count / seconds, tooMany, complete };
	const served = requests.filter((request) => request.status === 200).length;
	return { ratePerSecond: served / seconds, tooMany, complete, failedAfter: served };
}

const range = (values: number[], digits = 1) =>
	`${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

export const collectRate: Benchmark = {
	name: 'collect-rate',
	title: `Employee › Collect under a ${LIMIT} req/s limit, at any latency, vs the official node`,
	async run(options: BenchOptions): Promise<BenchResult> {
		const scale = SCALE[options.scale];
		const pairsArg = process.argv.find((arg) => arg.startsWith('--pairs='));
		const pairs = pairsArg ? Number(pairsArg.slice('--pairs='.length)) : scale.pairs;
		const sandbox = await startSandboxProcess({
			coresignal: { employeeCount: scale.ids, credits: 1_000_000_000 },
			rateLimits: { coresignal: { collect: { requests: LIMIT, windowMs: 1000 } } },
		});
		const baseUrl = vendorUrls(sandbox.url).coresignal;
		const harness = await Harness.start({
			packageRoots: benchPackageRoots(),
			credentials: {
				coresignalApi: { apiKey: CORESIGNAL_API_KEY, baseUrl, maxRequestsPerSecond: 0 },
				coresignalJwtApi: { token: CORESIGNAL_JWT, baseUrl, maxRequestsPerSecond: 0 },
			},
		});
		harness.types.registerNodeType(OFFICIAL_NODE_TYPE, new OfficialCoresignalCollect());
		const ours = coresignalWorkflow({ resource: 'employee', operation: 'collect' });
		const rows: Row[] = [];
		try {
			for (const load of scale.loads) {
				const burners = load === 'busy' ? startBurners(BURNERS) : [];
				try {
					for (const latencyMs of scale.latencies) {
						await sandbox.client.configure({ latencyMs });
						const oursRuns: Run[] = [];
						const peerRuns: Run[] = [];
						for (let pair = 0; pair < pairs; pair++) {
							oursRuns.push(await timedRun(harness, sandbox, ours, scale.ids));
							// The official node is compared on the idle machine only (its rate is latency-bound).
							if (load === 'idle') {
								peerRuns.push(
									await timedRun(harness, sandbox, peerWorkflow(), peerIds(latencyMs, scale.ids)),
								);
							}
						}
						rows.push(...rowsFor(load, latencyMs, scale.ids, oursRuns, peerRuns));
					}
				} finally {
					stopBurners(burners);
				}
			}
		} finally {
			await harness.close();
			await sandbox.close();
		}
		return {
			rows,
			notes: [
				`Each case is ${pairs} interleaved pairs (ours, official, …; ours alone under load), a forced GC before each run, 1.1 s between runs so the vendor's window empties; medians with min–max in the detail.`,
				`The node keeps calls in flight for the rate times the latency it measures (+20%, at most 128, 4 before the first answer) and leaves them to the throttle: slots on a fixed grid, and a log of actual departures that never lets more than the limit leave within one window, the vendor's widened by ${WINDOW_MARGIN.base * 100}% plus how late the throttle's timers have fired lately (a starved process sends calls late by about as much; at most ${WINDOW_MARGIN.max + 1} times the window). A 429 would slow the key by 30% and pause it for the Retry-After (each clean second gives 5% back), so any 429 here also costs rate.`,
				"The sandbox runs in a process of its own (a vendor does not share n8n's event loop) and counts a request against the limit when it arrives, before its latency.",
				`"Busy" runs ${BURNERS} processes that each keep a CPU busy for the whole case, on top of whatever else the machine runs.`,
				'The official node stops at its first 429 (no throttle, no retry): where it failed, its figure is the rate of the requests it got through before that.',
			],
		};
	},
};

function rowsFor(load: Load, latencyMs: number, ids: number, ours: Run[], peer: Run[]): Row[] {
	const caseName = `${ids.toLocaleString('en-US')} ids, ${latencyMs} ms latency, ${load === 'busy' ? `${BURNERS} CPU burners` : 'idle machine'}`;
	const rates = ours.map((run) => run.ratePerSecond);
	const rate = median(rates);
	const tooMany = ours.map((run) => run.tooMany);
	const complete = ours.every((run) => run.complete);
	const rows: Row[] = [
		{
			benchmark: 'collect-rate',
			case: caseName,
			metric: 'achieved rate / limit',
			value: rate / LIMIT,
			unit: 'ratio',
			goal: `≥ ${RATE_GOAL}× and ≤ 1×`,
			met: rate / LIMIT >= RATE_GOAL && Math.max(...rates) / LIMIT <= 1,
			detail: { ratesPerSecond: rates, range: range(rates) },
		},
		{
			benchmark: 'collect-rate',
			case: caseName,
			metric: '429 answers (all runs)',
			value: tooMany.reduce((sum, n) => sum + n, 0),
			unit: '',
			goal: '= 0',
			met: tooMany.every((n) => n === 0),
			detail: { perRun: tooMany },
		},
		{
			benchmark: 'collect-rate',
			case: caseName,
			metric: 'items in order, one per id',
			value: complete ? 1 : 0,
			unit: '',
			goal: '= 1',
			met: complete,
		},
	];
	if (peer.length > 0) {
		const peerRates = peer.map((run) => run.ratePerSecond);
		const peerRate = median(peerRates);
		const failed = peer.filter((run) => !run.complete);
		const ratio = rate / peerRate;
		rows.push({
			benchmark: 'collect-rate',
			case: caseName,
			metric: '× official node (sequential)',
			value: ratio,
			unit: '×',
			goal: `≥ ${PEER_GOAL}×, or it fails and we do not`,
			met: ratio >= PEER_GOAL || (failed.length === peer.length && complete),
			detail: {
				officialIds: peerIds(latencyMs, ids),
				officialRatesPerSecond: peerRates,
				officialFailedRuns: failed.length,
				officialCollectedBeforeFailing: failed.map((run) => run.failedAfter),
			},
		});
	}
	return rows;
}
