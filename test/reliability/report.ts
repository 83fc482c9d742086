/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Counts what a reliability section tried and prints one summary line when the file ends, e.g.
 * `bad inputs: 132 tried, 0 crashes`. Printed through process.stdout so it shows in `npm test`
 * output next to jest's own summary (jest buffers console, not stdout).
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

	print() {
		process.stdout.write(`\n${[this.line(), ...this.notes.map((n) => `  ${n}`)].join('\n')}\n`);
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
