/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * A real n8n (the pinned runtime from install-runtime.ts) with this package installed (community-package.ts),
 * driven headless: owner and API key through /rest, everything else through the public API.
 * Used by test/e2e, `npm run demo` and e2e/screenshot.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCommunityPackage, type InstalledPackage } from './community-package';
import type { Runtime } from './install-runtime';
import { freePort, LoggedProcess, n8nCommand, N8nError, sleep } from './n8n-process';

/** The login printed by the demo; the e2e test uses it too. */
export const OWNER = {
	email: 'owner@hr-signals.test',
	password: 'HrSignals-demo-1',
	firstName: 'HR',
	lastName: 'Signals',
};

export interface StartOptions {
	runtime: Runtime;
	/** Package tarball to install before starting (see packPackage). */
	tarball?: string;
	/** Fresh temporary folder when omitted; removed by stop() when it was created here. */
	userFolder?: string;
	env?: Record<string, string>;
	/** n8n's port; a free one when omitted. */
	port?: number;
	startTimeoutMs?: number;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData: {
			error?: { message: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message: string };
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
}

/** `GET /rest/workflows/:id/publication-status` of n8n with the publication service (2.41). */
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/** Starts n8n, waits until its editor and webhooks are up, and sets up the owner and an API key. */
export async function startN8n(options: StartOptions): Promise<N8n> {
	const ownsUserFolder = !options.userFolder;
	const userFolder = options.userFolder ?? (await mkdtemp(join(tmpdir(), 'hr-signals-n8n-')));
	const installed = options.tarball
		? await installCommunityPackage(options.tarball, userFolder)
		: undefined;
	const port = options.port ?? (await freePort());
	const n8n = new N8n(userFolder, port, ownsUserFolder);
	try {
		await n8n.launch(options, installed);
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return n8n;
}

export class N8n {
	readonly baseUrl: string;
	readonly logFile: string;
	/** The `n8n start` process (its log file is appended to across restarts). */
	readonly child: LoggedProcess;
	apiKey = '';
	private cookie = '';
	private launchOptions?: StartOptions;
	startSeconds = 0;
	/** Of the last launch: seconds until n8n's HTTP server answered readiness (before it activates workflows). */
	serverUpSeconds = 0;
	/** Epoch ms when n8n's HTTP server answered readiness, in the last launch. */
	serverUpAt = 0;

	constructor(
		readonly userFolder: string,
		readonly port: number,
		private readonly ownsUserFolder: boolean,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = join(userFolder, 'n8n.log');
		this.child = new LoggedProcess('n8n', this.logFile);
	}

	/** Production URL of a trigger node's webhook (`path` is the path in the node's webhook description). */
	webhookUrl(webhookId: string, path = 'webhook'): string {
		return `${this.baseUrl}/webhook/${webhookId}/${path}`;
	}

	/** Process id of the running n8n main process (undefined when stopped), e.g. to read its memory in /proc. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Everything n8n has logged so far. */
	logText(): string {
		return this.child.logText();
	}

	logTail(lines = 60): string {
		return this.child.logTail(lines);
	}

	async launch(
		options: StartOptions,
		installed?: InstalledPackage,
		{ restart = false } = {},
	): Promise<void> {
		const startedAt = Date.now();
		this.launchOptions = options;
		this.serverUpAt = 0;
		this.child.start(
			await n8nCommand(options.runtime, 'start', this.userFolder, {
				N8N_PORT: String(this.port),
				WEBHOOK_URL: `${this.baseUrl}/`,
				...options.env,
			}),
		);
		await this.child.waitUntil(async () => await this.isReady(), options.startTimeoutMs ?? 120_000);
		this.startSeconds = (Date.now() - startedAt) / 1000;
		this.serverUpSeconds = ((this.serverUpAt || Date.now()) - startedAt) / 1000;
		if (restart) {
			await this.login();
			return;
		}
		await this.setUpOwner();
		const problems = this.child.loadFailures();
		if (installed) {
			const loaded = await this.loadedPackageNodes(installed.name);
			if (loaded.length < installed.nodeFiles.length) {
				problems.unshift(
					`n8n loaded ${loaded.length} of the ${installed.nodeFiles.length} nodes of ${installed.name}`,
				);
			}
		}
		if (problems.length) {
			throw new N8nError(
				`n8n started, but could not load part of the package:\n${problems.join('\n')}`,
				this.logTail(),
			);
		}
	}

	/**
	 * Readiness answers before webhooks are registered (n8n activates every active workflow, one at a time, between
	 * the two); "Editor is now accessible" comes after.
	 */
	private async isReady(): Promise<boolean> {
		try {
			const response = await fetch(`${this.baseUrl}/healthz/readiness`);
			if (response.status !== 200) return false;
		} catch {
			return false;
		}
		this.serverUpAt ||= Date.now();
		return this.child.startLog().includes('Editor is now accessible');
	}

	private async setUpOwner(): Promise<void> {
		const setup = await this.send('/rest/owner/setup', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok)
			throw new N8nError(
				`owner setup failed: ${setup.status} ${await setup.text()}`,
				this.logTail(),
			);
		await this.login();
		const { data: scopes } = await this.rest<{ data: string[] }>('GET', '/rest/api-keys/scopes');
		const { data: key } = await this.rest<{ data: { rawApiKey: string } }>(
			'POST',
			'/rest/api-keys',
			{
				label: 'hr-signals e2e',
				scopes,
				expiresAt: null,
			},
		);
		this.apiKey = key.rawApiKey;
	}

	private async login(): Promise<void> {
		const response = await this.send('/rest/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!response.ok)
			throw new N8nError(
				`login failed: ${response.status} ${await response.text()}`,
				this.logTail(),
			);
		this.cookie = response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	/** The owner's session cookie (`n8n-auth=…`), e.g. for a browser. */
	get authCookie(): string {
		return this.cookie;
	}

	/** n8n's internal REST API (the editor's), authenticated with the owner's session cookie. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		return await this.request<T>(method, path, { cookie: this.cookie }, body);
	}

	/** n8n's public API (`/api/v1`), authenticated with the API key. */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		return await this.request<T>(method, `/api/v1${path}`, { 'x-n8n-api-key': this.apiKey }, body);
	}

	private async request<T>(
		method: string,
		path: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<T> {
		const response = await this.send(path, {
			method,
			headers: {
				...headers,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await this.json<T>(`${method} ${path}`, response);
	}

	/** An answer's JSON body; an N8nError with n8n's log when its status is not 2xx. */
	private async json<T>(call: string, response: Response): Promise<T> {
		const text = await response.text();
		if (!response.ok) {
			throw new N8nError(`${call} answered ${response.status}: ${text}`, this.logTail(20));
		}
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/**
	 * One HTTP call to n8n, sent again once if the connection it reused was closed under it: n8n closes idle keep-alive
	 * connections after 5 s (Node.js's `server.keepAliveTimeout`), and on a busy machine the client can pick one up
	 * just as n8n closes it, so the request never reached n8n ("other side closed").
	 */
	private async send(path: string, init: RequestInit): Promise<Response> {
		const url = `${this.baseUrl}${path}`;
		try {
			return await fetch(url, init);
		} catch (error) {
			const code = ((error as Error).cause as { code?: string } | undefined)?.code;
			if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
			return await fetch(url, init);
		}
	}

	/** Node and credential types n8n loaded (what the editor's node panel offers). */
	async loadedTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
		const nodes = await this.typesFile('nodes');
		const credentials = await this.typesFile('credentials');
		return {
			nodes: [...new Set(nodes.map((node) => node.name))],
			credentials: credentials.map((credential) => credential.name),
		};
	}

	/**
	 * n8n writes its types files after it says it is ready, through a stream it does not wait for
	 * (FrontendService.writeStaticJSON), and serves them with `res.sendFile`: on a busy machine a
	 * read can meet a file still being written. Only such a body is read again: one that ends before
	 * its Content-Length (fetch's TypeError "terminated"), or a complete answer whose JSON is cut
	 * short (SyntaxError, or empty). A connection that fails is send()'s to handle.
	 */
	private async typesFile(name: 'nodes' | 'credentials'): Promise<Array<{ name: string }>> {
		const path = `/types/${name}.json`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			const response = await this.send(path, { headers: { cookie: this.cookie } });
			const types = await this.json<unknown>(`GET ${path}`, response).catch((error: unknown) => {
				if (error instanceof TypeError || error instanceof SyntaxError) return undefined;
				throw error;
			});
			if (Array.isArray(types)) return types as Array<{ name: string }>;
			if (Date.now() > deadline) {
				throw new N8nError(
					`GET ${path}: the file was still incomplete after 60 s`,
					this.logTail(20),
				);
			}
			await sleep(500);
		}
	}

	/** Node types n8n loaded from a package, without the "…Tool" variants n8n derives for AI agents. */
	async loadedPackageNodes(packageName: string): Promise<string[]> {
		const { nodes } = await this.loadedTypes();
		const own = nodes.filter((node) => node.startsWith(`${packageName}.`));
		return own.filter((node) => !(node.endsWith('Tool') && own.includes(node.slice(0, -4))));
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string; type: string }> {
		// n8n 2.8.4 adds "Allowed HTTP Request Domains" to credentials with `authenticate`, and its public API schema
		// then demands `allowedDomains` unless that choice is given explicitly.
		const schema = await this.api<{ properties?: Record<string, unknown> }>(
			'GET',
			`/credentials/schema/${type}`,
		);
		const withDefaults =
			schema.properties && 'allowedHttpRequestDomains' in schema.properties
				? { allowedHttpRequestDomains: 'all', ...data }
				: data;
		const created = await this.api<{ id: string; name: string }>('POST', '/credentials', {
			name,
			type,
			data: withDefaults,
		});
		return { id: created.id, name: created.name, type };
	}

	/**
	 * Creates a workflow from an example's JSON. Each node credential is pointed at the credential of the same type
	 * in `credentials`; trigger nodes without a `webhookId` get one, so their production URL is known in advance.
	 */
	async importWorkflow(
		workflow: WorkflowJson,
		credentials: Record<string, { id: string; name: string }> = {},
	): Promise<WorkflowJson & { id: string }> {
		const nodes = workflow.nodes.map((node) => {
			const copy = { ...node };
			if (node.credentials) {
				copy.credentials = Object.fromEntries(
					Object.keys(node.credentials).map((type) => {
						const credential = credentials[type];
						if (!credential) {
							throw new Error(
								`workflow "${workflow.name}" node "${node.name}" needs a ${type} credential`,
							);
						}
						return [type, { id: credential.id, name: credential.name }];
					}),
				);
			}
			if (/trigger$|\.webhook$/i.test(node.type) && !node.webhookId) copy.webhookId = randomUUID();
			return copy;
		});
		return await this.api<WorkflowJson & { id: string }>('POST', '/workflows', {
			name: workflow.name,
			nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? { executionOrder: 'v1' },
		});
	}

	/**
	 * Activates (publishes) a workflow and returns once its triggers are registered. n8n 2.8.4 activates within the
	 * call and answers an error when a trigger fails; newer n8n (publication service) answers at once and registers
	 * the triggers in the background, so this waits for the publication status and throws its trigger errors.
	 */
	async activate(workflowId: string, timeoutMs = 60_000): Promise<void> {
		const startedAt = Date.now();
		if (!(await this.hasPublicationStatus(workflowId))) {
			await this.api('POST', `/workflows/${workflowId}/activate`);
			this.activationSeconds.push((Date.now() - startedAt) / 1000);
			return;
		}
		await this.api('POST', `/workflows/${workflowId}/publish`);
		const answeredAt = Date.now();
		const status = await this.settledPublication(workflowId, timeoutMs);
		if (status.status === 'published') {
			this.activationSeconds.push((Date.now() - startedAt) / 1000);
			this.backgroundSeconds.push((Date.now() - answeredAt) / 1000);
		} else {
			const errors = status.triggers
				.filter((trigger) => trigger.errorMessage)
				.map((trigger) => trigger.errorMessage);
			throw new N8nError(
				`workflow ${workflowId} was not published: ${status.status}${errors.length ? `: ${errors.join('; ')}` : ''}`,
				this.logTail(20),
			);
		}
	}

	/** Deactivates (unpublishes) a workflow and returns once its triggers are removed (see activate). */
	async deactivate(workflowId: string, timeoutMs = 60_000): Promise<void> {
		if (!(await this.hasPublicationStatus(workflowId))) {
			await this.api('POST', `/workflows/${workflowId}/deactivate`);
			return;
		}
		await this.api('POST', `/workflows/${workflowId}/unpublish`);
		const status = await this.settledPublication(workflowId, timeoutMs);
		if (status.status !== 'not_published') {
			throw new N8nError(
				`workflow ${workflowId} still has triggers after unpublishing: ${JSON.stringify(status)}`,
				this.logTail(20),
			);
		}
	}

	/** Whether this n8n publishes in the background (2.41: yes; 2.8.4 has no publication status: 404). */
	publicationService?: boolean;
	/** Seconds each activate() took until the triggers were registered, and of that, after n8n had answered. */
	readonly activationSeconds: number[] = [];
	readonly backgroundSeconds: number[] = [];

	private async hasPublicationStatus(workflowId: string): Promise<boolean> {
		if (this.publicationService === undefined) {
			const response = await this.send(`/rest/workflows/${workflowId}/publication-status`, {
				headers: { cookie: this.cookie },
			});
			if (response.status !== 200 && response.status !== 404) {
				throw new N8nError(
					`GET publication-status answered ${response.status}: ${await response.text()}`,
					this.logTail(20),
				);
			}
			this.publicationService = response.status === 200;
		}
		return this.publicationService;
	}

	/** The publication status once it is no longer in progress. */
	async settledPublication(workflowId: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const { data } = await this.rest<{ data: PublicationStatus }>(
				'GET',
				`/rest/workflows/${workflowId}/publication-status`,
			);
			if (data.status !== 'in_progress') return data;
			if (Date.now() > deadline) {
				throw new N8nError(
					`workflow ${workflowId} was still being published after ${timeoutMs} ms`,
					this.logTail(20),
				);
			}
			await sleep(100);
		}
	}

	/**
	 * Runs a workflow that starts with a Manual Trigger, like the editor's "Execute workflow" button
	 * (the public API of n8n 2.8.4 has no run endpoint), and waits for the finished execution.
	 */
	async runManually(workflowId: string, timeoutMs = 60_000): Promise<Execution> {
		const { data: workflowData } = await this.rest<{ data: WorkflowJson & { id: string } }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		const trigger = workflowData.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		if (!trigger)
			throw new Error(`workflow ${workflowId} has no Manual Trigger node to start from`);
		const { data } = await this.rest<{
			data: { executionId?: string; waitingForWebhook?: boolean };
		}>('POST', `/rest/workflows/${workflowId}/run`, {
			workflowData,
			triggerToStartFrom: { name: trigger.name },
		});
		if (!data.executionId)
			throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(data)}`);
		return await this.waitForExecution(data.executionId, timeoutMs);
	}

	async execution(executionId: string): Promise<Execution> {
		return await this.api<Execution>('GET', `/executions/${executionId}?includeData=true`);
	}

	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const execution = await this.execution(executionId);
				if (isDone(execution)) return execution;
			} catch (error) {
				if (!(error instanceof N8nError) || !/answered 404/.test(error.message)) throw error;
			}
			if (Date.now() > deadline) {
				throw new N8nError(
					`execution ${executionId} did not finish within ${timeoutMs} ms`,
					this.logTail(30),
				);
			}
			await sleep(200);
		}
	}

	/** Finished executions of a workflow, oldest first, with their data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const { data } = await this.api<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		return data.filter(isDone).sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Waits until a workflow has at least `count` finished executions. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
	): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.executions(workflowId);
			if (executions.length >= count) return executions;
			if (Date.now() > deadline) {
				throw new N8nError(
					`workflow ${workflowId} has ${executions.length} finished executions, expected ${count} within ${timeoutMs} ms`,
					this.logTail(30),
				);
			}
			await sleep(250);
		}
	}

	/**
	 * Stops n8n and starts it again on the same user folder, port and settings (nothing is deleted or reinstalled), and
	 * waits until its editor is accessible again. `serverUpSeconds` and `startSeconds` then time this start.
	 */
	async restart(options: Partial<StartOptions> = {}): Promise<void> {
		if (!this.launchOptions) throw new Error('restart() needs an n8n started by startN8n()');
		await this.child.stop();
		await this.launch({ ...this.launchOptions, ...options }, undefined, { restart: true });
	}

	/** Stops n8n (SIGTERM, then SIGKILL for its process group after 15 s) and removes a temporary user folder. */
	async stop(): Promise<void> {
		await this.child.stop();
		if (this.ownsUserFolder) await rm(this.userFolder, { recursive: true, force: true });
	}
}

function isDone(execution: Execution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status) && execution.stoppedAt !== null;
}

/** Items a node output in an execution (its first output, last run). */
export function outputOf(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.length) {
		const ran = Object.keys(execution.data?.resultData.runData ?? {}).join(', ') || 'none';
		const error = execution.data?.resultData.error?.message;
		throw new Error(
			`node "${nodeName}" did not run in execution ${execution.id} (status ${execution.status}; nodes that ran: ${ran}${error ? `; error: ${error}` : ''})`,
		);
	}
	const last = runs[runs.length - 1];
	return (last.data?.main[0] ?? []).map((item) => item.json);
}
