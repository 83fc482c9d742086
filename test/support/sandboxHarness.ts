import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { sandboxCredentialData } from '../../e2e/sandbox-credentials';
import { SandboxClient } from '../../sandbox/client';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { Harness } from '../harness';

/**
 * Every vendor call of the in-process tests times out after this (hooks after twice this), so a
 * test of a hung or failing vendor waits seconds, not the production default of 30 s per call.
 */
export const TEST_TIMEOUT_SECONDS = 2;

export interface SandboxHarness {
	sandbox: Sandbox;
	control: SandboxClient;
	harness: Harness;
	close(): Promise<void>;
}

/**
 * A sandbox on a free port and a harness whose credentials of every type point at it, with the
 * same data the e2e test and the demo give n8n.
 */
export async function startSandboxHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
	const sandbox = await startSandbox({ port: 0, ...options });
	const credentials = Object.fromEntries(
		Object.entries(sandboxCredentialData(sandbox)).map(([type, credential]) => [
			type,
			{
				...credential.data,
				timeoutSeconds: TEST_TIMEOUT_SECONDS,
			} as ICredentialDataDecryptedObject,
		]),
	);
	const harness = await Harness.start({ credentials });
	return {
		sandbox,
		control: new SandboxClient(sandbox.url),
		harness,
		async close() {
			await harness.close();
			await sandbox.close();
		},
	};
}
