import { benchmarks } from '../../bench/benchmarks';
import type { BenchResult } from '../../bench/runner';
import { formatTable } from '../../bench/runner';

/**
 * Every benchmark at tiny sizes, once, so `npm run bench` cannot rot unnoticed. Nothing here
 * asserts on speed or memory: only that each benchmark runs end to end, measures what it says,
 * and that the correctness checks built into it (items per element, requests per page) hold.
 */
// Real time: each benchmark starts child processes and a sandbox; 'scaling' alone took 161 s at load 23.
jest.setTimeout(600_000);

const results = new Map<string, BenchResult>();

async function run(name: string): Promise<BenchResult> {
	const cached = results.get(name);
	if (cached) return cached;
	const benchmark = benchmarks.find((candidate) => candidate.name === name);
	if (!benchmark) throw new Error(`No benchmark "${name}"`);
	const result = await benchmark.run({ scale: 'smoke', repetitions: 1 });
	results.set(name, result);
	return result;
}

describe.each(benchmarks.map((benchmark) => benchmark.name))(
	'benchmark %s at smoke size',
	(name) => {
		it('produces rows with a finite figure each', async () => {
			const { rows } = await run(name);

			expect(rows.length).toBeGreaterThan(0);
			expect(rows).toEqual(
				rows.map(() =>
					expect.objectContaining({
						benchmark: name,
						case: expect.any(String),
						metric: expect.any(String),
					}),
				),
			);
			expect(rows.filter((row) => !Number.isFinite(row.value))).toEqual([]);
		});

		it('gives a verdict beside every goal and renders as a table', async () => {
			const { rows } = await run(name);

			const goalsWithoutVerdict = rows.filter(
				(row) => row.goal !== undefined && typeof row.met !== 'boolean',
			);
			expect(goalsWithoutVerdict).toEqual([]);
			expect(formatTable(rows).split('\n')).toHaveLength(rows.length + 2);
		});
	},
);

describe('benchmark correctness at smoke size', () => {
	it('ingest emits one item per element for every trigger', async () => {
		const { rows } = await run('ingest');

		const cases = rows.filter((row) => row.metric === 'parse + webhook() / JSON.parse');
		expect(cases.map((row) => row.case)).toEqual([
			expect.stringMatching(/^Coresignal Trigger, 20 elements/),
			expect.stringMatching(/^Human Sourcing Trigger, 10 elements/),
			expect.stringMatching(/^ChartHop Trigger, 10 elements/),
		]);
	});

	it('pagination makes one request per page, earns no 429 and returns every id once', async () => {
		const { rows } = await run('pagination');

		const checked = [
			'requests made',
			'429 answers to the node, all timed runs',
			'unique ids / items',
		];
		const checks = rows.filter((row) => checked.includes(row.metric));
		expect(checks).toHaveLength(6);
		expect(checks.filter((row) => !row.met)).toEqual([]);
	});

	it('scaling measures time and memory at three sizes in child processes', async () => {
		const { rows } = await run('scaling');

		const sized = rows.filter((row) => row.metric === 'time/element, ingest');
		expect(sized.map((row) => row.case)).toEqual([
			'Coresignal Trigger, 10 elements',
			'Coresignal Trigger, 20 elements',
			'Coresignal Trigger, 40 elements',
		]);
		const memory = rows.filter((row) => row.metric === 'heap peak/element, ingest');
		expect(memory).toHaveLength(3);
		expect(memory.filter((row) => !(row.value > 0))).toEqual([]);
	});
});
