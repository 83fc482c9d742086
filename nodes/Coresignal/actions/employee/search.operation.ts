import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { readLimit } from '../../../shared/operation';
import { datasetField } from '../../subscriptions/fields';
import { parseEsDslQuery } from '../../subscriptions/spec';
import { metaField } from '../../transport/credits';
import { SEARCH_PAGE_SIZE } from '../../transport/endpoints';
import { searchPages } from '../../transport/pagination';
import { apiVersion, dataset, parseInput } from '../common';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['employee'], operation: ['search'] } },
	[
		datasetField,
		{
			displayName: 'Elasticsearch DSL Query',
			name: 'esDslQuery',
			type: 'json',
			default:
				'{\n  "query": {\n    "bool": {\n      "must": [\n        { "match": { "job_title": "engineer" } }\n      ]\n    }\n  },\n  "sort": ["id"]\n}',
			required: true,
			description:
				'A full Elasticsearch request object with a "query" key. Keep the example’s "sort" for the most stable pages.',
		},
		...returnAllOrLimit,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Preview',
					name: 'preview',
					type: 'boolean',
					default: false,
					description:
						'Whether to return partial records (name, headline, location, company …) instead of IDs only. Preview costs credits per record.',
				},
			],
		},
	],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const query = parseInput(this, itemIndex, () =>
		parseEsDslQuery(this.getNodeParameter('esDslQuery', itemIndex), 'search'),
	);
	const limit = readLimit(this, itemIndex) ?? Infinity;
	const { preview } = this.getNodeParameter('options', itemIndex, {}) as { preview?: boolean };
	const version = apiVersion(this, itemIndex);

	const output: INodeExecutionData[] = [];
	const pages = searchPages.call(this, {
		version,
		dataset: dataset(this, itemIndex),
		query,
		preview: version === 'v2' && preview === true,
		pageSize: Number.isFinite(limit) ? Math.min(limit, SEARCH_PAGE_SIZE) : undefined,
		itemIndex,
	});
	for await (const page of pages) {
		const meta = metaField(page.creditsRemaining, { totalResults: page.totalResults ?? null });
		for (const result of page.results.slice(0, limit - output.length)) {
			const record =
				result && typeof result === 'object' ? (result as IDataObject) : { id: result as number };
			output.push({ json: { ...record, ...meta } });
		}
		if (output.length >= limit) break;
	}
	return output;
}
