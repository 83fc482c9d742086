/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import manifest from '../../../package.json';

const root = resolve(__dirname, '../../..');

interface PackedFile {
	path: string;
}

/** What `npm pack` would publish, without writing a tarball (`npm test` builds dist/ first). */
function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	const [pack] = JSON.parse(output) as Array<{ files: PackedFile[] }>;
	return pack.files.map((file) => file.path);
}

describe('the published package', () => {
	const files = packedFiles();

	it('contains only dist/, package.json, README.md and LICENSE', () => {
		const outside = files.filter(
			(file) =>
				!file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file),
		);
		expect(outside).toEqual([]);
	});

	it('ships no test, dev, sandbox, benchmark or e2e code', () => {
		expect(files.filter((file) => /^dist\/(test|dev|sandbox|bench|e2e)\//.test(file))).toEqual([]);
	});

	it('ships every node and credential that package.json declares, with their icons', () => {
		for (const declared of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(files).toContain(declared);
		}
		expect(files).toEqual(
			expect.arrayContaining(['dist/icons/coresignal.svg', 'dist/icons/coresignal.dark.svg']),
		);
	});

	it('has no runtime dependencies, only n8n-workflow as a peer', () => {
		expect(manifest).not.toHaveProperty('dependencies');
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});
