/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { randomUUID } from 'node:crypto';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialsHelper } from './credentials-helper';
import type { RecordedResponse, WebhookRequest } from './http-shims';
import type { PackageTypes } from './package-types';
import type { WebhookServer } from './webhook-server';
import type { WorkflowJson, WorkflowRunResult } from './workflow';
import { buildWorkflow, executeWorkflow, toWorkflowBase } from './workflow';

export interface TriggerServices {
	types: PackageTypes;
	credentialsHelper: HarnessCredentialsHelper;
	server: WebhookServer;
}

export interface TriggerOptions {
	/** The trigger node's name; defaults to the only node with webhooks. */
	node?: string;
	/** "Listen for test event": URLs under /webhook-test/ and execute mode `manual`. */
	test?: boolean;
}

/** One request n8n received on the trigger's webhook, and what came of it. */
export interface Delivery {
	method: string;
	path: string;
	headers: IDataObject;
	query: IDataObject;
	body: unknown;
	rawBody: Buffer;
	/** What the caller was answered. */
	response?: RecordedResponse;
	/** What `webhook()` returned. */
	result?: IWebhookResponseData;
	/** `result.workflowData` as plain JSON per output ([] when no workflow was started). */
	items: IDataObject[][];
	/** The execution the delivery started (trigger node and everything downstream). */
	run?: WorkflowRunResult;
	/** What `webhook()` or the execution threw. */
	error?: Error;
}

type LifecycleMethod = 'checkExists' | 'create' | 'delete';

/**
 * A workflow with one webhook trigger, driven the way n8n drives it: `activate` runs
 * checkExists → create through n8n-core's HookContext and saves the static data, `restart` does
 * that again on a fresh Workflow built from the saved static data (what n8n does on every start),
 * `deactivate` runs delete. While active, the trigger's URL on the harness server runs `webhook()`
 * through n8n-core's WebhookContext and then the workflow.
 */
export class TriggerHandle {
	/** What n8n would have persisted in its database: the workflow's static data. */
	private savedStaticData: IDataObject;

	private readonly unregister: Array<() => void> = [];

	private readonly waiters: Array<{
		predicate: (d: Delivery) => boolean;
		resolve: (d: Delivery) => void;
	}> = [];

	readonly deliveries: Delivery[] = [];

	readonly nodeName: string;

	/** Errors `delete` threw while n8n cleaned up after a failed `create`. */
	readonly cleanupErrors: Error[] = [];

	constructor(
		private readonly services: TriggerServices,
		private readonly json: WorkflowJson,
		private readonly options: TriggerOptions = {},
	) {
		this.savedStaticData = structuredClone(json.staticData ?? {});
		this.nodeName = options.node ?? this.findWebhookNode();
	}

	get isActive(): boolean {
		return this.unregister.length > 0;
	}

	/** The trigger node's saved static data (`getWorkflowStaticData('node')`). */
	get staticData(): IDataObject {
		return structuredClone((this.savedStaticData[`node:${this.nodeName}`] as IDataObject) ?? {});
	}

	/** Replaces the saved static data of the trigger node, e.g. to simulate a stale subscription id. */
	setStaticData(data: IDataObject) {
		this.savedStaticData[`node:${this.nodeName}`] = structuredClone(data);
	}

	/** The URL n8n gives the vendor (`getNodeWebhookUrl('default')`). */
	webhookUrl(name: 'default' | 'setup' = 'default'): string {
		const workflow = this.workflow();
		const webhook = this.webhooks(workflow).find((w) => w.webhookDescription.name === name);
		if (!webhook) throw new UnexpectedError(`Node "${this.nodeName}" has no "${name}" webhook`);
		return `${this.prefixUrl()}/${webhook.path}`;
	}

	/**
	 * Activation as n8n 2.8.4 runs it: for each webhook, checkExists and, if it returns false,
	 * create; when that throws, n8n runs `delete`, saves the static data and reports the error.
	 */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		await this.register(activation, { attempts: 1 });
	}

	/**
	 * Activation as n8n 2.41's publication service runs it: up to `attempts` (n8n: 5) tries on the
	 * SAME Workflow, so what a failed create left in static data is what the next try sees; after
	 * each failed try n8n runs `delete` and saves the static data, then waits 1, 2, 4, 8 s
	 * (`beforeRetry` stands for that wait, e.g. the vendor recovering). Throws the last error when
	 * every try failed (2.41 then reports the publication as failed). Returns the tries it took.
	 */
	async publish(
		options: { attempts?: number; beforeRetry?: (failed: Error) => Promise<void> } = {},
	): Promise<number> {
		return await this.register('activate', { attempts: options.attempts ?? 5, ...options });
	}

	private async register(
		activation: WorkflowActivateMode,
		options: { attempts: number; beforeRetry?: (failed: Error) => Promise<void> },
	): Promise<number> {
		if (this.isActive)
			throw new UnexpectedError('The trigger is already active; deactivate or restart it');
		const workflow = this.workflow();
		const webhooks = this.webhooks(workflow);
		for (let attempt = 1; ; attempt++) {
			try {
				for (const webhook of webhooks) {
					const exists = await this.runMethod('checkExists', workflow, webhook, activation);
					if (!exists) await this.runMethod('create', workflow, webhook, activation);
				}
				this.save(workflow);
				this.serve(webhooks);
				return attempt;
			} catch (error) {
				// n8n clears the workflow's webhooks (running `delete`) and reports the create error.
				for (const webhook of webhooks) {
					try {
						await this.runMethod('delete', workflow, webhook, 'update');
					} catch (cleanupError) {
						this.cleanupErrors.push(cleanupError as Error);
					}
				}
				this.save(workflow);
				if (attempt >= options.attempts) throw error;
				await options.beforeRetry?.(error as Error);
			}
		}
	}

	/** Routes the webhooks' URLs on the harness server to `webhook()`. */
	private serve(webhooks: IWebhookData[]): void {
		for (const webhook of webhooks) {
			this.unregister.push(
				this.services.server.register(
					webhook.httpMethod,
					`${this.prefix()}/${webhook.path}`,
					(req, res, recorded) => this.receive(webhook, req, res, recorded),
				),
			);
		}
	}

	/** An n8n restart: the webhooks go away with the process, then activation runs in `init` mode. */
	async restart(): Promise<void> {
		this.stopServing();
		await this.activate('init');
	}

	/** Deactivation: `delete` for each webhook, then the static data is saved. Errors propagate. */
	async deactivate(): Promise<void> {
		this.stopServing();
		const workflow = this.workflow();
		try {
			for (const webhook of this.webhooks(workflow)) {
				await this.runMethod('delete', workflow, webhook, 'update');
			}
		} finally {
			this.save(workflow);
		}
	}

	/** Runs one lifecycle method on its own (e.g. checkExists after a remote change). */
	async run(
		method: LifecycleMethod,
		activation: WorkflowActivateMode = 'activate',
	): Promise<boolean | undefined> {
		const workflow = this.workflow();
		let result: boolean | undefined;
		for (const webhook of this.webhooks(workflow)) {
			result = await this.runMethod(method, workflow, webhook, activation);
		}
		this.save(workflow);
		return result;
	}

	/** Sends a request to the trigger's URL like the vendor would and returns what n8n answered. */
	async deliver(request: {
		body?: unknown;
		headers?: Record<string, string>;
		method?: string;
		query?: Record<string, string>;
		rawBody?: string | Buffer;
	}): Promise<Delivery> {
		const marker = randomUUID();
		const url = new URL(this.webhookUrl());
		for (const [key, value] of Object.entries(request.query ?? {}))
			url.searchParams.set(key, value);
		const hasJson = request.rawBody === undefined && request.body !== undefined;
		const delivered = this.waitForDelivery((d) => d.headers['x-harness-delivery'] === marker);
		const response = await fetch(url, {
			method: request.method ?? 'POST',
			headers: {
				...(hasJson ? { 'content-type': 'application/json' } : {}),
				...request.headers,
				'x-harness-delivery': marker,
			},
			body: hasJson ? JSON.stringify(request.body) : request.rawBody,
		});
		if (response.status === 404) {
			throw new UnexpectedError(`No active webhook at ${url.pathname}: ${await response.text()}`);
		}
		await response.arrayBuffer();
		return await delivered;
	}

	/** Resolves with the first delivery (past or future) matching `predicate`, once its execution ended. */
	async waitForDelivery(
		predicate: (delivery: Delivery) => boolean = () => true,
	): Promise<Delivery> {
		const done = this.deliveries.find(predicate);
		if (done) return done;
		return await new Promise((resolve) => this.waiters.push({ predicate, resolve }));
	}

	private stopServing() {
		for (const stop of this.unregister.splice(0)) stop();
	}

	/** n8n activates webhooks in `trigger` mode and runs what they receive in `webhook` mode. */
	private hookMode(): WorkflowExecuteMode {
		return this.options.test ? 'manual' : 'trigger';
	}

	private executionMode(): WorkflowExecuteMode {
		return this.options.test ? 'manual' : 'webhook';
	}

	private prefix(): string {
		return this.options.test ? 'webhook-test' : 'webhook';
	}

	private prefixUrl(): string {
		return `${this.services.server.baseUrl}/${this.prefix()}`;
	}

	private workflow(): Workflow {
		return buildWorkflow(this.json, this.services.types, {
			staticData: this.savedStaticData,
			active: !this.options.test,
		});
	}

	/** n8n persists static data only when something changed it. */
	private save(workflow: Workflow) {
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged === true) {
			this.savedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		}
	}

	private additionalData(
		extra: { httpRequest?: unknown; httpResponse?: unknown; hooksFor?: Workflow } = {},
	) {
		const additionalData = buildAdditionalData({
			credentialsHelper: this.services.credentialsHelper,
			instanceBaseUrl: this.services.server.baseUrl,
			hooks: extra.hooksFor
				? { mode: this.executionMode(), workflowData: toWorkflowBase(this.json) }
				: undefined,
		});
		return Object.assign(additionalData, {
			httpRequest: extra.httpRequest,
			httpResponse: extra.httpResponse,
		}) as typeof additionalData;
	}

	private findWebhookNode(): string {
		const candidates = this.json.nodes.filter(
			(node) =>
				this.services.types.getByNameAndVersion(node.type, node.typeVersion).description.webhooks
					?.length,
		);
		if (candidates.length !== 1) {
			throw new UnexpectedError(
				`Pass { node } to pick the trigger: found ${candidates.length} nodes with webhooks (${candidates.map((n) => n.name).join(', ')})`,
			);
		}
		return candidates[0].name;
	}

	private node(workflow: Workflow): INode {
		const node = workflow.getNode(this.nodeName);
		if (!node) throw new UnexpectedError(`The workflow has no node "${this.nodeName}"`);
		return node;
	}

	/** The node's webhooks as n8n's WebhookService computes them (path, method, full-path rules). */
	private webhooks(workflow: Workflow): IWebhookData[] {
		const node = this.node(workflow);
		const nodeType = this.services.types.getByNameAndVersion(node.type, node.typeVersion);
		const additionalData = this.additionalData();
		const webhooks: IWebhookData[] = [];
		for (const description of nodeType.description.webhooks ?? []) {
			const rawPath = workflow.expression.getSimpleParameterValue(
				node,
				description.path,
				'internal',
				{},
			);
			if (rawPath === undefined) continue;
			const nodePath = String(rawPath).replace(/^\/+/, '').replace(/\/+$/, '');
			const isFullPath = workflow.expression.getSimpleParameterValue(
				node,
				description.isFullPath,
				'internal',
				{},
				undefined,
				false,
			) as boolean;
			const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, nodePath, isFullPath);
			const methods = workflow.expression.getSimpleParameterValue(
				node,
				description.httpMethod,
				'internal',
				{},
				undefined,
				'GET',
			);
			for (const httpMethod of String(methods).split(',')) {
				if (!httpMethod.trim()) continue;
				webhooks.push({
					httpMethod: httpMethod.trim() as IHttpRequestMethods,
					node: node.name,
					path,
					webhookDescription: description,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
					webhookId: node.webhookId,
					isTest: this.options.test,
				});
			}
		}
		return webhooks;
	}

	private async runMethod(
		method: LifecycleMethod,
		workflow: Workflow,
		webhook: IWebhookData,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const node = this.node(workflow);
		const nodeType = this.services.types.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.webhookMethods?.[webhook.webhookDescription.name]?.[method];
		if (!fn) return undefined;
		const context = new HookContext(
			workflow,
			node,
			webhook.workflowExecuteAdditionalData,
			this.hookMode(),
			activation,
			webhook,
		);
		return await fn.call(context);
	}

	/** What n8n's webhook helpers do with one request: run webhook(), answer, start the workflow. */
	private async receive(
		webhook: IWebhookData,
		req: WebhookRequest,
		res: ReturnType<typeof WebhookContext.prototype.getResponseObject>,
		recorded: () => RecordedResponse | undefined,
	): Promise<void> {
		const delivery: Delivery = {
			method: req.method ?? 'POST',
			path: req.path as string,
			headers: req.headers as IDataObject,
			query: req.query as IDataObject,
			body: req.body,
			rawBody: req.rawBody,
			items: [],
		};
		try {
			await this.respondAndRun(webhook, req, res, delivery);
		} catch (error) {
			delivery.error = error as Error;
			if (!res.headersSent) {
				res
					.status(500)
					.json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			}
		} finally {
			delivery.response = recorded();
			this.record(delivery);
		}
	}

	private async respondAndRun(
		webhook: IWebhookData,
		req: WebhookRequest,
		res: ReturnType<typeof WebhookContext.prototype.getResponseObject>,
		delivery: Delivery,
	) {
		const workflow = this.workflow();
		const node = this.node(workflow);
		const nodeType = this.services.types.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook) throw new UnexpectedError(`Node "${node.name}" has no webhook() method`);

		const additionalData = this.additionalData({
			httpRequest: req,
			httpResponse: res,
			hooksFor: workflow,
		});
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			this.executionMode(),
			webhook,
			[],
			null,
		);
		const result = await nodeType.webhook.call(context);
		delivery.result = result;
		delivery.items = (result.workflowData ?? []).map((items) =>
			(items ?? []).map((item) => item.json),
		);
		this.save(workflow);

		const responseCode = Number(
			workflow.expression.getSimpleParameterValue(
				node,
				webhook.webhookDescription.responseCode as string,
				this.executionMode(),
				{},
				undefined,
				200,
			),
		);
		const responseMode = workflow.expression.getSimpleParameterValue(
			node,
			webhook.webhookDescription.responseMode,
			this.executionMode(),
			{},
			undefined,
			'onReceived',
		);
		const answered = result.noWebhookResponse === true || res.headersSent;
		if (result.workflowData === undefined) {
			if (!answered)
				res
					.status(responseCode)
					.json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (responseMode !== 'onReceived') {
			throw new UnexpectedError(
				`responseMode "${String(responseMode)}" is not supported by the test harness`,
			);
		}
		if (!answered)
			res.status(responseCode).json(result.webhookResponse ?? { message: 'Workflow was started' });

		delivery.run = await executeWorkflow(
			workflow,
			additionalData,
			this.executionMode(),
			node,
			result.workflowData as INodeExecutionData[][],
		);
		this.save(workflow);
	}

	private record(delivery: Delivery) {
		this.deliveries.push(delivery);
		for (const waiter of [...this.waiters]) {
			if (!waiter.predicate(delivery)) continue;
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve(delivery);
		}
	}
}
