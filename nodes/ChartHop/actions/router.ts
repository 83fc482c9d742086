import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../../shared/items';
import * as action from './action';
import * as cql from './cql';
import * as event from './event';
import type { ChartHopOperation } from './types';

const resources: Record<string, Record<string, ChartHopOperation | unknown>> = {
	action,
	cql,
	event,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation] as ChartHopOperation | undefined;
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
			{
				description: 'Pick a resource and operation from the lists in the node.',
			},
		);
	}
	return [
		await forEachItem(this, async (itemIndex) => await handler.execute.call(this, itemIndex)),
	];
}
