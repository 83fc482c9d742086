import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError as sharedAsNodeError } from '../../shared/errors';
import { SubscriptionSpecError } from '../subscriptions/spec';
import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from '../transport/api';

export function apiVersion(context: IExecuteFunctions, itemIndex: number): ApiVersion {
	return context.getNodeParameter('apiVersion', itemIndex, 'v2') as ApiVersion;
}

/** Legacy v1 knows only the Clean dataset, so the parameter is hidden there. */
export function dataset(context: IExecuteFunctions, itemIndex: number): Dataset {
	return apiVersion(context, itemIndex) === 'v1'
		? 'employee_clean'
		: (context.getNodeParameter('dataset', itemIndex, 'employee_clean') as Dataset);
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

export function requiredString(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty`, {
			itemIndex,
			description: hint,
		});
	}
	return value;
}

/** The error as n8n wants it thrown: our own node errors as they are, anything else wrapped. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	return sharedAsNodeError(context.getNode(), error, itemIndex);
}
