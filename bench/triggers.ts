/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	Workflow,
} from 'n8n-workflow';
import { WebhookContext } from 'n8n-core';
import { jsonParse, UnexpectedError } from 'n8n-workflow';

import { SandboxClient } from '../sandbox/client';
import { EmployeeDirectory } from '../sandbox/coresignal/employees';
import type { Subscription } from '../sandbox/coresignal/subscriptionStore';
import { changesFor } from '../sandbox/coresignal/changes';
import { Random } from '../sandbox/core/random';
import { sandboxCredentials } from '../sandbox/credentials';
import { parseDelivery as parseChartHop } from '../nodes/ChartHop/trigger/delivery';
import { parseDelivery as parseCoresignal } from '../nodes/Coresignal/trigger/delivery';
import { parseDelivery as parseHumanSourcing } from '../nodes/HumanSourcing/trigger/delivery';
import { buildDelivery, EXAMPLE_NAMES } from '../sandbox/humansourcing/deliveries';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { coresignalToken } from '../dev/coresignal-token';
import { Harness, nodeType } from '../dev/harness';
import { sampleMemory } from './memoryProbe';
import { benchPackageRoots } from './runner';
import { buildAdditionalData } from '../dev/harness/additional-data';
import type { WorkflowJson } from '../dev/harness/workflow';
import { buildWorkflow } from '../dev/harness/workflow';

/**
 * The three triggers, activated the way n8n activates them (the test harness: real HookContext,
 * the sandbox as vendor) and then fed request bodies straight through n8n-core's WebhookContext,
 * as n8n's webhook service does after its body parser ran. The harness's own `deliver` is not
 * used for timing: it adds a loopback HTTP round trip and a full workflow execution per delivery.
 */

export type TriggerName = 'coresignal' | 'humansourcing' | 'charthop';

export const TRIGGER_LABELS: Record<TriggerName, string> = {
	coresignal: 'Coresignal Trigger',
	humansourcing: 'Human Sourcing Trigger',
	charthop: 'ChartHop Trigger',
};

/** What one delivery looks like: the bytes on the wire plus the headers and query n8n sees. */
export interface RequestBody {
	bytes: Buffer;
	elements: number;
	headers: Record<string, string>;
	query: IDataObject;
}

const HS_HEADER = 'x-hs-secret';
const HS_SECRET = 'bench-human-sourcing-secret-0123456789';
const CHARTHOP_SECRET = 'bench-charthop-shared-secret-0123456789';

function triggerWorkflow(name: TriggerName): WorkflowJson {
	const nodes: Record<TriggerName, WorkflowJson['nodes'][number]> = {
		coresignal: {
			name: TRIGGER_LABELS.coresignal,
			type: nodeType('coresignalTrigger'),
			webhookId: 'bench-coresignal',
			parameters: { subscribeBy: 'ids', employeeIds: '100001, 100002, 100003' },
			credentials: { coresignalApi: { id: 'cs', name: 'Coresignal sandbox' } },
		},
		humansourcing: {
			name: TRIGGER_LABELS.humansourcing,
			type: nodeType('humanSourcingTrigger'),
			webhookId: 'bench-humansourcing',
			parameters: { authentication: 'headerAuth' },
			credentials: { humanSourcingWebhookApi: { id: 'hs', name: 'Human Sourcing' } },
		},
		charthop: {
			name: TRIGGER_LABELS.charthop,
			type: nodeType('chartHopTrigger'),
			webhookId: 'bench-charthop',
			parameters: {
				registration: 'manual',
				sharedSecret: CHARTHOP_SECRET,
				events: { pattern: [{ event: 'change.create.hire' }, { event: 'person.update' }] },
			},
			credentials: { chartHopApi: { id: 'ch', name: 'ChartHop' } },
		},
	};
	return { name: `Bench ${name}`, nodes: [nodes[name]], connections: {} };
}

/** `count` changes as Coresignal sends them for an "all updates" profile subscription. */
function coresignalChanges(count: number): unknown[] {
	const employees = new EmployeeDirectory(() => ({ first: 100_001, count: 1_000_000 }), 42);
	const subscription = { kind: 'profile', version: 'v2' } as Subscription;
	return changesFor(subscription, count, new Random(11), employees);
}

const FIRST = ['Ada', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Farah', 'Goran', 'Hana'];
const LAST = ['Okafor', 'Silva', 'Wei', 'Levi', 'Obi', 'Haddad', 'Novak', 'Sato'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Customer Success', 'Finance', 'People'];

/** ChartHop notifications shaped like the sandbox's (Event schema + matchFilters + payload). */
function chartHopEvents(count: number): unknown[] {
	const random = new Random(5);
	return Array.from({ length: count }, (_, index) => {
		const personId = `p_${2000 + index}`;
		const first = random.pick(FIRST);
		const last = random.pick(LAST);
		const department = random.pick(DEPARTMENTS);
		const hire = index % 2 === 0;
		const person = {
			id: personId,
			personId,
			jobId: `job_${2000 + index}`,
			name: { first, last, full: `${first} ${last}` },
			title: 'Software Engineer',
			department: { name: department },
			directs: random.int(0, 6),
			base: random.int(80, 250) * 1000,
			contact: { workEmail: `${first}.${last}.${index}@acme.example`.toLowerCase() },
			startDate: '2025-03-01',
			location: { name: 'New York' },
			managerId: 'p_1001',
		};
		const changeId = `chg_${index}`;
		return {
			id: `ev_${index}`,
			orgId: 'org_acme',
			userId: 'u_admin_0001',
			code: hire ? 'change.create.hire' : 'person.update',
			type: hire ? 'CREATE' : 'UPDATE',
			subtype: hire ? 'HIRE' : undefined,
			entityType: hire ? 'CHANGE' : 'PERSON',
			entityId: hire ? changeId : personId,
			at: Date.UTC(2025, 2, 1) + index * 60_000,
			fields: hire ? [] : ['title', 'base'],
			matchFilters: [],
			payload: hire
				? {
						id: changeId,
						type: 'HIRE',
						personId,
						jobId: person.jobId,
						date: '2025-03-01',
						title: person.title,
						department,
						name: person.name,
					}
				: person,
		};
	});
}

/** The elements of one delivery of `count` events, as each vendor sends them (deterministic). */
export function elementsFor(name: TriggerName, count: number): unknown[] {
	if (name === 'coresignal') return coresignalChanges(count);
	if (name === 'charthop') return chartHopEvents(count);
	const examples = EXAMPLE_NAMES.slice(0, Math.min(count, EXAMPLE_NAMES.length));
	return buildDelivery({ examples, random: { count: count - examples.length, seed: 3 } });
}

interface ResponseStub {
	statusCode: number;
	body?: unknown;
}

function responseStub(): ResponseStub & Record<string, unknown> {
	const res: ResponseStub & Record<string, unknown> = { statusCode: 200 };
	const self = () => res;
	Object.assign(res, {
		headersSent: false,
		status: (code: number) => ((res.statusCode = code), self()),
		setHeader: self,
		header: self,
		set: self,
		json: (body: unknown) => ((res.body = body), (res.headersSent = true), self()),
		send: (body: unknown) => ((res.body = body), (res.headersSent = true), self()),
		end: (body?: unknown) => ((res.body = body), (res.headersSent = true), self()),
	});
	return res;
}

/** An activated trigger that can take deliveries through WebhookContext. */
export interface ActiveTrigger {
	name: TriggerName;
	/** A body of `count` elements, with the headers and query a genuine sender adds. */
	body(count: number): RequestBody;
	/**
	 * What n8n does with one request once the bytes are in: its body parser (`jsonParse`), then
	 * the node's `webhook()` in a WebhookContext. Returns the items the workflow would start with.
	 */
	deliver(body: RequestBody): Promise<number>;
	/** Only `webhook()`, on a body that was already parsed. */
	webhookOnly(body: RequestBody, parsed: unknown): Promise<number>;
	/** The items `webhook()` starts the workflow with, for a body that was already parsed. */
	items(body: RequestBody, parsed: unknown): Promise<INodeExecutionData[]>;
	/** Only the node's validation of the parsed body (its zod schema), to show where time goes. */
	validateOnly(parsed: unknown): unknown;
}

const VALIDATORS: Record<TriggerName, (body: unknown) => unknown> = {
	coresignal: parseCoresignal,
	humansourcing: parseHumanSourcing,
	charthop: parseChartHop,
};

export interface TriggerBench {
	trigger(name: TriggerName): Promise<ActiveTrigger>;
	close(): Promise<void>;
}

export async function startTriggerBench(): Promise<TriggerBench> {
	const sandbox: Sandbox = await startSandbox();
	const control = new SandboxClient(sandbox.url);
	const harness = await Harness.start({
		packageRoots: benchPackageRoots(),
		credentials: {
			coresignalApi: {
				apiKey: sandboxCredentials.coresignal.apiKey,
				baseUrl: control.urls.coresignal,
				maxRequestsPerSecond: 0,
			},
			humanSourcingWebhookApi: { headerName: HS_HEADER, secret: HS_SECRET },
			chartHopApi: {
				accessToken: sandboxCredentials.charthop.accessToken,
				organization: sandboxCredentials.charthop.organization,
				baseUrl: control.urls.charthop,
				maxRequestsPerSecond: 0,
			},
		},
	});

	async function trigger(name: TriggerName): Promise<ActiveTrigger> {
		const json = triggerWorkflow(name);
		const handle = harness.trigger(json);
		await handle.activate();
		const staticData = handle.staticData;
		const workflow: Workflow = buildWorkflow(json, harness.types, {
			staticData: { [`node:${handle.nodeName}`]: staticData },
			active: true,
		});
		const node = workflow.getNode(handle.nodeName) as INode;
		const type: INodeType = harness.types.getByNameAndVersion(node.type, node.typeVersion);
		if (!type.webhook || !type.description.webhooks?.[0]) {
			throw new UnexpectedError(`${node.type} has no webhook`);
		}
		const webhook = type.webhook;
		const description = type.description.webhooks[0];
		const path = new URL(handle.webhookUrl()).pathname;

		const auth: Record<TriggerName, Pick<RequestBody, 'headers' | 'query'>> = {
			coresignal: {
				headers: {},
				query: { token: name === 'coresignal' ? coresignalToken(sandbox, staticData) : '' },
			},
			humansourcing: { headers: { [HS_HEADER]: HS_SECRET }, query: {} },
			charthop: { headers: {}, query: { secret: CHARTHOP_SECRET } },
		};

		async function emit(body: RequestBody, parsed: unknown): Promise<INodeExecutionData[]> {
			// Every run is a first delivery: ids a trigger remembered (ChartHop's repeat window) are forgotten.
			workflow.staticData[`node:${handle.nodeName}`] = structuredClone(staticData);
			const additionalData = buildAdditionalData({
				credentialsHelper: harness.credentials,
				instanceBaseUrl: harness.baseUrl,
			});
			const res = responseStub();
			const req = {
				method: 'POST',
				path,
				headers: { 'content-type': 'application/json', ...body.headers },
				query: body.query,
				params: {},
				body: parsed,
				rawBody: body.bytes,
			};
			Object.assign(additionalData, { httpRequest: req, httpResponse: res });
			const webhookData: IWebhookData = {
				httpMethod: 'POST',
				node: node.name,
				path,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
			};
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			const result = await webhook.call(context);
			const items = result.workflowData?.[0] ?? [];
			if (items.length === 0) {
				throw new UnexpectedError(
					`${TRIGGER_LABELS[name]} emitted no items (answered ${res.statusCode} ${JSON.stringify(res.body ?? result.webhookResponse)})`,
				);
			}
			return items;
		}

		async function run(body: RequestBody, parsed: unknown): Promise<number> {
			const items = await emit(body, parsed);
			// The high-water: the parsed body and every item are alive here.
			sampleMemory();
			return items.length;
		}

		return {
			name,
			body(count) {
				const bytes = Buffer.from(JSON.stringify(elementsFor(name, count)));
				return { bytes, elements: count, ...auth[name] };
			},
			deliver: async (body) => await run(body, jsonParse(body.bytes.toString('utf8'))),
			webhookOnly: async (body, parsed) => await run(body, parsed),
			items: emit,
			validateOnly: VALIDATORS[name],
		};
	}

	return {
		trigger,
		async close() {
			for (const handle of harness.triggers) if (handle.isActive) await handle.deactivate();
			await harness.close();
			await sandbox.close();
		},
	};
}

/** The baseline: what the same bytes cost to turn into JavaScript values and nothing more. */
export function parseOnly(body: RequestBody): number {
	const parsed = JSON.parse(body.bytes.toString('utf8')) as unknown[];
	sampleMemory();
	return parsed.length;
}
