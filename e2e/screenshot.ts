/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The pictures in docs/screenshots/, taken from the demo's setup (the sandbox vendors and a real n8n with the packed
 * package, credentials pointing at the sandbox) in Debian's Chromium (`apt-get install chromium`), headless:
 *   creator-<app>.png          the node creator's entries for each app (triggers and actions)
 *   panel-<node>.png           each node's panel as a new node opens, added from the node creator
 *   execution-<example>.png    one execution of each example workflow, after the sandbox's sample events ran
 * Build first (`npx n8n-node build`), then:
 *
 *   npx tsx e2e/screenshot.ts [creator|panels|executions …]
 *
 * A picture that cannot be taken is reported and the others are still taken; the exit code is 1 then.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { Browser, type Page } from './devtools';
import { caseContext, expectedItems, loadCases, readExample } from './cases';
import { addEntry, creatorEntries, openApp, searchCreator } from './editor';
import { ensureRuntime } from './install-runtime';
import { REPO_ROOT, packPackage } from './community-package';
import { startN8n, type N8n } from './n8n';
import { createSandboxCredentials } from './sandbox-credentials';

export const SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');

/** How a user finds each app in the node creator. */
const APPS = [
	{ file: 'coresignal', search: 'Coresignal', app: 'Coresignal' },
	{ file: 'charthop', search: 'ChartHop', app: 'ChartHop' },
	{ file: 'humansourcing', search: 'Human Sourcing', app: 'Human Sourcing' },
];

/** Each node, added as a user adds it: search, app, then an entry (none: the first, or the panel opens at once). */
const PANELS: Array<{
	file: string;
	search: string;
	app: string;
	actions?: boolean;
	entry?: string;
}> = [
	{
		file: 'coresignal-trigger',
		search: 'Coresignal',
		app: 'Coresignal',
		entry: 'On employee profile changes',
	},
	{
		file: 'coresignal',
		search: 'Coresignal',
		app: 'Coresignal',
		actions: true,
		entry: 'Search employees',
	},
	{ file: 'charthop-trigger', search: 'ChartHop', app: 'ChartHop', entry: 'On new hire' },
	{ file: 'charthop-poll-trigger', search: 'ChartHop Poll', app: 'ChartHop Poll Trigger' },
	{
		file: 'charthop',
		search: 'ChartHop',
		app: 'ChartHop',
		actions: true,
		entry: 'Get many events',
	},
	{
		file: 'humansourcing-trigger',
		search: 'Human Sourcing',
		app: 'Human Sourcing',
		entry: 'On creation',
	},
];

/** Canvas nodes on the page, also inside the execution preview's iframe. */
const FLOW_NODES_SHOWN = `[document, ...[...document.querySelectorAll('iframe')].map((f) => f.contentDocument)]
	.filter(Boolean).reduce((n, d) => n + d.querySelectorAll('.vue-flow__node').length, 0)`;

const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

/** Tall enough for a new node's whole panel. */
const VIEWPORT = { width: 1440, height: 1100 };

/** Opens the app's actions when the node creator shows them folded under "Actions". */
async function unfoldActions(page: Page): Promise<void> {
	const folded = await page.evaluate<boolean>(
		`[...document.querySelectorAll('[data-test-id="node-creator-category-item"]')].some((item) => item.textContent.trim().startsWith('Actions'))`,
	);
	if (folded) await page.click('[data-test-id="node-creator-category-item"]', 'Actions');
}

async function creatorShots(browser: Browser, n8n: N8n): Promise<string[]> {
	const taken: string[] = [];
	for (const app of APPS) {
		const page = await browser.newPage(n8n.baseUrl, n8n.authCookie, VIEWPORT);
		try {
			await searchCreator(page, app.search);
			await openApp(page, app.app);
			await unfoldActions(page);
			await pause(500); // the list slides in
			const file = join(SCREENSHOTS_DIR, `creator-${app.file}.png`);
			await page.screenshot(file);
			process.stdout.write(`${app.app}: ${(await creatorEntries(page)).join(' · ')}\n`);
			taken.push(file);
		} finally {
			await page.close();
		}
	}
	return taken;
}

async function panelShot(
	browser: Browser,
	n8n: N8n,
	panel: (typeof PANELS)[number],
): Promise<string> {
	const page = await browser.newPage(n8n.baseUrl, n8n.authCookie, VIEWPORT);
	try {
		await searchCreator(page, panel.search);
		await openApp(page, panel.app);
		if (panel.actions) await unfoldActions(page);
		await addEntry(page, panel.entry);
		await pause(1_000); // the panel slides in
		const file = join(SCREENSHOTS_DIR, `panel-${panel.file}.png`);
		await page.screenshot(file);
		return file;
	} catch (error) {
		const seen = join(tmpdir(), `hr-signals-not-taken-panel-${panel.file}.png`);
		await page.screenshot(seen).catch(() => undefined);
		throw new Error(`${(error as Error).message} (what the page showed: ${seen})`);
	} finally {
		await page.close();
	}
}

/** Runs an example as the demo does; resolves with the workflow and its last execution. */
async function runExample(
	n8n: N8n,
	credentials: Awaited<ReturnType<typeof createSandboxCredentials>>,
	sandbox: Awaited<ReturnType<typeof startSandbox>>,
	example: ReturnType<typeof loadCases>[number],
): Promise<{ workflowId: string; executionId: string }> {
	const workflow = await n8n.importWorkflow(readExample(example.example), credentials);
	const ctx = caseContext(n8n, sandbox, workflow);
	if (example.kind === 'action') {
		await example.setUp?.(ctx);
		return { workflowId: workflow.id, executionId: (await n8n.runManually(workflow.id)).id };
	}
	await n8n.activate(workflow.id);
	const expected = await expectedItems(example.expected, ctx);
	await example.deliver(ctx);
	const executions = await n8n.waitForExecutions(workflow.id, expected.length);
	return { workflowId: workflow.id, executionId: executions[executions.length - 1].id };
}

async function executionShot(
	browser: Browser,
	n8n: N8n,
	run: { workflowId: string; executionId: string },
	file: string,
): Promise<string> {
	const page = await browser.newPage(n8n.baseUrl, n8n.authCookie, VIEWPORT);
	try {
		await page.goto(`/workflow/${run.workflowId}/executions/${run.executionId}`);
		await page.waitFor<number>(FLOW_NODES_SHOWN, 'the execution on the canvas', 120_000);
		await pause(2_000); // let the canvas finish fitting the view and the fonts load
		await page.screenshot(file);
		return file;
	} finally {
		await page.close();
	}
}

async function main(kinds: string[]): Promise<number> {
	const wanted = (kind: string) => kinds.length === 0 || kinds.includes(kind);
	await mkdir(SCREENSHOTS_DIR, { recursive: true });
	const runtime = await ensureRuntime((line) => process.stdout.write(`${line}\n`));
	const workDir = await mkdtemp(join(tmpdir(), 'hr-signals-shot-'));
	const sandbox = await startSandbox();
	const n8n = await startN8n({ runtime, tarball: await packPackage(workDir) });
	const browser = Browser.launch(workDir);
	const failures: string[] = [];
	/** Twice at most: on a busy machine the editor's first load can outlast a wait. */
	const attempt = async (what: string, take: () => Promise<string | string[]>) => {
		for (let tries = 1; ; tries++) {
			try {
				for (const file of [await take()].flat()) process.stdout.write(`saved ${file}\n`);
				return;
			} catch (error) {
				process.stdout.write(`could not take ${what}: ${(error as Error).message}\n`);
				if (tries === 2) {
					failures.push(what);
					return;
				}
			}
		}
	};
	try {
		const credentials = await createSandboxCredentials(n8n, sandbox);
		if (wanted('creator')) await attempt('the node creator', () => creatorShots(browser, n8n));
		if (wanted('panels'))
			for (const panel of PANELS)
				await attempt(`panel-${panel.file}`, () => panelShot(browser, n8n, panel));
		if (wanted('executions'))
			for (const example of loadCases()) {
				const name = `execution-${basename(example.example, '.json')}`;
				const run = await runExample(n8n, credentials, sandbox, example).catch((error: Error) => {
					failures.push(name);
					process.stdout.write(`could not run ${example.example}: ${error.message}\n`);
				});
				if (run)
					await attempt(name, () =>
						executionShot(browser, n8n, run, join(SCREENSHOTS_DIR, `${name}.png`)),
					);
			}
	} finally {
		browser.close();
		await n8n.stop();
		await sandbox.close();
		await rm(workDir, { recursive: true, force: true });
	}
	if (failures.length) process.stdout.write(`not taken: ${failures.join(', ')}\n`);
	return failures.length ? 1 : 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: Error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
}
