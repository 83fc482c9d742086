/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { performance } from 'node:perf_hooks';

import { vendorUrls } from '../sandbox/client';
import { CORESIGNAL_API_KEY, CORESIGNAL_JWT } from '../sandbox/credentials';
import { startSandbox } from '../sandbox/server';
import { Harness } from '../dev/harness';
import { coresignalWorkflow, NODE } from '../dev/coresignal-workflow';
import type { Benchmark, BenchOptions, BenchResult, Row } from './runner';
import { benchPackageRoots, median } from './runner';

/**
 * Employee › Collect of 1,000 ids against the sandbox enforcing Coresignal's 54 collects per
 * second (sliding window, 429 + Retry-After above it) with 50 ms of latency per answer: the rate
 * the node achieves as a fraction of the limit, and how many 429s it caused.
 */

const IDS = { full: 1000, smoke: 60 };
const LIMIT = 54;
const LATENCY_MS = 50;

export const collectRate: Benchmark = {
	name: 'collect-rate',
	title: `Employee › Collect under a ${LIMIT} req/s limit`,
	async run(options: BenchOptions): Promise<BenchResult> {
		const count = IDS[options.scale];
		const sandbox = await startSandbox({
			latencyMs: LATENCY_MS,
			coresignal: { employeeCount: count, credits: count * (options.repetitions + 1) },
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
		const input = Array.from({ length: count }, (_, i) => ({ id: 100_001 + i }));
		const workflow = coresignalWorkflow({ resource: 'employee', operation: 'collect' });
		const rates: number[] = [];
		const tooMany: number[] = [];
		let complete = true;
		try {
			for (let round = 0; round < options.repetitions; round++) {
				sandbox.requests.clear();
				// Let the previous round's window pass, as separate executions would.
				await new Promise((resolve) => setTimeout(resolve, 1100));
				const started = performance.now();
				const result = await harness.runWorkflow(workflow, { input });
				const seconds = (performance.now() - started) / 1000;
				const items = result.nodes[NODE]?.outputs[0] ?? [];
				complete &&=
					result.status === 'success' &&
					items.length === count &&
					items.every((item, i) => item.json.id === input[i].id);
				rates.push(count / seconds);
				tooMany.push(sandbox.requests.list().filter((request) => request.status === 429).length);
			}
		} finally {
			await harness.close();
			await sandbox.close();
		}
		const rate = median(rates);
		const caseName = `${count.toLocaleString('en-US')} ids, limit ${LIMIT}/s, ${LATENCY_MS} ms latency`;
		const rows: Row[] = [
			{
				benchmark: 'collect-rate',
				case: caseName,
				metric: 'achieved rate / limit',
				value: rate / LIMIT,
				unit: 'ratio',
				goal: '≥ 0.9× and ≤ 1×',
				met: rate / LIMIT >= 0.9 && rate / LIMIT <= 1,
				detail: { ratesPerSecond: rates },
			},
			{
				benchmark: 'collect-rate',
				case: caseName,
				metric: 'achieved rate',
				value: rate,
				unit: 'req/s',
			},
			{
				benchmark: 'collect-rate',
				case: caseName,
				metric: '429 answers',
				value: Math.max(...tooMany),
				unit: '',
				goal: '= 0',
				met: tooMany.every((n) => n === 0),
				detail: { perRound: tooMany },
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
		return {
			rows,
			notes: [
				`The node spaces calls ${Math.round((1000 / LIMIT) * 1.05 * 10) / 10} ms apart (the limit plus a 5% margin that absorbs network jitter against a sliding window) and keeps up to 16 in flight, so latency does not lower the rate. A call whose timer fired late also delays the call that many places later (a log of actual departures), so a busy event loop cannot squeeze N+1 calls into one window.`,
			],
		};
	},
};
