/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { randomBytes } from 'node:crypto';
import { getDefaultHighWaterMark } from 'node:stream';
import { gzipSync } from 'node:zlib';

import {
	blocks,
	gunzipped,
	lineBatches,
	recordBatches,
	RecordParseError,
} from '../../../nodes/Coresignal/transport/jsonl';

/** The bytes as a stream of chunks of `size` bytes, like an HTTP response. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const value of source) all.push(value);
	return all;
}

async function flat<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
	return (await collect(batches)).flat();
}

const jsonRecords = async (source: AsyncIterable<Uint8Array>) =>
	await flat(recordBatches(gunzipped(source)));

const records = [{ id: 1, full_name: 'Zoë Brontë' }, { id: 2, skills: ['日本語'] }, { id: 3 }];
const jsonl = Buffer.from(records.map((record) => JSON.stringify(record)).join('\n') + '\n');

describe('recordBatches', () => {
	it.each([1, 2, 7, 64, 100_000])(
		'reads gzipped JSON Lines delivered in %i-byte chunks',
		async (size) => {
			expect(await jsonRecords(chunks(gzipSync(jsonl), size))).toEqual(records);
		},
	);

	it('reads JSON Lines that are not compressed (already decoded by a proxy)', async () => {
		expect(await jsonRecords(chunks(jsonl, 5))).toEqual(records);
	});

	it('spreads a file that is one JSON array into its records', async () => {
		expect(await jsonRecords(chunks(gzipSync(JSON.stringify(records)), 9))).toEqual(records);
	});

	it('reads nothing from an empty file', async () => {
		expect(await jsonRecords(chunks(Buffer.alloc(0), 5))).toEqual([]);
	});

	it('names the line that is not JSON', async () => {
		const broken = gzipSync('{"id": 1}\n\n{"id": \n');

		const reading = jsonRecords(chunks(broken, 4));

		await expect(reading).rejects.toBeInstanceOf(RecordParseError);
		await expect(reading).rejects.toThrow(/^Line 2 is not valid JSON/);
	});

	it('fails on a gzip stream that is cut off', async () => {
		const gz = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => jsonl)));

		await expect(jsonRecords(chunks(gz.subarray(0, gz.length / 2), 50))).rejects.toThrow();
	});
});

describe('lineBatches', () => {
	it('keeps a last line without a newline and skips blank lines', async () => {
		expect(await flat(lineBatches(chunks(Buffer.from('a\n\r\n\nb\nc'), 2)))).toEqual([
			'a',
			'b',
			'c',
		]);
	});

	it('keeps a multi-byte character whole when a line spans blocks', async () => {
		const line = 'é'.repeat(300_000); // 600,000 bytes: more than two blocks
		const text = Buffer.from(`${line}\n${line}\n`);

		expect(await flat(lineBatches(chunks(text, 999)))).toEqual([line, line]);
	});
});

describe('lineBatches and the byte order mark', () => {
	it('drops the one a file starts with, as a streaming decoder does', async () => {
		const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":1}\n')]);

		expect(await flat(lineBatches(chunks(text, 2)))).toEqual(['{"id":1}']);
	});
});

describe('blocks', () => {
	it('joins small chunks into blocks of at least the given size, byte for byte', async () => {
		const bytes = randomBytes(10_000);

		const joined = await collect(blocks(chunks(bytes, 300), 4096));

		expect(joined.slice(0, -1).every((block) => block.length >= 4096)).toBe(true);
		expect(Buffer.concat(joined).equals(bytes)).toBe(true);
	});
});

describe('gunzipped', () => {
	it('decompresses lazily, chunk by chunk', async () => {
		const big = Buffer.from(randomBytes(2 ** 20).toString('hex'));
		const compressed = gzipSync(big);
		let pulled = 0;
		async function* counted() {
			for await (const chunk of chunks(compressed, 1024) /* ~1,200 chunks */) {
				pulled++;
				yield chunk;
			}
		}

		const iterator = gunzipped(counted())[Symbol.asyncIterator]();
		const first = await iterator.next();

		expect(first.value.length).toBeGreaterThan(0);
		// Before its first output the decompressor buffers up to a stream highWaterMark of input (16 KiB on
		// Node 20, 64 KiB from Node 22): allow twice that, which is still a small part of the file.
		const buffered = Math.ceil((2 * getDefaultHighWaterMark(false)) / 1024);
		expect(pulled).toBeLessThanOrEqual(buffered);
		expect(pulled).toBeLessThan(compressed.length / 1024 / 4);
		await iterator.return?.(undefined);
	});
});
