import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { FileStatus } from '../../transport/bulk';
import { listFiles } from '../../transport/bulk';
import { metaField } from '../../transport/credits';
import { apiVersion } from '../common';
import { readRequestId, requestIdField } from './requestId';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['bulkCollect'], operation: ['getStatus'] } },
	[requestIdField],
);

export function statusItem(requestId: string, status: FileStatus): INodeExecutionData {
	return {
		json: {
			request_id: requestId,
			ready: status.files.length > 0,
			files: status.files,
			...metaField(status.creditsRemaining),
		},
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const requestId = readRequestId(this, itemIndex);
	const status = await listFiles.call(this, {
		version: apiVersion(this, itemIndex),
		requestId,
		itemIndex,
	});
	return [statusItem(requestId, status)];
}
