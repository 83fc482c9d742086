import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

/** The id in a status URL: `/v2/data_requests/{id}/files` (v2) or `/v1/bulk_collect/{id}/files` (v1). */
const STATUS_URL_ID = '(?:data_requests|bulk_collect)/([^/?#\\s]+)';

/**
 * Typed, mapped, or read from the status URL Submit returns in `location`. There is no From List:
 * Coresignal documents no endpoint that lists bulk collect requests
 * (https://docs.coresignal.com/api-introduction/requests/bulk-collect/get-requests). A plain
 * string saved before this became a locator still reads.
 */
export const requestIdField: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'resourceLocator',
	default: { mode: 'id', value: '={{ $json.request_id }}' },
	required: true,
	description:
		'The bulk collect request. Coresignal cannot list requests, so map it from the output of Submit; it keeps the files for 30 days after submission.',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 433869ec-0a98-4dcd-9b13-db4df58260f5',
			hint: 'The "request_id" returned by Submit',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. /v2/data_requests/433869ec-0a98-4dcd-9b13-db4df58260f5/files',
			hint: 'The "location" returned by Submit (its status URL)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `.*${STATUS_URL_ID}.*`,
						errorMessage: 'Not a Coresignal status URL: it should contain /data_requests/<ID>',
					},
				},
			],
			extractValue: { type: 'regex', regex: STATUS_URL_ID },
		},
	],
};

export const readRequestId = (context: IExecuteFunctions, itemIndex: number) =>
	requiredParameter(
		context,
		itemIndex,
		'requestId',
		'Request ID',
		'Map the "request_id" (or the "location" URL) from the output of Bulk Collect › Submit, or paste an ID from an earlier run.',
		{ locator: true },
	);
