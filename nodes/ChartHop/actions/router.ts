import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operations } from '../../shared/operation';
import { routeOperation } from '../../shared/operation';
import * as automatedAction from './automatedAction';
import * as cql from './cql';
import * as event from './event';

/** Resource values as saved in workflows ("Automated Action" is saved as `action`). */
const resources: Record<string, Operations> = {
	action: automatedAction.operations,
	cql: cql.operations,
	event: event.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, resources);
}
