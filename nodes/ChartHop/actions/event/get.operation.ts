import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';
import { chartHopRequest } from '../../transport/api';
import { PATHS } from '../../transport/endpoints';
import { withEventTime } from './time';

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
	const eventId = requiredParameter(
		this,
		itemIndex,
		'eventId',
		'Event ID',
		'Enter the Event ID or map it from a previous node.',
	);
	const { body } = await chartHopRequest.call(this, {
		method: 'GET',
		orgPath: PATHS.event(eventId),
		itemIndex,
	});
	return [{ json: withEventTime(this, body as IDataObject) }];
}
