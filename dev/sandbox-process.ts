/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';

import { SandboxClient } from '../sandbox/client';
import type { SandboxOptions } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';

/**
 * The sandbox in a process of its own, driven through its control API: a vendor does not share
 * n8n's event loop, so n8n's own work must not delay when the vendor sees a request arrive.
 */
export interface SandboxProcess {
	url: string;
	client: SandboxClient;
	close(): Promise<void>;
}

/**
 * `priority` (a nice value; below 0 needs root) keeps the sandbox scheduled ahead of the CPU
 * burners and n8n on a loaded machine, as a vendor on machines of its own is: then whatever
 * bunching it sees happened on n8n's side. Whether it could be set is in `prioritized`.
 */
export async function startSandboxProcess(
	options: SandboxOptions,
	priority?: number,
): Promise<SandboxProcess & { prioritized: boolean }> {
	const child = fork(__filename, [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let prioritized = false;
	if (priority !== undefined && child.pid !== undefined) {
		try {
			setPriority(child.pid, priority);
			prioritized = true;
		} catch {
			prioritized = false;
		}
	}
	const url = await new Promise<string>((resolvePromise, reject) => {
		child.once('message', (message: { url?: string; error?: string }) =>
			message.url ? resolvePromise(message.url) : reject(new Error(message.error)),
		);
		child.once('exit', (code) => reject(new Error(`The sandbox process exited with code ${code}`)));
		child.send(options);
	});
	return {
		url,
		prioritized,
		client: new SandboxClient(url),
		close: async () => {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill();
			await exited;
		},
	};
}

if (require.main === module || process.argv[1] === resolve(__filename)) {
	process.once('message', (options: SandboxOptions) => {
		startSandbox(options).then(
			(sandbox) => process.send?.({ url: sandbox.url }),
			(error: Error) => process.send?.({ error: error.message }),
		);
	});
}
