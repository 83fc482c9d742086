import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';
import type { ApiVersion } from '../../transport/api';
import { downloadFile, listFiles } from '../../transport/bulk';
import {
	blocks,
	gunzipped,
	recordBatches,
	RecordParseError,
	verifiedGzip,
} from '../../transport/jsonl';
import { apiVersion } from '../common';
import { readRequestId, requestIdField } from './requestId';

type NodeReadable = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['bulkCollect'], operation: ['download'] } },
	[
		requestIdField,
		{
			displayName: 'Files',
			name: 'files',
			type: 'options',
			options: [
				{
					name: 'All Files',
					value: 'all',
					description: 'Every file of the request, one after another',
				},
				{ name: 'One File', value: 'one', description: 'A single file, by name' },
			],
			default: 'all',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. json/part-00000-2c3d41c2-99c2-43ff-a39c-7ad7h63h7cd9-h000.json.gz',
			description: 'A name from the "files" list of Get Status or Wait',
			displayOptions: { show: { files: ['one'] } },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'Items',
					value: 'items',
					description: 'One item per employee record, ready for a spreadsheet or database node',
				},
				{
					name: 'Binary File',
					value: 'binary',
					description:
						'One item per file, with the file attached as binary data: the quicker, lighter choice for tens of thousands of records, since n8n keeps files on disk rather than every record in the execution',
				},
			],
			default: 'items',
		},
		{
			displayName: 'File Format',
			name: 'binaryFormat',
			type: 'options',
			options: [
				{
					name: 'JSON Lines',
					value: 'jsonl',
					description: 'Decompressed: one JSON record per line (.jsonl)',
				},
				{
					name: 'Original Gzip File',
					value: 'gzip',
					description: 'The compressed file as Coresignal serves it',
				},
			],
			default: 'jsonl',
			displayOptions: { show: { output: ['binary'] } },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: { show: { output: ['binary'] } },
		},
	],
);

/**
 * n8n's binary store wants a Node `Readable`, and `node:stream` may not be imported (cloud lint).
 * The HTTP response stream is a Node `Readable`, and its class inherits the static
 * `Readable.from`, which makes a real, back-pressured Node stream out of our async iterable.
 */
function nodeReadableFrom(
	response: AsyncIterable<Uint8Array>,
	source: AsyncIterable<Uint8Array>,
): NodeReadable {
	const streamClass = (response as object).constructor as unknown as {
		from?: (iterable: AsyncIterable<Uint8Array>) => NodeReadable;
	};
	if (typeof streamClass.from !== 'function') {
		throw new Error('The HTTP response is not a Node.js stream');
	}
	return streamClass.from.call(streamClass, source);
}

const baseName = (fileName: string) => fileName.split('/').pop() ?? fileName;

async function filesToDownload(
	context: IExecuteFunctions,
	version: ApiVersion,
	requestId: string,
	itemIndex: number,
): Promise<string[]> {
	if (context.getNodeParameter('files', itemIndex, 'all') === 'one') {
		return [
			requiredParameter(
				context,
				itemIndex,
				'fileName',
				'File Name',
				'Enter a file name from the "files" list of Get Status or Wait, or choose "All Files".',
			),
		];
	}
	const { files } = await listFiles.call(context, { version, requestId, itemIndex });
	if (files.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Bulk collect request ${requestId} has no files yet`,
			{
				itemIndex,
				description:
					'Coresignal is still preparing the files. Put a Bulk Collect › Wait step before Download.',
			},
		);
	}
	return files;
}

const asObject = (record: unknown): IDataObject =>
	(record && typeof record === 'object' ? record : { value: record }) as IDataObject;

/** A file that could not be read to its end: the message names it, the description says what to do. */
function readFailure(
	context: IExecuteFunctions,
	fileName: string,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) return error;
	return new NodeOperationError(
		context.getNode(),
		`Could not read ${fileName}: ${(error as Error).message || 'the download was cut off'}`,
		{
			itemIndex,
			description:
				error instanceof RecordParseError
					? 'The file is not JSON Lines as expected. Download it with Output "Binary File" and format "Original" to inspect it.'
					: 'The download was cut off or the file is damaged. Run the node again; Coresignal keeps the files for 30 days.',
		},
	);
}

async function binaryItem(
	context: IExecuteFunctions,
	file: {
		stream: Parameters<typeof gunzipped>[0];
		requestId: string;
		fileName: string;
		itemIndex: number;
	},
): Promise<INodeExecutionData> {
	const { stream, requestId, fileName, itemIndex } = file;
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const original = context.getNodeParameter('binaryFormat', itemIndex, 'jsonl') === 'gzip';
	const binary = original
		? await context.helpers.prepareBinaryData(
				nodeReadableFrom(stream, verifiedGzip(stream)),
				baseName(fileName),
				'application/gzip',
			)
		: await context.helpers.prepareBinaryData(
				nodeReadableFrom(stream, blocks(gunzipped(stream))),
				baseName(fileName).replace(/\.json\.gz$|\.gz$/, '') + '.jsonl',
				'application/x-ndjson',
			);
	return {
		json: { request_id: requestId, file: fileName, format: original ? 'json.gz' : 'jsonl' },
		binary: { [property]: binary },
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const requestId = readRequestId(this, itemIndex);
	const version = apiVersion(this, itemIndex);
	const asBinary = this.getNodeParameter('output', itemIndex, 'items') === 'binary';
	const output: INodeExecutionData[] = [];

	// One file at a time: a response requested ahead would wait unread while the file before it is
	// processed, and an idle response can time out or be cut before its turn.
	for (const fileName of await filesToDownload(this, version, requestId, itemIndex)) {
		const { stream } = await downloadFile.call(this, { version, requestId, fileName, itemIndex });
		try {
			if (asBinary) output.push(await binaryItem(this, { stream, requestId, fileName, itemIndex }));
			else
				for await (const records of recordBatches(gunzipped(stream)))
					for (const record of records) output.push({ json: asObject(record) });
		} catch (error) {
			throw readFailure(this, fileName, error, itemIndex);
		}
	}
	return output;
}
