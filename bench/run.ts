/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { benchmarks } from './benchmarks';
import type { BenchResult, Row, RunReport, Scale } from './runner';
import { benchPackageRoots, formatTable, machineInfo, RESULTS_FILE, writeResults } from './runner';

/**
 * `npm run bench [-- name …] [--smoke] [--runs N]`: runs the benchmarks (all, or those named) N
 * times over (the whole set, then again: 2 for a full run, 1 for --smoke), prints one table with
 * the goal beside each figure (each run's value; met only if met in every run) and the closing
 * notes, and writes bench/results.json (not for --smoke), keeping the entries of benchmarks it did
 * not run (e.g. `npm run bench:n8n`'s).
 * The nodes are loaded from dist/, so build first (`npm run build`).
 */

const key = (row: Row) => `${row.case}\u0000${row.metric}`;

/** One result from several runs of a benchmark: each row carries every run's value. */
export function mergeRuns(results: BenchResult[]): BenchResult {
	const last = results[results.length - 1];
	const rows = last.rows.map((row) => {
		const same = results
			.map((result) => result.rows.find((candidate) => key(candidate) === key(row)))
			.filter((candidate): candidate is Row => candidate !== undefined);
		if (same.length < 2) return row;
		return {
			...row,
			runs: same.map((candidate) => candidate.value),
			met: row.met === undefined ? undefined : same.every((candidate) => candidate.met === true),
			detail: { runs: same.map((candidate) => candidate.detail ?? null) },
		};
	});
	return { rows, notes: [...new Set(results.flatMap((result) => result.notes))] };
}

function previousReport(): RunReport | undefined {
	try {
		return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport;
	} catch {
		return undefined;
	}
}

async function main() {
	const args = process.argv.slice(2);
	const scale: Scale = args.includes('--smoke') ? 'smoke' : 'full';
	const names = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--runs');
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
	const runsAt = args.indexOf('--runs');
	const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : scale === 'full' ? 2 : 1;
	const selected = benchmarks.filter((b) => names.length === 0 || names.includes(b.name));
	const results = new Map<string, BenchResult[]>();
	const failed = new Map<string, string>();
	for (let run = 1; run <= runs; run++) {
		for (const benchmark of selected) {
			if (failed.has(benchmark.name)) continue;
			process.stdout.write(`\n## ${benchmark.title} (run ${run} of ${runs})\n`);
			try {
				const result = await benchmark.run({ scale, repetitions });
				results.set(benchmark.name, [...(results.get(benchmark.name) ?? []), result]);
				process.stdout.write(`${formatTable(result.rows)}\n`);
				for (const note of result.notes) process.stdout.write(`  note: ${note}\n`);
			} catch (error) {
				const message = (error as Error).stack ?? String(error);
				failed.set(benchmark.name, message);
				process.stdout.write(`FAILED: ${message}\n`);
				process.exitCode = 1;
			}
		}
	}
	for (const benchmark of selected) {
		const error = failed.get(benchmark.name);
		const entry = {
			name: benchmark.name,
			title: benchmark.title,
			startedAt: report.startedAt,
			machine: report.machine,
		};
		report.benchmarks.push(
			error
				? { ...entry, rows: [], notes: [], error }
				: { ...entry, ...mergeRuns(results.get(benchmark.name) ?? []) },
		);
	}
	report.finishedAt = new Date().toISOString();
	report.machine.loadAverageAtEnd = machineInfo().loadAverage;

	const rows = report.benchmarks.flatMap((benchmark) => benchmark.rows);
	process.stdout.write(
		`\n## All results (${runs} runs; met = met in every run)\n${formatTable(rows)}\n`,
	);
	process.stdout.write(`\nMachine: ${JSON.stringify(report.machine)}\n`);
	// A smoke run proves the benchmarks work; its figures are not worth keeping.
	if (scale === 'full') {
		// Benchmarks not run this time keep their figures, and the date and machine they were measured on.
		const ran = new Set(report.benchmarks.map((benchmark) => benchmark.name));
		const previous = previousReport();
		const kept = (previous?.benchmarks ?? [])
			.filter((benchmark) => !ran.has(benchmark.name))
			.map((benchmark) => ({
				startedAt: previous!.startedAt,
				machine: previous!.machine,
				...benchmark,
			}));
		report.benchmarks.push(...kept);
		writeResults(report);
		process.stdout.write(`Wrote ${RESULTS_FILE}\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
