import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { ZodType } from 'zod';

import type { Concurrency } from './concurrency';
import { forAllItems, forEachItem, forEachItemConcurrently } from './items';

/**
 * One operation of an action node: its fields, and what it does for one input item.
 * The router runs it once per item, pairs every output item with its input and applies
 * "Continue On Fail"; an operation never loops over the items itself.
 */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/**
	 * Items kept in flight at once. Only for operations whose calls are spaced by the shared
	 * throttle (which alone decides the request rate); absent means one item at a time. A function
	 * is read again as items finish, so the number can follow the latency measured meanwhile.
	 */
	inFlight?: (context: IExecuteFunctions) => Concurrency;
	/**
	 * True when this run sends one request built from every input item: `execute` then runs once
	 * (with item 0) and its output is paired with all the items.
	 */
	acrossItems?: (context: IExecuteFunctions) => boolean;
}

export type Operations = Record<string, Operation>;

/** `record[key]` unless `key` is inherited (an operation named "constructor" is no operation). */
function ownEntry<T>(record: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Runs the operation the user picked, for every input item. */
export async function routeOperation(
	context: IExecuteFunctions,
	resources: Record<string, Operations>,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operations = ownEntry(resources, resource);
	const operation = operations && ownEntry(operations, operationName);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" on "${resource}" is not supported`,
			{ description: 'Pick a resource and an operation from the lists in the node.' },
		);
	}
	const run = async (itemIndex: number) => await operation.execute.call(context, itemIndex);
	if (operation.acrossItems?.(context)) {
		return [await forAllItems(context, async () => await run(0))];
	}
	const inFlight = operation.inFlight?.(context) ?? 1;
	return [
		typeof inFlight === 'function' || inFlight > 1
			? await forEachItemConcurrently(context, inFlight, run)
			: await forEachItem(context, run),
	];
}

/** n8n's Return All / Limit pair (`returnAllOrLimit` in descriptions.ts): undefined means all. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

function locatorValue(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
): unknown {
	try {
		return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	} catch (error) {
		// n8n's message (a URL that does not match the mode's pattern, an expression that fails)
		// names neither the item nor a fix.
		throw new NodeOperationError(context.getNode(), `"${label}" is not valid`, {
			itemIndex,
			description: `${(error as Error).message.replace(/^ERROR: /, '').replace(/\.?$/, '.')} ${hint}`,
		});
	}
}

/**
 * A required text parameter, trimmed; empty gets an error that says what to enter. A resource
 * locator gives the value of whichever mode the user picked (`extractValue` applies a URL mode's
 * regex), and a plain string saved before the parameter became a locator is read as it is.
 */
export function requiredParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
	options: { locator?: boolean } = {},
): string {
	const raw = options.locator
		? locatorValue(context, itemIndex, name, label, hint)
		: context.getNodeParameter(name, itemIndex, '');
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty`, {
			itemIndex,
			description: hint,
		});
	}
	return value;
}

/**
 * A JSON parameter (text or an already-parsed object), validated with `schema`. Empty is
 * undefined; errors name the parameter and the field that is wrong.
 */
export function jsonParameter<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	schema: ZodType<T>,
): T | undefined {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return undefined;
		try {
			value = jsonParse(raw);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description: `${(error as Error).message}. Fix ${label} and run the node again.`,
			});
		}
	}
	const result = schema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		const field = issue.path.length ? ` at "${issue.path.join('.')}"` : '';
		throw new NodeOperationError(
			context.getNode(),
			`${label} is not valid${field}: ${issue.message}`,
			{ itemIndex, description: `Fix ${label} and run the node again.` },
		);
	}
	return result.data;
}
