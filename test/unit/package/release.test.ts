/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Release readiness: the GitHub Actions workflows n8n's verification expects (CI, and publishing with npm provenance
 * from a version tag, after the @n8n/node-cli template) parse, and run only the project's own entry points.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// `yaml` comes with the dev toolchain (n8n-core's dependencies); a workflow file is YAML 1.2, as GitHub reads it.
import { parse } from 'yaml';

import manifest from '../../../package.json';

const root = resolve(__dirname, '../../..');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	jobs: Record<
		string,
		{ permissions?: Record<string, string>; 'timeout-minutes'?: number; steps: Step[] }
	>;
}

function workflow(file: string): Workflow {
	return parse(readFileSync(join(root, '.github', 'workflows', file), 'utf8')) as Workflow;
}

function steps(file: string): Step[] {
	return Object.values(workflow(file).jobs).flatMap((job) => job.steps);
}

/** Every command a workflow runs, one per line of its `run:` blocks (continuations and `fi` aside). */
function commands(file: string): string[] {
	return steps(file)
		.flatMap((step) => (step.run ?? '').split('\n'))
		.map((line) => line.trim())
		.filter((line) => line && !/^(fi|then|else)$/.test(line));
}

const scripts = manifest.scripts as Record<string, string>;

describe.each(['ci.yml', 'publish.yml'])('.github/workflows/%s', (file) => {
	test('parses as YAML with jobs that have steps and a time limit', () => {
		const parsed = workflow(file);
		expect(parsed.name).toEqual(expect.any(String));
		expect(Object.keys(parsed.jobs).length).toBeGreaterThan(0);
		for (const job of Object.values(parsed.jobs)) {
			expect(job.steps.length).toBeGreaterThan(0);
			expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
		}
	});

	test('runs the project’s own entry points: .ci/run and npm scripts that exist', () => {
		const run = commands(file);
		expect(run).toContain('.ci/run');
		for (const command of run) {
			const script = /^npm run ([\w:-]+)/.exec(command)?.[1];
			if (script) expect(Object.keys(scripts)).toContain(script);
			else
				expect(command).toMatch(
					/^(\.ci\/run|if \[ -n "\$NPM_TOKEN" \]; then|registry="\$\(npm config get registry\)"|npm config set )/,
				);
		}
	});

	test('caches the n8n runtimes by their package files', () => {
		const cache = steps(file).find((step) => step.uses?.startsWith('actions/cache@'));
		expect(cache?.with).toMatchObject({
			path: '~/.cache/hr-signals',
			key: expect.stringContaining("hashFiles('e2e/runtimes/**')"),
		});
	});
});

test('.ci/run is executable', () => {
	expect(() => accessSync(join(root, '.ci', 'run'), constants.X_OK)).not.toThrow();
});

test('publish.yml publishes from version tags with a provenance token and `npm run release`', () => {
	const publish = workflow('publish.yml');
	expect(publish.on).toEqual({ push: { tags: ['*.*.*'] } });
	const [job] = Object.values(publish.jobs);
	expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	expect(commands('publish.yml')).toContain('npm run release');
	// In GitHub Actions, `n8n-node release` lints, builds and publishes with NPM_CONFIG_PROVENANCE=true.
	expect(scripts.release).toBe('n8n-node release');
	expect(scripts.prepublishOnly).toBe('n8n-node prerelease');
});

test('`npm test` (what .ci/run runs) includes n8n’s scanner and the real-n8n matrix', () => {
	expect(scripts.test).toContain('npm run scan');
	expect(scripts.test).toContain('npm run test:e2e');
	expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
});

test('CHANGELOG.md has an entry for the current version', () => {
	expect(existsSync(join(root, 'CHANGELOG.md'))).toBe(true);
	expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## ${manifest.version}`);
});
