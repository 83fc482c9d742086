/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Where the bulk download's time goes, stage by stage, without n8n or HTTP: the node's streaming
 * reader (`nodes/Coresignal/transport/jsonl.ts`) against the buffered baseline of
 * `bench/bulk-download.ts` (gunzipSync, split, JSON.parse), on the sandbox's gzipped JSONL files.
 *
 *   npx tsx --expose-gc bench/bulk-download-pipeline.ts              100,000 records, 5 rounds
 *   npx tsx --expose-gc bench/bulk-download-pipeline.ts --records 20000 --rounds 7
 *
 * Each round runs every stage once, in a rotating order, after a forced GC. Printed per stage:
 * medians (min–max) of wall-clock time and of the process's CPU time (user + system, every thread:
 * the streaming gunzip runs zlib on libuv's thread pool, so wall time alone can hide or exaggerate
 * it on a busy machine). For information; nothing is written.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';

import { gunzipped, lineBatches, recordBatches } from '../nodes/Coresignal/transport/jsonl';
import { EmployeeDirectory } from '../sandbox/coresignal/employees';
import { argValue, machineInfo, median } from './runner';

const PER_FILE = 10_000;

/** The sandbox's files: gzipped JSON Lines of employee records, PER_FILE records each. */
function bulkFiles(records: number): Buffer[] {
	const employees = new EmployeeDirectory(() => ({ first: 100_001, count: records }), 42);
	const files: Buffer[] = [];
	for (let first = 0; first < records; first += PER_FILE) {
		const count = Math.min(PER_FILE, records - first);
		const lines = Array.from({ length: count }, (_, index) =>
			JSON.stringify(employees.byId(100_001 + first + index)),
		);
		files.push(gzipSync(Buffer.from(lines.join('\n') + '\n')));
	}
	return files;
}

/** A file as an HTTP body arrives: 64 KiB chunks. */
async function* chunks(file: Buffer, size = 65_536): AsyncGenerator<Uint8Array> {
	for (let offset = 0; offset < file.length; offset += size)
		yield file.subarray(offset, offset + size);
}

type Stage = (files: Buffer[]) => Promise<number>;

const STAGES: Record<string, Stage> = {
	'buffered baseline: gunzipSync + split + JSON.parse': async (files) => {
		let records = 0;
		for (const file of files)
			for (const line of gunzipSync(file).toString('utf8').split('\n'))
				if (line) records += JSON.parse(line) ? 1 : 0;
		return records;
	},
	'node: recordBatches (stream gunzip + lines + JSON.parse)': async (files) => {
		let records = 0;
		for (const file of files)
			for await (const batch of recordBatches(gunzipped(chunks(file)))) records += batch.length;
		return records;
	},
	'node stage: stream gunzip + lines (no parse)': async (files) => {
		let lines = 0;
		for (const file of files)
			for await (const batch of lineBatches(gunzipped(chunks(file)))) lines += batch.length;
		return lines;
	},
	'node stage: stream gunzip only (DecompressionStream)': async (files) => {
		let bytes = 0;
		for (const file of files)
			for await (const chunk of gunzipped(chunks(file))) bytes += chunk.length;
		return bytes;
	},
	'node stage: stream gunzip, two files at a time (binary)': async (files) => {
		let bytes = 0;
		for (let first = 0; first < files.length; first += 2)
			await Promise.all(
				files.slice(first, first + 2).map(async (file) => {
					for await (const chunk of gunzipped(chunks(file))) bytes += chunk.length;
				}),
			);
		return bytes;
	},
	'baseline stage: gunzipSync only': async (files) => {
		let bytes = 0;
		for (const file of files) bytes += gunzipSync(file).length;
		return bytes;
	},
};

async function main() {
	const args = process.argv.slice(2);
	const records = argValue(args, '--records', 100_000);
	const rounds = argValue(args, '--rounds', 5);
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc)
		throw new Error('Run with --expose-gc (npx tsx --expose-gc bench/bulk-download-pipeline.ts)');
	const files = bulkFiles(records);
	const names = Object.keys(STAGES);
	const wall: Record<string, number[]> = {};
	const cpu: Record<string, number[]> = {};
	const log = (line: string) => process.stdout.write(`${line}\n`);
	const machine = machineInfo();
	log(
		`${records.toLocaleString('en-US')} records in ${files.length} files (${(files.reduce((sum, file) => sum + file.length, 0) / 2 ** 20).toFixed(1)} MiB gzipped), ${rounds} rounds`,
	);
	for (let round = 0; round < rounds; round++) {
		for (let offset = 0; offset < names.length; offset++) {
			const name = names[(round + offset) % names.length];
			gc();
			const cpuBefore = process.cpuUsage();
			const started = performance.now();
			await STAGES[name](files);
			const used = process.cpuUsage(cpuBefore);
			(wall[name] ??= []).push(performance.now() - started);
			(cpu[name] ??= []).push((used.user + used.system) / 1000);
		}
	}
	const fmt = (values: number[]) =>
		`${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
	const baseline = names[0];
	for (const name of names) {
		log(
			`${name.padEnd(56)} wall ${fmt(wall[name]).padEnd(24)} cpu ${fmt(cpu[name]).padEnd(24)} cpu / baseline ${(median(cpu[name]) / median(cpu[baseline])).toFixed(2)}×`,
		);
	}
	machine.loadAverageAtEnd = machineInfo().loadAverage;
	log(`Machine: ${JSON.stringify(machine)}`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
