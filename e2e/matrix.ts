/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The compatibility matrix: the real-n8n e2e (jest project `e2e`) once per runtime in e2e/runtimes/, one after the
 * other (each starts two n8n), then one line such as `n8n 2.8.4/Node 20: 66 passed; n8n 2.41.1/Node 24: 66 passed`.
 * When every runtime passed, the README's `matrix:figures` block is rewritten from the run (versions, counts, how
 * activation behaved), so the Compatibility section shows what was tested, and docs/dev/reliability.md from the
 * reliability figures of the run (dev/reliability-figures.ts). `npm test` runs it after the other tests.
 *
 *   npx tsx e2e/matrix.ts [runtime…] [-- jest args]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './community-package';
import { readFact, saveFact, writeBlocks } from '../dev/figures';
import { describeWrite, writeReliabilityFigures } from '../dev/reliability-figures';
import {
	ensureRuntime,
	runtimeNames,
	runtimeSpec,
	selectedRuntimeName,
	type RuntimeSpec,
} from './install-runtime';
import type { N8n } from './n8n';

const README = join(REPO_ROOT, 'README.md');
const factKey = (runtime: string) => `matrix/${runtime}`;

/** What the e2e observed about a runtime, saved as a fact (dev/figures.ts) by test/e2e/n8n.e2e.test.ts. */
export interface RuntimeFacts {
	publicationService: boolean;
	activations: number;
	/** Longest activate() until the triggers were registered. */
	maxActivationSeconds: number;
	/** Of that, the longest time after n8n had answered the publish call (0 when activation is synchronous). */
	maxBackgroundSeconds: number;
	/** How activating a trigger that cannot register (wrong API key) failed: the error's first line, and when. */
	failedActivation?: { message: string; seconds: number };
}

export async function recordRuntimeFacts(
	n8n: N8n | undefined,
	failedActivation?: RuntimeFacts['failedActivation'],
): Promise<void> {
	if (!n8n) return;
	const facts: RuntimeFacts = {
		publicationService: n8n.publicationService ?? false,
		activations: n8n.activationSeconds.length,
		maxActivationSeconds: Math.max(0, ...n8n.activationSeconds),
		maxBackgroundSeconds: Math.max(0, ...n8n.backgroundSeconds),
		failedActivation,
	};
	const runtime = runtimeSpec(selectedRuntimeName());
	saveFact({
		key: factKey(runtime.name),
		lines: [],
		data: facts,
		testFile: expect.getState().testPath,
		runtime: runtime.label,
	});
}

interface RuntimeResult {
	spec: RuntimeSpec;
	passed: number;
	failed: number;
	skipped: number;
	seconds: number;
	facts?: RuntimeFacts;
}

function runJest(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
			cwd: REPO_ROOT,
			env,
			stdio: 'inherit',
		});
		child.on('error', reject);
		child.on('close', (code) => resolveRun(code ?? 1));
	});
}

async function runOne(name: string, jestArgs: string[], workDir: string): Promise<RuntimeResult> {
	const spec = runtimeSpec(name);
	// Installed first, outside jest's timeouts (quiet when cached).
	await ensureRuntime((line) => process.stderr.write(`${line}\n`), name);
	const json = join(workDir, `${name}.json`);
	process.stderr.write(`\n=== e2e on ${spec.label} (${name}) ===\n`);
	const startedAt = Date.now();
	// One e2e file at a time: each starts its own n8n (queue mode: four), and the fault matrix measures stalls.
	const args = ['--selectProjects', 'e2e', '--runInBand', '--json', `--outputFile=${json}`];
	await runJest([...args, ...jestArgs], { ...process.env, HR_SIGNALS_RUNTIME: name });
	const seconds = (Date.now() - startedAt) / 1000;
	const result: RuntimeResult = { spec, passed: 0, failed: 0, skipped: 0, seconds };
	if (existsSync(json)) {
		const report = JSON.parse(await readFile(json, 'utf8')) as {
			numPassedTests: number;
			numFailedTests: number;
			numPendingTests: number;
			numTodoTests: number;
			numRuntimeErrorTestSuites: number;
		};
		result.passed = report.numPassedTests;
		result.failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
		result.skipped = report.numPendingTests + report.numTodoTests;
	} else {
		result.failed = 1; // jest did not even report
	}
	const facts = readFact<RuntimeFacts>(factKey(name));
	// Only what this run saved: an e2e that stopped early leaves an older run's facts.
	if (facts && Date.parse(facts.savedAt) >= startedAt) result.facts = facts.data;
	return result;
}

function matrixLine(results: RuntimeResult[]): string {
	return results
		.map((result) => {
			const parts = [`${result.passed} passed`];
			if (result.failed) parts.push(`${result.failed} failed`);
			if (result.skipped) parts.push(`${result.skipped} skipped`);
			return `${result.spec.label}: ${parts.join(', ')}`;
		})
		.join('; ');
}

function activationText(facts: RuntimeFacts | undefined): string {
	if (!facts) return 'not measured';
	if (!facts.publicationService) {
		return 'within the call: `activate` answers once every trigger is registered; a failing trigger fails the call';
	}
	return (
		'in the background: `publish` answers at once, the triggers are registered afterwards; ' +
		'the publication status turns `published`, `partial` or `failed`'
	);
}

function failureText(facts: RuntimeFacts | undefined): string {
	const failed = facts?.failedActivation;
	if (!failed) return 'not measured';
	const where = facts.publicationService
		? `the publication status turns \`failed\` after about ${Math.round(failed.seconds)} s (n8n retries the registration)`
		: 'the activate call fails at once';
	const message = failed.message.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 200);
	return `${where}: “${message}”`;
}

/** The README block: one row per runtime, from this run. */
export function matrixFigures(results: RuntimeResult[]): string {
	const lines = [
		'| n8n | Node.js | Real-n8n e2e | Activation | A trigger that cannot register (wrong API key) |',
		'|---|---|---|---|---|',
		...results.map(
			(result) =>
				`| ${result.spec.n8nVersion} | ${result.spec.nodeVersion} | ${result.passed} passed | ${activationText(result.facts)} | ${failureText(result.facts)} |`,
		),
		'',
		`Matrix of the last full run: \`${matrixLine(results)}\`.`,
	];
	return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
	const split = argv.indexOf('--');
	const names = split < 0 ? argv : argv.slice(0, split);
	const jestArgs = split < 0 ? [] : argv.slice(split + 1);
	const workDir = await mkdtemp(join(tmpdir(), 'hr-signals-matrix-'));
	try {
		const results: RuntimeResult[] = [];
		for (const name of names.length ? names : runtimeNames()) {
			results.push(await runOne(name, jestArgs, workDir));
		}
		const green = results.every((result) => result.failed === 0 && result.passed > 0);
		process.stdout.write('\n');
		for (const result of results) {
			const facts = result.facts;
			const activation = facts
				? facts.publicationService
					? `${facts.activations} activations in the background, up to ${facts.maxBackgroundSeconds.toFixed(2)} s after n8n answered`
					: `${facts.activations} activations within the call, up to ${facts.maxActivationSeconds.toFixed(2)} s`
				: 'no activation measured';
			process.stdout.write(
				`${result.spec.label}: e2e ${result.seconds.toFixed(0)} s; ${activation}\n`,
			);
		}
		process.stdout.write(`${matrixLine(results)}\n`);
		const complete = names.length === 0 && jestArgs.length === 0;
		if (green && complete) {
			if (writeBlocks(README, { matrix: matrixFigures(results) })) {
				process.stdout.write('README.md compatibility matrix updated from this run\n');
			}
			const reliability = writeReliabilityFigures({ runtimes: runtimeNames() });
			process.stdout.write(`${describeWrite(reliability)}\n`);
		}
		return green ? 0 : 1;
	} finally {
		await rm(workDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
}
