/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * This package as n8n sees it: packed with `npm pack`, installed into an n8n user folder the way n8n's
 * "Install community node" does, and the node/credential types it declares.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '..');

/** `npm pack` of the already built package into `destination`; returns the tarball's absolute path. */
export async function packPackage(destination: string, repoRoot = REPO_ROOT): Promise<string> {
	if (!existsSync(join(repoRoot, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing the package');
	}
	await mkdir(destination, { recursive: true });
	const { stdout } = await execFileAsync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
	);
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

export interface InstalledPackage {
	name: string;
	version: string;
	directory: string;
	/** The package's `n8n.nodes` entries. */
	nodeFiles: string[];
}

/**
 * Installs a package tarball into `<userFolder>/.n8n/nodes` with the steps of n8n 2.8.4's
 * CommunityPackagesService.downloadPackage: nodes/package.json named `installed-nodes`, the tarball unpacked into
 * node_modules/<name>, dev/peer/optional dependencies stripped, `npm install` with n8n's flags inside the package,
 * then the dependency recorded in nodes/package.json. The only difference: the tarball is local, not from a registry.
 */
export async function installCommunityPackage(
	tarball: string,
	userFolder: string,
): Promise<InstalledPackage> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const nodesPackageJson = join(nodesDir, 'package.json');
	await mkdir(nodesDir, { recursive: true });
	if (!existsSync(nodesPackageJson)) {
		await writeFile(
			nodesPackageJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const { stdout: manifest } = await execFileAsync('tar', [
		'-xzOf',
		tarball,
		'package/package.json',
	]);
	const { name } = JSON.parse(manifest) as { name: string };
	const directory = join(nodesDir, 'node_modules', name);
	await rm(directory, { recursive: true, force: true });
	await mkdir(directory, { recursive: true });
	await execFileAsync('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1']);

	const packageJsonPath = join(directory, 'package.json');
	const packageJson = JSON.parse(await readFile(packageJsonPath, 'utf8')) as {
		version: string;
		n8n?: { nodes?: string[] };
		[key: string]: unknown;
	};
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) {
		delete packageJson[key];
	}
	await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2));
	await execFileAsync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: directory },
	);
	const nodesManifest = JSON.parse(await readFile(nodesPackageJson, 'utf8'));
	nodesManifest.dependencies[name] = packageJson.version;
	await writeFile(nodesPackageJson, JSON.stringify(nodesManifest, null, 2));
	return { name, version: packageJson.version, directory, nodeFiles: packageJson.n8n?.nodes ?? [] };
}

/** The node and credential type names the package declares, read from its built files like n8n reads them. */
export function declaredTypes(repoRoot = REPO_ROOT): {
	packageName: string;
	nodes: string[];
	credentials: string[];
} {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		name: string;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const load = (file: string) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the built classes like n8n does
		const exports = require(join(repoRoot, file)) as Record<string, new () => unknown>;
		const className = file.split('/').pop()!.split('.')[0];
		return new exports[className]();
	};
	return {
		packageName: manifest.name,
		nodes: manifest.n8n.nodes.map(
			(file) =>
				`${manifest.name}.${(load(file) as { description: { name: string } }).description.name}`,
		),
		credentials: manifest.n8n.credentials.map((file) => (load(file) as { name: string }).name),
	};
}
