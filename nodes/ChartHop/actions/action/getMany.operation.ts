import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listItems, returnAllOrLimit } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['getAll'] } },
	returnAllOrLimit('getAll', 'action'),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listItems.call(this, itemIndex, '/action', {});
}
