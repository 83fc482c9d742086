/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The process class every e2e process runs in (e2e/n8n-process.ts), with small Node.js scripts in place of n8n: what
 * the driver reports when a process dies before it is ready, and that stop() leaves nothing of it running.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../../e2e/install-runtime';
import { LoggedProcess, n8nCommand } from '../../e2e/n8n-process';

let workDir: string;

beforeAll(async () => {
	workDir = await mkdtemp(join(tmpdir(), 'hr-signals-process-'));
});

afterAll(async () => {
	if (workDir) await rm(workDir, { recursive: true, force: true });
});

function script(name: string, source: string): LoggedProcess {
	const logged = new LoggedProcess(name, join(workDir, `${name}.log`));
	logged.start({ command: process.execPath, args: ['-e', source], env: process.env, cwd: workDir });
	return logged;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

test('a process that exits before it is ready fails the wait with its exit code and the end of its log', async () => {
	const failing = script('broken', 'console.log("Cannot find module x"); process.exit(3);');

	const error = await failing
		.waitUntil(async () => false, 60_000)
		.then(
			() => undefined,
			(e: Error) => e,
		);

	expect(error?.message).toMatch(/^broken exited with code 3 before it was ready/);
	expect(error?.message).toMatch(/last lines of broken's log ---\nCannot find module x/);
	expect(failing.loadFailures()).toEqual(['Cannot find module x']);
	expect(failing.running).toBe(false);
});

test('stop() ends the process and the children it started', async () => {
	const parent = script(
		'parent',
		`const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
		console.log('child ' + child.pid);
		setInterval(() => {}, 1000);`,
	);
	await parent.waitUntil(async () => /child \d+/.test(parent.startLog()), 60_000);
	const childPid = Number(/child (\d+)/.exec(parent.startLog())![1]);

	await parent.stop();

	expect(parent.running).toBe(false);
	for (let waited = 0; isAlive(childPid) && waited < 10_000; waited += 100) {
		await new Promise((resolveWait) => setTimeout(resolveWait, 100));
	}
	expect(isAlive(childPid)).toBe(false);
});

test("every n8n process gets the e2e's settings, its own user folder, and none of the caller's NODE_ENV", async () => {
	const runtime = { nodeBin: '/opt/node/bin/node', n8nBin: '/opt/n8n/bin/n8n' } as Runtime;

	const worker = await n8nCommand(runtime, 'worker', '/tmp/worker', {
		QUEUE_HEALTH_CHECK_PORT: '1',
	});

	expect(worker.command).toBe('/opt/node/bin/node');
	expect(worker.args).toEqual(['/opt/n8n/bin/n8n', 'worker']);
	expect(worker.cwd).toBe('/tmp/worker');
	expect(worker.env).toMatchObject({
		N8N_USER_FOLDER: '/tmp/worker',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		QUEUE_HEALTH_CHECK_PORT: '1',
	});
	expect(worker.env.NODE_ENV).toBeUndefined(); // jest sets it to "test", which makes n8n's CLI exit
	expect(worker.env.PATH?.startsWith('/opt/node/bin:')).toBe(true);
});
