/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { join } from 'node:path';

import { bufferedItems, nodeItems } from './bulk-download';
import type { Benchmark, BenchOptions, BenchResult, Row } from './runner';
import { benchPackageRoots, MiB, runPairsInChildren } from './runner';
import type { TriggerName } from './triggers';
import { parseOnly, startTriggerBench, TRIGGER_LABELS } from './triggers';

/**
 * Scaling: ingest and bulk download at three sizes, each run in a fresh process so its memory
 * high-water is its own. Per element (or record): time and memory, for our code and for its
 * baseline; linear growth shows as flat per-element figures.
 */

export const SCALING_SIZES: Record<TriggerName, { full: number[]; smoke: number[] }> = {
	coresignal: { full: [1_000, 10_000, 100_000], smoke: [10, 20, 40] },
	// The smoke run covers one trigger: each size costs two process starts.
	humansourcing: { full: [500, 5_000, 50_000], smoke: [] },
	charthop: { full: [100, 1_000, 10_000], smoke: [] },
};

const WARMUP_ELEMENTS = 100;

/** Bulk download sizes: records, in files of at most 10,000 (Coresignal's file size). */
export const BULK_SIZES = { full: [1_000, 10_000, 100_000], smoke: [] as number[] };
const BULK_FILE_RECORDS = 10_000;
const BULK_MODULE = join(__dirname, 'bulk-download.ts');

export interface IngestVariantArgs {
	trigger: TriggerName;
	size: number;
	variant: 'ingest' | 'parse';
}

/**
 * Child-process variant: sets up the activated trigger and the body (not measured), then returns
 * the measured step: one delivery, or JSON.parse alone. Resolves to the number of items.
 */
export async function ingestVariant(args: IngestVariantArgs): Promise<() => Promise<number>> {
	const bench = await startTriggerBench();
	const trigger = await bench.trigger(args.trigger);
	const body = trigger.body(args.size);
	// A long-running n8n has compiled this code already: warm up on a small body first.
	const warmup = trigger.body(Math.min(args.size, WARMUP_ELEMENTS));
	for (let round = 0; round < 3; round++) {
		if (args.variant === 'ingest') await trigger.deliver(warmup);
		else parseOnly(warmup);
	}
	return async () => (args.variant === 'ingest' ? await trigger.deliver(body) : parseOnly(body));
}

const perElement = (value: number, elements: number) => value / elements;

export const scaling: Benchmark = {
	name: 'scaling',
	title:
		'Scaling: ingest and bulk download at three sizes, time and memory per element (fresh process per run)',
	async run(options: BenchOptions): Promise<BenchResult> {
		// ≥ 5 pairs for a full run (each is two process starts); one for the smoke run.
		const repetitions = options.scale === 'full' ? 5 : 1;
		const rows: Row[] = [];
		const notes: string[] = [];
		for (const trigger of Object.keys(SCALING_SIZES) as TriggerName[]) {
			const perSize: Array<{ size: number; usPerElement: number }> = [];
			for (const size of SCALING_SIZES[trigger][options.scale]) {
				const runs = await runPairsInChildren<'ingest' | 'parse', number>(
					{
						ingest: {
							modulePath: __filename,
							exportName: 'ingestVariant',
							args: { trigger, size, variant: 'ingest' },
						},
						parse: {
							modulePath: __filename,
							exportName: 'ingestVariant',
							args: { trigger, size, variant: 'parse' },
						},
					},
					repetitions,
				);
				const items = runs.ingest.runs[0].result;
				if (items !== size)
					throw new Error(`${TRIGGER_LABELS[trigger]} emitted ${items} items for ${size} elements`);
				const label = `${TRIGGER_LABELS[trigger]}, ${size.toLocaleString('en-US')} elements`;
				const usPerElement = perElement(runs.ingest.medianMs * 1000, size);
				perSize.push({ size, usPerElement });
				const detail = {
					ingest: {
						medianMs: runs.ingest.medianMs,
						peakHeapBytes: runs.ingest.peakHeapBytes,
						peakRssBytes: runs.ingest.peakRssBytes,
					},
					parse: {
						medianMs: runs.parse.medianMs,
						peakHeapBytes: runs.parse.peakHeapBytes,
						peakRssBytes: runs.parse.peakRssBytes,
					},
				};
				rows.push(
					{
						benchmark: 'scaling',
						case: label,
						metric: 'time/element, ingest',
						value: usPerElement,
						unit: 'µs',
						detail,
					},
					{
						benchmark: 'scaling',
						case: label,
						metric: 'time/element, JSON.parse',
						value: perElement(runs.parse.medianMs * 1000, size),
						unit: 'µs',
					},
					{
						benchmark: 'scaling',
						case: label,
						metric: 'heap peak/element, ingest',
						value: perElement(runs.ingest.peakHeapBytes, size) / 1024,
						unit: 'KiB',
					},
					{
						benchmark: 'scaling',
						case: label,
						metric: 'heap peak/element, JSON.parse',
						value: perElement(runs.parse.peakHeapBytes, size) / 1024,
						unit: 'KiB',
					},
					{
						benchmark: 'scaling',
						case: label,
						metric: 'RSS peak, ingest',
						value: runs.ingest.peakRssBytes / MiB,
						unit: 'MiB',
					},
				);
			}
			const first = perSize[0];
			const last = perSize[perSize.length - 1];
			if (perSize.length < 2) continue;
			rows.push({
				benchmark: 'scaling',
				case: `${TRIGGER_LABELS[trigger]}, ${last.size.toLocaleString('en-US')} vs ${first.size.toLocaleString('en-US')}`,
				metric: 'time/element growth (1× = linear)',
				value: last.usPerElement / first.usPerElement,
				unit: '×',
			});
		}
		const bulkPerRecord: Array<{ records: number; us: number }> = [];
		for (const records of BULK_SIZES[options.scale]) {
			const args = {
				records,
				perFile: Math.min(records, BULK_FILE_RECORDS),
				packageRoots: benchPackageRoots(),
			};
			const { node, baseline } = await runPairsInChildren<'node' | 'baseline', { records: number }>(
				{
					node: { modulePath: BULK_MODULE, exportName: nodeItems.name, args },
					baseline: { modulePath: BULK_MODULE, exportName: bufferedItems.name, args },
				},
				repetitions,
			);
			if (node.runs.some((run) => run.result.records !== records)) {
				throw new Error(
					`Bulk download returned ${node.runs[0].result.records} items for ${records} records`,
				);
			}
			const label = `Bulk download as items, ${records.toLocaleString('en-US')} records`;
			bulkPerRecord.push({ records, us: (node.medianMs * 1000) / records });
			const detail = {
				node: {
					medianMs: node.medianMs,
					peakExternalBytes: node.peakExternalBytes,
					peakRssBytes: node.peakRssBytes,
				},
				buffered: {
					medianMs: baseline.medianMs,
					peakExternalBytes: baseline.peakExternalBytes,
					peakRssBytes: baseline.peakRssBytes,
				},
			};
			rows.push(
				{
					benchmark: 'scaling',
					case: label,
					metric: 'time/record, node',
					value: (node.medianMs * 1000) / records,
					unit: 'µs',
					detail,
				},
				{
					benchmark: 'scaling',
					case: label,
					metric: 'time/record, buffered baseline',
					value: (baseline.medianMs * 1000) / records,
					unit: 'µs',
				},
				{
					benchmark: 'scaling',
					case: label,
					metric: 'heap+buffers peak/record, node',
					value: node.peakExternalBytes / records / 1024,
					unit: 'KiB',
				},
				{
					benchmark: 'scaling',
					case: label,
					metric: 'heap+buffers peak/record, buffered baseline',
					value: baseline.peakExternalBytes / records / 1024,
					unit: 'KiB',
				},
				{
					benchmark: 'scaling',
					case: label,
					metric: 'RSS peak, node',
					value: node.peakRssBytes / MiB,
					unit: 'MiB',
				},
			);
		}
		if (bulkPerRecord.length > 1) {
			const [first, last] = [bulkPerRecord[0], bulkPerRecord[bulkPerRecord.length - 1]];
			rows.push({
				benchmark: 'scaling',
				case: `Bulk download as items, ${last.records.toLocaleString('en-US')} vs ${first.records.toLocaleString('en-US')}`,
				metric: 'time/record growth (1× = linear)',
				value: last.us / first.us,
				unit: '×',
			});
		}
		notes.push(
			`Scaling runs each size as ${repetitions} interleaved pairs (our code, its baseline; then the other way round), each run in a fresh Node process (tsx, --expose-gc); medians. Heap peak is heap-used high-water minus the heap before the step, sampled every 2 ms; RSS peak uses the kernel's maxRSS. Setup (trigger activation, building the body, three warm-up deliveries of ${WARMUP_ELEMENTS} elements; for bulk download the sandbox with its files generated) is not measured. Small sizes carry fixed costs, so per-element figures fall as size grows; growth above 1× between the largest sizes would mean worse than linear.`,
		);
		return { rows, notes };
	},
};
