/** How many calls may be in flight: a number, or a function read again whenever a call finishes. */
export type Concurrency = number | (() => number);

/**
 * Maps `items` with at most `concurrency` calls in flight, keeping the input order. Used with the
 * throttle: the throttle decides when a call may start, this keeps enough calls waiting that the
 * allowed rate is actually reached despite network latency. A function as `concurrency` lets the
 * number follow what is measured while the items run (see `Throttle.inFlight`).
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	concurrency: Concurrency,
	operation: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const limit = typeof concurrency === 'function' ? concurrency : () => concurrency;
	const results = new Array<R>(items.length);
	if (items.length === 0) return results;
	return await new Promise<R[]>((resolve, reject) => {
		let next = 0;
		let active = 0;
		let finished = 0;
		let failed = false;
		const fill = () => {
			while (!failed && next < items.length && active < Math.max(1, limit())) {
				const index = next++;
				active++;
				operation(items[index], index).then(
					(result) => {
						results[index] = result;
						active--;
						if (++finished === items.length) resolve(results);
						else fill();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
		};
		fill();
	});
}
