import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './harness';
import { nodeType } from './harness';

/** The name of the Coresignal node in `coresignalWorkflow`. */
export const NODE = 'Coresignal';

export interface NodeOptions {
	continueOnFail?: boolean;
	/** The credential id (the throttle is shared per credential). */
	credentialId?: string;
	/** The node version; 1 when not given. */
	typeVersion?: number;
}

/** A one-node workflow: the Coresignal action node with these parameters and both credentials. */
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
				typeVersion: options.typeVersion,
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
