import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { listFiles } from '../../transport/bulk';
import { apiVersion } from '../common';
import { statusItem } from './getStatus.operation';
import { readRequestId, requestIdField } from './requestId';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['bulkCollect'], operation: ['wait'] } },
	[
		requestIdField,
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 30,
			description: 'How long to wait between two status checks',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1800,
			description:
				'Give up after this long. The request keeps running at Coresignal; run Wait again later with the same request ID.',
		},
	],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const requestId = readRequestId(this, itemIndex);
	const version = apiVersion(this, itemIndex);
	const intervalMs = (this.getNodeParameter('pollInterval', itemIndex, 30) as number) * 1000;
	const timeoutSeconds = this.getNodeParameter('timeout', itemIndex, 1800) as number;
	const deadline = Date.now() + timeoutSeconds * 1000;
	for (;;) {
		const status = await listFiles.call(this, { version, requestId, itemIndex });
		if (status.files.length > 0) return [statusItem(requestId, status)];
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Bulk collect request ${requestId} was not ready after ${timeoutSeconds} seconds`,
				{
					itemIndex,
					description: `Coresignal is still preparing the files; nothing is lost. Run Bulk Collect › Wait (or Get Status) again later with request ID ${requestId}, or raise "Timeout". Large requests can take hours.`,
				},
			);
		}
		await sleep(Math.min(intervalMs, remaining));
	}
}
