import type { INodeProperties } from 'n8n-workflow';

/** n8n's usual "Return All" switch with a "Limit" that shows while it is off. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The same option on every trigger, so workflows read alike whatever the source. */
export const includeRawOption = (what: string, source: string): INodeProperties => ({
	displayName: 'Include Raw Payload',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: `Whether to add the ${what} exactly as ${source} sent it under "raw"`,
});
