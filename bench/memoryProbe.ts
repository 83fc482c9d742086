/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Memory high-water of one variant run. RSS uses the kernel's exact high-water (`maxRSS`); heap
 * and external memory are sampled every 2 ms while the event loop turns, and wherever a variant
 * calls `sampleMemory()` (call it where a peak is likely, e.g. after a whole body is buffered).
 */
let active: { sample(): void } | undefined;

export function sampleMemory(): void {
	active?.sample();
}

export interface MemoryPeaks {
	peakRssBytes: number;
	peakHeapBytes: number;
	peakExternalBytes: number;
}

export function memoryProbe(intervalMs = 2): { stop(): MemoryPeaks } {
	const collect = (globalThis as { gc?: () => void }).gc;
	collect?.();
	const before = process.memoryUsage();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;
	let rss = before.rss;
	let heap = before.heapUsed;
	let external = before.heapUsed + before.external;

	const probe = {
		sample() {
			const now = process.memoryUsage();
			rss = Math.max(rss, now.rss);
			heap = Math.max(heap, now.heapUsed);
			external = Math.max(external, now.heapUsed + now.external);
		},
	};
	active = probe;
	const timer = setInterval(probe.sample, intervalMs);
	timer.unref();

	return {
		stop() {
			probe.sample();
			clearInterval(timer);
			active = undefined;
			const maxRssAfter = process.resourceUsage().maxRSS * 1024;
			// maxRSS is for the process's whole life: it only tells about this run if the run raised it.
			const peakRss = maxRssAfter > maxRssBefore ? Math.max(maxRssAfter, rss) : rss;
			return {
				peakRssBytes: Math.max(0, peakRss - before.rss),
				peakHeapBytes: Math.max(0, heap - before.heapUsed),
				peakExternalBytes: Math.max(0, external - (before.heapUsed + before.external)),
			};
		},
	};
}
