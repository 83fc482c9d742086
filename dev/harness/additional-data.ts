import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	/** The instance URL webhooks are served under, e.g. http://127.0.0.1:PORT (no trailing slash). */
	instanceBaseUrl: string;
	executionId?: string;
	currentNodeParameters?: INodeParameters;
	/** Attached for runs that execute a workflow (WorkflowExecute asserts they exist). */
	hooks?: { mode: WorkflowExecuteMode; workflowData: IWorkflowBase };
}

/**
 * What n8n's `WorkflowExecuteAdditionalData.getBase()` hands every context: the credentials
 * helper, the instance's webhook base URLs (production `/webhook`, test `/webhook-test`) and,
 * for executions, lifecycle hooks. Sub-workflows and task runners are not available.
 */
export function buildAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	const base = options.instanceBaseUrl.replace(/\/+$/, '');
	const executionId = options.executionId ?? randomUUID();
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};

	return {
		credentialsHelper: options.credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		hooks: options.hooks
			? new ExecutionLifecycleHooks(options.hooks.mode, executionId, options.hooks.workflowData)
			: undefined,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('Running a task-runner task'),
	};
}
