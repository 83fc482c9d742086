import type { INodeProperties } from 'n8n-workflow';

/** What to do when the Action ID is empty. */
export const ACTION_ID_HINT = 'Enter the Action ID or map it from a previous node.';

export const actionIdField: INodeProperties = {
	displayName: 'Action ID',
	name: 'actionId',
	type: 'string',
	required: true,
	default: '',
	description:
		'The ID of the automated action, e.g. the subscription ID in a ChartHop Trigger item',
};
