/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The tiny shared runner every benchmark uses. The method (issue 15): our code and its baseline run
 * as interleaved pairs (A, B, then B, A …) after untimed warm-ups; each timed run starts from a
 * collected heap (a forced GC when the process has `--expose-gc`, as `npm run bench` does) or in a
 * fresh process (`runPairsInChildren`); figures are medians with min–max; `bench/run.ts` runs the
 * whole set twice and a goal is met only if it holds in both runs.
 */

/** `full` is what `npm run bench` runs; `smoke` is the tiny run of the jest bench-smoke project. */
export type Scale = 'full' | 'smoke';

export interface BenchOptions {
	scale: Scale;
	/** Timed repetitions per variant (median reported); ≥ 5 for `full`. */
	repetitions: number;
}

export interface Row {
	benchmark: string;
	/** What was measured, e.g. "Coresignal Trigger, 10,000 changes". */
	case: string;
	/** e.g. "time / JSON.parse", "items/s", "peak RSS / baseline". */
	metric: string;
	value: number;
	unit: string;
	/** The goal in words, e.g. "≤ 3×"; absent for figures given for information. */
	goal?: string;
	/** In a report of several runs: met in every run. */
	met?: boolean;
	/** In a report of several runs: the value of each run (`value` is the last one). */
	runs?: number[];
	/** Raw figures behind the value (samples, sizes), kept in results.json. */
	detail?: Record<string, unknown>;
}

export interface BenchResult {
	rows: Row[];
	/** Sentences for the closing note: how it was measured, why a goal was missed. */
	notes: string[];
}

export interface Benchmark {
	name: string;
	title: string;
	run(options: BenchOptions): Promise<BenchResult>;
}

export interface Timing {
	medianMs: number;
	minMs: number;
	maxMs: number;
	samplesMs: number[];
}

/** The number after `name` on a command line (`--rounds 5`), or `fallback` when the flag is absent. */
export function argValue(args: string[], name: string, fallback: number): number {
	const index = args.indexOf(name);
	return index >= 0 ? Number(args[index + 1]) : fallback;
}

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function ratio(value: number, baseline: number): number {
	return baseline === 0 ? Number.NaN : value / baseline;
}

type Task = () => unknown;

/** A full collection, when the process was started with --expose-gc (jest's smoke run is not). */
export function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

async function timeOnce(task: Task): Promise<number> {
	collectGarbage();
	const started = performance.now();
	await task();
	return performance.now() - started;
}

export function timing(samplesMs: number[]): Timing {
	return {
		medianMs: median(samplesMs),
		minMs: Math.min(...samplesMs),
		maxMs: Math.max(...samplesMs),
		samplesMs,
	};
}

/** The order of the variants in round `round`: forwards, then backwards, so neither always goes first. */
function pairOrder<K>(names: K[], round: number): K[] {
	return round % 2 === 0 ? names : [...names].reverse();
}

/**
 * Times each variant `repetitions` times after `warmup` untimed rounds, interleaved (a, b; b, a …)
 * so background load on a shared machine hits them alike, each run after a forced GC so no
 * variant pays for another's garbage.
 */
export async function compare<K extends string>(
	variants: Record<K, Task>,
	options: { repetitions: number; warmup?: number },
): Promise<Record<K, Timing>> {
	const names = Object.keys(variants) as K[];
	const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
		K,
		number[]
	>;
	for (let round = 0; round < (options.warmup ?? 1); round++) {
		for (const name of names) await variants[name]();
	}
	for (let round = 0; round < options.repetitions; round++) {
		for (const name of pairOrder(names, round)) samples[name].push(await timeOnce(variants[name]));
	}
	return Object.fromEntries(names.map((name) => [name, timing(samples[name])])) as Record<
		K,
		Timing
	>;
}

export async function time(
	task: Task,
	options: { repetitions: number; warmup?: number },
): Promise<Timing> {
	return (await compare({ task }, options)).task;
}

/** What one variant run in its own process used. Memory is measured from just before the run. */
export interface ChildRun<T = unknown> {
	result: T;
	ms: number;
	/** RSS high-water during the run minus RSS before it (the OS's exact high-water, `maxRSS`). */
	peakRssBytes: number;
	/** Heap-used high-water minus heap used before the run (sampled every few ms and at checkpoints). */
	peakHeapBytes: number;
	/** Peak of heap + external + array buffers, also sampled: where Buffers live. */
	peakExternalBytes: number;
}

export interface ChildRuns<T = unknown> {
	runs: Array<ChildRun<T>>;
	medianMs: number;
	minMs: number;
	maxMs: number;
	/** Medians over the runs (memory varies far less than time). */
	peakRssBytes: number;
	peakHeapBytes: number;
	peakExternalBytes: number;
}

function summarise<T>(runs: Array<ChildRun<T>>): ChildRuns<T> {
	const { medianMs, minMs, maxMs } = timing(runs.map((run) => run.ms));
	return {
		runs,
		medianMs,
		minMs,
		maxMs,
		peakRssBytes: median(runs.map((run) => run.peakRssBytes)),
		peakHeapBytes: median(runs.map((run) => run.peakHeapBytes)),
		peakExternalBytes: median(runs.map((run) => run.peakExternalBytes)),
	};
}

const CHILD_ENTRY = resolve(__dirname, 'child.ts');

/**
 * Runs `exportName(args)` from `modulePath` in a fresh Node process (tsx, --expose-gc) and
 * returns its result with time and memory high-water, so variants cannot inflate each other's
 * peaks. The export must be an async function taking and returning structured-cloneable data;
 * if it returns a function instead, it was setup and only that function is measured (its return
 * value is the result).
 */
export async function runInChild<T = unknown>(
	modulePath: string,
	exportName: string,
	args: unknown,
): Promise<ChildRun<T>> {
	const child = fork(CHILD_ENTRY, [], {
		execArgv: ['--import', 'tsx', '--expose-gc'],
		serialization: 'advanced',
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return await new Promise<ChildRun<T>>((resolvePromise, reject) => {
		let settled = false;
		child.once('message', (message: { ok: boolean; run?: ChildRun<T>; error?: string }) => {
			settled = true;
			child.kill();
			if (message.ok && message.run) resolvePromise(message.run);
			else reject(new Error(`${exportName} failed in its child process: ${message.error}`));
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			if (!settled)
				reject(new Error(`The child process for ${exportName} exited with code ${code}`));
		});
		child.send({ modulePath: resolve(modulePath), exportName, args });
	});
}

/** `repetitions` fresh processes of one variant; medians of time and of each memory figure. */
export async function runInChildren<T = unknown>(
	modulePath: string,
	exportName: string,
	args: unknown,
	repetitions: number,
): Promise<ChildRuns<T>> {
	const runs: Array<ChildRun<T>> = [];
	for (let index = 0; index < repetitions; index++) {
		runs.push(await runInChild<T>(modulePath, exportName, args));
	}
	return summarise(runs);
}

export interface ChildVariant {
	modulePath: string;
	exportName: string;
	args: unknown;
}

/**
 * Interleaved pairs of fresh processes: for each of `pairs` rounds, every variant once in its own
 * process (a, b; then b, a …). The way to compare our code with its baseline.
 */
export async function runPairsInChildren<K extends string, T = unknown>(
	variants: Record<K, ChildVariant>,
	pairs: number,
): Promise<Record<K, ChildRuns<T>>> {
	const names = Object.keys(variants) as K[];
	const runs = Object.fromEntries(names.map((name) => [name, [] as Array<ChildRun<T>>])) as Record<
		K,
		Array<ChildRun<T>>
	>;
	for (let round = 0; round < pairs; round++) {
		for (const name of pairOrder(names, round)) {
			const { modulePath, exportName, args } = variants[name];
			runs[name].push(await runInChild<T>(modulePath, exportName, args));
		}
	}
	return Object.fromEntries(names.map((name) => [name, summarise(runs[name])])) as Record<
		K,
		ChildRuns<T>
	>;
}

export function machineInfo(): Record<string, unknown> {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cpuCount: cpus.length,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		node: process.version,
		loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
	};
}

export function formatNumber(value: number, unit: string): string {
	if (!Number.isFinite(value)) return 'n/a';
	if (unit === '×' || unit === 'ratio') return `${value.toFixed(2)}×`;
	const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	const text = value.toLocaleString('en-US', {
		maximumFractionDigits: digits,
		minimumFractionDigits: 0,
	});
	return unit ? `${text} ${unit}` : text;
}

/** The value, or each run's value when a report merged several runs ("1.21× | 1.25×"). */
export function formatValue(row: Row): string {
	const values = row.runs && row.runs.length > 1 ? row.runs : [row.value];
	return values.map((value) => formatNumber(value, row.unit)).join(' | ');
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** The results as a plain-text table, goal and verdict beside each figure. */
export function formatTable(rows: Row[]): string {
	const header = ['benchmark', 'case', 'metric', 'value', 'goal', 'met'];
	const lines = rows.map((row) => [
		row.benchmark,
		row.case,
		row.metric,
		formatValue(row),
		row.goal ?? '',
		row.met === undefined ? '' : row.met ? 'yes' : 'NO',
	]);
	const widths = header.map((title, column) =>
		Math.max([...title].length, ...lines.map((line) => [...line[column]].length)),
	);
	const render = (cells: string[]) =>
		cells
			.map((cell, column) => pad(cell, widths[column]))
			.join('  ')
			.trimEnd();
	return [
		render(header),
		render(widths.map((width) => '-'.repeat(width))),
		...lines.map(render),
	].join('\n');
}

export interface RunReport {
	startedAt: string;
	finishedAt: string;
	scale: Scale;
	machine: Record<string, unknown>;
	benchmarks: Array<{
		name: string;
		title: string;
		rows: Row[];
		notes: string[];
		error?: string;
		/** When and where this benchmark ran (a run of some benchmarks keeps the others' figures). */
		startedAt?: string;
		/** The command that wrote it, when not `npm run bench`. */
		command?: string;
		machine?: Record<string, unknown>;
	}>;
}

export const RESULTS_FILE = join(__dirname, 'results.json');

export function writeResults(report: RunReport, file = RESULTS_FILE): void {
	writeFileSync(file, `${JSON.stringify(report, null, '\t')}\n`);
}

/** Replaces one benchmark's entry (by name) in bench/results.json, keeping the others: for the scripts besides `npm run bench`. */
export function saveEntry(entry: RunReport['benchmarks'][number]): void {
	const report: RunReport = existsSync(RESULTS_FILE)
		? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport)
		: {
				startedAt: entry.startedAt!,
				finishedAt: '',
				scale: 'full',
				machine: entry.machine!,
				benchmarks: [],
			};
	report.benchmarks = [...report.benchmarks.filter((other) => other.name !== entry.name), entry];
	writeResults(report);
	process.stdout.write(`Wrote ${RESULTS_FILE}\n`);
}

export const MiB = 2 ** 20;

/**
 * Where the harness loads the built nodes from: this repository's dist/ unless BENCH_PACKAGE_ROOT
 * names a copy (package.json + dist/), e.g. to benchmark a snapshot while dist/ is being rebuilt.
 */
export function benchPackageRoots(): string[] | undefined {
	const root = process.env.BENCH_PACKAGE_ROOT;
	return root ? [resolve(root)] : undefined;
}
