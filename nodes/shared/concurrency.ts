/**
 * Maps `items` with at most `concurrency` calls in flight, keeping the input order. Used with the
 * throttle: the throttle decides when a call may start, this keeps enough calls waiting that the
 * allowed rate is actually reached despite network latency.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	concurrency: number,
	operation: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await operation(items[index], index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
	await Promise.all(workers);
	return results;
}
