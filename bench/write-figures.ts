/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { writeBlocks } from '../dev/figures';

import type { RunReport } from './runner';
import { formatValue, RESULTS_FILE } from './runner';

/**
 * `npx tsx bench/write-figures.ts`: rewrites the figures in docs/dev/performance.md (between the `bench:figures`
 * markers) from bench/results.json, so the page always shows the last full `npm run bench`.
 */
const PAGE = join(__dirname, '..', 'docs', 'dev', 'performance.md');

interface Machine {
	cpu?: string;
	cpuCount?: number;
	memoryGiB?: number;
	platform?: string;
	node?: string;
	loadAverage?: number[];
	loadAverageAtEnd?: number[];
}

type Entry = RunReport['benchmarks'][number] & { startedAt?: string; machine?: Machine };

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

function figures(report: RunReport): string {
	const entries = report.benchmarks as Entry[];
	// Entries written by another command (`npm run bench:n8n`) carry their own date and machine.
	const own = entries.filter((entry) => !entry.machine);
	const separate = entries.filter((entry) => entry.machine);
	const lines = [
		`**Latest figures of \`npm run bench\`** (${circumstances(report.startedAt, report.machine as Machine)}). ` +
			'The machine is shared, so absolute times are noisy; the ratios, measured side by side in the same run, are what ' +
			'to compare. Where a row shows two values they are the two runs; a goal is met only if it holds in both.',
		'',
		...table(own),
	];
	for (const entry of separate) {
		lines.push(
			'',
			`**${entry.title}** (\`npm run bench:n8n\`, ${circumstances(entry.startedAt ?? '', entry.machine ?? {})}).`,
			...entry.notes.map((note) => `${note}`),
			'',
			...table([entry]),
		);
	}
	return lines.join('\n');
}

const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport;
writeBlocks(PAGE, { bench: figures(report) });
process.stdout.write(`docs/dev/performance.md figures updated from ${RESULTS_FILE}\n`);
