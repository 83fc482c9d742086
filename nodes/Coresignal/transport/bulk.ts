import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from './api';
import { coresignalRequest } from './api';
import { creditsRemaining } from './credits';
import type { SubmitMethod } from './endpoints';
import { filePath, filesPath, submitPath } from './endpoints';

export interface SubmitResult {
	body: IDataObject;
	location?: string;
	creditsRemaining?: number;
}

export async function submitBulkCollect(
	this: IAllExecuteFunctions,
	options: {
		version: ApiVersion;
		dataset: Dataset;
		method: SubmitMethod;
		body: IDataObject | FormData;
		itemIndex?: number;
	},
): Promise<SubmitResult> {
	const response = await coresignalRequest.call(this, {
		version: options.version,
		method: 'POST',
		path: submitPath(options.version, options.dataset, options.method),
		bucket: 'bulk',
		body: options.body,
		itemIndex: options.itemIndex,
	});
	const body =
		response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	const location = response.headers.location;
	return {
		body,
		location: typeof location === 'string' ? location : undefined,
		creditsRemaining: creditsRemaining(response.headers),
	};
}

/** The ID file Coresignal expects: numeric IDs only, one per line, no header, as multipart upload. */
export function idFileForm(ids: number[], webhookUrl?: string): FormData {
	const form = new FormData();
	form.append('ids_file', new Blob([ids.join('\n')], { type: 'text/plain' }), 'ids.txt');
	if (webhookUrl) form.append('webhook_url', webhookUrl);
	return form;
}

export interface FileStatus {
	files: string[];
	creditsRemaining?: number;
}

/** Lists a data request's files; an empty list (or 202 "in progress") means it is not ready yet. */
export async function listFiles(
	this: IAllExecuteFunctions,
	options: { version: ApiVersion; requestId: string; itemIndex?: number },
): Promise<FileStatus> {
	const response = await coresignalRequest.call(this, {
		version: options.version,
		method: 'GET',
		path: filesPath(options.version, options.requestId),
		bucket: 'bulk',
		itemIndex: options.itemIndex,
	});
	const body = response.body as { data_request_files?: unknown } | undefined;
	const files = Array.isArray(body?.data_request_files)
		? body.data_request_files.filter((file): file is string => typeof file === 'string')
		: [];
	return { files, creditsRemaining: creditsRemaining(response.headers) };
}

export interface FileDownload {
	/** The HTTP response stream (a Node `Readable`), still compressed. */
	stream: AsyncIterable<Uint8Array>;
	contentType?: string;
}

export async function downloadFile(
	this: IAllExecuteFunctions,
	options: { version: ApiVersion; requestId: string; fileName: string; itemIndex?: number },
): Promise<FileDownload> {
	const response = await coresignalRequest.call(this, {
		version: options.version,
		method: 'GET',
		path: filePath(options.version, options.requestId, options.fileName),
		bucket: 'bulk',
		headers: { accept: 'application/gzip, application/octet-stream, */*' },
		encoding: 'stream',
		json: false,
		itemIndex: options.itemIndex,
	});
	const contentType = response.headers['content-type'];
	return {
		stream: response.body as AsyncIterable<Uint8Array>,
		contentType: typeof contentType === 'string' ? contentType : undefined,
	};
}
