/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Does the collect throttle hold when the CPU is starved? Runs Coresignal › Employee › Collect
 * against the sandbox while CPU-burning child processes run, and prints the most collect requests
 * that left the throttle and that reached the sandbox in any one second (Coresignal allows 54),
 * and how many 429s the sandbox answered. With them, what predicts the delay between a call leaving
 * and reaching the sandbox: the throttle's own estimate of how late its timers fire (`lagMs()`),
 * this process's event-loop delay, and the send-to-answer times the request core records.
 * `--stall` also blocks this process's event loop for that many ms every second, like other work
 * in the same n8n process would.
 *
 * `--sandbox process` (the default) runs the sandbox in a process of its own, as a vendor is: it
 * stamps a request when it arrives there. `--sandbox inline` runs it in this process, as the
 * workflow tests do: then its arrival stamps are taken by the same starved event loop that sends
 * the calls, late and bunched, and a second can show more than 54 although no more than 54 left.
 * Build first (`npx n8n-node build`).
 *
 * `--vendor-priority=-10` (root) schedules that process ahead of everything else, as a vendor on
 * machines of its own is: what it still sees bunched was bunched on n8n's side.
 *
 *   npx tsx dev/throttle-under-load.ts [--burners 4] [--items 300] [--runs 3] [--stall 0] [--sandbox process] [--vendor-priority=-10]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { vendorUrls } from '../sandbox/client';
import type { SandboxClient } from '../sandbox/client';
import type { LoggedRequest } from '../sandbox/core/requestLog';
import { CORESIGNAL_API_KEY } from '../sandbox/credentials';
import { coresignalWorkflow, NODE } from './coresignal-workflow';
import { Harness, PACKAGE_ROOT } from './harness';
import { busiestWindow } from './request-rate';
import { SandboxHarness } from './sandbox-harness';
import { startSandboxProcess } from './sandbox-process';

const COLLECT = '/coresignal/cdapi/v2/employee_clean/collect';
const LIMIT = 54;

/** What the built throttle (dist/, the code the harness runs) did during a run. */
interface Trace {
	/** When each call left the throttle: tells a throttle that lets too many leave from calls that leave on time and arrive bunched. */
	departures: Array<{ at: string }>;
	/** The throttle's own estimate of how late its timers fire, read as each call left. */
	lagEstimates: number[];
	/** Send-to-answer times the request core recorded. */
	latencies: number[];
}

function traceThrottle(): Trace {
	const trace: Trace = { departures: [], lagEstimates: [], latencies: [] };
	const load = createRequire(__filename);
	const { Throttle } = load(resolve(PACKAGE_ROOT, 'dist/nodes/shared/throttle.js')) as {
		Throttle: {
			prototype: {
				waitForSlot: (...args: unknown[]) => Promise<number>;
				recordLatency: (scope: string, ms: number) => void;
				lagMs?: () => number;
			};
		};
	};
	const { waitForSlot, recordLatency } = Throttle.prototype;
	Throttle.prototype.waitForSlot = async function (
		this: typeof Throttle.prototype,
		...args: unknown[]
	) {
		const left = await waitForSlot.apply(this, args);
		trace.departures.push({ at: new Date(left).toISOString() });
		trace.lagEstimates.push(this.lagMs?.() ?? NaN);
		return left;
	};
	Throttle.prototype.recordLatency = function (
		this: typeof Throttle.prototype,
		scope: string,
		ms: number,
	) {
		trace.latencies.push(ms);
		recordLatency.call(this, scope, ms);
	};
	return trace;
}

/** The value below which `q` of `values` lie (nearest rank). */
function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const spread = (values: number[]) =>
	`p10 ${Math.round(quantile(values, 0.1))}, median ${Math.round(quantile(values, 0.5))}, p90 ${Math.round(quantile(values, 0.9))}, max ${Math.round(quantile(values, 1))} ms`;

/** How long after leaving the throttle calls reached the sandbox (the k-th to leave paired with the k-th to arrive). */
function sendDelays(left: Array<{ at: string }>, arrived: Array<{ at: string }>): number[] {
	const times = (list: Array<{ at: string }>) =>
		list.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
	const [l, a] = [times(left), times(arrived)];
	return a.slice(0, l.length).map((at, k) => at - l[k]);
}

function startBurners(count: number): ChildProcess[] {
	return Array.from({ length: count }, () =>
		spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
}

const pause = async (ms: number) => await new Promise((done) => setTimeout(done, ms));

/** The harness and a sandbox, in this process or in one of its own; `next()` empties the sandbox's log. */
interface Setup {
	harness: Harness;
	requests(): Promise<LoggedRequest[]>;
	next(): Promise<void>;
	close(): Promise<void>;
}

async function inlineSetup(): Promise<Setup> {
	const env = await SandboxHarness.start({ timeoutSeconds: 30 });
	return {
		harness: env.harness,
		requests: async () => env.sandbox.requests.list({ pathPrefix: COLLECT }),
		next: async () => await env.freshSandbox(),
		close: async () => await env.close(),
	};
}

async function processSetup(priority: number | undefined): Promise<Setup> {
	const sandbox = await startSandboxProcess(
		{ coresignal: { employeeCount: 10_000, credits: 1_000_000_000 } },
		priority,
	);
	if (priority !== undefined && !sandbox.prioritized) {
		process.stderr.write(`could not give the sandbox priority ${priority} (needs root)\n`);
	}
	const client: SandboxClient = sandbox.client;
	const harness = await Harness.start({
		credentials: {
			coresignalApi: {
				apiKey: CORESIGNAL_API_KEY,
				baseUrl: vendorUrls(sandbox.url).coresignal,
				maxRequestsPerSecond: 0,
				timeoutSeconds: 30,
			},
		},
	});
	return {
		harness,
		requests: async () => await client.requests({ pathPrefix: COLLECT }),
		next: async () => {
			// The throttle is per API key: let the last run's window pass, as separate executions would.
			await pause(1100);
			await client.clearRequests();
		},
		close: async () => {
			await harness.close();
			await sandbox.close();
		},
	};
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			burners: { type: 'string', default: '4' },
			items: { type: 'string', default: '300' },
			runs: { type: 'string', default: '3' },
			stall: { type: 'string', default: '0' },
			sandbox: { type: 'string', default: 'process' },
			'vendor-priority': { type: 'string' },
		},
	});
	const burnerCount = Number(values.burners);
	const items = Number(values.items);
	const runs = Number(values.runs);
	const stallMs = Number(values.stall);
	const inline = values.sandbox === 'inline';

	const priority =
		values['vendor-priority'] === undefined ? undefined : Number(values['vendor-priority']);
	const env = inline ? await inlineSetup() : await processSetup(priority);
	const trace = traceThrottle();
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	const burners = startBurners(burnerCount);
	const staller =
		stallMs > 0
			? setInterval(() => {
					const until = Date.now() + stallMs;
					while (Date.now() < until);
				}, 1000)
			: undefined;
	const stopBurners = () => {
		clearInterval(staller);
		for (const burner of burners) burner.kill('SIGKILL');
	};
	process.once('SIGINT', () => {
		stopBurners();
		process.exit(130);
	});
	let worst = 0;
	let refusals = 0;
	try {
		for (let run = 1; run <= runs; run++) {
			await env.next();
			trace.departures.length = 0;
			trace.lagEstimates.length = 0;
			trace.latencies.length = 0;
			loopDelay.reset();
			const load = loadavg()
				.map((value) => value.toFixed(2))
				.join(' ');
			const input = Array.from({ length: items }, (_, i) => ({ id: 100_001 + i }));
			const started = Date.now();
			const result = await env.harness.runWorkflow(
				coresignalWorkflow(
					{ resource: 'employee', operation: 'collect' },
					{ credentialId: `load-${run}` },
				),
				{ input },
			);
			const seconds = (Date.now() - started) / 1000;
			const collects = await env.requests();
			const busiest = busiestWindow(collects);
			const accepted = busiestWindow(collects.filter((request) => request.status === 200));
			const left = busiestWindow(trace.departures);
			worst = Math.max(worst, busiest);
			const rejected = collects.filter((request) => request.status === 429).length;
			refusals += rejected;
			const output = result.output(NODE).length;
			const error = result.nodes[NODE]?.error?.message;
			const loopMs = (ns: number) => Math.round(ns / 1e6);
			process.stdout.write(
				`run ${run} (sandbox ${inline ? 'in this process' : `in its own process${priority === undefined ? '' : `, nice ${priority}`}`}): ${burnerCount} burners, ${stallMs} ms stall/s, load ${load}, ${items} items → ${output} out${error ? ` (error: ${error})` : ''}, ` +
					`${collects.length} requests in ${seconds.toFixed(1)} s (${(output / seconds).toFixed(1)}/s)\n` +
					`  busiest second: ${left} left the throttle, ${busiest} arrived, ${accepted} accepted (limit ${LIMIT}), ${rejected} answered 429\n` +
					`  leave → arrive: ${spread(sendDelays(trace.departures, collects))}\n` +
					`  throttle lag estimate as calls left: ${spread(trace.lagEstimates)}\n` +
					`  event loop delay: median ${loopMs(loopDelay.percentile(50))}, p99 ${loopMs(loopDelay.percentile(99))}, max ${loopMs(loopDelay.max)} ms; ` +
					`send → answer: ${spread(trace.latencies)}\n`,
			);
		}
	} finally {
		stopBurners();
		loopDelay.disable();
		await env.close();
	}
	const holds = worst <= LIMIT && refusals === 0;
	process.stdout.write(
		`worst second: ${worst} collect requests arrived (limit ${LIMIT}), ${refusals} × 429 in all → ${holds ? 'throttle holds' : 'THROTTLE LEAKS'}\n`,
	);
	return holds ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${String(error)}\n`);
		process.exit(2);
	},
);
