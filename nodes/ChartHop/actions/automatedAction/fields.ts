import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

export const actionIdField: INodeProperties = {
	displayName: 'Action ID',
	name: 'actionId',
	type: 'string',
	required: true,
	default: '',
	description:
		'The ID of the automated action, e.g. the subscription ID in a ChartHop Trigger item',
};

/** The Action ID of item `itemIndex`, as typed (the endpoint module encodes it for the path). */
export const readActionId = (context: IExecuteFunctions, itemIndex: number): string =>
	requiredParameter(
		context,
		itemIndex,
		'actionId',
		'Action ID',
		'Enter the Action ID or map it from a previous node.',
	);
