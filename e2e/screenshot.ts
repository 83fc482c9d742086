/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Takes docs/demo-workflow.png: the demo's workflow in the n8n editor, after the sandbox's sample events ran.
 * Needs Chromium (`apt-get install chromium`), driven headless over the DevTools protocol on a pipe.
 *
 *   npx tsx e2e/screenshot.ts [example.json] [output.png]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { startSandbox } from '../sandbox/server';
import { caseContext, expectedItems, loadCases, readExample } from './cases';
import { ensureRuntime } from './install-runtime';
import { REPO_ROOT, packPackage } from './community-package';
import { startN8n } from './n8n';
import { createSandboxCredentials } from './sandbox-credentials';

const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/** Minimal DevTools-protocol client over Chromium's --remote-debugging-pipe (NUL-separated JSON). */
class DevTools {
	private nextId = 0;
	private buffer = '';
	private pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();

	constructor(
		private readonly input: Writable,
		output: Readable,
	) {
		output.on('data', (chunk: Buffer) => {
			this.buffer += chunk.toString();
			let end: number;
			while ((end = this.buffer.indexOf('\0')) >= 0) {
				const message = JSON.parse(this.buffer.slice(0, end)) as {
					id?: number;
					result?: unknown;
					error?: { message: string; code: number };
				};
				this.buffer = this.buffer.slice(end + 1);
				if (message.id === undefined) continue; // an event, not an answer
				const waiter = this.pending.get(message.id);
				if (!waiter) continue;
				this.pending.delete(message.id);
				if (message.error)
					waiter.reject(new Error(`${message.error.message} (${message.error.code})`));
				else waiter.resolve(message.result);
			}
		});
	}

	send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
		const id = ++this.nextId;
		this.input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
		return new Promise<T>((resolve, reject) =>
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }),
		);
	}
}

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
	const chromium = spawn(
		CHROMIUM,
		[
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--hide-scrollbars',
			'--remote-debugging-pipe',
			`--user-data-dir=${join(workDir, 'chromium')}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
	);
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

		const devtools = new DevTools(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);
		const [name, value] = n8n.authCookie.split(';')[0].split('=');
		await devtools.send('Storage.setCookies', { cookies: [{ name, value, url: n8n.baseUrl }] });
		const { targetId } = await devtools.send<{ targetId: string }>('Target.createTarget', {
			url: 'about:blank',
		});
		const { sessionId } = await devtools.send<{ sessionId: string }>('Target.attachToTarget', {
			targetId,
			flatten: true,
		});
		await devtools.send(
			'Emulation.setDeviceMetricsOverride',
			{ width: 1440, height: 810, deviceScaleFactor: 1, mobile: false },
			sessionId,
		);
		await devtools.send('Page.enable', {}, sessionId);
		await devtools.send('Page.navigate', { url: `${n8n.baseUrl}${page}` }, sessionId);
		for (let attempt = 0; attempt < 60; attempt++) {
			const { result } = await devtools.send<{ result: { value: number } }>(
				'Runtime.evaluate',
				{ expression: FLOW_NODES_SHOWN, returnByValue: true },
				sessionId,
			);
			if (result.value > 0) break;
			await pause(500);
		}
		await pause(2_000); // let the canvas finish fitting the view and the fonts load
		const { data } = await devtools.send<{ data: string }>(
			'Page.captureScreenshot',
			{ format: 'png' },
			sessionId,
		);
		await writeFile(output, Buffer.from(data, 'base64'));
		process.stdout.write(`saved ${output}\n`);
	} finally {
		chromium.kill();
		await n8n.stop();
		await sandbox.close();
		await rm(workDir, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
