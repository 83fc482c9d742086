/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveFact } from '../../dev/figures';
import { suiteKey } from '../../dev/reliability-figures';

/** What the suite runs the nodes in, for the figures in docs/dev/reliability.md. */
function suiteRuntime(): string {
	const manifest = join(__dirname, '..', '..', 'node_modules', 'n8n-core', 'package.json');
	const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
	return `n8n-core ${version} on Node.js ${process.versions.node}`;
}

/**
 * Counts what a reliability section tried and prints one summary line when the file ends, e.g.
 * `bad inputs: 132 tried, 0 crashes`. Printed through process.stdout so it shows in `npm test`
 * output next to jest's own summary (jest buffers console, not stdout), and saved as a fact
 * (dev/figures.ts) from which dev/reliability-figures.ts rewrites docs/dev/reliability.md.
 */
export class SectionReport {
	private readonly counts = new Map<string, number>();

	private readonly notes: string[] = [];

	constructor(
		readonly section: string,
		/** The counters in print order; the first is the "tried" total. */
		private readonly order: string[],
	) {
		for (const key of order) this.counts.set(key, 0);
	}

	add(key: string, by = 1) {
		this.counts.set(key, (this.counts.get(key) ?? 0) + by);
	}

	get(key: string): number {
		return this.counts.get(key) ?? 0;
	}

	/** Extra lines printed under the summary (a matrix, a per-trigger breakdown). */
	note(line: string) {
		this.notes.push(line);
	}

	line(): string {
		const parts = this.order.map((key) => `${this.get(key)} ${key}`);
		return `${this.section}: ${parts.join(', ')}`;
	}

	/** Prints the summary line and the notes, and saves them as this section's figures. */
	print() {
		const lines = [this.line(), ...this.notes.map((n) => `  ${n}`)];
		process.stdout.write(`\n${lines.join('\n')}\n`);
		saveFact({
			key: suiteKey(this.section),
			lines,
			testFile: expect.getState().testPath,
			runtime: suiteRuntime(),
		});
	}
}

/** Renders rows × columns of `passed/total` cells as a fixed-width text table. */
export function renderMatrix(
	title: string,
	columns: string[],
	rows: Array<{
		name: string;
		cells: Record<string, { passed: number; total: number } | undefined>;
	}>,
): string[] {
	const width = Math.max(...columns.map((c) => c.length), 5) + 2;
	const nameWidth = Math.max(title.length, ...rows.map((r) => r.name.length)) + 2;
	const header = title.padEnd(nameWidth) + columns.map((c) => c.padStart(width)).join('');
	const lines = rows.map(
		(row) =>
			row.name.padEnd(nameWidth) +
			columns
				.map((column) => {
					const cell = row.cells[column];
					return (cell ? `${cell.passed}/${cell.total}` : 'n/a').padStart(width);
				})
				.join(''),
	);
	return [header, ...lines];
}
