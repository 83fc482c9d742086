/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * What a new user meets in the n8n editor, clicked through in Debian's Chromium (e2e/devtools.ts): nodes added from
 * the node creator, their first panel, and a credential dialog. Runs on the default runtime (n8n 2.8.4) only: the
 * editor's markup differs between n8n versions.
 *
 * Every test takes a screenshot of what it asserts. `UPDATE_SCREENSHOTS=1` writes them to docs/editor/ (committed and
 * used in the docs); otherwise they go to a temporary folder, so a test run leaves the checkout clean.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { CREATE_ENDPOINTS } from '../../sandbox/coresignal/catalog';
import { credentialLabels } from '../../sandbox/credentials';
import { Browser, type Page } from '../../e2e/devtools';
import {
	ACTION,
	addEntry,
	creatorEntries,
	ITEM,
	openApp as openAppEntries,
	searchCreator,
} from '../../e2e/editor';
import { REPO_ROOT, packPackage } from '../../e2e/community-package';
import { DEFAULT_RUNTIME, ensureRuntime, selectedRuntimeName } from '../../e2e/install-runtime';
import { startN8n, type N8n } from '../../e2e/n8n';
import { createSandboxCredentials, type CredentialRefs } from '../../e2e/sandbox-credentials';
import { outputOf } from '../../e2e/n8n';

const MINUTE = 60_000;
/** Per test: a busy machine can take half a minute to load the editor. */
const EDITOR_TIMEOUT = 2 * MINUTE;
const RUNS_HERE = selectedRuntimeName() === DEFAULT_RUNTIME;
const describeHere = RUNS_HERE ? describe : describe.skip;

let workDir: string;
let shotsDir: string;
let sandbox: Sandbox;
let n8n: N8n;
let browser: Browser;
let page: Page;
let credentials: CredentialRefs;

beforeAll(async () => {
	if (!RUNS_HERE) return;
	const runtime = await ensureRuntime((line) => process.stderr.write(`${line}\n`));
	workDir = await mkdtemp(join(tmpdir(), 'hr-signals-editor-'));
	shotsDir = process.env.UPDATE_SCREENSHOTS ? join(REPO_ROOT, 'docs', 'editor') : workDir;
	await mkdir(shotsDir, { recursive: true });
	sandbox = await startSandbox();
	n8n = await startN8n({ runtime, tarball: await packPackage(workDir) });
	// One credential of every type, both Coresignal ones included: with both saved, n8n 2.8.4 used to
	// start new Coresignal nodes on the JWT one (Legacy V1).
	credentials = await createSandboxCredentials(n8n, sandbox);
	browser = Browser.launch(workDir);
}, 15 * MINUTE);

afterAll(async () => {
	browser?.close();
	await n8n?.stop();
	await sandbox?.close();
	if (workDir) await rm(workDir, { recursive: true, force: true });
}, MINUTE);

beforeEach(async () => {
	if (!RUNS_HERE) return;
	page = await browser.newPage(n8n.baseUrl, n8n.authCookie);
});

afterEach(async () => {
	await page?.close();
});

const shot = async (name: string) => await page.screenshot(join(shotsDir, `${name}.png`));

/** The editor's nodes, from its store (node type without the package prefix; plain copies of its reactive objects). */
const NODES = `document.querySelector('#app').__vue_app__.config.globalProperties.$pinia._s.get('workflows')
	.allNodes.map((node) => ({ type: node.type.split('.').pop(), typeVersion: node.typeVersion,
		parameters: JSON.parse(JSON.stringify(node.parameters)), credentials: Object.keys(node.credentials ?? {}) }))`;

interface EditorNode {
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials: string[];
}

/** A new workflow with the node creator open on `search`'s app, showing its triggers and actions. */
async function openApp(search: string, app: string): Promise<void> {
	await searchCreator(page, search);
	await openAppEntries(page, app);
}

/** Names of the node creator's entries shown for the app: its triggers, and its actions when expanded. */
async function entries(): Promise<string[]> {
	return await creatorEntries(page);
}

/** Clicks an entry of the node creator; resolves with the node it added, once its panel is open. */
async function add(entry: string, type: string): Promise<EditorNode> {
	await addEntry(page, entry);
	// The editor fills in the parameters' defaults just after adding the node.
	return await page.waitFor<EditorNode>(
		`(${NODES}).find((node) => node.type === ${JSON.stringify(type)} && Object.keys(node.parameters).length > 0)`,
		`a ${type} node`,
	);
}

/** What a dropdown parameter of the open node panel shows. */
async function shownValue(parameter: string): Promise<string> {
	return await page.evaluate<string>(
		`document.querySelector('[data-test-id="parameter-input-${parameter}"] input')?.value ?? ''`,
	);
}

const pageText = async () => await page.evaluate<string>('document.body.innerText');

/** Adds the action `entry` of the app open in the node creator, opening its Actions section when it is folded. */
async function addAction(entry: string, type: string): Promise<EditorNode> {
	const shown = `[...document.querySelectorAll('${ACTION.replace(/"/g, '\\"')}')].some((item) =>
		item.getBoundingClientRect().width > 0 && item.textContent.trim() === ${JSON.stringify(entry)})`;
	if (!(await page.evaluate<boolean>(shown)))
		await page.click('[data-test-id="node-creator-category-item"]', 'Actions');
	return await add(entry, type);
}

/** Opens a resource locator's From list; resolves with the names of its entries once they loaded. */
async function openList(parameter: string): Promise<string[]> {
	await page.click(`[data-test-id="resource-locator-${parameter}"] [data-test-id="rlc-input"]`);
	return await page.waitFor<string[]>(
		`(() => { const items = [...document.querySelectorAll('[data-test-id="rlc-item"]')]
			.filter((item) => item.getBoundingClientRect().width > 0).map((item) => item.innerText.trim());
			return items.length ? items : null; })()`,
		`the ${parameter} list`,
	);
}

/** An active experience-changes subscription of the sandbox credential's API key. */
function subscribeInSandbox() {
	const experience = CREATE_ENDPOINTS.find(
		(e) => e.version === 'v2' && e.kind === 'experience' && e.dataset === 'employee_clean',
	)!;
	return sandbox.coresignal.store.create(credentialLabels.coresignalApiKey, experience, {
		webhookUrl: 'https://hr.example.com/webhook/coresignal',
		ids: [100_001],
	});
}

/** The node's parameters as the editor holds them now. */
const nodeNow = async (type: string) =>
	await page.evaluate<EditorNode>(
		`(${NODES}).find((node) => node.type === ${JSON.stringify(type)})`,
	);

describeHere('the n8n editor (n8n 2.8.4, Chromium): what a new user meets', () => {
	test(
		'a new Coresignal Trigger starts on V2 with the API key credential, API Version in view',
		async () => {
			await openApp('Coresignal', 'Coresignal');
			const node = await add('On employee profile changes', 'coresignalTrigger');

			expect(node.parameters).toMatchObject({ apiVersion: 'v2', event: 'employeeProfile' });
			expect(node.credentials).toEqual(['coresignalApi']);
			expect(await shownValue('apiVersion')).toBe('V2 (API Key)');
			await shot('coresignal-trigger-new');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a new Coresignal action node starts on V2 with the API key credential',
		async () => {
			await openApp('Coresignal', 'Coresignal');
			await page.click('[data-test-id="node-creator-category-item"]', 'Actions');
			const node = await add('Search employees', 'coresignal');

			expect(node.parameters).toMatchObject({ apiVersion: 'v2', operation: 'search' });
			expect(node.credentials).toEqual(['coresignalApi']);
			expect(await shownValue('apiVersion')).toBe('V2 (API Key)');
			await shot('coresignal-new');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a Coresignal node set to Legacy V1 says what V1 lacks and asks for the JWT credential',
		async () => {
			await openApp('Coresignal', 'Coresignal');
			await add('On employee profile changes', 'coresignalTrigger');
			await page.click('[data-test-id="parameter-input-apiVersion"]');
			await page.click('.el-select-dropdown__item', 'Legacy V1 (JWT)');
			await page.waitFor(
				`document.body.innerText.includes('Not supported on V1')`,
				'the Legacy V1 notice',
			);

			const text = await pageText();
			expect(text).toContain('Credential for Coresignal Legacy (JWT) API');
			expect(text).toMatch(
				/Not supported on V1: employee profile changes.*Tracked Fields.*Multi-Source/s,
			);
			await shot('coresignal-legacy-v1');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a new Coresignal Collect node is version 2 and returns simplified profiles (Simplify on)',
		async () => {
			await openApp('Coresignal', 'Coresignal');
			await page.click('[data-test-id="node-creator-category-item"]', 'Actions');
			const node = await add('Collect an employee profile', 'coresignal');

			expect(node).toMatchObject({
				typeVersion: 2,
				parameters: { operation: 'collect', simplify: true },
			});
			expect(await pageText()).toMatch(/Simplify/);
			await shot('coresignal-collect-simplify');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a new Coresignal Trigger is version 2 and shows Simplify, on, once Collect Full Profile is on',
		async () => {
			await openApp('Coresignal', 'Coresignal');
			const node = await add('On employee profile changes', 'coresignalTrigger');
			expect(node).toMatchObject({ typeVersion: 2, parameters: { collectFullProfile: false } });
			expect(node.parameters).not.toHaveProperty('simplify');

			await page.click('[data-test-id="parameter-input-collectFullProfile"] .el-switch');
			const simplify = await page.waitFor<unknown>(
				`(${NODES}).find((node) => node.type === 'coresignalTrigger' && 'simplify' in node.parameters)?.parameters.simplify`,
				'the Simplify parameter',
			);
			expect(simplify).toBe(true);
			await shot('coresignal-trigger-simplify');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a new Human Sourcing Trigger is version 3 with Simplify on top, on',
		async () => {
			await openApp('Human Sourcing', 'Human Sourcing');
			const node = await add('On creation', 'humanSourcingTrigger');

			expect(node).toMatchObject({ typeVersion: 3, parameters: { simplify: true } });
			await shot('humansourcing-trigger-simplify');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'the node creator lists one ChartHop Trigger entry per event, and "On new hire" starts a new-hire trigger',
		async () => {
			await openApp('ChartHop', 'ChartHop');

			const triggers = (await entries()).filter((entry) => entry.startsWith('On '));
			expect(triggers).toEqual([
				'On new hire',
				'On departure',
				'On move or transfer',
				'On person updated',
				'On any ChartHop event',
				'On custom pattern',
			]);
			await shot('charthop-node-creator');

			const node = await add('On new hire', 'chartHopTrigger');
			expect(node).toMatchObject({
				typeVersion: 3,
				parameters: { triggerOn: 'change.create.hire' },
			});
			expect(await shownValue('triggerOn')).toBe('New Hire');
			await shot('charthop-trigger-new-hire');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'the ChartHop event list shows names with the code beside them, common events first',
		async () => {
			await openApp('ChartHop', 'ChartHop');
			await add('On custom pattern', 'chartHopTrigger');
			await page.click('[data-test-id="parameter-input-event"]');
			const options = await page.waitFor<string[]>(
				`(() => { const items = [...document.querySelectorAll('.el-select-dropdown__item')]
				.filter((item) => item.getBoundingClientRect().width > 0).map((item) => item.innerText.replace(/\\s+/g, ' ').trim());
				return items.length ? items : null; })()`,
				'the event list',
			);

			expect(options.slice(0, 4)).toEqual([
				'New Hire change.create.hire',
				'Departure change.create.depart',
				'Move or Transfer change.create.move',
				'Person Updated person.update',
			]);
			await shot('charthop-event-list');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'the Human Sourcing credential test fails for a 3-character secret and says why',
		async () => {
			await openApp('Human Sourcing', 'Human Sourcing');
			await add('On creation', 'humanSourcingTrigger');
			await page.click('[data-test-id="node-credentials-select"]');
			await page.click('[data-test-id="node-credentials-select-item-new"]');
			await page.click('[data-test-id="parameter-input-secret"] input');
			await page.type('abc');
			await page.click('[data-test-id="credential-save-button"]');
			const DIALOG = `document.querySelector('[data-test-id="credential-edit-dialog"]').innerText`;
			await page.waitFor(`${DIALOG}.includes('connect with these settings')`, 'the test result');
			await page.click('[data-test-id="credential-edit-dialog"] a', 'More details');

			const dialog = await page.waitFor<string>(
				`${DIALOG}.includes('16') && ${DIALOG}`,
				'the details',
			);
			expect(dialog).toMatch(/Couldn.t connect with these settings/);
			expect(dialog).toMatch(/too short.*at least 16 random characters.*it has 3/s);
			await shot('humansourcing-credential-short-secret');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'searching "HR" in the node creator finds every node of the package',
		async () => {
			await searchCreator(page, 'HR');
			const names = await page.waitFor<string[]>(
				`(() => { const names = [...document.querySelectorAll('${ITEM}')].map((item) => item.textContent.trim());
				return names.includes('Human Sourcing') ? names : null; })()`,
				'the search results',
			);

			// The ChartHop Trigger and the Coresignal Trigger are listed inside their app's entry.
			expect(names).toEqual(
				expect.arrayContaining([
					'Coresignal',
					'ChartHop',
					'ChartHop Poll Trigger',
					'Human Sourcing',
				]),
			);
			await shot('node-creator-search-hr');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a Coresignal subscription is picked from a list that names what it follows and when it expires',
		async () => {
			const subscription = subscribeInSandbox();
			await openApp('Coresignal', 'Coresignal');
			await addAction('Get a subscription', 'coresignal');

			const expires = new Date(subscription.expiringAt).toISOString().slice(0, 10);
			expect(await openList('subscriptionId')).toEqual([
				`Experience changes, Clean Employee · expires ${expires}`,
			]);
			await shot('coresignal-subscription-list');

			await page.click('[data-test-id="rlc-item"]', 'Experience changes');
			const node = await nodeNow('coresignal');
			expect(node.parameters.subscriptionId).toMatchObject({
				__rl: true,
				mode: 'list',
				value: subscription.id,
			});
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a ChartHop automated action is picked from a list that names its pattern and where it sends',
		async () => {
			sandbox.charthop.model.actions.set('act_hires', {
				id: 'act_hires',
				orgId: 'org',
				event: 'change.create.hire',
				description: 'Engineering hires',
				filter: 'department:engineering',
				status: 'ACTIVE',
				sensitive: false,
				steps: [{ type: 'HTTP', httpUrl: 'https://n8n.example.com/webhook/hires?secret=s3cret' }],
				createAt: 0,
			});
			await openApp('ChartHop', 'ChartHop');
			await addAction('Get an automated action', 'chartHop');

			expect(await openList('actionId')).toEqual([
				'Engineering hires: change.create.hire [department:engineering] → n8n.example.com/webhook/hires',
			]);
			await shot('charthop-action-list');
		},
		EDITOR_TIMEOUT,
	);

	test(
		'a workflow saved with a plain Subscription ID, from before the list, still shows the ID and runs',
		async () => {
			const { id } = subscribeInSandbox();
			const workflow = await n8n.importWorkflow(
				{
					name: 'Saved before the Subscription list',
					nodes: [
						{
							id: 'start',
							name: 'Start',
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						{
							id: 'get-subscription',
							name: 'Coresignal',
							type: 'n8n-nodes-hr-signals.coresignal',
							typeVersion: 1,
							position: [220, 0],
							parameters: { resource: 'subscription', operation: 'get', subscriptionId: id },
							credentials: { coresignalApi: { id: '', name: '' } },
						},
					],
					connections: { Start: { main: [[{ node: 'Coresignal', type: 'main', index: 0 }]] } },
				},
				credentials,
			);

			await page.goto(`/workflow/${workflow.id}/get-subscription`);
			const shownId = await page.waitFor<string>(
				`document.querySelector('[data-test-id="resource-locator-subscriptionId"] [data-test-id="rlc-input"]')?.value`,
				'the Subscription field',
			);
			expect(shownId).toBe(id);
			await shot('coresignal-subscription-saved-as-text');

			const execution = await n8n.runManually(workflow.id);
			expect(outputOf(execution, 'Coresignal')).toEqual([
				expect.objectContaining({ id, status: 'active' }),
			]);
		},
		EDITOR_TIMEOUT,
	);
});
