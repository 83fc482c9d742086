import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chartHopRequest } from '../../transport/api';
import { requiredId } from '../common';
import { actionIdField } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['delete'] } },
	[actionIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const actionId = requiredId.call(this, 'actionId', 'Action ID', itemIndex);
	await chartHopRequest.call(this, { method: 'DELETE', orgPath: `/action/${actionId}`, itemIndex });
	return [{ json: { deleted: true, id: decodeURIComponent(actionId) } }];
}
