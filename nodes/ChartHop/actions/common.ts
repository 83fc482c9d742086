import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { ZodType } from 'zod';

import type { ChartHopCall } from '../transport/api';
import { chartHopList } from '../transport/api';

/** Reads Return All / Limit and lists through ChartHop's `next` cursor. */
export async function listItems(
	this: IExecuteFunctions,
	itemIndex: number,
	orgPath: string,
	qs: IDataObject,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const results = await chartHopList.call(this, orgPath, qs, limit, itemIndex);
	return results.map((json) => ({ json }));
}

export function requiredId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Enter the ${label} or map it from a previous node.`,
		});
	}
	return encodeURIComponent(value);
}

/** A JSON parameter (string or already-parsed object) validated with `schema`; errors name the parameter and field. */
export function jsonParameter<T>(
	this: IExecuteFunctions,
	name: string,
	label: string,
	schema: ZodType<T>,
	itemIndex: number,
): T | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return undefined;
		try {
			value = jsonParse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description: (error as Error).message,
			});
		}
	}
	const result = schema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		const field = issue.path.length ? ` at "${issue.path.join('.')}"` : '';
		throw new NodeOperationError(
			this.getNode(),
			`${label} is not valid${field}: ${issue.message}`,
			{
				itemIndex,
				description: `Fix ${label} and run the node again.`,
			},
		);
	}
	return result.data;
}

export type { ChartHopCall };
