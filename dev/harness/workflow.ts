import { randomUUID } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, UnexpectedError, Workflow } from 'n8n-workflow';

import type { PackageTypes } from './package-types';

/** A node as it appears in exported workflow JSON; id and position may be left out. */
export type WorkflowNodeJson = Omit<INode, 'id' | 'position' | 'typeVersion'> & {
	id?: string;
	position?: [number, number];
	typeVersion?: number;
};

/** Workflow JSON as n8n exports it (only nodes and connections are required). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNodeJson[];
	connections?: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
	pinData?: IPinData;
}

export interface NodeRunResult {
	/** Items per output (`main[0]`, `main[1]`…), pairedItem and binary included. */
	outputs: INodeExecutionData[][];
	/** Just the `json` of each item, per output. */
	json: IDataObject[][];
	/** The error the node failed with (continueOnFail off). */
	error?: ExecutionError;
	status?: ExecutionStatus;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	/** The execution-level error, e.g. the failing node's NodeApiError. */
	error?: ExecutionError;
	/** The last run of every node that ran, by node name. */
	nodes: Record<string, NodeRunResult>;
	/** Output `outputIndex` of `nodeName` as plain JSON; throws if the node did not run. */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	raw: IRun;
}

function normalizeNodes(nodes: WorkflowNodeJson[]): INode[] {
	return nodes.map((node, index) => ({
		...node,
		id: node.id ?? randomUUID(),
		position: node.position ?? [index * 220, 0],
		typeVersion: node.typeVersion ?? 1,
		parameters: node.parameters ?? {},
	}));
}

/** The persisted shape n8n keeps in its database (what lifecycle hooks are given). */
export function toWorkflowBase(json: WorkflowJson): IWorkflowBase {
	const now = new Date();
	return {
		id: json.id ?? 'harness-workflow',
		name: json.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		activeVersionId: null,
		nodes: normalizeNodes(json.nodes),
		connections: json.connections ?? {},
		settings: json.settings,
		staticData: json.staticData,
		pinData: json.pinData,
	};
}

/**
 * n8n-workflow's `Workflow` for the JSON (its constructor fills in parameter defaults from the
 * node descriptions, as n8n does when it loads a saved workflow).
 */
export function buildWorkflow(
	json: WorkflowJson,
	nodeTypes: PackageTypes,
	options: { staticData?: IDataObject; active?: boolean } = {},
): Workflow {
	const base = toWorkflowBase(json);
	return new Workflow({
		id: base.id,
		name: base.name,
		nodes: base.nodes,
		connections: base.connections,
		active: options.active ?? false,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? json.staticData ?? {}),
		settings: { executionOrder: 'v1', ...json.settings },
		pinData: json.pinData,
	});
}

/** The first node without incoming main connections: where a workflow starts by default. */
export function findStartNode(workflow: Workflow): INode {
	const start = Object.values(workflow.nodes).find(
		(node) => workflow.getParentNodes(node.name, 'main', 1).length === 0,
	);
	if (!start) throw new UnexpectedError('The workflow has no node without a parent to start at');
	return start;
}

/**
 * Runs the workflow through n8n-core's WorkflowExecute, starting at `startNode` with `input`
 * as that node's incoming data (`main` outputs, e.g. a webhook's `workflowData`).
 */
export async function executeWorkflow(
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
	startNode: INode,
	input: INodeExecutionData[][],
): Promise<WorkflowRunResult> {
	const runExecutionData = createRunExecutionData({
		startData: {},
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: input }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	return toRunResult(run);
}

export function toRunResult(run: IRun): WorkflowRunResult {
	const nodes: Record<string, NodeRunResult> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const last = tasks[tasks.length - 1];
		const outputs = (last?.data?.main ?? []).map((items) => items ?? []);
		nodes[name] = {
			outputs,
			json: outputs.map((items) => items.map((item) => item.json)),
			error: last?.error,
			status: last?.executionStatus,
		};
	}
	return {
		status: run.status,
		error: run.data.resultData.error,
		nodes,
		output(nodeName, outputIndex = 0) {
			const node = nodes[nodeName];
			if (!node) {
				throw new UnexpectedError(
					`Node "${nodeName}" did not run; nodes that ran: ${Object.keys(nodes).join(', ') || 'none'}`,
				);
			}
			return node.json[outputIndex] ?? [];
		},
		raw: run,
	};
}
