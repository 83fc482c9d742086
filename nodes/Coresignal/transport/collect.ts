import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import type { Concurrency } from '../../shared/concurrency';
import { throttle } from '../../shared/throttle';
import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from './api';
import { coresignalRequest } from './api';
import { collectPath, CORESIGNAL_LIMITS } from './endpoints';

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

/**
 * Collect calls to keep in flight (Employee › Collect, the trigger's Collect Full Profile): enough
 * to reach Coresignal's collect limit at the latency measured so far, re-read as calls finish.
 */
export function collectInFlight(): Concurrency {
	return () => throttle.inFlight('coresignal:collect', CORESIGNAL_LIMITS.collect);
}
