/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * n8n in queue mode on this machine, the way HR teams run it at scale: PostgreSQL and Redis on 127.0.0.1 with
 * throwaway data directories and free ports, then the pinned n8n as one main process (editor, API, activation and
 * the triggers' registration hooks, pollers), one `n8n webhook` process (production webhooks: the triggers' webhook())
 * and `n8n worker` processes (every execution, taken from Redis), all sharing one database and this package.
 * The launcher the queue-mode e2e uses (test/e2e/queue-mode.e2e.test.ts); docs/running-at-scale.md shows the same
 * layout as a compose file.
 *
 * Everything lives under one temporary folder and is stopped and removed by stop(), also when a start fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { installCommunityPackage, type InstalledPackage } from './community-package';
import type { Runtime } from './install-runtime';
import { N8n } from './n8n';
import { answers200, freePort, LoggedProcess, n8nCommand, N8nError } from './n8n-process';

const execFileAsync = promisify(execFile);

function killProcess(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// already gone
	}
}

/** A PostgreSQL binary: on PATH, else from Debian's /usr/lib/postgresql/<version>/bin. */
function postgresBinary(name: string): string {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, name))) return join(dir, name);
	}
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const version of versions) {
		const candidate = join(root, version, 'bin', name);
		if (existsSync(candidate)) return candidate;
	}
	throw new Error(
		`${name} not found: install PostgreSQL (Debian: apt-get install -y postgresql; .ci/run does it)`,
	);
}

function redisBinary(): string {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
	}
	if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
	throw new Error(
		'redis-server not found: install it (Debian: apt-get install -y redis-server; .ci/run does it)',
	);
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
async function asPostgresUser(command: string, args: string[]): Promise<string> {
	const asRoot = userInfo().uid === 0;
	const { stdout } = await execFileAsync(
		asRoot ? 'runuser' : command,
		asRoot ? ['-u', 'postgres', '--', command, ...args] : args,
		{ maxBuffer: 4 * 1024 * 1024 },
	);
	return stdout;
}

export class Postgres {
	readonly port: number;
	readonly database = 'n8n';
	readonly user = 'postgres';
	private started = false;
	private forgetExitHook = () => undefined as void;

	constructor(
		private readonly dir: string,
		port: number,
	) {
		this.port = port;
	}

	private get dataDir(): string {
		return join(this.dir, 'data');
	}

	static async start(dir: string): Promise<Postgres> {
		const postgres = new Postgres(dir, await freePort());
		try {
			await postgres.launch();
		} catch (error) {
			await postgres.stop();
			throw error;
		}
		return postgres;
	}

	private async launch(): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		if (userInfo().uid === 0) {
			const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
			const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
			await chown(this.dir, Number(stdout.trim()), Number(gid.trim()));
		}
		await asPostgresUser(postgresBinary('initdb'), [
			'-D',
			this.dataDir,
			'-U',
			this.user,
			'--auth=trust',
			'-E',
			'UTF8',
			'--locale=C.UTF-8',
		]);
		this.started = true;
		await asPostgresUser(postgresBinary('pg_ctl'), [
			'-D',
			this.dataDir,
			'-l',
			join(this.dir, 'postgres.log'),
			'-w',
			'-o',
			`-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
			'start',
		]);
		// Last resort when this process exits without stop() (like the n8n processes): an immediate shutdown.
		const killOnExit = () => {
			const pid = this.pid();
			if (pid) killProcess(pid, 'SIGQUIT');
		};
		process.once('exit', killOnExit);
		this.forgetExitHook = () => process.removeListener('exit', killOnExit);
		await asPostgresUser(postgresBinary('psql'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(this.port),
			'-U',
			this.user,
			'-d',
			'postgres',
			'-q',
			'-c',
			`CREATE DATABASE ${this.database}`,
		]);
	}

	/** The postmaster's pid (its children are the connections). */
	pid(): number | undefined {
		try {
			return Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
		} catch {
			return undefined;
		}
	}

	env(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: 'n8n',
		};
	}

	async stop(): Promise<void> {
		if (!this.started) return;
		this.started = false;
		await asPostgresUser(postgresBinary('pg_ctl'), [
			'-D',
			this.dataDir,
			'-m',
			'fast',
			'-w',
			'stop',
		]).catch(() => {
			const pid = this.pid();
			if (pid) killProcess(pid, 'SIGQUIT');
		});
		this.forgetExitHook();
	}
}

/** Main in queue mode: the usual driver (API, activation), with production webhooks served elsewhere. */
export class QueueMain extends N8n {
	constructor(
		userFolder: string,
		port: number,
		readonly webhookBaseUrl: string,
	) {
		super(userFolder, port, false);
	}

	override webhookUrl(webhookId: string, path = 'webhook'): string {
		return `${this.webhookBaseUrl}/webhook/${webhookId}/${path}`;
	}
}

export interface QueueClusterOptions {
	runtime: Runtime;
	/** The package tarball (packPackage), installed once and loaded by every process. */
	tarball: string;
	workers?: number;
}

export type Role = 'main' | 'webhook' | `worker ${number}` | 'postgres' | 'redis';

/** Seconds the last start (or restart) of each part took. */
export interface StartTimes {
	postgres?: number;
	redis?: number;
	install?: number;
	main: number;
	webhookAndWorkers: number;
}

export class QueueCluster {
	readonly main: QueueMain;
	readonly webhook: LoggedProcess;
	readonly workers: LoggedProcess[];
	readonly redis: LoggedProcess;
	readonly startTimes: StartTimes = { main: 0, webhookAndWorkers: 0 };
	private postgres?: Postgres;
	private redisPort = 0;
	private readonly webhookPort: number;
	private readonly workerHealthPorts: number[] = [];
	private installed?: InstalledPackage;

	private constructor(
		readonly workDir: string,
		private readonly options: QueueClusterOptions,
		ports: { main: number; webhook: number },
	) {
		this.webhookPort = ports.webhook;
		this.main = new QueueMain(
			join(workDir, 'main'),
			ports.main,
			`http://127.0.0.1:${ports.webhook}`,
		);
		this.webhook = new LoggedProcess('n8n webhook', join(workDir, 'webhook.log'));
		this.workers = Array.from(
			{ length: options.workers ?? 2 },
			(_, index) =>
				new LoggedProcess(`n8n worker ${index + 1}`, join(workDir, `worker-${index + 1}.log`)),
		);
		this.redis = new LoggedProcess('redis-server', join(workDir, 'redis.log'));
	}

	/** Starts everything; on failure stops what started and removes the folder before throwing. */
	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		const workDir = await mkdtemp(join(tmpdir(), 'hr-signals-queue-'));
		await chmod(workDir, 0o755); // the postgres user must reach its data directory inside
		const cluster = new QueueCluster(workDir, options, {
			main: await freePort(),
			webhook: await freePort(),
		});
		try {
			await cluster.launch();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	private async launch(): Promise<void> {
		let startedAt = Date.now();
		this.postgres = await Postgres.start(join(this.workDir, 'pg'));
		this.startTimes.postgres = (Date.now() - startedAt) / 1000;

		startedAt = Date.now();
		this.redisPort = await freePort();
		this.redis.start({
			command: redisBinary(),
			args: [
				'--port',
				String(this.redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
			],
			env: process.env,
			cwd: this.workDir,
		});
		await this.redis.waitUntil(
			async () => this.redis.logText().includes('Ready to accept connections'),
			10_000,
		);
		this.startTimes.redis = (Date.now() - startedAt) / 1000;

		// One installed package; the other processes' user folders link to it (like a shared volume or one image).
		startedAt = Date.now();
		this.installed = await installCommunityPackage(this.options.tarball, this.main.userFolder);
		for (const folder of this.processFolders()) {
			await mkdir(join(folder, '.n8n'), { recursive: true });
			await symlink(join(this.main.userFolder, '.n8n', 'nodes'), join(folder, '.n8n', 'nodes'));
		}
		this.startTimes.install = (Date.now() - startedAt) / 1000;
		await this.startProcesses();
	}

	private processFolders(): string[] {
		return [
			join(this.workDir, 'webhook'),
			...this.workers.map((_, i) => join(this.workDir, `worker-${i + 1}`)),
		];
	}

	/** The environment every n8n process of the cluster shares (compose: the `x-n8n` anchor). */
	sharedEnv(): Record<string, string> {
		return {
			...this.postgres!.env(),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			// The URL the triggers register with the vendors: the webhook process.
			WEBHOOK_URL: `http://127.0.0.1:${this.webhookPort}/`,
			// Binary data in Postgres: whichever process stores a file, any worker reads it.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		};
	}

	/**
	 * Main first (every process runs the migrations at start, unlocked: four at once on an empty database crash),
	 * then the webhook process and the workers together.
	 */
	private async startProcesses(): Promise<void> {
		const startedAt = Date.now();
		await this.main.launch(
			{
				runtime: this.options.runtime,
				env: {
					...this.sharedEnv(),
					N8N_EDITOR_BASE_URL: `${this.main.baseUrl}/`,
					// Main answers /webhook/* with 404: a delivery that works proves the webhook process.
					N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
					// Manual runs ("Execute workflow") go to the workers too.
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				},
			},
			this.installed,
		);
		this.startTimes.main = (Date.now() - startedAt) / 1000;
		await this.startWebhookAndWorkers();
	}

	private async startWebhookAndWorkers(): Promise<void> {
		const startedAt = Date.now();
		const { runtime } = this.options;
		const [webhookFolder, ...workerFolders] = this.processFolders();
		this.webhook.start(
			await n8nCommand(runtime, 'webhook', webhookFolder, {
				...this.sharedEnv(),
				N8N_PORT: String(this.webhookPort),
			}),
		);
		for (const [index, worker] of this.workers.entries()) {
			this.workerHealthPorts[index] ??= await freePort();
			worker.start(
				await n8nCommand(runtime, 'worker', workerFolders[index], {
					...this.sharedEnv(),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(this.workerHealthPorts[index]),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			);
		}
		const readiness = (port: number) => async () =>
			await answers200(`http://127.0.0.1:${port}/healthz/readiness`);
		await Promise.all([
			this.webhook.waitUntil(readiness(this.webhookPort), 120_000),
			...this.workers.map(
				async (worker, index) =>
					await worker.waitUntil(readiness(this.workerHealthPorts[index]), 120_000),
			),
		]);
		this.startTimes.webhookAndWorkers = (Date.now() - startedAt) / 1000;
		const problems = [this.webhook, ...this.workers].flatMap((service) =>
			service.loadFailures().map((line) => `${service.name}: ${line}`),
		);
		if (problems.length) {
			throw new N8nError(`part of the package did not load:\n${problems.join('\n')}`, '');
		}
	}

	/** Stops every n8n process (webhook and workers first, then main) and starts them again in order; data stays. */
	async restart(): Promise<void> {
		await Promise.all([
			this.webhook.stop(),
			...this.workers.map(async (worker) => await worker.stop()),
		]);
		const startedAt = Date.now();
		await this.main.restart();
		this.startTimes.main = (Date.now() - startedAt) / 1000;
		await this.startWebhookAndWorkers();
	}

	/** `PostgreSQL 15.x` and `Redis 7.x`, as the servers report them. */
	async versions(): Promise<{ postgres: string; redis: string }> {
		const { stdout: postgres } = await execFileAsync(postgresBinary('postgres'), ['--version']);
		const { stdout: redis } = await execFileAsync(redisBinary(), ['--version']);
		return {
			postgres: `PostgreSQL ${/\d+(\.\d+)*/.exec(postgres)?.[0] ?? '?'}`,
			redis: `Redis ${/v=(\S+)/.exec(redis)?.[1] ?? '?'}`,
		};
	}

	/** `worker n` → execution ids it finished, from its log ("Worker finished execution N (job J)"). */
	executionsFinishedByWorker(): Map<string, Role> {
		const byExecution = new Map<string, Role>();
		for (const [index, worker] of this.workers.entries()) {
			for (const match of worker.logText().matchAll(/Worker finished execution (\d+)/g)) {
				byExecution.set(match[1], `worker ${index + 1}`);
			}
		}
		return byExecution;
	}

	/** Execution ids the webhook process put on the queue ("Enqueued execution N"). */
	executionsEnqueuedByWebhook(): Set<string> {
		return new Set(
			[...this.webhook.logText().matchAll(/Enqueued execution (\d+)/g)].map((match) => match[1]),
		);
	}

	/** Root pid of each running part (its process group holds n8n's task runner, Postgres's connections). */
	pids(): Partial<Record<Role, number>> {
		const pids: Partial<Record<Role, number>> = {};
		if (this.main.pid) pids.main = this.main.pid;
		if (this.webhook.pid) pids.webhook = this.webhook.pid;
		for (const [index, worker] of this.workers.entries()) {
			if (worker.pid) pids[`worker ${index + 1}`] = worker.pid;
		}
		const postgres = this.postgres?.pid();
		if (postgres) pids.postgres = postgres;
		if (this.redis.pid) pids.redis = this.redis.pid;
		return pids;
	}

	/** Stops everything that runs and removes every data directory. */
	async stop(): Promise<void> {
		await Promise.allSettled([
			this.webhook.stop(),
			...this.workers.map(async (worker) => await worker.stop()),
		]);
		await this.main.stop().catch(() => undefined);
		await this.redis.stop();
		await this.postgres?.stop();
		await rm(this.workDir, { recursive: true, force: true });
	}
}

/**
 * Memory of a process and all its descendants, in bytes: the sum of their proportional set sizes (PSS, Linux
 * /proc/<pid>/smaps_rollup), so memory they share (Postgres's shared buffers) is counted once, not per process.
 */
export function treeMemory(rootPid: number): number {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// the process ended while being read
		}
	}
	let total = 0;
	const pending = [rootPid];
	while (pending.length) {
		const pid = pending.pop()!;
		try {
			const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
			total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
		} catch {
			// ended meanwhile
		}
		pending.push(...(children.get(pid) ?? []));
	}
	return total;
}

/** Samples every part's process-tree memory (PSS) until stopped; peak() gives the highest sum seen per part. */
export class MemorySampler {
	private readonly peaks = new Map<Role, number>();
	private timer?: NodeJS.Timeout;

	constructor(
		private readonly cluster: QueueCluster,
		private readonly intervalMs = 500,
	) {}

	start(): this {
		this.sample();
		this.timer = setInterval(() => this.sample(), this.intervalMs);
		return this;
	}

	private sample(): void {
		for (const [role, pid] of Object.entries(this.cluster.pids()) as Array<[Role, number]>) {
			const bytes = treeMemory(pid);
			if (bytes > (this.peaks.get(role) ?? 0)) this.peaks.set(role, bytes);
		}
	}

	stop(): Map<Role, number> {
		if (this.timer) clearInterval(this.timer);
		this.sample();
		return new Map(this.peaks);
	}
}
