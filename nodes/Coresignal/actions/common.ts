import type { IExecuteFunctions } from 'n8n-workflow';

import type { Dataset } from '../subscriptions/spec';
import { parseUserInput } from '../subscriptions/spec';
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
export const parseInput = <T>(context: IExecuteFunctions, itemIndex: number, parse: () => T): T =>
	parseUserInput(context.getNode(), parse, itemIndex);
