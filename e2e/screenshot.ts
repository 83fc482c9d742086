/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Takes docs/demo-workflow.png: the demo's workflow in the n8n editor, after the sandbox's sample events ran.
 * Needs Chromium (`apt-get install chromium`), driven headless over the DevTools protocol on a pipe.
 *
 *   npx tsx e2e/screenshot.ts [example.json] [output.png]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { Browser } from './devtools';
import { caseContext, expectedItems, loadCases, readExample } from './cases';
import { ensureRuntime } from './install-runtime';
import { REPO_ROOT, packPackage } from './community-package';
import { startN8n } from './n8n';
import { createSandboxCredentials } from './sandbox-credentials';

/** Canvas nodes on the page, also inside the execution preview's iframe. */
const FLOW_NODES_SHOWN = `[document, ...[...document.querySelectorAll('iframe')].map((f) => f.contentDocument)]
	.filter(Boolean).reduce((n, d) => n + d.querySelectorAll('.vue-flow__node').length, 0)`;

const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

async function main(): Promise<void> {
	const cases = loadCases();
	const example = process.argv[2] ?? cases[0]?.example;
	const output = process.argv[3] ?? join(REPO_ROOT, 'docs', 'demo-workflow.png');
	if (!example) throw new Error('No example to show: give an examples/ file name');
	const demoCase = cases.find((candidate) => candidate.example === example);

	const runtime = await ensureRuntime((line) => process.stdout.write(`${line}\n`));
	const workDir = await mkdtemp(join(tmpdir(), 'hr-signals-shot-'));
	const sandbox = await startSandbox();
	const n8n = await startN8n({ runtime, tarball: await packPackage(workDir) });
	const browser = Browser.launch(workDir);
	try {
		const credentials = await createSandboxCredentials(n8n, sandbox);
		const workflow = await n8n.importWorkflow(readExample(example), credentials);
		let page = `/workflow/${workflow.id}`;
		if (demoCase?.kind === 'trigger') {
			const ctx = caseContext(n8n, sandbox, workflow);
			await n8n.activate(workflow.id);
			await demoCase.deliver(ctx);
			const expected = await expectedItems(demoCase.expected, ctx);
			const executions = await n8n.waitForExecutions(workflow.id, expected.length);
			page = `/workflow/${workflow.id}/executions/${executions[executions.length - 1].id}`;
		}

		const tab = await browser.newPage(n8n.baseUrl, n8n.authCookie);
		await tab.goto(page);
		await tab
			.waitFor<number>(FLOW_NODES_SHOWN, 'the workflow on the canvas')
			.catch(() => undefined);
		await pause(2_000); // let the canvas finish fitting the view and the fonts load
		await tab.screenshot(output);
		process.stdout.write(`saved ${output}\n`);
	} finally {
		browser.close();
		await n8n.stop();
		await sandbox.close();
		await rm(workDir, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
