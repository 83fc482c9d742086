import type { LoggedRequest } from '../sandbox/core/requestLog';

/**
 * The most requests that arrived at the sandbox within any `windowMs` (by their logged arrival
 * time): what a vendor counting a sliding window saw, however many requests there were in total.
 */
export function busiestWindow(requests: Array<Pick<LoggedRequest, 'at'>>, windowMs = 1000): number {
	const arrivals = requests.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
	let busiest = 0;
	let first = 0;
	for (let last = 0; last < arrivals.length; last++) {
		while (arrivals[last] - arrivals[first] >= windowMs) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return busiest;
}
