import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SandboxClient } from '../sandbox/client';
import type { Sandbox, SandboxOptions } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { Harness } from './harness';
import { sandboxCredentialData } from './sandbox-credentials';

/**
 * Every vendor call of the in-process tests times out after this (hooks after twice this): short
 * of the production 30 s so a failing vendor costs a test seconds, long enough that a busy machine
 * (load 20 on 2 cores stretched calls past 2 s) never fails a healthy call. Tests of a hung vendor
 * set 1 s on their own credential.
 */
export const TEST_TIMEOUT_SECONDS = 10;

export interface SandboxHarnessOptions {
	/** How the sandbox starts (always on a free port); each fresh sandbox starts the same way. */
	sandbox?: SandboxOptions;
	/** Credential fields by type, merged over the sandbox credentials of that type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Per-call timeout of every vendor credential; `TEST_TIMEOUT_SECONDS` unless given. */
	timeoutSeconds?: number;
	/** Package roots the harness loads (each needs a built dist/); this repository unless given. */
	packageRoots?: string[];
}

/**
 * A sandbox on a free port and a harness (this package's built nodes in n8n-core) whose
 * credentials of every type point at it, with the same data the e2e test and the demo give n8n.
 * The one way tests, reliability checks and benchmarks start the pair.
 */
export class SandboxHarness {
	private constructor(
		private readonly options: SandboxHarnessOptions,
		readonly harness: Harness,
		public sandbox: Sandbox,
		public control: SandboxClient,
	) {
		this.pointCredentialsAt(sandbox);
	}

	static async start(options: SandboxHarnessOptions = {}): Promise<SandboxHarness> {
		const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
		const harness = await Harness.start({ packageRoots: options.packageRoots });
		return new SandboxHarness(options, harness, sandbox, new SandboxClient(sandbox.url));
	}

	/**
	 * Gives the next test a sandbox of its own: deactivates the triggers left active, starts a new
	 * sandbox, points every credential at it, closes the old one and clears the captured logs.
	 * Requests a previous (timed-out) test still makes land on the closed sandbox, never in the
	 * next test's request log, deliveries or rate-limit windows.
	 */
	async freshSandbox(): Promise<void> {
		for (const trigger of this.harness.triggers.splice(0)) {
			if (trigger.isActive) await trigger.deactivate().catch(() => undefined);
		}
		const previous = this.sandbox;
		this.sandbox = await startSandbox({ ...this.options.sandbox, port: 0 });
		this.control = new SandboxClient(this.sandbox.url);
		this.pointCredentialsAt(this.sandbox);
		await previous.close();
		this.harness.logs.clear();
	}

	async close(): Promise<void> {
		await this.harness.close();
		await this.sandbox.close();
	}

	private pointCredentialsAt(sandbox: Sandbox): void {
		const timeoutSeconds = this.options.timeoutSeconds ?? TEST_TIMEOUT_SECONDS;
		const overrides = this.options.credentials ?? {};
		for (const [type, { data }] of Object.entries(sandboxCredentialData(sandbox))) {
			const vendorCall = 'baseUrl' in data ? { timeoutSeconds } : {};
			this.harness.setCredentials(type, {
				...data,
				...vendorCall,
				...overrides[type],
			} as ICredentialDataDecryptedObject);
		}
	}
}
