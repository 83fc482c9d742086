/**
 * Streaming decoding of Coresignal bulk files (`*.json.gz`, one JSON record per line), chunk by
 * chunk, so neither the compressed file nor its text is ever held whole.
 *
 * Gunzip uses the WHATWG `DecompressionStream`, a Node global since 18: n8n Cloud's lint forbids
 * importing `node:zlib` or `node:stream` in community nodes, and a disable comment would not help
 * because the verification scanner also lints the compiled JavaScript, where comments are gone.
 */

type ByteSource = AsyncIterable<Uint8Array>;

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

async function* prepend(
	head: Uint8Array,
	rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
	yield head;
	for (;;) {
		const { value, done } = await rest.next();
		if (done) return;
		yield value;
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

/** Non-empty text lines, split across chunk boundaries (also inside multi-byte characters). */
export async function* textLines(source: ByteSource): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	let pending = '';
	for await (const chunk of source) {
		const text = decoder.decode(chunk, { stream: true });
		pending += text;
		if (!text.includes('\n')) continue;
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) if (line.trim()) yield line;
	}
	pending += decoder.decode();
	if (pending.trim()) yield pending;
}

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
 * One parsed record per JSONL line. A line holding a JSON array is spread into its elements, in
 * case a file turns out to be one array rather than JSON Lines (the inner format is undocumented).
 */
export async function* jsonRecords(source: ByteSource): AsyncGenerator<unknown> {
	let lineNumber = 0;
	for await (const line of textLines(gunzipped(source))) {
		lineNumber++;
		const parsed = parseLine(line);
		if (parsed instanceof Error) throw new RecordParseError(lineNumber, parsed);
		if (Array.isArray(parsed)) yield* parsed;
		else yield parsed;
	}
}
