import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { datasetField } from '../../subscriptions/fields';
import { parseEmployeeIds, parseEsDslQuery } from '../../subscriptions/spec';
import type { SubmitResult } from '../../transport/bulk';
import { idFileForm, submitBulkCollect } from '../../transport/bulk';
import { metaField } from '../../transport/credits';
import { BULK_MAX_RECORDS } from '../../transport/endpoints';
import { apiVersion, dataset, parseInput } from '../common';
import { readWebhookUrl } from '../subscription/webhookUrl';

const show = { resource: ['bulkCollect'], operation: ['submit'] };

const webhookOption: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/bulk-ready',
	description: 'Coresignal calls this URL when the files are ready (or when the request failed)',
};

export const description: INodeProperties[] = updateDisplayOptions({ show }, [
	datasetField,
	{
		displayName: 'Submit By',
		name: 'submitBy',
		type: 'options',
		options: [
			{
				name: 'Elasticsearch DSL Query',
				value: 'esDsl',
				description: 'Collect every employee who matches a query',
			},
			{
				name: 'Employee IDs',
				value: 'ids',
				description: 'Collect a list of employees, sent to Coresignal as an ID file',
			},
		],
		default: 'esDsl',
	},
	{
		displayName: 'Elasticsearch DSL Query',
		name: 'esDslQuery',
		type: 'json',
		default: '{\n  "query": {\n    "match": {\n      "job_title": "engineer"\n    }\n  }\n}',
		required: true,
		description:
			'A full Elasticsearch request object with a "query" key. Coresignal rejects requests that match more than 10,000 employees unless you set a record limit.',
		displayOptions: { show: { submitBy: ['esDsl'] } },
	},
	{
		displayName: 'ID Source',
		name: 'idSource',
		type: 'options',
		options: [
			{
				name: 'All Input Items',
				value: 'inputItems',
				description: 'One request with the ID from every input item (for example after Search)',
			},
			{
				name: 'ID List',
				value: 'list',
				description: 'One request per input item, with the IDs typed or mapped below',
			},
		],
		default: 'inputItems',
		displayOptions: { show: { submitBy: ['ids'] } },
	},
	{
		displayName: 'ID Field',
		name: 'idField',
		type: 'string',
		default: 'id',
		required: true,
		description: 'The field of each input item that holds the employee ID',
		displayOptions: { show: { submitBy: ['ids'], idSource: ['inputItems'] } },
	},
	{
		displayName: 'Employee IDs',
		name: 'employeeIds',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. 125, 126, 127',
		description:
			'Up to 10,000 Coresignal employee IDs separated by commas or new lines. An expression may return an array.',
		displayOptions: { show: { submitBy: ['ids'], idSource: ['list'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Record Limit',
				name: 'recordLimit',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: BULK_MAX_RECORDS },
				default: 1000,
				description:
					'Collect at most this many matching employees. Caps the credits spent (one per record).',
				displayOptions: { show: { '/submitBy': ['esDsl'] } },
			},
			webhookOption,
		],
	},
]);

function tooManyIds(context: IExecuteFunctions, count: number, itemIndex: number) {
	return new NodeOperationError(
		context.getNode(),
		`${count} employee IDs is more than one bulk request can hold`,
		{
			itemIndex,
			description: `Coresignal accepts up to ${BULK_MAX_RECORDS} IDs per request. Split the list, for example with a Loop Over Items node of ${BULK_MAX_RECORDS} items.`,
		},
	);
}

function toItem(result: SubmitResult, extra: IDataObject): INodeExecutionData {
	return {
		json: {
			...result.body,
			...extra,
			...(result.location ? { location: result.location } : {}),
			...metaField(result.creditsRemaining),
		},
	};
}

async function submitIds(
	context: IExecuteFunctions,
	ids: number[],
	itemIndex: number,
): Promise<INodeExecutionData> {
	if (ids.length > BULK_MAX_RECORDS) throw tooManyIds(context, ids.length, itemIndex);
	const { webhookUrl } = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const result = await submitBulkCollect.call(context, {
		version: apiVersion(context, itemIndex),
		dataset: dataset(context, itemIndex),
		method: 'id_file',
		body: idFileForm(
			ids,
			webhookUrl ? readWebhookUrl(context, itemIndex, 'options.webhookUrl') : undefined,
		),
		itemIndex,
	});
	return toItem(result, { ids_submitted: ids.length });
}

const submitBy = (context: IExecuteFunctions) =>
	context.getNodeParameter('submitBy', 0, 'esDsl') as string;

/**
 * "All Input Items" sends one request with the ID of every input item: the node runs this
 * operation once, and its output item pairs with all of them.
 */
export const acrossItems = (context: IExecuteFunctions) =>
	submitBy(context) === 'ids' &&
	context.getNodeParameter('idSource', 0, 'inputItems') === 'inputItems';

async function submitFromInputItems(context: IExecuteFunctions): Promise<INodeExecutionData> {
	const items = context.getInputData();
	const field = String(context.getNodeParameter('idField', 0, 'id')).trim();
	const values = items.flatMap((item) => {
		const value = item.json[field];
		return Array.isArray(value) ? value : [value];
	});
	const ids = parseInput(context, 0, () => {
		if (values.every((value) => value === undefined || value === null || value === '')) {
			throw new NodeOperationError(context.getNode(), `No input item has a "${field}" field`, {
				description: `Set "ID Field" to the field that holds the employee ID. The first input item has: ${Object.keys(items[0]?.json ?? {}).join(', ') || 'no fields'}.`,
			});
		}
		return parseEmployeeIds(values);
	});
	return await submitIds(context, ids, 0);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	if (acrossItems(this)) return [await submitFromInputItems(this)];
	if (submitBy(this) === 'ids') {
		const ids = parseInput(this, itemIndex, () =>
			parseEmployeeIds(this.getNodeParameter('employeeIds', itemIndex, '')),
		);
		return [await submitIds(this, ids, itemIndex)];
	}
	const esDslQuery = parseInput(this, itemIndex, () =>
		parseEsDslQuery(this.getNodeParameter('esDslQuery', itemIndex), 'search'),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { es_dsl_query: esDslQuery };
	if (options.recordLimit) body.limit = options.recordLimit;
	if (options.webhookUrl) body.webhook_url = readWebhookUrl(this, itemIndex, 'options.webhookUrl');
	const result = await submitBulkCollect.call(this, {
		version: apiVersion(this, itemIndex),
		dataset: dataset(this, itemIndex),
		method: 'es_dsl',
		body,
		itemIndex,
	});
	return [toItem(result, {})];
}
