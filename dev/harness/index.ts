/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import './env';

import { resolve } from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { initBinaryData } from './binary-data';
import type { CredentialTestResult } from './credential-test';
import { testCredential } from './credential-test';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { ListSearchRequest } from './list-search';
import { listSearch } from './list-search';
import type { CapturingLogger } from './logger';
import { captureLogs } from './logger';
import { stopN8nCoreTimers } from './n8n-core-internals';
import { PackageTypes } from './package-types';
import { PollHandle } from './poll';
import type { TriggerOptions } from './trigger';
import { TriggerHandle } from './trigger';
import { WebhookServer } from './webhook-server';
import type { WorkflowJson, WorkflowRunResult } from './workflow';
import { buildWorkflow, executeWorkflow, findStartNode, toWorkflowBase } from './workflow';

export { binaryBuffer } from './binary-data';
export type { CredentialTestResult } from './credential-test';
export type { ListSearchRequest } from './list-search';
export type { CapturingLogger, LogEntry } from './logger';
export type { Delivery, TriggerOptions } from './trigger';
export { TriggerHandle } from './trigger';
export { PollHandle } from './poll';
export type { NodeRunResult, WorkflowJson, WorkflowNodeJson, WorkflowRunResult } from './workflow';

/** The repository root: its package.json `n8n` block lists the built files in dist/. */
export const PACKAGE_ROOT = resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-hr-signals';

/** `n8n-nodes-hr-signals.<nodeName>`: the node type n8n gives a node of this package. */
export function nodeType(nodeName: string): string {
	return `${PACKAGE_NAME}.${nodeName}`;
}

export interface HarnessOptions {
	/** Package roots to load (each needs a built dist/); defaults to this repository. */
	packageRoots?: string[];
	/** Credential data by credential type, returned to every node that uses that type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunOptions {
	/** Where execution starts; defaults to the first node without a parent. */
	startNode?: string;
	/** The start node's input items (plain JSON or full items); defaults to one empty item. */
	input?: Array<IDataObject | INodeExecutionData>;
	/** Defaults to `manual`, as when a user clicks "Execute workflow". */
	mode?: WorkflowExecuteMode;
}

function toItems(input: Array<IDataObject | INodeExecutionData>): INodeExecutionData[] {
	return input.map((entry) =>
		typeof entry.json === 'object' && entry.json !== null && !Array.isArray(entry.json)
			? (entry as INodeExecutionData)
			: { json: entry as IDataObject },
	);
}

/**
 * Runs this package's nodes inside real n8n-core: loaded from dist/ by n8n's package loader,
 * executed by WorkflowExecute, triggers driven through HookContext/WebhookContext, with a real
 * HTTP server for webhooks. See dev/harness/README.md.
 */
export class Harness {
	readonly triggers: TriggerHandle[] = [];

	private constructor(
		readonly types: PackageTypes,
		readonly credentials: HarnessCredentialsHelper,
		readonly server: WebhookServer,
		readonly logs: CapturingLogger,
	) {}

	static async start(options: HarnessOptions = {}): Promise<Harness> {
		const logs = captureLogs();
		await initBinaryData();
		const types = await PackageTypes.load(options.packageRoots ?? [PACKAGE_ROOT]);
		const credentials = new HarnessCredentialsHelper(types);
		for (const [type, data] of Object.entries(options.credentials ?? {}))
			credentials.set(type, data);
		const server = await WebhookServer.start();
		return new Harness(types, credentials, server, logs);
	}

	/** The base URL of the harness's n8n stand-in, e.g. http://127.0.0.1:PORT. */
	get baseUrl(): string {
		return this.server.baseUrl;
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject, id?: string) {
		this.credentials.set(type, data, id);
	}

	/** n8n's "Test" button for a credential: sends its test request with `data`. */
	async testCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<CredentialTestResult> {
		return await testCredential(this.types, this.credentials, this.baseUrl, type, data);
	}

	/** A resource locator's "From list" for `node`, as the editor asks n8n for it. */
	async listSearch(request: ListSearchRequest) {
		return await listSearch(this.types, this.credentials, this.baseUrl, request);
	}

	/** Runs workflow JSON through WorkflowExecute and returns every node's output. */
	async runWorkflow(json: WorkflowJson, options: RunOptions = {}): Promise<WorkflowRunResult> {
		const workflow = buildWorkflow(json, this.types);
		const startNode = options.startNode
			? workflow.getNode(options.startNode)
			: findStartNode(workflow);
		if (!startNode) throw new UnexpectedError(`The workflow has no node "${options.startNode}"`);
		const mode = options.mode ?? 'manual';
		const additionalData = buildAdditionalData({
			credentialsHelper: this.credentials,
			instanceBaseUrl: this.baseUrl,
			hooks: { mode, workflowData: toWorkflowBase(json) },
		});
		return await executeWorkflow(workflow, additionalData, mode, startNode, [
			toItems(options.input ?? [{}]),
		]);
	}

	/** A handle to activate, restart, deactivate and deliver to the workflow's webhook trigger. */
	trigger(json: WorkflowJson, options: TriggerOptions = {}): TriggerHandle {
		const handle = new TriggerHandle(
			{ types: this.types, credentialsHelper: this.credentials, server: this.server },
			json,
			options,
		);
		this.triggers.push(handle);
		return handle;
	}

	/** A handle to poll the workflow's polling trigger as an active workflow would. */
	poller(json: WorkflowJson, options: { node?: string } = {}): PollHandle {
		return new PollHandle(
			{ types: this.types, credentialsHelper: this.credentials, instanceBaseUrl: this.baseUrl },
			json,
			options,
		);
	}

	/** Stops the webhook server. Triggers still active are left as they are (no `delete` runs). */
	async close(): Promise<void> {
		await this.server.close();
		stopN8nCoreTimers();
	}
}
