/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { benchmarks } from './benchmarks';
import type { RunReport, Scale } from './runner';
import { benchPackageRoots, formatTable, machineInfo, RESULTS_FILE, writeResults } from './runner';

/**
 * `npm run bench [-- name …] [--smoke]`: runs the benchmarks (all, or those named), prints one
 * table with the goal beside each figure and the closing notes, and writes bench/results.json
 * (not for --smoke).
 * The nodes are loaded from dist/, so build first (`npm run build`).
 */
async function main() {
	const args = process.argv.slice(2);
	const scale: Scale = args.includes('--smoke') ? 'smoke' : 'full';
	const names = args.filter((arg) => !arg.startsWith('--'));
	const unknown = names.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
	if (unknown.length) {
		throw new Error(
			`Unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
		);
	}
	const packageRoot = benchPackageRoots()?.[0] ?? join(__dirname, '..');
	if (!existsSync(join(packageRoot, 'dist', 'nodes'))) {
		throw new Error(`${join(packageRoot, 'dist')} is missing: run \`npm run build\` first`);
	}

	const report: RunReport = {
		startedAt: new Date().toISOString(),
		finishedAt: '',
		scale,
		machine: machineInfo(),
		benchmarks: [],
	};
	const repetitions = scale === 'full' ? 7 : 1;
	for (const benchmark of benchmarks.filter((b) => names.length === 0 || names.includes(b.name))) {
		process.stdout.write(`\n## ${benchmark.title}\n`);
		try {
			const result = await benchmark.run({ scale, repetitions });
			report.benchmarks.push({ name: benchmark.name, title: benchmark.title, ...result });
			process.stdout.write(`${formatTable(result.rows)}\n`);
			for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
		} catch (error) {
			const message = (error as Error).stack ?? String(error);
			report.benchmarks.push({
				name: benchmark.name,
				title: benchmark.title,
				rows: [],
				notes: [],
				error: message,
			});
			process.stdout.write(`FAILED: ${message}\n`);
			process.exitCode = 1;
		}
	}
	report.finishedAt = new Date().toISOString();
	report.machine.loadAverageAtEnd = machineInfo().loadAverage;

	const rows = report.benchmarks.flatMap((benchmark) => benchmark.rows);
	process.stdout.write(`\n## All results\n${formatTable(rows)}\n`);
	process.stdout.write(`\nMachine: ${JSON.stringify(report.machine)}\n`);
	// A smoke run proves the benchmarks work; its figures are not worth keeping.
	if (scale === 'full') {
		writeResults(report);
		process.stdout.write(`Wrote ${RESULTS_FILE}\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
