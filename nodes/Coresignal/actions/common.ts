import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SubscriptionSpecError } from '../subscriptions/spec';
import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';
import { datasetOf } from '../transport/endpoints';

export function apiVersion(context: IExecuteFunctions, itemIndex: number): ApiVersion {
	return context.getNodeParameter('apiVersion', itemIndex, 'v2') as ApiVersion;
}

export function dataset(context: IExecuteFunctions, itemIndex: number): Dataset {
	return datasetOf(
		apiVersion(context, itemIndex),
		() => context.getNodeParameter('dataset', itemIndex, 'employee_clean') as Dataset,
	);
}

/** Runs a parser of user input and turns its complaint into an error n8n shows on the item. */
export function parseInput<T>(context: IExecuteFunctions, itemIndex: number, parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		if (error instanceof SubscriptionSpecError) {
			throw new NodeOperationError(context.getNode(), error.message, {
				itemIndex,
				description: error.description,
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}
