/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../../dev/harness';
import type { TriggerHandle } from '../../dev/harness';
import type { ReliabilityEnv, TriggerKind } from './env';
import {
	coresignalTokenOf,
	HS_HEADER,
	leakedSecrets,
	SECRETS,
	startEnv,
	triggerWorkflow,
} from './env';
import { SectionReport } from './report';

// The built module the loaded nodes call, so spies see the nodes' own calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = require('node:crypto') as typeof import('node:crypto');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhookAuth = require(
	join(PACKAGE_ROOT, 'dist/nodes/shared/webhookAuth.js'),
) as typeof import('../../nodes/shared/webhookAuth');

const report = new SectionReport('authentication', [
	'tried',
	'rejected with 401',
	'executions started',
	'secrets echoed',
]);

/** One way a trigger authenticates deliveries, and how a genuine sender and an impostor call it. */
interface AuthMode {
	name: string;
	kind: TriggerKind;
	parameters: IDataObject;
	/** Where the secret goes: a header name or the query parameter name. */
	carrier: { header: string } | { query: string };
	/** The secret this workflow expects (read after activation for generated ones). */
	secret(trigger: TriggerHandle): string;
	/** The secret a second, differently configured workflow expects. */
	otherSecret(other: TriggerHandle): string;
	/** Options of the second workflow (another credential, another generated secret). */
	other: { parameters?: IDataObject; credentialId?: string };
	body: unknown;
	/**
	 * The comparison deliveries go through and what it compares with, when the trigger keeps only
	 * the secret's hash (default: `secretsMatch` with the secret).
	 */
	comparison?: (trigger: TriggerHandle) => ['matchesSecretHash', string];
}

/** The secret header ChartHop sends for this trigger: what n8n put in its automated actions. */
function chartHopActionSecret(trigger: TriggerHandle): string {
	for (const action of env.sandbox.charthop.model.actions.values()) {
		for (const step of action.steps) {
			if (step.httpUrl === trigger.webhookUrl()) return String(step.httpHeaders?.['x-n8n-secret']);
		}
	}
	throw new Error(`No ChartHop automated action calls ${trigger.webhookUrl()}`);
}

const HS_BODY = [{ event: 'update', type: 'candidate', data: { id: 1 } }];
const CH_BODY = { id: 'ev_1', code: 'person.update', entityType: 'PERSON', entityId: 'p_1' };

const MODES: AuthMode[] = [
	{
		name: 'Coresignal Trigger, token in the subscription URL',
		kind: 'coresignal',
		parameters: {},
		carrier: { query: 'token' },
		secret: (t) => coresignalTokenOf(t),
		otherSecret: (o) => coresignalTokenOf(o),
		other: { parameters: { employeeIds: '100009' } },
		body: [{ member_id: 1, status: 'changed' }],
		comparison: (t) => ['matchesSecretHash', String(t.staticData.tokenHash)],
	},
	{
		name: 'Human Sourcing Trigger, secret header',
		kind: 'humansourcing',
		parameters: { authentication: 'headerAuth' },
		carrier: { header: HS_HEADER },
		secret: () => SECRETS.humanSourcingHeader,
		otherSecret: () => SECRETS.humanSourcingOtherHeader,
		other: { credentialId: 'hs-other' },
		body: HS_BODY,
	},
	{
		name: 'Human Sourcing Trigger, token in URL',
		kind: 'humansourcing',
		parameters: { authentication: 'urlToken', urlToken: SECRETS.humanSourcingUrlToken },
		carrier: { query: 'token' },
		secret: () => SECRETS.humanSourcingUrlToken,
		otherSecret: () => SECRETS.humanSourcingOtherUrlToken,
		other: {
			parameters: { authentication: 'urlToken', urlToken: SECRETS.humanSourcingOtherUrlToken },
		},
		body: HS_BODY,
	},
	{
		name: 'ChartHop Trigger, automated action with a generated header secret',
		kind: 'charthop',
		parameters: { registration: 'automatic', events: { pattern: [{ event: 'person.update' }] } },
		carrier: { header: 'X-N8N-Secret' },
		secret: chartHopActionSecret,
		otherSecret: chartHopActionSecret,
		other: {
			parameters: { registration: 'automatic', events: { pattern: [{ event: 'person.update' }] } },
		},
		body: CH_BODY,
		// Static data keeps only the SHA-256 of the header secret.
		comparison: (t) => ['matchesSecretHash', String(t.staticData.secretHash)],
	},
	{
		name: 'ChartHop Trigger, app notification URL with ?secret=',
		kind: 'charthop',
		parameters: { registration: 'manual' },
		carrier: { query: 'secret' },
		secret: () => SECRETS.chartHopShared,
		otherSecret: () => SECRETS.chartHopOtherShared,
		other: { parameters: { registration: 'manual', sharedSecret: SECRETS.chartHopOtherShared } },
		body: CH_BODY,
	},
];

type Forgery = [string, (secret: string, other: string) => string | undefined];

const FORGERIES: Forgery[] = [
	['no secret', () => undefined],
	['an empty secret', () => ''],
	['a wrong secret of the same length', (s) => s.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))],
	["another workflow's secret", (_s, other) => other],
	['the secret minus its last character', (s) => s.slice(0, -1)],
	['the secret plus one character', (s) => `${s}0`],
	['the secret in upper case', (s) => s.toUpperCase()],
	['the secret twice, comma-joined (a repeated header)', (s) => `${s},${s}`],
	['a 10 KB secret', (s) => s.repeat(Math.ceil(10_240 / s.length))],
];

let env: ReliabilityEnv;

beforeAll(async () => {
	env = await startEnv();
});

afterAll(async () => {
	await env?.close();
	report.print();
});

describe.each(MODES)('$name', (mode) => {
	let trigger: TriggerHandle;
	let other: TriggerHandle;

	beforeAll(async () => {
		await env.reset();
		trigger = env.harness.trigger(
			triggerWorkflow(mode.kind, mode.parameters, { webhookId: 'auth-main' }),
		);
		await trigger.activate();
		other = env.harness.trigger(
			triggerWorkflow(
				mode.kind,
				{ ...mode.parameters, ...mode.other.parameters },
				{
					webhookId: 'auth-other',
					credentialId: mode.other.credentialId,
				},
			),
		);
		await other.activate();
		expect(mode.otherSecret(other)).not.toBe(mode.secret(trigger));
	});

	afterAll(async () => {
		await trigger?.deactivate();
		await other?.deactivate();
	});

	async function deliverWith(secret: string | undefined) {
		const carrier = mode.carrier;
		return await trigger.deliver({
			body: mode.body,
			...('header' in carrier
				? { headers: secret === undefined ? {} : { [carrier.header]: secret } }
				: { query: secret === undefined ? {} : { [carrier.query]: secret } }),
		});
	}

	it('starts the workflow for the genuine sender (the control case)', async () => {
		const delivery = await deliverWith(mode.secret(trigger));
		expect(delivery.response?.statusCode).toBe(200);
		expect(delivery.run?.status).toBe('success');
	});

	it.each(FORGERIES)('answers 401 to %s and starts nothing', async (_name, forge) => {
		report.add('tried');
		const forged = forge(mode.secret(trigger), mode.otherSecret(other));
		const delivery = await deliverWith(forged);

		if (delivery.run) report.add('executions started');
		expect(delivery.response?.statusCode).toBe(401);
		expect(delivery.run).toBeUndefined();
		expect(delivery.items).toEqual([]);
		report.add('rejected with 401');
		const answer = JSON.stringify(delivery.response?.body);
		const echoed = leakedSecrets(answer, [
			mode.secret(trigger),
			mode.otherSecret(other),
			forged ?? '',
		]);
		if (echoed.length) report.add('secrets echoed');
		expect(echoed).toEqual([]);
	});

	it('does not accept the secret in the other place (header vs query)', async () => {
		report.add('tried');
		const carrier = mode.carrier;
		const secret = mode.secret(trigger);
		const delivery = await trigger.deliver({
			body: mode.body,
			...('header' in carrier
				? { query: { [carrier.header]: secret, secret, token: secret } }
				: { headers: { [carrier.query]: secret } }),
		});
		expect(delivery.response?.statusCode).toBe(401);
		expect(delivery.run).toBeUndefined();
		report.add('rejected with 401');
	});
});

describe('secret comparison is constant-time by construction', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		['equal secrets', 'a'.repeat(64), 'a'.repeat(64), true],
		['a one-character secret against a long one', 'x', 'a'.repeat(64), false],
		['a 10 KB secret against a short one', 'y'.repeat(10_240), 'short-secret-0123', false],
		['an empty received secret', '', 'a'.repeat(64), false],
	])(
		'%s: both sides are hashed to 32 bytes before timingSafeEqual',
		(_name, received, expected, match) => {
			const hash = jest.spyOn(crypto, 'createHash');
			const compare = jest.spyOn(crypto, 'timingSafeEqual');

			expect(webhookAuth.secretsMatch(received, expected)).toBe(match);

			expect(hash.mock.calls.map(([algorithm]) => algorithm)).toEqual(['sha256', 'sha256']);
			expect(compare).toHaveBeenCalledTimes(1);
			const [a, b] = compare.mock.calls[0] as [Buffer, Buffer];
			expect([a.length, b.length]).toEqual([32, 32]);
		},
	);

	it.each([
		['the secret whose hash is kept', 'a'.repeat(64), true],
		['a one-character secret', 'x', false],
		['a 10 KB secret', 'y'.repeat(10_240), false],
	])(
		'matchesSecretHash with %s: the received side is hashed to 32 bytes and compared with the kept hash in timingSafeEqual',
		(_name, received, match) => {
			const kept = webhookAuth.hashSecret('a'.repeat(64));
			const compare = jest.spyOn(crypto, 'timingSafeEqual');

			expect(webhookAuth.matchesSecretHash(received, kept)).toBe(match);

			expect(compare).toHaveBeenCalledTimes(1);
			const [a, b] = compare.mock.calls[0] as [Buffer, Buffer];
			expect([a.length, b.length]).toEqual([32, 32]);
		},
	);

	it('refuses non-string secrets (arrays from repeated query parameters, objects) without comparing', () => {
		const compare = jest.spyOn(crypto, 'timingSafeEqual');
		expect(webhookAuth.secretsMatch(['a', 'b'], 'a')).toBe(false);
		expect(webhookAuth.secretsMatch({ toString: () => 'a' }, 'a')).toBe(false);
		expect(webhookAuth.secretsMatch('a', undefined)).toBe(false);
		expect(compare).not.toHaveBeenCalled();
	});

	it.each(MODES.map((mode) => [mode.name, mode] as const))(
		'%s checks deliveries with that comparison',
		async (_name, mode) => {
			await env.reset();
			const trigger = env.harness.trigger(
				triggerWorkflow(mode.kind, mode.parameters, { webhookId: 'auth-spy' }),
			);
			await trigger.activate();
			const [comparison, expected] = mode.comparison?.(trigger) ?? [
				'secretsMatch',
				mode.secret(trigger),
			];
			const match = jest.spyOn(webhookAuth, comparison);
			const forged = 'z'.repeat(40);
			const carrier = mode.carrier;
			const delivery = await trigger.deliver({
				body: mode.body,
				...('header' in carrier
					? { headers: { [carrier.header]: forged } }
					: { query: { [carrier.query]: forged } }),
			});
			await trigger.deactivate();

			expect(delivery.response?.statusCode).toBe(401);
			expect(match).toHaveBeenCalledWith(forged, expected);
		},
	);

	it('repeated query parameters are refused, not compared element by element', async () => {
		await env.reset();
		const trigger = env.harness.trigger(
			triggerWorkflow('coresignal', {}, { webhookId: 'auth-array' }),
		);
		await trigger.activate();
		const secret = coresignalTokenOf(trigger);
		const url = new URL(trigger.webhookUrl());
		url.searchParams.append('token', secret);
		url.searchParams.append('token', secret);
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify([{ member_id: 1, status: 'changed' }]),
		});
		await trigger.waitForDelivery();
		await trigger.deactivate();
		expect(response.status).toBe(401);
	});
});
