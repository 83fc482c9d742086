import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { CORESIGNAL_API_KEY, CORESIGNAL_JWT } from '../../sandbox/credentials';
import { vendorUrls } from '../../sandbox/client';
import type { WorkflowJson, WorkflowRunResult } from '../harness';
import { Harness, nodeType } from '../harness';

/** Sandbox + harness for the Coresignal action node, with both credentials pointing at the sandbox. */
export interface CoresignalNodeEnv {
	sandbox: Sandbox;
	harness: Harness;
	/** Runs a one-node workflow with these parameters on `input` items. */
	run(
		parameters: IDataObject,
		input?: IDataObject[],
		options?: NodeOptions,
	): Promise<WorkflowRunResult>;
	/** The JSON output of the Coresignal node in `result`. */
	output(result: WorkflowRunResult): IDataObject[];
	close(): Promise<void>;
}

export interface NodeOptions {
	continueOnFail?: boolean;
	/** The credential id (the throttle is shared per credential). */
	credentialId?: string;
}

export const NODE = 'Coresignal';

export function coresignalWorkflow(
	parameters: IDataObject,
	options: NodeOptions = {},
): WorkflowJson {
	const id = options.credentialId ?? 'cs-test';
	return {
		nodes: [
			{
				name: NODE,
				type: nodeType('coresignal'),
				parameters: parameters as INodeParameters,
				credentials: {
					coresignalApi: { id, name: 'Coresignal sandbox' },
					coresignalJwtApi: { id: `${id}-jwt`, name: 'Coresignal sandbox (JWT)' },
				},
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
	};
}

export async function startCoresignalNodeEnv(
	options: { sandbox?: Parameters<typeof startSandbox>[0] } = {},
): Promise<CoresignalNodeEnv> {
	const sandbox = await startSandbox(options.sandbox);
	const baseUrl = vendorUrls(sandbox.url).coresignal;
	const harness = await Harness.start({
		credentials: {
			coresignalApi: { apiKey: CORESIGNAL_API_KEY, baseUrl, maxRequestsPerSecond: 0 },
			coresignalJwtApi: { token: CORESIGNAL_JWT, baseUrl, maxRequestsPerSecond: 0 },
		},
	});
	return {
		sandbox,
		harness,
		run: async (parameters, input = [{}], nodeOptions = {}) =>
			await harness.runWorkflow(coresignalWorkflow(parameters, nodeOptions), { input }),
		output: (result) => result.output(NODE),
		close: async () => {
			await harness.close();
			await sandbox.close();
		},
	};
}
