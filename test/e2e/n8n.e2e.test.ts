/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The package in a real n8n (the runtime HR_SIGNALS_RUNTIME names, see e2e/install-runtime.ts): packed, installed like n8n's
 * "Install community node", loaded at startup, and every example workflow run against the sandbox.
 * Cases: test/e2e/cases/<example>.case.ts (see e2e/cases.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	caseContext,
	exampleFiles,
	expectedItems,
	loadCases,
	readExample,
	registeredWebhookUrls,
	type CaseContext,
} from '../../e2e/cases';
import { ensureRuntime, runtimeSpec, selectedRuntimeName } from '../../e2e/install-runtime';
import { declaredTypes, packPackage } from '../../e2e/community-package';
import { recordRuntimeFacts } from '../../e2e/matrix';
import { outputOf, startN8n, type N8n } from '../../e2e/n8n';
import { createSandboxCredentials, type CredentialRefs } from '../../e2e/sandbox-credentials';
import { sandboxCredentialData } from '../../dev/sandbox-credentials';
import { itemSummary, ShapeRunner, shapeTargets } from '../../e2e/delivery-shapes';
import { SandboxClient } from '../../sandbox/client';
import { saveE2eFigures } from '../../dev/reliability-figures';
import { chartHopShapes as charthopShapes } from '../../dev/delivery-shapes/charthop';
import { coresignalShapes } from '../../dev/delivery-shapes/coresignal';
import { humansourcingShapes } from '../../dev/delivery-shapes/humansourcing';
import type { DeliveryShape } from '../../dev/delivery-shapes/types';

const MINUTE = 60_000;
const cases = loadCases();

let workDir: string;
let n8n: N8n;
let sandbox: Sandbox;
let credentials: CredentialRefs;
/** How activating a trigger that cannot register failed, for the compatibility matrix. */
let failedActivation: { message: string; seconds: number } | undefined;

beforeAll(async () => {
	// Cold: about 4 minutes once per lockfile (CI calls install-runtime first); warm: instant.
	const runtime = await ensureRuntime((line) => process.stderr.write(`${line}\n`));
	workDir = await mkdtemp(join(tmpdir(), 'hr-signals-e2e-'));
	const tarball = await packPackage(workDir);
	sandbox = await startSandbox();
	n8n = await startN8n({ runtime, tarball });
	credentials = await createSandboxCredentials(n8n, sandbox);
}, 15 * MINUTE);

afterAll(async () => {
	await recordRuntimeFacts(n8n, failedActivation); // for the compatibility matrix (e2e/matrix.ts)
	await n8n?.stop();
	await sandbox?.close();
	if (workDir) await rm(workDir, { recursive: true, force: true });
}, MINUTE);

/** The error n8n shows for a failed activation, from activate()'s message (2.8.4: the API's answer; 2.41: the status). */
function shownError(message: string): string {
	const answer = /answered \d+: (\{.*\})$/.exec(message)?.[1];
	if (answer) return (JSON.parse(answer) as { message?: string }).message ?? answer;
	return /was not published: \w+: (.*)$/.exec(message)?.[1] ?? message;
}

async function importExample(example: string): Promise<CaseContext> {
	if (!n8n || !credentials)
		throw new Error('n8n or the sandbox did not start: see the first failure');
	const workflow = await n8n.importWorkflow(readExample(example), credentials);
	return caseContext(n8n, sandbox, workflow);
}

describe(`the package in ${runtimeSpec(selectedRuntimeName()).label}`, () => {
	test('n8n loads every node the package declares, with its runtime imports (zod) resolved by n8n', async () => {
		const { nodes } = await n8n.loadedTypes();
		expect(nodes).toEqual(expect.arrayContaining(declaredTypes().nodes));
	});

	test('n8n loads every credential the package declares', async () => {
		const { credentials: loaded } = await n8n.loadedTypes();
		expect(loaded).toEqual(expect.arrayContaining(declaredTypes().credentials));
	});

	test('every example workflow has an end-to-end case', () => {
		const covered = new Set(cases.map((c) => c.example));
		expect(exampleFiles().filter((file) => !covered.has(file))).toEqual([]);
	});

	test(
		'a trigger that cannot register (wrong API key) fails its activation with the vendor’s error and the fix, in the message n8n shows',
		async () => {
			if (!n8n || !credentials)
				throw new Error('n8n or the sandbox did not start: see the first failure');
			const { data } = sandboxCredentialData(sandbox).coresignalApi;
			const wrongKey = await n8n.createCredential('Coresignal (wrong key)', 'coresignalApi', {
				...data,
				apiKey: 'not-the-sandbox-key',
			});
			const workflow = await n8n.importWorkflow(
				readExample('coresignal-trigger-job-changes.json'),
				{
					...credentials,
					coresignalApi: wrongKey,
				},
			);
			// 2.8.4: the activate call answers the error. 2.41: publishing answers at once, n8n retries the trigger's
			// create in the background (about 16 s) and the publication status turns `failed` with the error's message.
			const startedAt = Date.now();
			const failure = await n8n.activate(workflow.id).then(
				() => 'activated',
				(error: Error) => error.message.split('\n')[0],
			);
			expect(failure).toMatch(/401|api key|unauthori[sz]ed/i);
			failedActivation = { message: shownError(failure), seconds: (Date.now() - startedAt) / 1000 };
			// Both versions show only the message (2.8.4's toast, 2.41's publication status): it must say what to fix.
			expect(failedActivation.message).toContain('Check the API key in the Coresignal credential');
			const { active } = await n8n.api<{ active: boolean }>('GET', `/workflows/${workflow.id}`);
			// What a user sees differs: 2.41 still shows the workflow as published (active), with a failed status.
			expect(active).toBe(n8n.publicationService === true);
			if (active) await n8n.deactivate(workflow.id);
		},
		2 * MINUTE,
	);

	test('every case covers an existing example, and no example has two cases', () => {
		expect(cases.map((c) => c.example).sort()).toEqual(
			exampleFiles().filter((file) => cases.some((c) => c.example === file)),
		);
	});
});

for (const testCase of cases) {
	if (testCase.kind === 'trigger') {
		describe(`${testCase.example}: ${testCase.title}`, () => {
			let ctx: CaseContext;
			beforeAll(async () => {
				ctx = await importExample(testCase.example);
			}, MINUTE);

			const activation = testCase.registeredUrls
				? 'activating the workflow registers n8n’s production webhook URL with the vendor'
				: 'activating the workflow makes its webhook live (the vendor has nothing to register)';
			test(
				activation,
				async () => {
					await n8n.activate(ctx.workflow.id);
					expect(await n8n.api('GET', `/workflows/${ctx.workflow.id}`)).toMatchObject({
						active: true,
					});
					if (testCase.registeredUrls) {
						expect(await registeredWebhookUrls(testCase, ctx)).toContain(
							ctx.webhookUrl(testCase.triggerNode),
						);
					}
				},
				MINUTE,
			);

			test(
				'events delivered by the vendor become executions with the expected items',
				async () => {
					const expected = await expectedItems(testCase.expected, ctx);
					await testCase.deliver(ctx);
					const executions = await n8n.waitForExecutions(ctx.workflow.id, expected.length);
					expect(executions.map((execution) => execution.status)).toEqual(
						expected.map(() => 'success'),
					);
					const items = executions.map((execution) => outputOf(execution, testCase.outputNode));
					expect(items).toMatchObject(expected);
				},
				2 * MINUTE,
			);

			test(
				'deactivating the workflow removes the registration',
				async () => {
					await n8n.deactivate(ctx.workflow.id);
					if (testCase.registeredUrls) {
						expect(await registeredWebhookUrls(testCase, ctx)).not.toContain(
							ctx.webhookUrl(testCase.triggerNode),
						);
					}
					const late = await fetch(ctx.webhookUrl(testCase.triggerNode), {
						method: 'POST',
						body: '{}',
					});
					expect(late.status).toBe(404);
				},
				MINUTE,
			);
		});
	} else {
		describe(`${testCase.example}: ${testCase.title}`, () => {
			test(
				'a manual run outputs the expected items',
				async () => {
					const ctx = await importExample(testCase.example);
					await testCase.setUp?.(ctx);
					const execution = await n8n.runManually(ctx.workflow.id);
					expect(execution.status).toBe('success');
					expect(outputOf(execution, testCase.outputNode)).toMatchObject(
						await expectedItems(testCase.expected, ctx),
					);
				},
				2 * MINUTE,
			);
		});
	}
}

const SHAPES: Record<string, DeliveryShape[]> = {
	coresignal: coresignalShapes,
	charthop: charthopShapes,
	humansourcing: humansourcingShapes,
};
const shapeTally = { sent: 0, reached: 0, refused: 0, lost: 0 };

afterAll(() => {
	const line = `deliveries in real n8n: ${shapeTally.sent} shapes sent, ${shapeTally.reached} reached the workflow, ${shapeTally.refused} refused as designed (401 / empty batch / reject option), ${shapeTally.lost} lost`;
	process.stdout.write(`${line}\n`);
	saveE2eFigures(runtimeSpec(selectedRuntimeName()), 'deliveries in real n8n', [line]);
});

/**
 * n8n 2.8.4's credential tester loses the HTTP status of a failed test request (its NodeApiError drops `cause`), so it
 * shows its own message for the status instead of the credential's `rules`; n8n 2.41.1 shows the credential's message.
 * Versions in between are not tested.
 */
const runtimeVersion = runtimeSpec(selectedRuntimeName()).n8nVersion.split('.').map(Number);
const testerHonoursRules =
	runtimeVersion[0] > 2 || (runtimeVersion[0] === 2 && runtimeVersion[1] > 8);

describe(`credential tests in ${runtimeSpec(selectedRuntimeName()).label}`, () => {
	// Asked the way the credential dialog asks: a saved credential, tested with the data typed in the dialog.
	test.each<
		[string, string, (data: Record<string, unknown>) => Record<string, unknown>, RegExp, string]
	>([
		[
			'chartHopApi',
			'a wrong API Token',
			() => ({ accessToken: 'sbx-charthop-wrong-token' }),
			/^ChartHop did not accept the API Token .*check API Token/,
			'Authorization failed - please check your credentials',
		],
		[
			'chartHopApi',
			'an unknown Organization',
			() => ({ organization: 'someone-else' }),
			/^ChartHop knows no organization .*check Organization/,
			'The resource you are requesting could not be found',
		],
		[
			'coresignalApi',
			'a wrong API Key',
			() => ({ apiKey: 'x'.repeat(32) }),
			/^Coresignal did not accept the API Key .*check API Key/,
			'Authorization failed - please check your credentials',
		],
		[
			'coresignalApi',
			'a Base URL without /cdapi',
			(data) => ({ baseUrl: String(data.baseUrl).replace(/\/cdapi$/, '') }),
			/check Base URL, it must end in \/cdapi/,
			'The resource you are requesting could not be found',
		],
	])(
		testerHonoursRules
			? 'the %s credential test with %s says which field to fix'
			: "the %s credential test with %s fails with n8n's own message",
		async (type, _case, change, ownMessage, n8nMessage) => {
			const { data } = sandboxCredentialData(sandbox)[type];
			const answer = await n8n.rest<{ data: { status: string; message: string } }>(
				'POST',
				'/rest/credentials/test',
				{ credentials: { ...credentials[type], type, data: { ...data, ...change(data) } } },
			);

			expect(answer.data).toEqual({
				status: 'Error',
				message: testerHonoursRules ? expect.stringMatching(ownMessage) : n8nMessage,
			});
		},
	);
});

describe.each(shapeTargets.map((target) => [target.vendor, target] as const))(
	'%s trigger in n8n: deliveries shaped as real senders shape them',
	(vendor, target) => {
		let runner: ShapeRunner;
		const shapes = SHAPES[vendor];

		beforeAll(async () => {
			if (!n8n || !credentials)
				throw new Error('n8n or the sandbox did not start: see the first failure');
			runner = new ShapeRunner(n8n, new SandboxClient(sandbox.url), target);
			await runner.start(credentials);
		}, MINUTE);

		afterAll(async () => {
			await runner?.stop();
		}, MINUTE);

		test.each(shapes.map((shape) => [shape.name, shape] as const))(
			'%s',
			async (_name, shape) => {
				shapeTally.sent++;
				const outcome = await runner.send(shape);
				const reached = outcome.items !== undefined && outcome.items.length > 0;
				if (reached) shapeTally.reached++;
				else if (shape.items.length === 0) shapeTally.refused++;
				else shapeTally.lost++;
				expect(outcome.status).toBe(shape.status);
				if (shape.ack) expect(outcome.ack).toMatchObject(shape.ack);
				expect((outcome.items ?? []).map((item) => itemSummary(item, true))).toMatchObject(
					shape.items,
				);
			},
			MINUTE,
		);

		test('shapes that must start nothing started no execution', async () => {
			expect(await runner.executionCount()).toBe(
				shapes.filter((shape) => shape.items.length > 0).length,
			);
		});
	},
);
