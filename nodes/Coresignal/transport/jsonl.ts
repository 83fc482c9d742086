/**
 * Streaming decoding of Coresignal bulk files (`*.json.gz`, one JSON record per line), chunk by
 * chunk, so neither the compressed file nor its text is ever held whole.
 *
 * Gunzip uses the WHATWG `DecompressionStream`, a Node global since 18: n8n Cloud's lint forbids
 * importing `node:zlib` or `node:stream` in community nodes, and a disable comment would not help
 * because the verification scanner also lints the compiled JavaScript, where comments are gone.
 */

type ByteSource = AsyncIterable<Uint8Array>;

/** What the stages after gunzip work on at a time. */
const BLOCK_SIZE = 256 * 1024;

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** `head`, then the rest of the source; stopping early closes the source (an HTTP response). */
async function* prepend(
	head: Uint8Array,
	rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
	try {
		yield head;
		for (;;) {
			const { value, done } = await rest.next();
			if (done) return;
			yield value;
		}
	} finally {
		await rest.return?.();
	}
}

/**
 * The file's bytes, gunzipped when they start with the gzip magic number. Plain bytes pass through:
 * an HTTP client or proxy that already decoded a `Content-Encoding: gzip` response is harmless.
 */
export async function* gunzipped(source: ByteSource): AsyncGenerator<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	let head: Uint8Array = new Uint8Array(0);
	while (head.length < 2) {
		const { value, done } = await iterator.next();
		if (done) break;
		head = head.length === 0 ? value : Buffer.concat([head, value]);
	}
	if (head.length === 0) return;
	const bytes = prepend(head, iterator);
	if (!isGzip(head)) {
		yield* bytes;
		return;
	}
	// Written chunk by chunk with `await writer.write`: that is what applies backpressure. (Piping a
	// ReadableStream through it instead reads the whole source before the first output in Node 20.)
	const decompressor = new DecompressionStream('gzip');
	const writer = decompressor.writable.getWriter();
	const pump = (async () => {
		try {
			for await (const chunk of bytes) {
				await writer.ready;
				await writer.write(chunk);
			}
			await writer.close();
		} catch (error) {
			await writer.abort(error).catch(() => undefined);
		}
	})();
	const reader = decompressor.readable.getReader();
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			yield value;
		}
	} finally {
		await reader.cancel().catch(() => undefined);
		reader.releaseLock();
		await pump;
	}
}

/**
 * The file's bytes unchanged, checked on the way through: a gzip file cut short or damaged fails
 * at its end instead of being handed on as if complete. The check decompresses to nowhere, so
 * memory stays at one chunk. Bytes that are not gzip pass unchecked, as in `gunzipped`.
 */
export async function* verifiedGzip(source: ByteSource): AsyncGenerator<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	const first = await iterator.next();
	if (first.done) return;
	const bytes = prepend(first.value, iterator);
	if (!isGzip(first.value)) {
		yield* bytes;
		return;
	}
	const decompressor = new DecompressionStream('gzip');
	const writer = decompressor.writable.getWriter();
	const reader = decompressor.readable.getReader();
	let failure: unknown;
	const drained = (async () => {
		for (;;) if ((await reader.read()).done) return;
	})().catch((error: unknown) => {
		failure ??= error;
	});
	const fail = (error: unknown): never => {
		throw new Error(
			`the gzip data is incomplete or damaged (${(error as Error)?.message ?? error})`,
		);
	};
	try {
		for await (const chunk of bytes) {
			if (failure) fail(failure);
			await writer.ready;
			await writer.write(chunk).catch(fail);
			yield chunk;
		}
		await writer.close().catch(fail);
		await drained;
		if (failure) fail(failure);
	} finally {
		await reader.cancel().catch(() => undefined);
	}
}

/**
 * The chunks joined into blocks of at least `size` bytes (the last may be smaller): fewer, larger
 * pieces for the stages after gunzip, whose cost is per piece (a decode, a file write).
 */
export async function* blocks(source: ByteSource, size = BLOCK_SIZE): AsyncGenerator<Uint8Array> {
	let parts: Uint8Array[] = [];
	let length = 0;
	for await (const chunk of source) {
		parts.push(chunk);
		length += chunk.length;
		if (length < size) continue;
		yield parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
		parts = [];
		length = 0;
	}
	if (length > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
}

const NEWLINE = 0x0a;

/**
 * Non-empty text lines, a batch per block. Blocks are cut at their last newline byte, which is never
 * part of a multi-byte UTF-8 character, so each block's complete lines are decoded in one call.
 */
export async function* lineBatches(source: ByteSource): AsyncGenerator<string[]> {
	// Whole lines need no streaming decode, and only a non-streaming TextDecoder takes Node's fast
	// UTF-8 path (`{ stream: true }` switches a decoder to the slower ICU converter for good).
	// `ignoreBOM` keeps a BOM inside the text; the one a file may start with is dropped below.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
	let carry: Uint8Array | undefined; // the bytes after the last newline so far
	let first = true;
	for await (const read of blocks(source)) {
		const block = first && startsWithBom(read) ? read.subarray(3) : read;
		first = false;
		const cut = block.lastIndexOf(NEWLINE);
		if (cut < 0) {
			carry = carry ? Buffer.concat([carry, block]) : block;
			continue;
		}
		const head = carry ? Buffer.concat([carry, block.subarray(0, cut)]) : block.subarray(0, cut);
		carry = block.subarray(cut + 1);
		const lines = linesOf(decoder.decode(head));
		if (lines.length > 0) yield lines;
	}
	const rest = carry ? linesOf(decoder.decode(carry)) : [];
	if (rest.length > 0) yield rest;
}

const startsWithBom = (bytes: Uint8Array) =>
	bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

export class RecordParseError extends Error {
	constructor(
		readonly lineNumber: number,
		cause: Error,
	) {
		super(`Line ${lineNumber} is not valid JSON: ${cause.message}`);
	}
}

function parseLine(line: string): unknown {
	try {
		return JSON.parse(line) as unknown;
	} catch (error) {
		return error as Error;
	}
}

/**
 * The parsed records of JSON Lines (the bytes `gunzipped` gives), a batch per block (a few hundred kilobytes):
 * one await per batch instead of per record. A line holding a JSON array is spread into its
 * elements, in case a file turns out to be one array rather than JSON Lines (the inner format is
 * undocumented). Line numbers in errors count non-empty lines.
 */
export async function* recordBatches(text: ByteSource): AsyncGenerator<unknown[]> {
	let lineNumber = 0;
	for await (const lines of lineBatches(text)) {
		const records: unknown[] = [];
		for (const line of lines) {
			lineNumber++;
			const parsed = parseLine(line);
			if (parsed instanceof Error) throw new RecordParseError(lineNumber, parsed);
			if (Array.isArray(parsed)) for (const element of parsed) records.push(element);
			else records.push(parsed);
		}
		yield records;
	}
}
