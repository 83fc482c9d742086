import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chartHopRequest } from '../../transport/api';
import { PATHS } from '../../transport/endpoints';
import { actionIdField, readActionId } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['delete'] } },
	[actionIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const actionId = readActionId(this, itemIndex);
	await chartHopRequest.call(this, {
		method: 'DELETE',
		orgPath: PATHS.action(actionId),
		itemIndex,
	});
	return [{ json: { deleted: true, id: actionId } }];
}
