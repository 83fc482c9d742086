/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The processes the real-n8n driver starts: one class for each of them (n8n's main process in e2e/n8n.ts; the
 * `n8n webhook` and `n8n worker` processes and Redis in e2e/queue-mode.ts), and the environment every n8n process
 * gets. Each is a child in its own process group that logs to a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname } from 'node:path';
import type { Runtime } from './install-runtime';

export class N8nError extends Error {
	constructor(message: string, logTail: string, whose = "n8n's") {
		super(
			`${message}\n--- last lines of ${whose} log ---\n${logTail}\n--- end of ${whose} log ---`,
		);
		this.name = 'N8nError';
	}
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

export async function answers200(url: string): Promise<boolean> {
	try {
		return (await fetch(url)).status === 200;
	} catch {
		return false;
	}
}

/** Lines in an n8n process's log that mean a package or node did not load, even though the process started. */
const LOAD_FAILURES = [
	/Class could not be found/i,
	/is not a constructor/i, // what 2.8.4 logs for a misnamed node class (its loader runs classes in a vm)
	/Cannot find module/i,
	/Error loading package/i,
	/Failed to load package/i, // n8n 2.41 (for a misnamed class without the cause)
	/Unrecognized node type/i, // a webhook process or worker without the node
	/n8n-nodes-hr-signals.*(error|failed)/i,
];

/** Settings of every n8n process the e2e starts: local only, quiet, and every execution kept for the assertions. */
const N8N_ENV: Record<string, string> = {
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_ENCRYPTION_KEY: 'hr-signals-e2e-encryption-key',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
};

/**
 * Not inherited from the caller unless given explicitly: a developer's settings would point n8n at another database
 * or folder, and jest's NODE_ENV=test makes n8n's CLI exit silently.
 */
const NOT_INHERITED = [
	'DB_TYPE',
	'N8N_CONFIG_FILES',
	'N8N_CUSTOM_EXTENSIONS',
	'NODE_OPTIONS',
	'NODE_ENV',
];

export interface Command {
	command: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
}

/**
 * `n8n <command>` of a runtime on a user folder (`start` for main; `webhook` and `worker` in queue mode), with the
 * settings above, its own task-runner broker port, and `env` over them.
 */
export async function n8nCommand(
	runtime: Runtime,
	command: 'start' | 'webhook' | 'worker',
	userFolder: string,
	env: Record<string, string> = {},
): Promise<Command> {
	const merged: NodeJS.ProcessEnv = {
		...process.env,
		...N8N_ENV,
		N8N_USER_FOLDER: userFolder,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...env,
	};
	for (const key of NOT_INHERITED) if (!env[key]) delete merged[key];
	// The Node.js the runtime was installed for (native modules are built for its ABI), also for the task runner.
	merged.PATH = `${dirname(runtime.nodeBin)}${delimiter}${merged.PATH ?? ''}`;
	return {
		command: runtime.nodeBin,
		args: [runtime.n8nBin, command],
		env: merged,
		cwd: userFolder,
	};
}

/** A child process in its own process group, logging to a file (appended across restarts); stop() ends the group. */
export class LoggedProcess {
	private child?: ChildProcess;
	private exited?: Promise<number | null>;
	/** Length of the log before the current start: what an earlier run logged does not count. */
	private logOffset = 0;
	/** Undefined while it runs (or before it started). */
	exitCode?: number | null;

	constructor(
		readonly name: string,
		readonly logFile: string,
	) {}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.exitCode === undefined;
	}

	start({ command, args, env, cwd }: Command): void {
		this.logOffset = this.logText().length;
		// The process writes straight to its log file: a pipe would break (EPIPE) if this process died, and an n8n that
		// cannot log does not shut down.
		const logFd = openSync(this.logFile, 'a');
		const child = spawn(command, args, {
			cwd,
			env,
			detached: true, // its own process group, so stop() also ends n8n's task runner
			stdio: ['ignore', logFd, logFd],
		});
		closeSync(logFd);
		this.child = child;
		this.exitCode = undefined;
		const pid = child.pid!;
		// Last resort when this process exits without calling stop() (a crashed test, process.exit).
		const killOnExit = () => killGroup(pid, 'SIGKILL');
		process.once('exit', killOnExit);
		this.exited = new Promise((resolveExit) => {
			child.on('exit', (code, signal) => {
				process.removeListener('exit', killOnExit);
				this.exitCode = code ?? (signal ? -1 : null);
				resolveExit(this.exitCode);
			});
		});
	}

	/** Everything logged so far, over every start. */
	logText(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** What the process logged since its last start. */
	startLog(): string {
		return this.logText().slice(this.logOffset);
	}

	logTail(lines = 40): string {
		return this.logText().split('\n').slice(-lines).join('\n');
	}

	/** Lines of the last start that say a package or node did not load. */
	loadFailures(): string[] {
		return [
			...new Set(
				this.startLog()
					.split('\n')
					.filter((line) => LOAD_FAILURES.some((pattern) => pattern.test(line))),
			),
		];
	}

	/** Waits until `ready()` holds; throws with the log's tail if the process exits first or time runs out. */
	async waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await ready())) {
			if (this.exitCode !== undefined) {
				throw this.error(`${this.name} exited with code ${this.exitCode} before it was ready`);
			}
			if (Date.now() > deadline) {
				throw this.error(`${this.name} was not ready within ${timeoutMs} ms`);
			}
			await sleep(250);
		}
	}

	error(message: string, lines = 60): N8nError {
		return new N8nError(message, this.logTail(lines), `${this.name}'s`);
	}

	/** SIGTERM to the group, SIGKILL after 15 s. */
	async stop(): Promise<void> {
		const pid = this.child?.pid;
		if (pid && this.exitCode === undefined) {
			killGroup(pid, 'SIGTERM');
			const killer = setTimeout(() => killGroup(pid, 'SIGKILL'), 15_000);
			await this.exited;
			clearTimeout(killer);
		}
		this.child = undefined;
	}
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// the group is already gone
	}
}
