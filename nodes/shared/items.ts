import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Concurrency } from './concurrency';
import { mapWithConcurrency } from './concurrency';
import { asNodeError } from './errors';

/**
 * Runs `operation` once per input item with n8n's conventions: every output item is paired with
 * the input it came from, and under "Continue On Fail" a failing item becomes an error item
 * instead of stopping the node.
 */
export async function forEachItem(
	context: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await operation(itemIndex);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (context.continueOnFail()) {
				output.push(errorItem(error, itemIndex));
				continue;
			}
			throw asNodeError(context.getNode(), error, itemIndex);
		}
	}
	return output;
}

/**
 * Like `forEachItem`, but with up to `concurrency` items in flight. Output keeps the input order.
 * Meant for per-item calls spaced by the shared throttle, which alone decides the request rate.
 */
export async function forEachItemConcurrently(
	context: IExecuteFunctions,
	concurrency: Concurrency,
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const indexes = context.getInputData().map((_, itemIndex) => itemIndex);
	const stopOnError = !context.continueOnFail();
	let failed = false;
	const settled = await mapWithConcurrency(indexes, concurrency, async (itemIndex) => {
		// Once an item failed and the node will stop, later items are not worth their credits.
		if (failed) return { itemIndex, results: [] };
		try {
			return { itemIndex, results: await operation(itemIndex) };
		} catch (error) {
			failed = stopOnError;
			return { itemIndex, error: error as Error };
		}
	});
	const output: INodeExecutionData[] = [];
	for (const { itemIndex, results, error } of settled) {
		if (!error) {
			for (const result of results ?? [])
				output.push({ ...result, pairedItem: { item: itemIndex } });
			continue;
		}
		if (stopOnError) {
			throw asNodeError(context.getNode(), error, itemIndex);
		}
		output.push(errorItem(error, itemIndex));
	}
	return output;
}

/**
 * Runs `operation` once for the whole input, for a request built from every input item: its
 * output, or its error item under "Continue On Fail", is paired with all of them.
 */
export async function forAllItems(
	context: IExecuteFunctions,
	operation: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const pairedItem = context.getInputData().map((_, item) => ({ item }));
	try {
		return (await operation()).map((result) => ({ ...result, pairedItem }));
	} catch (error) {
		if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, 0);
		return [{ ...errorItem(error, 0), pairedItem }];
	}
}

/** What "Continue On Fail" puts in place of an item that failed: the message and the advice. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	return {
		json: {
			error: (error as Error).message,
			description: (error as { description?: string }).description ?? null,
		},
		pairedItem: { item: itemIndex },
	};
}
