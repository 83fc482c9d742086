/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * `npm run demo`: the sandbox vendors and a real n8n with this package, every example workflow imported and active,
 * sample events fired, the executions printed, and n8n left running for you until Ctrl+C.
 *
 * `npm run demo -- --once` (or DEMO_EXIT=1) runs the same steps, stops, and exits 0 when every example ran cleanly.
 * DEMO_PORT picks n8n's port (default: a free one).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'expect';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
	caseContext,
	exampleFiles,
	loadCases,
	expectedItems,
	readExample,
	registeredWebhookUrls,
	type E2eCase,
} from './cases';
import { ensureRuntime } from './install-runtime';
import { REPO_ROOT, packPackage } from './community-package';
import { OWNER, outputOf, startN8n, type Execution, type N8n } from './n8n';
import { createSandboxCredentials } from './sandbox-credentials';

const once = process.env.DEMO_EXIT === '1' || process.argv.includes('--once');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) =>
	color ? `\u001b[${code}m${text}\u001b[0m` : text;
const bold = paint(1);
const dim = paint(2);
const green = paint(32);
const red = paint(31);

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/** A progress line per step: "… label" while it runs (on a terminal), then ✓ or ✗ with the time it took. */
async function step<T>(
	label: string,
	work: () => Promise<T>,
	detail?: (result: T) => string,
): Promise<T> {
	const startedAt = Date.now();
	const live = process.stdout.isTTY;
	if (live) process.stdout.write(`${dim('…')} ${label}`);
	const finish = (line: string) =>
		live ? process.stdout.write(`\r\u001b[2K${line}\n`) : say(line);
	try {
		const result = await work();
		const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
		finish(`${green('✓')} ${label}${detail ? `: ${detail(result)}` : ''} ${dim(`(${seconds} s)`)}`);
		return result;
	} catch (error) {
		finish(`${red('✗')} ${label}`);
		throw error;
	}
}

function newestMtime(path: string, skip: (name: string) => boolean = () => false): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) {
		if (skip(entry)) continue;
		newest = Math.max(newest, newestMtime(join(path, entry), skip));
	}
	return newest;
}

function distIsStale(): boolean {
	const dist = join(REPO_ROOT, 'dist');
	if (!existsSync(join(dist, 'package.json'))) return true;
	const sources = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json'].map((entry) =>
		newestMtime(join(REPO_ROOT, entry)),
	);
	return Math.max(...sources) > newestMtime(dist, (name) => name.endsWith('.tsbuildinfo'));
}

function runNpm(args: string[]): Promise<void> {
	return new Promise((resolveRun, reject) => {
		const child = spawn('npm', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolveRun() : reject(new Error(`npm ${args.join(' ')} failed:\n${output}`)),
		);
	});
}

/** One line per item: the HR event envelope's gist when it is one, else compact JSON. */
function describeItem(item: Record<string, unknown>): string {
	const entity = item.entity as { type?: string; id?: string } | undefined;
	if (typeof item.source === 'string' && typeof item.type === 'string' && entity) {
		const changed =
			Array.isArray(item.changedFields) && item.changedFields.length
				? ` changed: ${item.changedFields.join(', ')}`
				: '';
		return `${item.source} ${bold(item.type)} ${entity.type}:${entity.id}${changed}`;
	}
	const fields = Object.entries(item).map(([key, value]) => {
		const text = typeof value === 'string' ? value.replace(/\n/g, ' ⏎ ') : JSON.stringify(value);
		return `${dim(`${key}:`)} ${text.length > 70 ? `${text.slice(0, 67)}...` : text}`;
	});
	return fields.join('\n          ');
}

function printItems(label: string, items: Array<Record<string, unknown>>): void {
	say(`      ${dim(label)}`);
	for (const item of items.slice(0, 5)) say(`        • ${describeItem(item)}`);
	if (items.length > 5) say(dim(`        … and ${items.length - 5} more`));
}

function printExecution(execution: Execution, demoCase: E2eCase): void {
	const status = execution.status === 'success' ? green(execution.status) : red(execution.status);
	say(`    execution ${execution.id}: ${status}`);
	try {
		if (demoCase.kind === 'trigger' && demoCase.triggerNode !== demoCase.outputNode) {
			printItems(`${demoCase.triggerNode} emitted`, outputOf(execution, demoCase.triggerNode));
		}
		printItems(`${demoCase.outputNode} output`, outputOf(execution, demoCase.outputNode));
	} catch (error) {
		say(red(`      ${(error as Error).message}`));
	}
}

async function showCase(
	n8n: N8n,
	sandbox: Sandbox,
	credentials: Record<string, { id: string; name: string }>,
	demoCase: E2eCase,
): Promise<boolean> {
	say();
	say(bold(`${demoCase.title}`) + dim(`  examples/${demoCase.example}`));
	const workflow = await step('import the workflow', () =>
		n8n.importWorkflow(readExample(demoCase.example), credentials),
	);
	const ctx = caseContext(n8n, sandbox, workflow);
	let executions: Execution[];
	let expected: unknown;
	if (demoCase.kind === 'trigger') {
		await step('activate it', () => n8n.activate(workflow.id));
		if (demoCase.registeredUrls) {
			await step(
				'vendor registration',
				() => registeredWebhookUrls(demoCase, ctx),
				(urls) =>
					urls.includes(ctx.webhookUrl(demoCase.triggerNode))
						? `points at ${ctx.webhookUrl(demoCase.triggerNode)}`
						: red('missing'),
			);
		}
		const perExecution = await expectedItems(demoCase.expected, ctx);
		expected = perExecution;
		await step('the sandbox vendor sends sample events', () => demoCase.deliver(ctx));
		executions = await step(
			'n8n runs the workflow',
			() => n8n.waitForExecutions(workflow.id, perExecution.length),
			(done) => `${done.length} execution(s)`,
		);
	} else {
		await demoCase.setUp?.(ctx);
		expected = [await expectedItems(demoCase.expected, ctx)];
		executions = [
			await step('run it once (like "Execute workflow")', () => n8n.runManually(workflow.id)),
		];
	}
	for (const execution of executions) printExecution(execution, demoCase);
	try {
		// The same comparison as the e2e test: the demo doubles as a check of what it shows.
		expect(executions.map((execution) => execution.status)).toEqual(
			executions.map(() => 'success'),
		);
		expect(executions.map((execution) => outputOf(execution, demoCase.outputNode))).toMatchObject(
			expected as Array<Record<string, unknown>>,
		);
		say(`    ${green('✓')} output is what the example promises`);
		return true;
	} catch (error) {
		say(`    ${red('✗')} output differs from what the example promises:`);
		say(red(`      ${(error as Error).message.split('\n').slice(0, 20).join('\n      ')}`));
		return false;
	}
}

async function main(): Promise<number> {
	say(bold('HR Signals for n8n: demo'));
	say(
		dim(
			'Fake Coresignal, ChartHop and Human Sourcing APIs (the sandbox) and a real n8n with this package installed.',
		),
	);
	say();
	let n8n: N8n | undefined;
	let sandbox: Sandbox | undefined;
	let workDir: string | undefined;
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		say();
		await step('stop n8n and the sandbox', async () => {
			await n8n?.stop();
			await sandbox?.close();
			if (workDir) await rm(workDir, { recursive: true, force: true });
		});
	};

	try {
		if (distIsStale())
			await step('build the package (dist/ is missing or older than the sources)', () =>
				runNpm(['run', 'build']),
			);
		else say(`${green('✓')} package build is up to date`);
		const runtime = await step(
			'real n8n runtime',
			() => ensureRuntime((line) => say(dim(`  ${line}`))),
			(r) => `n8n ${r.n8nVersion}, ${r.cold ? 'installed now' : 'cached'} in ${r.dir}`,
		);
		workDir = await mkdtemp(join(tmpdir(), 'hr-signals-demo-'));
		const tarball = await step(
			'pack the package',
			() => packPackage(workDir!),
			(file) => file,
		);
		sandbox = await step(
			'start the sandbox vendors',
			() => startSandbox(),
			(s) => s.url,
		);
		const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined;
		n8n = await step(
			'start n8n with the package installed as a community node',
			() => startN8n({ runtime, tarball, port }),
			(started) => `${started.baseUrl} (ready in ${started.startSeconds.toFixed(1)} s)`,
		);
		const credentials = await step(
			'create credentials pointing at the sandbox',
			() => createSandboxCredentials(n8n!, sandbox!),
			(refs) =>
				Object.values(refs)
					.map((ref) => ref.name)
					.join(', '),
		);

		const cases = loadCases();
		let healthy = true;
		for (const demoCase of cases) {
			try {
				healthy = (await showCase(n8n, sandbox, credentials, demoCase)) && healthy;
			} catch (error) {
				healthy = false;
				say(red(`    ${(error as Error).message.split('\n').slice(0, 12).join('\n    ')}`));
			}
		}
		const withoutCase = exampleFiles().filter((file) => !cases.some((c) => c.example === file));
		for (const example of withoutCase) {
			await step(`import examples/${example} (no sample events yet)`, () =>
				n8n!.importWorkflow(readExample(example), credentials),
			);
		}

		const { data: workflows } = await n8n.api<{
			data: Array<{ id: string; name: string; active: boolean }>;
		}>('GET', '/workflows');
		say();
		say(bold('Open n8n'));
		say(`  editor:   ${n8n.baseUrl}`);
		say(`  login:    ${OWNER.email} / ${OWNER.password}`);
		say(`  sandbox:  ${sandbox.url}/_control/state`);
		say(`  n8n log:  ${n8n.logFile}`);
		say();
		say(bold("What to click next: each example workflow's executions"));
		for (const workflow of workflows) {
			say(`  ${workflow.name}${workflow.active ? green(' (active)') : ''}`);
			say(`    ${n8n.baseUrl}/workflow/${workflow.id}/executions`);
		}
		say(
			dim(
				'  Open one, click an execution, then a node to see its items. A trigger workflow runs again when the sandbox sends events: see docs/dev/sandbox.md.',
			),
		);
		say();
		say(
			`${bold('Temporary data:')} this n8n keeps its workflows, credentials and executions in ${n8n.userFolder}.`,
		);
		say(
			once
				? '  It is deleted now that the demo stops.'
				: '  It is deleted when the demo stops (Ctrl+C); only a demo that is killed leaves it behind. Export what you want to keep.',
		);
		if (!healthy) say(red('Some examples did not run cleanly: see above.'));

		if (once) {
			await shutdown();
			return healthy && cases.length > 0 ? 0 : 1;
		}
		say();
		say(dim('n8n keeps running. Press Ctrl+C to stop n8n and the sandbox.'));
		await new Promise<void>((resolveWait) => {
			process.once('SIGINT', () => resolveWait());
			process.once('SIGTERM', () => resolveWait());
		});
		await shutdown();
		return 0;
	} catch (error) {
		say(red((error as Error).message));
		await shutdown();
		return 1;
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exit(1);
	},
);
