/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Does the collect throttle hold when the CPU is starved? Runs Coresignal › Employee › Collect
 * against the sandbox (in this process, like the workflow tests) while CPU-burning child processes
 * run, and prints the most collect requests the sandbox saw in any one second (Coresignal allows 54)
 * and how many 429s it answered. `--stall` also blocks this process's event loop for that many ms
 * every second, like other work in the same n8n process would. Build first (`npx n8n-node build`).
 *
 *   npx tsx dev/throttle-under-load.ts [--burners 4] [--items 300] [--runs 3] [--stall 0]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { coresignalWorkflow, NODE } from './coresignal-workflow';
import { PACKAGE_ROOT } from './harness';
import { busiestWindow } from './request-rate';
import { SandboxHarness } from './sandbox-harness';

const COLLECT = '/coresignal/cdapi/v2/employee_clean/collect';
const LIMIT = 54;

/**
 * When each call left the built throttle (dist/, the code the harness runs), per throttle key:
 * tells a throttle that grants too many slots from calls that leave on time and arrive bunched.
 */
function traceDepartures(): Map<string, Array<{ at: string }>> {
	const departures = new Map<string, Array<{ at: string }>>();
	const load = createRequire(__filename);
	const throttle = load(resolve(PACKAGE_ROOT, 'dist/nodes/shared/throttle.js')) as {
		waitForSlot?: (...args: unknown[]) => Promise<void>;
	};
	const waitForSlot = throttle.waitForSlot;
	if (typeof waitForSlot !== 'function') return departures;
	throttle.waitForSlot = async (...args) => {
		await waitForSlot(...args);
		const key = String(args[0]);
		const left = departures.get(key) ?? [];
		left.push({ at: new Date().toISOString() });
		departures.set(key, left);
	};
	return departures;
}

/** How long after leaving the throttle calls reached the sandbox (the k-th to leave paired with the k-th to arrive). */
function lagMs(
	left: Array<{ at: string }>,
	arrived: Array<{ at: string }>,
): { median: number; max: number } {
	const times = (list: Array<{ at: string }>) =>
		list.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
	const [l, a] = [times(left), times(arrived)];
	const lags = a
		.slice(0, l.length)
		.map((at, k) => at - l[k])
		.sort((x, y) => x - y);
	return { median: lags[Math.floor(lags.length / 2)] ?? 0, max: lags.at(-1) ?? 0 };
}

function startBurners(count: number): ChildProcess[] {
	return Array.from({ length: count }, () =>
		spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			burners: { type: 'string', default: '4' },
			items: { type: 'string', default: '300' },
			runs: { type: 'string', default: '3' },
			stall: { type: 'string', default: '0' },
		},
	});
	const burnerCount = Number(values.burners);
	const items = Number(values.items);
	const runs = Number(values.runs);
	const stallMs = Number(values.stall);

	const env = await SandboxHarness.start({ timeoutSeconds: 30 });
	const departures = traceDepartures();
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
	try {
		for (let run = 1; run <= runs; run++) {
			await env.freshSandbox();
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
			const collects = env.sandbox.requests.list({ pathPrefix: COLLECT });
			const busiest = busiestWindow(collects);
			const leftAt = [...departures.values()].flat();
			const left = leftAt.length > 0 ? busiestWindow(leftAt) : 'n/a';
			const lag = lagMs(leftAt, collects);
			departures.clear();
			worst = Math.max(worst, busiest);
			const rejected = collects.filter((request) => request.status === 429).length;
			const output = result.output(NODE).length;
			const error = result.nodes[NODE]?.error?.message;
			process.stdout.write(
				`run ${run}: ${burnerCount} burners, ${stallMs} ms stall/s, ${items} items → ${output} out${error ? ` (error: ${error})` : ''}, ` +
					`${collects.length} requests in ${seconds.toFixed(1)} s, busiest second: ${left} left the throttle, ` +
					`${busiest} arrived (limit ${LIMIT}), ` +
					`leave → arrive median ${lag.median} ms, max ${lag.max} ms, ` +
					`${rejected} answered 429\n`,
			);
		}
	} finally {
		stopBurners();
		await env.close();
	}
	process.stdout.write(
		`worst second: ${worst} collect requests (limit ${LIMIT}) → ${worst > LIMIT ? 'THROTTLE LEAKS' : 'throttle holds'}\n`,
	);
	return worst > LIMIT ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${String(error)}\n`);
		process.exit(2);
	},
);
