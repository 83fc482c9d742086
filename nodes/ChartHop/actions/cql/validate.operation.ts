import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chartHopRequest } from '../../transport/api';
import { PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Expressions',
		name: 'expressions',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Expression' },
		required: true,
		default: [],
		placeholder: 'e.g. department:engineering directs > 0',
		description: 'CQL filters or expressions to check; each gets its own result',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cql'], operation: ['validate'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const raw = this.getNodeParameter('expressions', itemIndex, []) as string[] | string;
	const expressions = (Array.isArray(raw) ? raw : [raw])
		.map((expr) => String(expr).trim())
		.filter(Boolean);
	if (expressions.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No CQL expression to validate', {
			itemIndex,
			description: 'Add at least one expression, e.g. department:engineering.',
		});
	}
	const { body } = await chartHopRequest.call(this, {
		method: 'POST',
		orgPath: PATHS.cqlValidate,
		body: { expressions },
		idempotent: true,
		itemIndex,
	});
	return [{ json: body as IDataObject }];
}
