/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { writeBlocks } from '../dev/figures';

import type { Row, RunReport } from './runner';
import { formatValue, RESULTS_FILE } from './runner';

/**
 * `npx tsx bench/write-figures.ts`: rewrites the figures in docs/dev/performance.md (between the `bench:figures`
 * markers) and the real-n8n summary in the README (`performance:figures`) from bench/results.json, so both
 * always show the last runs of `npm run bench` and `npm run bench:n8n`, each with the date and machine it ran on.
 */
const ROOT = join(__dirname, '..');
const PAGE = join(ROOT, 'docs', 'dev', 'performance.md');
const README = join(ROOT, 'README.md');

interface Machine {
	cpu?: string;
	cpuCount?: number;
	memoryGiB?: number;
	platform?: string;
	node?: string;
	loadAverage?: number[];
	loadAverageAtEnd?: number[];
}

type Entry = Omit<RunReport['benchmarks'][number], 'startedAt' | 'machine'> & {
	startedAt: string;
	machine: Machine;
};

function circumstances(startedAt: string, machine: Machine): string {
	return (
		`${startedAt.slice(0, 10)}; ${machine.cpuCount} × ${machine.cpu}, ${machine.memoryGiB} GiB, ` +
		`${machine.platform}, Node.js ${machine.node}; load average ${machine.loadAverage?.[0]} at the start, ` +
		`${machine.loadAverageAtEnd?.[0]} at the end`
	);
}

function table(entries: Entry[]): string[] {
	const lines = ['| Benchmark | Case | Figure | Goal | Met |', '|---|---|---|---|---|'];
	for (const benchmark of entries) {
		if (benchmark.error) {
			lines.push(`| ${benchmark.name} | failed | ${benchmark.error.split('\n')[0]} | | **no** |`);
			continue;
		}
		for (const row of benchmark.rows) {
			const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
			// Rows that carry their medians and ranges in words show those (the n8n benchmark).
			const text = (row.detail as { text?: string } | undefined)?.text;
			const figure = text ? `**${text}**` : `**${formatValue(row)}**`;
			const cells = [row.benchmark, row.case, `${row.metric}: ${figure}`, row.goal ?? '', met];
			lines.push(`| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
		}
	}
	return lines;
}

/** Every entry with the date and machine it was measured on (older files kept them only once, for all). */
function entriesOf(report: RunReport): Entry[] {
	return report.benchmarks.map((entry) => ({
		...entry,
		startedAt: entry.startedAt ?? report.startedAt,
		machine: (entry.machine ?? report.machine) as Machine,
	}));
}

/** Entries of `npm run bench:n8n`: `n8n` on the pinned runtime, `n8n <runtime>` on another. */
const isN8n = (entry: { name: string }) => entry.name === 'n8n' || entry.name.startsWith('n8n ');

export function pageFigures(report: RunReport): string {
	const entries = entriesOf(report);
	const lines = [
		'The machine is shared, so absolute times are noisy; the ratios, measured side by side in the same run, are what ' +
			'to compare. Where a row shows two values they are the two runs; a goal is met only if it holds in both.',
	];
	// `npm run bench` entries measured together share one heading.
	const own = entries.filter((entry) => !isN8n(entry) && !entry.command);
	for (const startedAt of [...new Set(own.map((entry) => entry.startedAt))]) {
		const group = own.filter((entry) => entry.startedAt === startedAt);
		lines.push(
			'',
			`**\`npm run bench -- ${group.map((entry) => entry.name).join(' ')}\`** (${circumstances(startedAt, group[0].machine)}).`,
			...group.flatMap((entry) => entry.notes),
			'',
			...table(group),
		);
	}
	// Entries of the other scripts (bench:n8n last), each under its own heading with its method.
	const others = entries
		.filter((candidate) => !own.includes(candidate))
		.sort((a, b) => Number(isN8n(a)) - Number(isN8n(b)));
	for (const entry of others) {
		const command = entry.command ?? 'npm run bench:n8n';
		lines.push(
			'',
			`**${entry.title}** (\`${command}\`, ${circumstances(entry.startedAt, entry.machine)}).`,
			...entry.notes,
			'',
			...table([entry]),
		);
	}
	return lines.join('\n');
}

/** The README's summary: per n8n (the pinned one first) and case, each run's time and memory ratios, against the goals. */
export function readmeFigures(report: RunReport): string {
	const entries = entriesOf(report)
		.filter(isN8n)
		.sort((a, b) => Number(b.name === 'n8n') - Number(a.name === 'n8n'));
	if (entries.length === 0) return 'No `npm run bench:n8n` figures yet.';
	return entries.map(runtimeSummary).join('\n\n');
}

function runtimeSummary(entry: Entry): string {
	const goalRows = entry.rows.filter((row) => row.goal !== undefined);
	const cases = [...new Set(goalRows.map((row) => row.case))];
	const runsOf = (row: Row | undefined) =>
		row?.runs?.map((value) => `${value.toFixed(2)}×`).join(', ') ?? row?.metric ?? '';
	const verdict = (row: Row | undefined) => (row?.met ? 'met' : '**missed**');
	const lines = [
		`${entry.title}, measured by \`npm run bench:n8n\` (${circumstances(entry.startedAt, entry.machine)}): ` +
			"request sent → execution saved, and n8n's peak memory growth, as a ratio of the Webhook workflow's in the same " +
			"run (each value is one run's median of interleaved pairs; the goal is met only if every run meets it). The last " +
			'column compares the trigger with that workflow plus an Edit Fields node that makes the same items.',
		'',
		'| Delivery | Time, trigger / Webhook + Split Out | Memory, trigger / Webhook + Split Out | Time, trigger / the same items with Edit Fields |',
		'|---|---|---|---|',
	];
	for (const label of cases) {
		const row = (pattern: RegExp) =>
			entry.rows.find((candidate) => candidate.case === label && pattern.test(candidate.metric));
		const [time, memory] = [/^request/, /^n8n peak RSS/].map((pattern) =>
			goalRows.find((candidate) => candidate.case === label && pattern.test(candidate.metric)),
		);
		const edited = row(/^request .*Edit Fields/);
		lines.push(
			`| ${label} | ${runsOf(time)} (${time?.goal ?? ''}: ${verdict(time)}) | ${runsOf(memory)} (${memory?.goal ?? ''}: ${verdict(memory)}) | ${edited ? runsOf(edited) : '–'} |`,
		);
	}
	return lines.join('\n');
}

if (require.main === module) {
	const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport;
	writeBlocks(PAGE, { bench: pageFigures(report) });
	writeBlocks(README, { performance: readmeFigures(report) });
}
