/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { performance } from 'node:perf_hooks';

import { memoryProbe } from './memoryProbe';
import type { ChildRun } from './runner';

/**
 * The process `runInChild` forks: loads the variant's module and calls the variant. A variant that
 * needs setup (servers, input bodies) returns a function: only that function is timed and has its
 * memory measured. Sends back the result, time and memory high-water.
 */
interface Request {
	modulePath: string;
	exportName: string;
	args: unknown;
}

async function runVariant(request: Request): Promise<ChildRun> {
	const loaded = (await import(request.modulePath)) as Record<string, unknown>;
	const variant =
		loaded[request.exportName] ?? (loaded.default as Record<string, unknown>)?.[request.exportName];
	if (typeof variant !== 'function') {
		throw new Error(`${request.modulePath} has no exported function ${request.exportName}`);
	}
	let probe = memoryProbe();
	let started = performance.now();
	let result: unknown = await (variant as (args: unknown) => unknown)(request.args);
	if (typeof result === 'function') {
		const measured = result as () => unknown;
		probe.stop();
		probe = memoryProbe();
		started = performance.now();
		result = await measured();
	}
	const ms = performance.now() - started;
	return { result, ms, ...probe.stop() };
}

process.once('message', (request: Request) => {
	runVariant(request).then(
		(run) => process.send?.({ ok: true, run }),
		(error: Error) => process.send?.({ ok: false, error: error.stack ?? error.message }),
	);
});
