import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from './api';
import { coresignalRequest } from './api';
import { collectPath } from './endpoints';

export interface CollectedEmployee {
	record: IDataObject;
	creditsRemaining?: number;
}

export async function collectEmployee(
	this: IAllExecuteFunctions,
	options: { version: ApiVersion; dataset: Dataset; key: string | number; itemIndex?: number },
): Promise<CollectedEmployee> {
	const response = await coresignalRequest.call(this, {
		version: options.version,
		method: 'GET',
		path: collectPath(options.version, options.dataset, options.key),
		bucket: 'collect',
		itemIndex: options.itemIndex,
	});
	const credits = Number(response.headers['x-credits-remaining']);
	return {
		record: response.body as IDataObject,
		creditsRemaining: Number.isFinite(credits) ? credits : undefined,
	};
}
