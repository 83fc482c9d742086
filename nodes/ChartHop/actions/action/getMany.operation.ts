import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { listItems } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['getAll'] } },
	returnAllOrLimit,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await listItems.call(this, itemIndex, '/action', {});
}
