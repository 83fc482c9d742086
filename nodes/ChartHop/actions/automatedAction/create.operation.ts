import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { jsonParameter } from '../../../shared/operation';
import { parsePattern } from '../../eventPattern';
import { redactAction } from '../../trigger/auth';
import { chartHopRequest } from '../../transport/api';
import { PATHS } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Event Pattern',
		name: 'event',
		type: 'string',
		required: true,
		default: 'change.create.hire',
		placeholder: 'e.g. change.create.*',
		description: 'Which events run the action: an event code with optional * wildcards',
	},
	{
		displayName: 'CQL Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: 'e.g. department:engineering directs > 0',
		description: 'Only run for events whose person or job matches this ChartHop CQL filter',
	},
	{
		displayName: 'HTTP URL',
		name: 'httpUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/…',
		description: "The URL the action's HTTP step calls when it runs",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'HTTP Content (JSON)',
				name: 'httpContent',
				type: 'json',
				default: '{}',
				description:
					'The payload of the HTTP request; ChartHop sends its default payload when empty',
			},
			{
				displayName: 'HTTP Headers (JSON)',
				name: 'httpHeaders',
				type: 'json',
				default: '{}',
				description: 'Header names and string values, e.g. {"X-N8N-Secret": "…"}',
			},
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: [
					{ name: 'POST', value: 'POST' },
					{ name: 'PUT', value: 'PUT' },
					{ name: 'PATCH', value: 'PATCH' },
				],
				default: 'POST',
			},
			{
				displayName: 'Sensitive',
				name: 'sensitive',
				type: 'boolean',
				default: false,
				description: 'Whether ChartHop should treat the action as containing sensitive data',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Inactive', value: 'INACTIVE' },
				],
				default: 'ACTIVE',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['create'] } },
	properties,
);

const headersSchema = z
	.record(z.string(), { invalid_type_error: 'must be an object' })
	.refine(
		(headers) => Object.values(headers).every((value) => typeof value === 'string'),
		'every header value must be a string',
	);
const contentSchema = z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' });

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const eventText = this.getNodeParameter('event', itemIndex) as string;
	const filter = (this.getNodeParameter('filter', itemIndex, '') as string).trim();
	const parsed = parsePattern(filter ? `${eventText} [${filter}]` : eventText);
	if (!parsed.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`The event pattern is not valid: ${parsed.error}`,
			{
				itemIndex,
				description:
					'Use dot-separated event codes with optional * wildcards (e.g. change.create.hire, change.*). Put the CQL in the CQL Filter field.',
			},
		);
	}
	const httpUrl = (this.getNodeParameter('httpUrl', itemIndex) as string).trim();
	if (!/^https?:\/\/\S+$/i.test(httpUrl)) {
		throw new NodeOperationError(this.getNode(), `"${httpUrl}" is not an HTTP URL`, {
			itemIndex,
			description: 'Enter the full URL the HTTP step should call, starting with https://.',
		});
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const step: IDataObject = {
		type: 'HTTP',
		httpUrl,
		httpMethod: (fields.httpMethod as string) ?? 'POST',
	};
	const headers = jsonParameter(
		this,
		itemIndex,
		'additionalFields.httpHeaders',
		'HTTP Headers',
		headersSchema,
	);
	if (headers && Object.keys(headers).length) step.httpHeaders = headers;
	const content = jsonParameter(
		this,
		itemIndex,
		'additionalFields.httpContent',
		'HTTP Content',
		contentSchema,
	);
	if (content && Object.keys(content).length) step.httpContent = content as IDataObject;

	const action: IDataObject = {
		event: parsed.pattern.code,
		status: (fields.status as string) ?? 'ACTIVE',
		sensitive: (fields.sensitive as boolean) ?? false,
		steps: [step],
	};
	if (parsed.pattern.filter) action.filter = parsed.pattern.filter;
	if (fields.description) action.description = fields.description;

	const { body } = await chartHopRequest.call(this, {
		method: 'POST',
		orgPath: PATHS.actions,
		body: { action },
		itemIndex,
		secrets: Object.values(headers ?? {}).filter((value) => value.length >= 8),
	});
	return [{ json: redactAction(body as IDataObject) }];
}
