/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Rewrites the summary lines in docs/dev/reliability.md (the `reliability` and `reliability-e2e` figures blocks) from
 * the facts the reliability suite (test/reliability/report.ts) and the real-n8n e2e save (dev/figures.ts). Only
 * from complete green runs: every section present, each saved by a file that ran in full and passed, all sections of
 * a suite (and of an e2e runtime) from one jest run. Otherwise the page is left as it is and the reason returned.
 * `e2e/matrix.ts` calls it at the end of a green, complete `npm test`; by hand:
 *
 *   npx tsx dev/reliability-figures.ts
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Fact, FACTS_DIR, readFacts, saveFact, writeBlocks } from './figures';

export const RELIABILITY_PAGE = join(__dirname, '..', 'docs', 'dev', 'reliability.md');
const RUNTIMES_DIR = join(__dirname, '..', 'e2e', 'runtimes');

/** The reliability suite's sections (`SectionReport`), in the page's order. */
export const SUITE_SECTIONS = [
	'bad inputs',
	'deliveries',
	'authentication',
	'lifecycle faults',
	'transient faults in actions',
	'secrets',
];
/** The e2e sections every runtime prints (test/e2e/n8n.e2e.test.ts, lifecycle-faults.e2e.test.ts). */
export const E2E_SECTIONS = ['deliveries in real n8n', 'lifecycle faults in real n8n'];
/** Printed only where the forgery check runs (runtimes that activate within the call); required from one runtime. */
export const E2E_SECRETS = 'secrets';

export const suiteKey = (section: string) => `reliability/${section}`;
export const e2eKey = (runtime: string, section: string) => `e2e/${runtime}/${section}`;

/**
 * Saves what an e2e file printed for a section (summary line first) as the figures of `runtime` (a folder of
 * e2e/runtimes/). Called from the jest file, after it printed them.
 */
export function saveE2eFigures(
	runtime: { name: string; label: string },
	section: string,
	lines: string[],
): void {
	saveFact({
		key: e2eKey(runtime.name, section),
		lines,
		testFile: expect.getState().testPath,
		runtime: runtime.label,
	});
}

type Outcome = { blocks: Record<string, string> } | { problems: string[] };

/** The facts under `keys` if they make one complete green run, else what is wrong with them. */
function oneGreenRun(facts: Map<string, Fact>, keys: string[], optional: string[] = []) {
	const problems: string[] = [];
	const found: Fact[] = [];
	for (const key of keys) {
		const fact = facts.get(key);
		if (!fact) problems.push(`no figures for "${key}" (its test file has not run)`);
		else found.push(fact);
	}
	for (const key of optional) {
		const fact = facts.get(key);
		if (fact) found.push(fact);
	}
	for (const fact of found) {
		if (fact.run === undefined) problems.push(`"${fact.key}" was saved by a run that did not finish`);
		else if (!fact.green) problems.push(`"${fact.key}" comes from a failed or partial run`);
	}
	const runs = new Set(found.map((fact) => fact.run));
	if (problems.length === 0 && runs.size > 1) {
		problems.push(
			`${found.map((fact) => `"${fact.key}"`).join(', ')} come from ${runs.size} different jest runs, not one`,
		);
	}
	return { found, problems };
}

const day = (fact: Fact) => fact.savedAt.slice(0, 10);

function fenced(facts: Fact[]): string[] {
	return ['```', ...facts.map((fact) => fact.lines[0]), '```'];
}

/** The two blocks of the page from `facts`, or every reason they cannot be written. */
export function reliabilityFigures(facts: Map<string, Fact>, runtimes: string[]): Outcome {
	const suite = oneGreenRun(facts, SUITE_SECTIONS.map(suiteKey));
	const problems = [...suite.problems];
	const e2eLines: string[] = [];
	let secretsSeen = false;
	for (const runtime of runtimes) {
		const secrets = e2eKey(runtime, E2E_SECRETS);
		const e2e = oneGreenRun(
			facts,
			E2E_SECTIONS.map((section) => e2eKey(runtime, section)),
			[secrets],
		);
		problems.push(...e2e.problems);
		if (e2e.problems.length) continue;
		secretsSeen ||= facts.has(secrets);
		const first = e2e.found[0];
		if (e2eLines.length) e2eLines.push('');
		e2eLines.push(`${first.runtime ?? runtime}, run of ${day(first)}:`, '', ...fenced(e2e.found));
	}
	if (!secretsSeen && problems.length === 0) {
		problems.push(`no runtime has figures for "${E2E_SECRETS}" in real n8n`);
	}
	if (problems.length) return { problems };
	const first = suite.found[0];
	return {
		blocks: {
			reliability: [
				`Run of ${day(first)}, ${first.runtime ?? 'n8n-core'}:`,
				'',
				...fenced(suite.found),
			].join('\n'),
			'reliability-e2e': e2eLines.join('\n'),
		},
	};
}

/** Every runtime folder of the compatibility matrix (e2e/runtimes/). */
export function runtimeFolders(): string[] {
	return readdirSync(RUNTIMES_DIR, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Rewrites the page from the saved facts; says why when it leaves it unchanged. */
export function writeReliabilityFigures(
	options: { page?: string; factsDir?: string; runtimes?: string[] } = {},
): { written: boolean; reason?: string } {
	const page = options.page ?? RELIABILITY_PAGE;
	const outcome = reliabilityFigures(
		readFacts(options.factsDir ?? FACTS_DIR),
		options.runtimes ?? runtimeFolders(),
	);
	if ('problems' in outcome) return { written: false, reason: outcome.problems.join('; ') };
	return writeBlocks(page, outcome.blocks)
		? { written: true }
		: { written: false, reason: 'the figures are already those of the last run' };
}

if (require.main === module) {
	const result = writeReliabilityFigures();
	process.stdout.write(
		result.written
			? 'docs/dev/reliability.md figures updated from the last run\n'
			: `docs/dev/reliability.md unchanged: ${result.reason}\n`,
	);
}
