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

const properties: INodeProperties[] = [
	{
		displayName: 'Expression',
		name: 'expr',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. directs > 0',
		description: 'The CQL expression to evaluate',
	},
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		options: [
			{ name: 'Job', value: 'JOB' },
			{ name: 'Person', value: 'PERSON' },
		],
		default: 'PERSON',
		description: 'What kind of entity to evaluate the expression on',
	},
	{
		displayName: 'Entity ID',
		name: 'entityId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the person or job to evaluate the expression on',
		hint: 'After a ChartHop Trigger, drag in entity › id (the expression {{ $json.entity.id }})',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cql'], operation: ['evaluate'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const hint = 'Enter a CQL expression and the ID of the person or job to evaluate it on.';
	const expr = requiredParameter(this, itemIndex, 'expr', 'Expression', hint);
	const entityType = this.getNodeParameter('entityType', itemIndex) as string;
	const entityId = requiredParameter(this, itemIndex, 'entityId', 'Entity ID', hint);
	const { body } = await chartHopRequest.call(this, {
		method: 'POST',
		orgPath: PATHS.cqlEvaluate,
		body: { expr, entityType, entityId },
		idempotent: true,
		itemIndex,
	});
	return [{ json: body as IDataObject }];
}
