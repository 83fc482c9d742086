import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { PATHS } from '../../transport/endpoints';
import { listItems } from '../list';
import { withEventTime } from './time';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Code',
				name: 'code',
				type: 'string',
				default: '',
				placeholder: 'e.g. change.create.hire',
				description: 'Only events with this event code',
			},
			{
				displayName: 'Entity ID',
				name: 'entityId',
				type: 'string',
				default: '',
				description: 'Only events about this person, job or other entity',
			},
			{
				displayName: 'Entity Type',
				name: 'entityType',
				type: 'options',
				options: [
					{ name: 'App', value: 'APP' },
					{ name: 'Change', value: 'CHANGE' },
					{ name: 'Group', value: 'GROUP' },
					{ name: 'Job', value: 'JOB' },
					{ name: 'Person', value: 'PERSON' },
					{ name: 'User', value: 'USER' },
				],
				default: 'PERSON',
				description: 'Only events about this kind of entity',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only events at or after this time',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of ['code', 'entityId', 'entityType'] as const) {
		const value = String(filters[key] ?? '').trim();
		if (value) qs[key] = value;
	}
	if (filters.from) {
		const from = Date.parse(String(filters.from));
		if (Number.isNaN(from)) {
			throw new NodeOperationError(
				this.getNode(),
				`"From" is not a date: ${String(filters.from)}`,
				{
					itemIndex,
					description: 'Use an ISO 8601 date and time, e.g. 2024-05-01T00:00:00Z.',
				},
			);
		}
		// ChartHop's `from` is a timestamp in epoch milliseconds.
		qs.from = from;
	}
	const items = await listItems.call(this, itemIndex, PATHS.events, qs);
	return items.map((item) => ({ ...item, json: withEventTime(this, item.json) }));
}
