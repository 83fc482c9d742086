import type { INodeProperties } from 'n8n-workflow';

export const actionIdField: INodeProperties = {
	displayName: 'Action ID',
	name: 'actionId',
	type: 'string',
	required: true,
	default: '',
	description:
		'The ID of the automated action, e.g. the subscription ID in a ChartHop Trigger item',
};
