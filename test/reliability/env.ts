/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { inspect } from 'node:util';

import type { IDataObject } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';
import { z } from 'zod';

import { coresignalToken } from '../../dev/coresignal-token';
import type { Delivery, TriggerHandle, WorkflowJson } from '../../dev/harness';
import { nodeType } from '../../dev/harness';
import { SandboxHarness } from '../../dev/sandbox-harness';
import { sandboxCredentials } from '../../sandbox/credentials';

/** Every secret the suite hands to a node; none of them may ever show up in output, errors or logs. */
export const SECRETS = {
	coresignalApiKey: sandboxCredentials.coresignal.apiKey,
	coresignalJwt: sandboxCredentials.coresignal.jwt,
	chartHopToken: sandboxCredentials.charthop.accessToken,
	humanSourcingHeader: 'reliability-hs-header-secret-0123456789',
	humanSourcingOtherHeader: 'reliability-hs-other-workflow-secret-98765',
	humanSourcingUrlToken: 'reliability-hs-url-token-0123456789abcdef',
	humanSourcingOtherUrlToken: 'reliability-hs-other-url-token-fedcba9876',
	chartHopShared: 'reliability-charthop-shared-secret-0123456789',
	chartHopOtherShared: 'reliability-charthop-other-shared-secret-42',
} as const;

export const HS_HEADER = 'X-HS-Secret';

/** The sandbox harness of this test file (one per file); `reset()` gives the next test a fresh sandbox. */
export type ReliabilityEnv = SandboxHarness & { reset(): Promise<void> };

/** The environment of this test file: where Coresignal tokens are read. */
let current: SandboxHarness | undefined;

/** A sandbox and a harness whose credentials for all three vendors point at it. */
export async function startEnv(): Promise<ReliabilityEnv> {
	const env = await SandboxHarness.start({
		sandbox: { coresignal: { initialisingMs: 0 } },
		credentials: {
			humanSourcingWebhookApi: { headerName: HS_HEADER, secret: SECRETS.humanSourcingHeader },
		},
	});
	env.harness.setCredentials(
		'humanSourcingWebhookApi',
		{ headerName: HS_HEADER, secret: SECRETS.humanSourcingOtherHeader },
		'hs-other',
	);
	current = env;
	return Object.assign(env, { reset: async () => await env.freshSandbox() });
}

export type TriggerKind = 'coresignal' | 'humansourcing' | 'charthop';

/** A one-node workflow with the trigger `kind`, set up as the suite uses it. */
export function triggerWorkflow(
	kind: TriggerKind,
	parameters: IDataObject = {},
	options: { webhookId?: string; credentialId?: string } = {},
): WorkflowJson {
	const webhookId = options.webhookId ?? `reliability-${kind}`;
	if (kind === 'coresignal') {
		return {
			nodes: [
				{
					name: 'Coresignal Trigger',
					type: nodeType('coresignalTrigger'),
					webhookId,
					parameters: { subscribeBy: 'ids', employeeIds: '100001, 100002', ...parameters },
					credentials: {
						coresignalApi: { id: options.credentialId ?? 'cs-key', name: 'Coresignal' },
						coresignalJwtApi: { id: 'cs-jwt', name: 'Coresignal JWT' },
					},
				},
			],
			connections: {},
		};
	}
	if (kind === 'humansourcing') {
		return {
			nodes: [
				{
					name: 'Human Sourcing Trigger',
					type: nodeType('humanSourcingTrigger'),
					webhookId,
					parameters: { authentication: 'headerAuth', ...parameters },
					credentials: {
						humanSourcingWebhookApi: {
							id: options.credentialId ?? 'hs-main',
							name: 'Human Sourcing',
						},
					},
				},
			],
			connections: {},
		};
	}
	return {
		nodes: [
			{
				name: 'ChartHop Trigger',
				type: nodeType('chartHopTrigger'),
				webhookId,
				parameters: {
					registration: 'manual',
					sharedSecret: SECRETS.chartHopShared,
					events: { pattern: [{ event: '*' }] },
					...parameters,
				},
				credentials: { chartHopApi: { id: options.credentialId ?? 'ch-main', name: 'ChartHop' } },
			},
		],
		connections: {},
	};
}

/** The token of a Coresignal Trigger's subscription, as the vendor holds it (static data has only its hash). */
export function coresignalTokenOf(trigger: TriggerHandle): string {
	if (!current) throw new UnexpectedError('startEnv() first');
	return coresignalToken(current.sandbox, trigger.staticData);
}

/** What a genuine sender adds to a delivery for this trigger to accept it. */
export function validAuth(
	kind: TriggerKind,
	trigger: TriggerHandle,
): {
	headers?: Record<string, string>;
	query?: Record<string, string>;
} {
	if (kind === 'coresignal') return { query: { token: coresignalTokenOf(trigger) } };
	if (kind === 'humansourcing') return { headers: { [HS_HEADER]: SECRETS.humanSourcingHeader } };
	return { headers: { 'X-N8N-Secret': SECRETS.chartHopShared } };
}

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO date');

/** The HR event envelope (DESIGN.md): what every item a trigger emits must look like. */
export const hrEventSchema = z
	.object({
		source: z.enum(['coresignal', 'charthop', 'humansourcing']),
		type: z.string().regex(/^[a-z_*]+(\.[a-z_*]+)*$/, 'a dotted event code'),
		entity: z.object({ type: z.string().min(1), id: z.string().min(1) }).strict(),
		changedFields: z.array(z.string()),
		occurredAt: isoDate.nullable(),
		receivedAt: isoDate,
		subscription: z.object({ id: z.string().optional(), pattern: z.string().optional() }).strict(),
		data: z.record(z.unknown()).nullable(),
		raw: z.record(z.unknown()).optional(),
	})
	.passthrough();

/** Why an item is not a valid HR event, or undefined when it is. */
export function envelopeProblem(item: unknown): string | undefined {
	const result = hrEventSchema.safeParse(item);
	if (result.success) return undefined;
	const issue = result.error.issues[0];
	return `${issue.path.join('.')}: ${issue.message}`;
}

/** Everything a user or an operator could see of an error: message, description, JSON and inspect(). */
export function exposeError(error: unknown): string {
	if (error === undefined || error === null) return '';
	const e = error as {
		message?: unknown;
		description?: unknown;
		context?: unknown;
		cause?: unknown;
	};
	let json = '';
	try {
		json = JSON.stringify(error, Object.getOwnPropertyNames(error));
	} catch {
		json = '[unserializable]';
	}
	return [
		String(e.message ?? ''),
		String(e.description ?? ''),
		json,
		JSON.stringify(e.context ?? null),
		inspect(error, { depth: 8 }),
		inspect(e.cause, { depth: 8 }),
	].join('\n');
}

/** The secrets (from `SECRETS` and any generated ones) found in `text`. */
export function leakedSecrets(text: string, extra: string[] = []): string[] {
	return [...Object.values(SECRETS), ...extra].filter((secret) => secret && text.includes(secret));
}

/** What a delivery exposes: the answer to the sender, the items and the execution's error. */
export function exposeDelivery(delivery: Delivery): string {
	return [
		JSON.stringify(delivery.response ?? null),
		JSON.stringify(delivery.items),
		exposeError(delivery.error),
		exposeError(delivery.run?.error),
	].join('\n');
}
