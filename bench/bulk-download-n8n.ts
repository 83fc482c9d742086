/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { packPackage } from '../e2e/community-package';
import { ensureRuntime } from '../e2e/install-runtime';
import type { N8n } from '../e2e/n8n';
import { startN8n } from '../e2e/n8n';
import { sandboxCredentialData } from '../dev/sandbox-credentials';
import { vendorUrls } from '../sandbox/client';
import { CORESIGNAL_API_KEY } from '../sandbox/credentials';
import { startSandbox } from '../sandbox/server';
import type { Row } from './runner';
import { machineInfo, median, MiB, saveEntry } from './runner';

/**
 * Bulk Collect › Download of 100,000 records (10 files) in a real n8n (the pinned runtime), as
 * users run it: request → execution finished, and how far n8n's RSS rose above its level before
 * the run (sampled every 20 ms from /proc). Binary output in n8n's default filesystem mode and in
 * the in-memory mode n8n 1.x defaulted to; items for comparison. Interleaved, `PAIRS` rounds.
 * Writes its rows to bench/results.json (shown on docs/dev/performance.md by bench/write-figures.ts).
 *
 *   npx n8n-node build && npx tsx bench/bulk-download-n8n.ts
 */
const RECORDS = 100_000;
const PER_FILE = 10_000;
const PAIRS = Number(process.env.BULK_N8N_PAIRS ?? 5);

/** n8n's RSS now; 0 once the process is gone (the execution then fails and says so). */
function rssBytes(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** n8n's own process id (the e2e helper keeps it private: it is only needed here). */
const pidOf = (n8n: N8n) => (n8n as unknown as { child: { pid: number } }).child.pid;

async function measure(n8n: N8n, workflowId: string) {
	const pid = pidOf(n8n);
	const before = rssBytes(pid);
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, rssBytes(pid));
	}, 20);
	const started = performance.now();
	const execution = await n8n.runManually(workflowId, 600_000);
	const ms = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, rssBytes(pid));
	if (execution.status !== 'success') {
		throw new Error(
			`execution ${execution.id} ended ${execution.status}: ${JSON.stringify(execution.data?.resultData.error)}`,
		);
	}
	return { ms, riseMiB: (peak - before) / MiB };
}

async function main() {
	const runtime = await ensureRuntime((line) => process.stderr.write(`${line}\n`));
	const startedAt = new Date().toISOString();
	const machine = machineInfo();
	const workDir = await mkdtemp(join(tmpdir(), 'hr-signals-bulk-n8n-'));
	const sandbox = await startSandbox({
		coresignal: {
			employeeCount: RECORDS,
			credits: RECORDS * 100,
			bulkReadyMs: 0,
			bulkFileRecords: PER_FILE,
			bulkMaxRecords: RECORDS,
		},
	});
	let n8n: N8n | undefined;
	try {
		const baseUrl = vendorUrls(sandbox.url).coresignal;
		const headers = { apikey: CORESIGNAL_API_KEY, 'content-type': 'application/json' };
		const submitted = await fetch(`${baseUrl}/v2/data_requests/employee_clean/es_dsl`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ es_dsl_query: { query: { match_all: {} } }, limit: RECORDS }),
		});
		const { request_id: requestId } = (await submitted.json()) as { request_id: string };
		// Generate the files once, so only the download is measured.
		const listed = await fetch(`${baseUrl}/v2/data_requests/${requestId}/files`, { headers });
		const { data_request_files: files } = (await listed.json()) as { data_request_files: string[] };
		for (const file of files)
			await (
				await fetch(`${baseUrl}/v2/data_requests/${requestId}/files/${file}`, { headers })
			).arrayBuffer();

		const tarball = await packPackage(workDir);
		const results: Record<string, Array<{ ms: number; riseMiB: number }>> = {};
		for (const mode of ['filesystem', 'default'] as const) {
			n8n = await startN8n({
				runtime,
				tarball,
				userFolder: join(workDir, `n8n-${mode}`),
				env: { N8N_DEFAULT_BINARY_DATA_MODE: mode },
			});
			const data = sandboxCredentialData(sandbox).coresignalApi;
			const credential = await n8n.createCredential(data.name, 'coresignalApi', data.data);
			const workflowFor = async (output: 'items' | 'binary') =>
				(
					await n8n!.importWorkflow(
						{
							name: `bulk download as ${output}`,
							nodes: [
								{
									name: 'Start',
									type: 'n8n-nodes-base.manualTrigger',
									typeVersion: 1,
									position: [0, 0],
									parameters: {},
								},
								{
									name: 'Coresignal',
									type: 'n8n-nodes-hr-signals.coresignal',
									typeVersion: 2,
									position: [200, 0],
									parameters: { resource: 'bulkCollect', operation: 'download', requestId, output },
									credentials: { coresignalApi: { id: credential.id, name: credential.name } },
								},
							],
							connections: { Start: { main: [[{ node: 'Coresignal', type: 'main', index: 0 }]] } },
						},
						{ coresignalApi: credential },
					)
				).id;
			const variants =
				mode === 'filesystem'
					? {
							'binary, filesystem mode': await workflowFor('binary'),
							items: await workflowFor('items'),
						}
					: { 'binary, in-memory mode': await workflowFor('binary') };
			for (let pair = 0; pair < PAIRS; pair++) {
				for (const [name, id] of Object.entries(variants)) {
					(results[name] ??= []).push(await measure(n8n, id));
					process.stderr.write(`${name}: ${JSON.stringify(results[name].at(-1))}\n`);
				}
			}
			await n8n.stop();
			n8n = undefined;
		}
		process.stdout.write(
			`\n## Bulk download of ${RECORDS.toLocaleString('en-US')} records in a real n8n (${runtime.name})\n`,
		);
		const rows: Row[] = [];
		for (const [name, runs] of Object.entries(results)) {
			const ms = runs.map((run) => run.ms);
			const rise = runs.map((run) => run.riseMiB);
			const time = `${Math.round(median(ms))} ms (${Math.round(Math.min(...ms))}–${Math.round(Math.max(...ms))})`;
			const memory = `${median(rise).toFixed(0)} MiB (${Math.min(...rise).toFixed(0)}–${Math.max(...rise).toFixed(0)})`;
			process.stdout.write(`${name.padEnd(24)} time ${time}   RSS rise ${memory}\n`);
			const caseLabel = `${RECORDS.toLocaleString('en-US')} records in ${RECORDS / PER_FILE} files, ${name}`;
			rows.push(
				{
					benchmark: 'bulk-download-n8n',
					case: caseLabel,
					metric: 'request → execution finished (median, min–max)',
					value: median(ms),
					unit: 'ms',
					detail: { text: time, samplesMs: ms },
				},
				{
					benchmark: 'bulk-download-n8n',
					case: caseLabel,
					metric: "n8n's RSS rise (median, min–max)",
					value: median(rise),
					unit: 'MiB',
					detail: { text: memory, samplesMiB: rise },
				},
			);
		}
		machine.loadAverageAtEnd = machineInfo().loadAverage;
		saveEntry({
			name: 'bulk-download-n8n',
			title: `Bulk Collect › Download in a real n8n (${runtime.name})`,
			command: 'npx tsx bench/bulk-download-n8n.ts',
			rows,
			notes: [
				`${PAIRS} interleaved rounds per n8n; binary output in n8n's default filesystem mode and in the in-memory mode, items for comparison. RSS rise: n8n's RSS sampled every 20 ms during the execution, minus its RSS just before.`,
			],
			startedAt,
			machine,
		});
	} finally {
		await n8n?.stop();
		await sandbox.close();
		await rm(workDir, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
