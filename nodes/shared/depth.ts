import type { IDataObject } from 'n8n-workflow';

/**
 * Deepest nesting an item keeps. n8n stores execution data with a recursive serializer: one
 * delivery nested 10,000 levels deep made every execution of the workflow unreadable afterwards.
 * Real HR records nest a handful of levels.
 */
export const MAX_DEPTH = 64;

export const cutMarker = (limit: number) => `[cut: nested deeper than ${limit} levels]`;

/** Whether `value` nests objects or arrays more than `limit` levels deep; stops at the first proof. */
export function exceedsDepth(value: unknown, limit = MAX_DEPTH): boolean {
	if (value === null || typeof value !== 'object') return false;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (depth > limit) return true;
		const children = Array.isArray(current) ? current : Object.values(current as IDataObject);
		for (const child of children) {
			if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
		}
	}
	return false;
}

/** A copy of `value` whose objects below `limit` levels are replaced by a marker string. */
export function cutDepth<T>(value: T, limit = MAX_DEPTH): T {
	const cut = (current: unknown, depth: number): unknown => {
		if (current === null || typeof current !== 'object') return current;
		if (depth > limit) return cutMarker(limit);
		if (Array.isArray(current)) return current.map((child) => cut(child, depth + 1));
		const copy: IDataObject = {};
		for (const [key, child] of Object.entries(current as IDataObject)) {
			copy[key] = cut(child, depth + 1) as IDataObject[string];
		}
		return copy;
	};
	// Recursion stops at `limit`, however deep the input goes.
	return cut(value, 1) as T;
}
