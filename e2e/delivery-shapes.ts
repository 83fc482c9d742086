/**
 * Sends the delivery-shape corpus (dev/delivery-shapes/) to each trigger in a real n8n, authenticated the way
 * its vendor is told to, and reads back what n8n answered and which executions it stored.
 */
import { randomUUID } from 'node:crypto';

import type { SandboxClient } from '../sandbox/client';
import { sandboxCredentials } from '../sandbox/credentials';
import type { DeliveryShape } from '../dev/delivery-shapes/types';
import type { N8n, WorkflowJson } from './n8n';
import { outputOf } from './n8n';
import type { CredentialRefs } from './sandbox-credentials';

export interface ShapeTarget {
	vendor: 'coresignal' | 'charthop' | 'humansourcing';
	/** The trigger node, configured to receive everything its vendor sends. */
	node: WorkflowJson['nodes'][number];
	/** Where and how the vendor delivers once the workflow is active. */
	endpoint(
		webhookUrl: string,
		sandbox: SandboxClient,
	): Promise<{ url: string; headers: Record<string, string> }>;
}

const TRIGGER = 'Trigger';

export const shapeTargets: ShapeTarget[] = [
	{
		vendor: 'coresignal',
		node: {
			name: TRIGGER,
			type: 'n8n-nodes-hr-signals.coresignalTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				apiVersion: 'v2',
				event: 'employeeProfile',
				dataset: 'employee_clean',
				subscribeBy: 'ids',
				employeeIds: '100001',
			},
			credentials: { coresignalApi: { id: '', name: '' } },
		},
		async endpoint(webhookUrl, sandbox) {
			const subscription = (await sandbox.coresignal.subscriptions()).find(
				(candidate) => candidate.webhookUrl.startsWith(webhookUrl) && candidate.status === 'active',
			);
			if (!subscription) throw new Error(`no Coresignal subscription calls ${webhookUrl}`);
			return { url: subscription.webhookUrl, headers: {} };
		},
	},
	{
		vendor: 'charthop',
		node: {
			name: TRIGGER,
			type: 'n8n-nodes-hr-signals.chartHopTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				registration: 'automatic',
				events: { pattern: [{ event: '__custom', customEvent: '*' }] },
			},
			credentials: { chartHopApi: { id: '', name: '' } },
		},
		async endpoint(webhookUrl, sandbox) {
			const step = (await sandbox.charthop.actions())
				.flatMap((action) => action.steps)
				.find((candidate) => candidate.httpUrl === webhookUrl);
			if (!step) throw new Error(`no ChartHop automated action calls ${webhookUrl}`);
			return { url: webhookUrl, headers: { ...step.httpHeaders } };
		},
	},
	{
		vendor: 'humansourcing',
		node: {
			name: TRIGGER,
			type: 'n8n-nodes-hr-signals.humanSourcingTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
			credentials: { humanSourcingWebhookApi: { id: '', name: '' } },
		},
		async endpoint(webhookUrl) {
			// As Human Sourcing's docs show a delivery: no header, the secret in the URL the customer pasted.
			return {
				url: `${webhookUrl}?token=${encodeURIComponent(sandboxCredentials.humansourcing.secret)}`,
				headers: {},
			};
		},
	},
];

export interface ShapeOutcome {
	status: number;
	ack: Record<string, unknown> | undefined;
	/** The items of the execution the delivery started, or undefined when none started. */
	items: Array<Record<string, unknown>> | undefined;
}

/** One active workflow per vendor that receives every shape in order. */
export class ShapeRunner {
	private executions = 0;
	private endpoint?: { url: string; headers: Record<string, string> };
	workflowId = '';

	constructor(
		private readonly n8n: N8n,
		private readonly sandbox: SandboxClient,
		private readonly target: ShapeTarget,
	) {}

	async start(credentials: CredentialRefs): Promise<void> {
		const node = { ...this.target.node, webhookId: randomUUID() };
		const workflow = await this.n8n.importWorkflow(
			{ name: `${this.target.vendor} delivery shapes`, nodes: [node], connections: {} },
			credentials,
		);
		this.workflowId = workflow.id;
		await this.n8n.activate(workflow.id);
		this.endpoint = await this.target.endpoint(
			this.n8n.webhookUrl(node.webhookId, 'webhook'),
			this.sandbox,
		);
	}

	async send(shape: DeliveryShape): Promise<ShapeOutcome> {
		if (!this.endpoint) throw new Error('the shape workflow did not start: see the first failure');
		const text = typeof shape.body === 'string' ? shape.body : JSON.stringify(shape.body);
		const response = await fetch(this.endpoint.url, {
			method: 'POST',
			headers: {
				'content-type': shape.contentType ?? 'application/json',
				...this.endpoint.headers,
				...shape.headers,
			},
			body: shape.body === undefined ? undefined : text,
		});
		const answer = await response.text();
		let ack: Record<string, unknown> | undefined;
		try {
			ack = JSON.parse(answer) as Record<string, unknown>;
		} catch {
			ack = undefined;
		}
		let items: ShapeOutcome['items'];
		if (shape.items.length > 0) {
			this.executions++;
			const executions = await this.n8n.waitForExecutions(this.workflowId, this.executions);
			items = outputOf(executions[executions.length - 1], TRIGGER);
		}
		return { status: response.status, ack, items };
	}

	/** Executions the workflow has, to prove shapes without items started none. */
	async executionCount(): Promise<number> {
		return (await this.n8n.executions(this.workflowId)).length;
	}

	async stop(): Promise<void> {
		if (this.workflowId) await this.n8n.deactivate(this.workflowId);
	}
}

/** What a test compares: the item fields a shape names. */
export function itemSummary(
	item: Record<string, unknown>,
	withChangedFields: boolean,
): Record<string, unknown> {
	const summary: Record<string, unknown> = {
		type: item.type,
		entityId: (item.entity as { id?: unknown } | undefined)?.id,
	};
	if (withChangedFields) summary.changedFields = item.changedFields;
	return summary;
}
