/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * n8n's verification scanner (`@n8n/scan-community-package`, pinned in scripts/scanner/) on this package, offline.
 * Its CLI downloads a published version from the registry; this runs the same two legs its `analyzePackageByName`
 * runs, with its own `analyzePackage`, on what is here: the source (package.json, nodes/ and credentials/) and the
 * packed tarball (`npm pack` of the built package: compiled .js and package.json).
 *
 *   npm run scan        (after `npm run build`; `npm test` runs it)
 *
 * The scanner is installed once into ~/.cache/hr-signals/scanner-<hash of its package files>/ (HR_SIGNALS_CACHE moves it).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { packPackage, REPO_ROOT } from '../e2e/community-package';
import { cacheRoot } from '../e2e/install-runtime';

const execFileAsync = promisify(execFile);
const SOURCE = resolve(__dirname, 'scanner');
const MARKER = '.hr-signals-scanner-complete';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}
interface Scanner {
	analyzePackage(directory: string, patterns?: string[]): Promise<ScanResult>;
	SOURCE_FILE_PATTERNS: string[];
}

async function ensureScanner(): Promise<string> {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json'])
		hash.update(await readFile(join(SOURCE, file)));
	const dir = join(cacheRoot(), `scanner-${hash.digest('hex').slice(0, 16)}`);
	if (existsSync(join(dir, MARKER))) return dir;
	await mkdir(cacheRoot(), { recursive: true });
	const partial = await mkdtemp(`${dir}.partial-`);
	for (const file of ['package.json', 'package-lock.json']) {
		await copyFile(join(SOURCE, file), join(partial, file));
	}
	// --ignore-scripts: eslint-plugin-n8n-nodes-base's install script insists on pnpm; nothing needs building.
	await execFileAsync(
		'npm',
		['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			cwd: partial,
			maxBuffer: 16 * 1024 * 1024,
		},
	);
	await writeFile(join(partial, MARKER), '');
	if (existsSync(join(dir, MARKER))) await rm(partial, { recursive: true, force: true });
	else {
		await rm(dir, { recursive: true, force: true });
		await rename(partial, dir);
	}
	return dir;
}

async function main(): Promise<number> {
	const dir = await ensureScanner();
	const module = join(
		dir,
		'node_modules',
		'@n8n',
		'scan-community-package',
		'scanner',
		'scanner.mjs',
	);
	const scanner = (await import(pathToFileURL(module).href)) as Scanner;
	const work = await mkdtemp(join(tmpdir(), 'hr-signals-scan-'));
	try {
		const tarball = await packPackage(work);
		const unpacked = join(work, 'package');
		await mkdir(unpacked);
		await execFileAsync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const legs: Array<[string, Promise<ScanResult>]> = [
			['source', scanner.analyzePackage(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS)],
			['packed tarball', scanner.analyzePackage(unpacked, ['**/*.js', 'package.json'])],
		];
		let passed = true;
		for (const [leg, running] of legs) {
			const result = await running;
			passed &&= result.passed;
			process.stdout.write(
				`n8n scanner, ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message ?? ''}`}\n`,
			);
			if (result.details) process.stdout.write(`${result.details}\n`);
		}
		return passed ? 0 : 1;
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
