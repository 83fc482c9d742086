import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredParameter } from '../../../shared/operation';

export const requestIdField: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '={{ $json.request_id }}',
	required: true,
	placeholder: 'e.g. 433869ec-0a98-4dcd-9b13-db4df58260f5',
	description:
		'The "request_id" returned by Submit. Coresignal keeps the files for 30 days after submission.',
};

export const readRequestId = (context: IExecuteFunctions, itemIndex: number) =>
	requiredParameter(
		context,
		itemIndex,
		'requestId',
		'Request ID',
		'Map the "request_id" from the output of Bulk Collect › Submit, or paste an ID from an earlier run.',
	);
