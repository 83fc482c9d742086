import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
				output.push({
					json: {
						error: (error as Error).message,
						description: (error as { description?: string }).description ?? null,
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			throw nodeError;
		}
	}
	return output;
}
