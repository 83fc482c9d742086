/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { fork } from 'node:child_process';
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

export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
	const child = fork(__filename, [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const url = await new Promise<string>((resolvePromise, reject) => {
		child.once('message', (message: { url?: string; error?: string }) =>
			message.url ? resolvePromise(message.url) : reject(new Error(message.error)),
		);
		child.once('exit', (code) => reject(new Error(`The sandbox process exited with code ${code}`)));
		child.send(options);
	});
	return {
		url,
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
