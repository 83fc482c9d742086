import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { chartHopRequest } from '../../transport/api';
import { requiredId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the event, including its payload',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const eventId = requiredId.call(this, 'eventId', 'Event ID', itemIndex);
	const { body } = await chartHopRequest.call(this, {
		method: 'GET',
		orgPath: `/event/${eventId}`,
		itemIndex,
	});
	return [{ json: body as IDataObject }];
}
