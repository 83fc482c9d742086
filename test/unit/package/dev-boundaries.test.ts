/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Which top-level folder may import which (dev/README.md). test/e2e/ counts as its own folder.
const ALLOWED: Record<string, string[]> = {
	nodes: ['nodes'],
	credentials: ['credentials', 'nodes'],
	sandbox: ['sandbox'],
	dev: ['dev', 'sandbox', 'nodes'],
	test: ['test', 'dev', 'sandbox', 'nodes', 'credentials', 'bench'],
	'test/e2e': ['test/e2e', 'test', 'dev', 'sandbox', 'nodes', 'credentials', 'e2e'],
	e2e: ['e2e', 'dev', 'sandbox'],
	bench: ['bench', 'dev', 'sandbox', 'nodes', 'e2e'],
	scripts: ['scripts', 'e2e'],
};

const root = resolve(__dirname, '../../..');

function folderOf(file: string): string {
	const path = relative(root, file);
	return path.startsWith('test/e2e/') ? 'test/e2e' : path.split('/')[0];
}

/** package.json and the other files at the root belong to every folder. */
const atRoot = (file: string) => !relative(root, file).includes('/');

function sourceFiles(folder: string): string[] {
	return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => join(entry.parentPath, entry.name));
}

/** Relative imports (static, dynamic, re-exports) of `file`, resolved to repository paths. */
function relativeImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:from|import\(|require\()\s*'(\.{1,2}\/[^']*)'/g)];
	return specifiers.map(([, specifier]) => resolve(dirname(file), specifier));
}

const files = Object.keys(ALLOWED)
	.filter((folder) => folder !== 'test/e2e')
	.flatMap(sourceFiles);

describe('dev code boundaries', () => {
	it('finds the source files of every folder it checks', () => {
		const folders = new Set(files.map(folderOf));
		expect([...folders].sort()).toEqual(Object.keys(ALLOWED).sort());
	});

	it('imports only from the folders each folder may use', () => {
		const crossings = files.flatMap((file) => {
			const allowed = ALLOWED[folderOf(file)];
			return relativeImports(file)
				.filter((target) => !atRoot(target) && !allowed.includes(folderOf(target)))
				.map((target) => `${relative(root, file)} → ${relative(root, target)}`);
		});
		expect(crossings).toEqual([]);
	});
});
