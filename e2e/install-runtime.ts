/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Installs the pinned real n8n (e2e/runtime/package.json + lockfile) into a cache folder outside the checkout:
 * `~/.cache/hr-signals/runtime-<key>/`, where the key hashes the lockfile, the runtime package.json and the Node.js ABI
 * (sqlite3 and cpu-features are compiled for it). A marker file written last says the install is complete, so an
 * interrupted install is redone, never half-used. Run directly: `npx tsx e2e/install-runtime.ts`.
 *
 * `HR_SIGNALS_CACHE` moves the cache root (CI can point it at a cached folder).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNTIME_SOURCE = resolve(__dirname, 'runtime');
const MARKER = '.hr-signals-runtime-complete.json';

export interface Runtime {
	dir: string;
	/** Absolute path of the `n8n` executable (a node script). */
	n8nBin: string;
	n8nVersion: string;
	/** Whether this call installed it (false: it was already in the cache). */
	cold: boolean;
	seconds: number;
}

export function cacheRoot(): string {
	return process.env.HR_SIGNALS_CACHE ?? join(homedir(), '.cache', 'hr-signals');
}

export async function runtimeKey(): Promise<string> {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(await readFile(join(RUNTIME_SOURCE, file)));
	}
	hash.update(`${process.platform}-${process.arch}-abi${process.versions.modules}`);
	return hash.digest('hex').slice(0, 16);
}

export async function runtimeDir(): Promise<string> {
	return join(cacheRoot(), `runtime-${await runtimeKey()}`);
}

function pinnedN8nVersion(packageJson: { dependencies: Record<string, string> }): string {
	return packageJson.dependencies.n8n;
}

function describe(dir: string, version: string, cold: boolean, startedAt: number): Runtime {
	return {
		dir,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion: version,
		cold,
		seconds: (Date.now() - startedAt) / 1000,
	};
}

function run(command: string, args: string[], cwd: string, logFile: string): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, {
			cwd,
			// nodedir: sqlite3/cpu-features compile against the system headers, so nothing is downloaded.
			env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', async (code) => {
			await writeFile(logFile, output).catch(() => undefined);
			if (code === 0) return resolvePromise();
			const tail = output.split('\n').slice(-40).join('\n');
			reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd}:\n${tail}`));
		});
	});
}

/** Returns the cached runtime, installing it first when it is missing or incomplete. */
export async function ensureRuntime(
	log: (line: string) => void = () => undefined,
): Promise<Runtime> {
	const startedAt = Date.now();
	const packageJson = JSON.parse(await readFile(join(RUNTIME_SOURCE, 'package.json'), 'utf8'));
	const version = pinnedN8nVersion(packageJson);
	const dir = await runtimeDir();
	if (existsSync(join(dir, MARKER))) return describe(dir, version, false, startedAt);

	// Install beside the final folder and rename it into place: a crash leaves only a partial folder behind,
	// and two installs racing each other both end with one complete runtime.
	log(`installing n8n ${version} into ${dir} (first run only, about 4 minutes)`);
	const partial = `${dir}.partial-${process.pid}`;
	await rm(partial, { recursive: true, force: true });
	await mkdir(partial, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		await copyFile(join(RUNTIME_SOURCE, file), join(partial, file));
	}
	// The lockfile pins every version, so `npm ci` resolves nothing and needs no `--before`.
	// Install scripts must run here (native sqlite3), whatever the caller's npm config says.
	await run(
		'npm',
		['ci', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'],
		partial,
		join(partial, 'npm-ci.log'),
	);
	const runtime = describe(dir, version, true, startedAt);
	await writeFile(
		join(partial, MARKER),
		JSON.stringify({ n8n: version, node: process.version, seconds: runtime.seconds }, null, 2),
	);
	if (existsSync(join(dir, MARKER))) {
		await rm(partial, { recursive: true, force: true }); // another install finished first
	} else {
		await rm(dir, { recursive: true, force: true });
		await rename(partial, dir);
	}
	log(`installed n8n ${version} in ${runtime.seconds.toFixed(0)} s`);
	return { ...runtime, seconds: (Date.now() - startedAt) / 1000 };
}

if (require.main === module) {
	ensureRuntime((line) => process.stdout.write(`${line}\n`)).then(
		(runtime) => {
			const kind = runtime.cold ? 'cold install' : 'warm (cached)';
			process.stdout.write(
				`n8n ${runtime.n8nVersion} runtime ready at ${runtime.dir}: ${kind}, ${runtime.seconds.toFixed(1)} s\n`,
			);
		},
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(1);
		},
	);
}
