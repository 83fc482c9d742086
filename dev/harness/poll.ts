import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, Workflow } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';
import type { PackageTypes } from './package-types';
import type { WorkflowJson } from './workflow';
import { buildWorkflow } from './workflow';

export interface PollServices {
	types: PackageTypes;
	credentialsHelper: HarnessCredentialsHelper;
	instanceBaseUrl: string;
}

/**
 * An active workflow with one polling trigger, polled the way n8n's ActiveWorkflowManager does it:
 * `poll()` runs in n8n-core's PollContext (mode `trigger`) on one Workflow instance kept for the
 * whole activation, so static data carries from one poll to the next as in n8n's memory.
 * Manual runs ("Fetch Test Event") go through `harness.runWorkflow`, which n8n-core polls itself.
 */
export class PollHandle {
	readonly workflow: Workflow;

	readonly nodeName: string;

	constructor(
		private readonly services: PollServices,
		json: WorkflowJson,
		options: { node?: string } = {},
	) {
		this.workflow = buildWorkflow(json, services.types, { active: true });
		const pollers = json.nodes.filter(
			(node) =>
				this.services.types.getByNameAndVersion(node.type, node.typeVersion).description.polling,
		);
		const name = options.node ?? (pollers.length === 1 ? pollers[0].name : undefined);
		if (!name) throw new UnexpectedError('Pass { node } to pick the polling trigger');
		this.nodeName = name;
	}

	/** The node's static data (`getWorkflowStaticData('node')`) as it is after the last poll. */
	get staticData(): IDataObject {
		// n8n's static data is an observable proxy: copy it as n8n saves it, through JSON.
		return JSON.parse(
			JSON.stringify(this.workflow.staticData[`node:${this.nodeName}`] ?? {}),
		) as IDataObject;
	}

	setStaticData(data: IDataObject) {
		this.workflow.staticData[`node:${this.nodeName}`] = structuredClone(data);
	}

	/** One scheduled poll: the items the node would start the workflow with, or null. */
	async poll(): Promise<INodeExecutionData[][] | null> {
		const node = this.workflow.getNode(this.nodeName) as INode;
		const nodeType = this.services.types.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new UnexpectedError(`Node "${this.nodeName}" cannot poll`);
		const additionalData = buildAdditionalData({
			credentialsHelper: this.services.credentialsHelper,
			instanceBaseUrl: this.services.instanceBaseUrl,
		});
		const context = new PollContext(this.workflow, node, additionalData, 'trigger', 'activate');
		return await nodeType.poll.call(context);
	}

	/** `poll()` as plain JSON of the first output: [] when the node returned null. */
	async pollJson(): Promise<IDataObject[]> {
		return ((await this.poll())?.[0] ?? []).map((item) => item.json);
	}
}
