/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * What the e2e machinery does when a community package does not load in n8n: it must fail loudly, naming the
 * problem and attaching n8n's own log, instead of letting every later assertion fail for an unclear reason.
 * The packages here are deliberately broken fixtures, packed and installed exactly like ours.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureRuntime } from '../../e2e/install-runtime';
import { installCommunityPackage } from '../../e2e/community-package';
import { startN8n } from '../../e2e/n8n';

const MINUTE = 60_000;
let workDir: string;

/** Packs a one-node community package whose node file has the given source. */
async function packFixture(name: string, nodeFile: string, source: string): Promise<string> {
	const root = join(workDir, name);
	await mkdir(join(root, 'dist'), { recursive: true });
	await writeFile(
		join(root, 'package.json'),
		JSON.stringify({
			name,
			version: '1.0.0',
			keywords: ['n8n-community-node-package'],
			n8n: { n8nNodesApiVersion: 1, nodes: [`dist/${nodeFile}`] },
		}),
	);
	await writeFile(join(root, 'dist', nodeFile), source);
	const { stdout } = await promisify(execFile)(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
		{ cwd: root },
	);
	return join(workDir, (JSON.parse(stdout) as Array<{ filename: string }>)[0].filename);
}

beforeAll(async () => {
	workDir = await mkdtemp(join(tmpdir(), 'hr-signals-e2e-broken-'));
}, MINUTE);

afterAll(async () => {
	if (workDir) await rm(workDir, { recursive: true, force: true });
}, MINUTE);

test(
	'packages that do not load stop the run with the failures and n8n’s own log',
	async () => {
		const runtime = await ensureRuntime((line) => process.stderr.write(`${line}\n`));
		const misnamed = await packFixture(
			'n8n-nodes-misnamed-class',
			'Misnamed.node.js',
			'exports.SomethingElse = class {};\n',
		);
		const missingImport = await packFixture(
			'n8n-nodes-missing-import',
			'MissingImport.node.js',
			"require('a-module-nobody-installed');\nexports.MissingImport = class {};\n",
		);
		const userFolder = join(workDir, 'n8n');
		await installCommunityPackage(missingImport, userFolder);

		const outcome = await startN8n({ runtime, tarball: misnamed, userFolder }).then(
			async (n8n) => {
				await n8n.stop();
				return 'n8n started as if nothing was wrong';
			},
			(error: Error) => error.message,
		);

		expect(outcome).toMatch(/could not load part of the package/);
		expect(outcome).toMatch(/n8n loaded 0 of the 1 nodes of n8n-nodes-misnamed-class/);
		// A misnamed class: n8n 2.8.4 logs the cause; n8n 2.41 logs only `Failed to load package "<name>"`.
		expect(outcome).toMatch(
			/Misnamed is not a constructor|Failed to load package "n8n-nodes-misnamed-class"/,
		);
		// A missing import: both log the cause (2.41 after `Failed to load package "<name>"`).
		expect(outcome).toMatch(/Cannot find module 'a-module-nobody-installed'/);
		expect(outcome).toMatch(/last lines of n8n's log[\s\S]*Editor is now accessible/);
	},
	15 * MINUTE,
);
