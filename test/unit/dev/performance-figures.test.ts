import type { Row, RunReport } from '../../../bench/runner';
import { pageFigures, readmeFigures } from '../../../bench/write-figures';

const MACHINE = {
	cpu: 'AMD EPYC',
	cpuCount: 2,
	memoryGiB: 23.5,
	platform: 'linux',
	node: 'v20.20.2',
	loadAverage: [0.5],
	loadAverageAtEnd: [0.7],
};

const CORESIGNAL = 'Coresignal Trigger, 10,000 elements (0.8 MiB)';

function n8nRows(): Row[] {
	return [
		{
			benchmark: 'n8n',
			case: CORESIGNAL,
			metric: 'request → execution saved, trigger / Webhook + Split Out (runs: 1.41×, 1.22×)',
			value: 1.41,
			runs: [1.41, 1.22],
			unit: '×',
			goal: '≤ 1.3× in every run',
			met: false,
		},
		{
			benchmark: 'n8n',
			case: CORESIGNAL,
			metric: 'n8n peak RSS growth, trigger / Webhook + Split Out (runs: 1.47×, 1.43×)',
			value: 1.47,
			runs: [1.47, 1.43],
			unit: '×',
			goal: '≤ 1.5× in every run',
			met: true,
		},
		{
			benchmark: 'n8n',
			case: CORESIGNAL,
			metric:
				'request → execution saved, trigger / Webhook + Split Out + Edit Fields making the same items (runs: 0.31×, 0.33×)',
			value: 0.33,
			runs: [0.31, 0.33],
			unit: '×',
		},
	];
}

function report(benchmarks: RunReport['benchmarks']): RunReport {
	return {
		startedAt: '2026-11-29T06:00:00.000Z',
		finishedAt: '',
		scale: 'full',
		machine: MACHINE,
		benchmarks,
	};
}

const n8nEntry = (name: string, title: string) => ({
	name,
	title,
	rows: n8nRows(),
	notes: [],
	startedAt: '2026-11-30T07:00:00.000Z',
	machine: MACHINE,
});

describe('the README performance summary', () => {
	it('shows each run of each goal with its verdict, from the pinned n8n', () => {
		const text = readmeFigures(report([n8nEntry('n8n', 'In a real n8n (n8n 2.8.4/Node 20)')]));

		expect(text).toContain('2026-11-30');
		expect(text).toContain(
			`| ${CORESIGNAL} | 1.41×, 1.22× (≤ 1.3× in every run: **missed**) | 1.47×, 1.43× (≤ 1.5× in every run: met) | 0.31×, 0.33× |`,
		);
	});

	it('lists the pinned n8n before another runtime', () => {
		const text = readmeFigures(
			report([
				n8nEntry('n8n n8n 2.41.1/Node 24', 'In a real n8n (n8n 2.41.1/Node 24)'),
				n8nEntry('n8n', 'In a real n8n (n8n 2.8.4/Node 20)'),
			]),
		);

		expect(text.indexOf('2.8.4')).toBeLessThan(text.indexOf('2.41.1'));
	});

	it('says so when bench:n8n has not run', () => {
		expect(readmeFigures(report([]))).toBe('No `npm run bench:n8n` figures yet.');
	});
});

describe('the performance page', () => {
	it('dates each benchmark by its own run, not by the last one', () => {
		const ingest = {
			name: 'ingest',
			title: 'Ingest',
			rows: [],
			notes: [],
			startedAt: '2026-11-28T06:00:00.000Z',
			machine: MACHINE,
		};
		const collect = { ...ingest, name: 'collect-rate', startedAt: '2026-11-30T06:00:00.000Z' };

		const text = pageFigures(report([collect, ingest]));

		expect(text).toContain('**`npm run bench -- collect-rate`** (2026-11-30;');
		expect(text).toContain('**`npm run bench -- ingest`** (2026-11-28;');
	});

	it('dates an entry written before entries carried their own date by the report', () => {
		const text = pageFigures(report([{ name: 'ingest', title: 'Ingest', rows: [], notes: [] }]));

		expect(text).toContain('**`npm run bench -- ingest`** (2026-11-29;');
	});
});
