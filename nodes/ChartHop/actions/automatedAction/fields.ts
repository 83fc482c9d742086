import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

/**
 * Picked from the organization's automated actions or typed. ChartHop documents no web address
 * for an action, so there is no By URL mode. A plain string saved before this became a locator
 * still reads.
 */
export const actionIdField: INodeProperties = {
	displayName: 'Automated Action',
	name: 'actionId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The automated action to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an automated action…',
			typeOptions: { searchListMethod: 'searchAutomatedActions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'ID of the automated action',
			hint: 'The ID of the action, e.g. the subscription ID in a ChartHop Trigger item',
		},
	],
};

/** The Action ID of item `itemIndex`, as typed (the endpoint module encodes it for the path). */
export const readActionId = (context: IExecuteFunctions, itemIndex: number): string =>
	requiredParameter(
		context,
		itemIndex,
		'actionId',
		'Automated Action',
		'Pick an automated action from the list, or enter its ID or map it from a previous node.',
		{ locator: true },
	);
