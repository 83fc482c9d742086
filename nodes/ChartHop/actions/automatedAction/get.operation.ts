import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { redactAction } from '../../trigger/auth';
import { chartHopRequest } from '../../transport/api';
import { PATHS } from '../../transport/endpoints';
import { actionIdField, readActionId } from './fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['get'] } },
	[actionIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const actionId = readActionId(this, itemIndex);
	const { body } = await chartHopRequest.call(this, {
		method: 'GET',
		orgPath: PATHS.action(actionId),
		itemIndex,
	});
	// n8n's secret header is redacted: with it, anyone who sees this execution could forge deliveries.
	return [{ json: redactAction(body as IDataObject) }];
}
