/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RunReport } from './runner';
import { formatNumber, RESULTS_FILE } from './runner';

/**
 * `npx tsx bench/readme.ts`: rewrites the figures in README.md (between the `bench:figures` markers)
 * from bench/results.json, so the README always shows the last full `npm run bench`.
 */
const README = join(__dirname, '..', 'README.md');
const START = '<!-- bench:figures -->';
const END = '<!-- /bench:figures -->';

function figures(report: RunReport): string {
	const machine = report.machine as {
		cpu?: string;
		cpuCount?: number;
		memoryGiB?: number;
		platform?: string;
		node?: string;
		loadAverage?: number[];
		loadAverageAtEnd?: number[];
	};
	const lines = [
		`**Latest figures** (${report.startedAt.slice(0, 10)}; ${machine.cpuCount} × ${machine.cpu}, ${machine.memoryGiB} GiB, ` +
			`${machine.platform}, Node.js ${machine.node}; load average ${machine.loadAverage?.[0]} at the start, ` +
			`${machine.loadAverageAtEnd?.[0]} at the end). The machine is shared, so absolute times are noisy; the ratios, ` +
			'measured side by side in the same run, are what to compare.',
		'',
		'| Benchmark | Case | Figure | Goal | Met |',
		'|---|---|---|---|---|',
	];
	for (const benchmark of report.benchmarks) {
		if (benchmark.error) {
			lines.push(`| ${benchmark.name} | failed | ${benchmark.error.split('\n')[0]} | | **no** |`);
			continue;
		}
		for (const row of benchmark.rows) {
			const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
			lines.push(
				`| ${row.benchmark} | ${row.case} | ${row.metric}: **${formatNumber(row.value, row.unit)}** | ${row.goal ?? ''} | ${met} |`,
			);
		}
	}
	return lines.join('\n');
}

const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as RunReport;
const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
writeFileSync(README, `${readme.slice(0, start + START.length)}\n${figures(report)}\n${readme.slice(end)}`);
process.stdout.write(`README.md figures updated from ${RESULTS_FILE}\n`);
