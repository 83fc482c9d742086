import type { IDataObject } from 'n8n-workflow';

import type { NodeOptions } from '../../dev/coresignal-workflow';
import { coresignalWorkflow, NODE } from '../../dev/coresignal-workflow';
import type { Harness, WorkflowRunResult } from '../../dev/harness';
import type { SandboxHarnessOptions } from '../../dev/sandbox-harness';
import { SandboxHarness } from '../../dev/sandbox-harness';
import type { Sandbox } from '../../sandbox/server';

/** The sandbox harness, plus a one-call way to run the Coresignal action node. */
export interface CoresignalNodeEnv {
	readonly sandbox: Sandbox;
	readonly harness: Harness;
	/** Runs a one-node workflow with these parameters on `input` items. */
	run(
		parameters: IDataObject,
		input?: IDataObject[],
		options?: NodeOptions,
	): Promise<WorkflowRunResult>;
	/** The JSON output of the Coresignal node in `result`. */
	output(result: WorkflowRunResult): IDataObject[];
	/** A new sandbox for the next test (see `SandboxHarness.freshSandbox`). */
	freshSandbox(): Promise<void>;
	close(): Promise<void>;
}

/**
 * The sandbox harness for the Coresignal action node. Vendor calls keep the production timeout:
 * these tests wait for real work (bulk files, pages), never for a hung vendor.
 */
export async function startCoresignalNodeEnv(
	options: Pick<SandboxHarnessOptions, 'sandbox'> = {},
): Promise<CoresignalNodeEnv> {
	const env = await SandboxHarness.start({ ...options, timeoutSeconds: 30 });
	return {
		get sandbox() {
			return env.sandbox;
		},
		get harness() {
			return env.harness;
		},
		run: async (parameters, input = [{}], nodeOptions = {}) =>
			await env.harness.runWorkflow(coresignalWorkflow(parameters, nodeOptions), { input }),
		output: (result) => result.output(NODE),
		freshSandbox: async () => await env.freshSandbox(),
		close: async () => await env.close(),
	};
}
