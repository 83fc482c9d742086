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

/** The same choice on every trigger: what happens to an authenticated delivery it cannot read. */
export const onUnrecognizedOption = (source: string): INodeProperties => ({
	displayName: 'On Unrecognized Delivery',
	name: 'onUnrecognized',
	type: 'options',
	options: [
		{
			name: 'Emit Flagged Item',
			value: 'emit',
			description: `Start the workflow with an item of type "${source}.unrecognized" that keeps the body and lists what could not be read`,
		},
		{
			name: 'Reject With 400',
			value: 'reject',
			description:
				'Answer 400 and start nothing, so a sender that retries sends the delivery again; the event is lost if it does not',
		},
	],
	default: 'emit',
	description:
		'What to do with an authenticated delivery (or one event of it) the node cannot read. Readable events of the same delivery are always emitted unless you reject.',
});

/** How long a trigger remembers event ids to drop a sender's repeated deliveries. */
export const ignoreRepeatsOption: INodeProperties = {
	displayName: 'Ignore Repeats Within (Hours)',
	name: 'ignoreRepeatsWithinHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 24,
	description:
		'Senders retry. An event whose ID was already emitted within this many hours is acknowledged but not emitted again. 0 emits every repeat.',
};

/** Every vendor API credential's per-call timeout (the request core reads `timeoutSeconds`). */
export const timeoutSecondsField = (vendor: string): INodeProperties => ({
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: 30,
	description: `How long one call may wait for ${vendor} before it fails. Activating or deactivating a trigger gives up after twice this, so a hung ${vendor} never holds n8n up for long.`,
});
