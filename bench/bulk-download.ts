/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { gunzipSync } from 'node:zlib';

import { vendorUrls } from '../sandbox/client';
import { CORESIGNAL_API_KEY, CORESIGNAL_JWT } from '../sandbox/credentials';
import { startSandbox } from '../sandbox/server';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { Harness } from '../dev/harness';
import { n8nCoreContainer } from '../dev/harness/n8n-core-internals';
import { coresignalWorkflow, NODE } from '../dev/coresignal-workflow';
import { sampleMemory } from './memoryProbe';
import type { Benchmark, BenchOptions, BenchResult, ChildRuns, Row } from './runner';
import { benchPackageRoots, MiB, ratio, runPairsInChildren } from './runner';

/** At most 1.3× the buffer-everything baseline's time and 0.5× its peak memory. */
const TIME_GOAL = 1.3;
const MEMORY_GOAL = 0.5;

/**
 * Bulk Collect › Download of a 100,000-record request (10 gzipped JSONL files of 10,000) through
 * the node, as items and as binary JSONL, against a buffer-everything baseline in the same run:
 * fetch each whole .json.gz, gunzipSync, split, JSON.parse (what an HTTP Request + Code node
 * would do). Each variant runs in its own process so peaks are its own.
 */

const RECORDS = { full: 100_000, smoke: 2_000 };
const PER_FILE = { full: 10_000, smoke: 500 };

interface Args {
	records: number;
	perFile: number;
	packageRoots?: string[];
}

/** Sandbox with a ready request whose files are already generated (so only the download is measured). */
async function prepare(args: Args) {
	const sandbox = await startSandbox({
		coresignal: {
			employeeCount: args.records,
			credits: args.records * 2,
			bulkReadyMs: 0,
			bulkFileRecords: args.perFile,
			bulkMaxRecords: args.records,
		},
	});
	const baseUrl = vendorUrls(sandbox.url).coresignal;
	const headers = { apikey: CORESIGNAL_API_KEY, 'content-type': 'application/json' };
	const submitted = await fetch(`${baseUrl}/v2/data_requests/employee_clean/es_dsl`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ es_dsl_query: { query: { match_all: {} } }, limit: args.records }),
	});
	const { request_id: requestId } = (await submitted.json()) as { request_id: string };
	const listed = await fetch(`${baseUrl}/v2/data_requests/${requestId}/files`, { headers });
	const { data_request_files: files } = (await listed.json()) as { data_request_files: string[] };
	for (const file of files)
		await (
			await fetch(`${baseUrl}/v2/data_requests/${requestId}/files/${file}`, { headers })
		).arrayBuffer();
	return { sandbox, baseUrl, headers, requestId, files };
}

async function nodeVariant(args: Args, output: 'items' | 'binary') {
	const { sandbox, baseUrl, requestId } = await prepare(args);
	const harness = await Harness.start({
		packageRoots: args.packageRoots,
		credentials: {
			coresignalApi: { apiKey: CORESIGNAL_API_KEY, baseUrl, maxRequestsPerSecond: 0 },
			coresignalJwtApi: { token: CORESIGNAL_JWT, baseUrl, maxRequestsPerSecond: 0 },
		},
	});
	return async () => {
		const result = await harness.runWorkflow(
			coresignalWorkflow({ resource: 'bulkCollect', operation: 'download', requestId, output }),
		);
		sampleMemory();
		if (result.status !== 'success') throw new Error(result.error?.message ?? result.status);
		const items = result.nodes[NODE].outputs[0];
		let records = items.length;
		if (output === 'binary') {
			records = 0;
			for (const item of items) records += await countLines(item.binary!.data);
		}
		await harness.close();
		await sandbox.close();
		return { records };
	};
}

/** Lines of a stored binary, read as a stream (as n8n stores it: a file in filesystem mode). */
async function countLines(data: IBinaryData): Promise<number> {
	const service = n8nCoreContainer().get(BinaryDataService);
	const stream = data.id ? await service.getAsStream(data.id) : [Buffer.from(data.data, 'base64')];
	let lines = 0;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		for (const byte of chunk) if (byte === 0x0a) lines++;
	}
	return lines;
}

export const nodeItems = async (args: Args) => await nodeVariant(args, 'items');
export const nodeBinary = async (args: Args) => await nodeVariant(args, 'binary');

/**
 * A whole file. Tried twice: on a starved machine, a kept-alive socket the sandbox closes just as
 * it is reused fails the fetch before anything was sent (undici's "fetch failed").
 */
async function fetchFile(url: string, headers: Record<string, string>): Promise<Buffer> {
	const once = async () => Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
	return await once().catch(once);
}

async function bufferedVariant(args: Args, output: 'items' | 'binary') {
	const { sandbox, baseUrl, headers, requestId, files } = await prepare(args);
	return async () => {
		const items: unknown[] = [];
		const binaries: string[] = [];
		for (const file of files) {
			const gz = await fetchFile(`${baseUrl}/v2/data_requests/${requestId}/files/${file}`, headers);
			const text = gunzipSync(gz);
			sampleMemory();
			if (output === 'binary') binaries.push(text.toString('base64'));
			else
				for (const line of text.toString('utf8').trim().split('\n')) items.push(JSON.parse(line));
			sampleMemory();
		}
		const records =
			output === 'items'
				? items.length
				: binaries.reduce(
						(sum, data) =>
							sum + Buffer.from(data, 'base64').toString('utf8').trim().split('\n').length,
						0,
					);
		await sandbox.close();
		return { records };
	};
}

export const bufferedItems = async (args: Args) => await bufferedVariant(args, 'items');
export const bufferedBinary = async (args: Args) => await bufferedVariant(args, 'binary');

const mib = (bytes: number) => bytes / MiB;

const PAIRS = { full: 5, smoke: 1 };

export const bulkDownload: Benchmark = {
	name: 'bulk-download',
	title: 'Bulk Collect › Download: streaming node vs buffer-everything baseline',
	async run(options: BenchOptions): Promise<BenchResult> {
		const args: Args = {
			records: RECORDS[options.scale],
			perFile: PER_FILE[options.scale],
			packageRoots: benchPackageRoots(),
		};
		const label = `${args.records.toLocaleString('en-US')} records in ${args.records / args.perFile} files`;
		const rows: Row[] = [];
		for (const output of ['items', 'binary'] as const) {
			const [nodeExport, baselineExport] =
				output === 'items' ? ['nodeItems', 'bufferedItems'] : ['nodeBinary', 'bufferedBinary'];
			const { node, baseline } = await runPairsInChildren<'node' | 'baseline', { records: number }>(
				{
					node: { modulePath: __filename, exportName: nodeExport, args },
					baseline: { modulePath: __filename, exportName: baselineExport, args },
				},
				Math.max(PAIRS[options.scale], options.repetitions),
			);
			const counted = (runs: ChildRuns<{ records: number }>) =>
				runs.runs.every((run) => run.result.records === args.records);
			const caseName = `${label}, as ${output === 'items' ? 'items' : 'binary JSONL'}`;
			const detail = {
				pairs: node.runs.length,
				nodeMs: node.runs.map((run) => run.ms),
				baselineMs: baseline.runs.map((run) => run.ms),
				nodePeakExternalMiB: node.runs.map((run) => mib(run.peakExternalBytes)),
				baselinePeakExternalMiB: baseline.runs.map((run) => mib(run.peakExternalBytes)),
				nodePeakRssMiB: mib(node.peakRssBytes),
				baselinePeakRssMiB: mib(baseline.peakRssBytes),
				nodePeakHeapMiB: mib(node.peakExternalBytes),
				baselinePeakHeapMiB: mib(baseline.peakExternalBytes),
			};
			rows.push(
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'records in = items out',
					value: node.runs[0].result.records,
					unit: `of ${args.records.toLocaleString('en-US')}`,
					goal: 'all records',
					met: counted(node) && counted(baseline),
				},
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'node time',
					value: node.medianMs,
					unit: 'ms',
					detail,
				},
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'time / buffered baseline',
					value: ratio(node.medianMs, baseline.medianMs),
					unit: '×',
					goal: `≤ ${TIME_GOAL}×`,
					met: ratio(node.medianMs, baseline.medianMs) <= TIME_GOAL,
				},
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'node peak heap+buffers',
					value: mib(node.peakExternalBytes),
					unit: 'MiB',
				},
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'peak heap+buffers / baseline',
					value: ratio(node.peakExternalBytes, baseline.peakExternalBytes),
					unit: '×',
					// As binary, n8n's default in-memory store buffers the whole file whatever the node does.
					goal: `≤ ${MEMORY_GOAL}×`,
					met: ratio(node.peakExternalBytes, baseline.peakExternalBytes) <= MEMORY_GOAL,
				},
				// RSS rises by whole pages, often not at all at smoke size: shown as is, not as a ratio.
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'peak RSS rise (node)',
					value: node.peakRssBytes / 2 ** 20,
					unit: 'MiB',
				},
				{
					benchmark: 'bulk-download',
					case: caseName,
					metric: 'peak RSS rise (baseline)',
					value: baseline.peakRssBytes / 2 ** 20,
					unit: 'MiB',
				},
			);
		}
		return {
			rows,
			notes: [
				'Interleaved pairs (node, baseline; baseline, node …), each run in a fresh process; medians, every run in results.json; memory is the high-water above the level after setup (sandbox with the files already generated).',
				'Items are the output itself, so both sides end up holding every record once; the difference is what the download needs on top (the whole .json.gz, its text and the split lines for the baseline).',
				'Time includes n8n running the workflow (item wrapping, pairing) for the node but not for the baseline; the node gunzips with the WHATWG DecompressionStream (node:zlib is not allowed in community nodes), the baseline with zlib.gunzipSync.',
				"The harness initialises n8n's binary data service as n8n 2.x does at start (filesystem mode): binary output streams to a file under the harness's user folder, as in a real n8n; the baseline keeps each file as base64 in memory, as an in-memory store would.",
			],
		};
	},
};
