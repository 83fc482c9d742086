import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { redactAction } from '../../trigger/auth';
import { PATHS } from '../../transport/endpoints';
import { listItems } from '../list';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['getAll'] } },
	returnAllOrLimit,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const items = await listItems.call(this, itemIndex, PATHS.actions, {});
	// n8n's secret header is redacted: with it, anyone who sees this execution could forge deliveries.
	return items.map((item) => ({ ...item, json: redactAction(item.json) }));
}
