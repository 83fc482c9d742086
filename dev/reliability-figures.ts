/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Rewrites the summary lines in docs/dev/reliability.md (the `reliability` and `reliability-e2e` figures blocks) from
 * the facts the reliability suite (test/reliability/report.ts) and the real-n8n e2e save (dev/figures.ts). A block is
 * written only from a complete green run: every section present, each saved by a file that ran in full and passed,
 * all sections of the suite (of one e2e runtime) from one jest run. Otherwise the block keeps its text and the reason
 * is returned. `e2e/matrix.ts` calls it at the end of a green, complete `npm test`; after the suite alone:
 *
 *   npx jest --selectProjects reliability && npx tsx dev/reliability-figures.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Fact, FACTS_DIR, readFacts, replaceBlock, saveFact, writeBlocks } from './figures';

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

const BLOCKS = ['reliability', 'reliability-e2e'] as const;
type BlockName = (typeof BLOCKS)[number];
type Block = { text: string } | { problems: string[] };

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
		if (fact.run === undefined)
			problems.push(`"${fact.key}" was saved by a run that did not finish`);
		else if (!fact.green) problems.push(`"${fact.key}" comes from a failed or partial run`);
	}
	const runs = new Set(found.map((fact) => fact.run));
	if (problems.length === 0 && runs.size > 1) {
		// Name the sections outside the run most of them come from (usually one file run on its own).
		const count = (run: number | undefined) => found.filter((fact) => fact.run === run).length;
		const main = [...runs].sort((a, b) => count(b) - count(a))[0];
		const others = found.filter((fact) => fact.run !== main).map((fact) => `"${fact.key}"`);
		problems.push(
			`${others.join(', ')} ${others.length === 1 ? 'comes' : 'come'} from another jest run than the other sections (run them together)`,
		);
	}
	return { found, problems };
}

const day = (fact: Fact) => fact.savedAt.slice(0, 10);

function fenced(facts: Fact[]): string[] {
	return ['```', ...facts.map((fact) => fact.lines[0]), '```'];
}

/** The suite's block from `facts`, or why it cannot be written. */
function suiteBlock(facts: Map<string, Fact>): Block {
	const suite = oneGreenRun(facts, SUITE_SECTIONS.map(suiteKey));
	if (suite.problems.length) return { problems: suite.problems };
	const first = suite.found[0];
	const heading = `Run of ${day(first)}, ${first.runtime ?? 'n8n-core'}:`;
	return { text: [heading, '', ...fenced(suite.found)].join('\n') };
}

/** The e2e block (one part per runtime) from `facts`, or why it cannot be written. */
function e2eBlock(facts: Map<string, Fact>, runtimes: string[]): Block {
	const problems: string[] = [];
	const lines: string[] = [];
	for (const runtime of runtimes) {
		const keys = E2E_SECTIONS.map((section) => e2eKey(runtime, section));
		const e2e = oneGreenRun(facts, keys, [e2eKey(runtime, E2E_SECRETS)]);
		problems.push(...e2e.problems);
		const first = e2e.found[0];
		if (lines.length) lines.push('');
		lines.push(
			`${first?.runtime ?? runtime}, run of ${first ? day(first) : '-'}:`,
			'',
			...fenced(e2e.found),
		);
	}
	if (!runtimes.some((runtime) => facts.has(e2eKey(runtime, E2E_SECRETS)))) {
		problems.push(`no runtime has figures for "${E2E_SECRETS}" in real n8n`);
	}
	return problems.length ? { problems } : { text: lines.join('\n') };
}

/** Each block of the page from `facts`: its text, or every reason it cannot be written. */
export function reliabilityFigures(
	facts: Map<string, Fact>,
	runtimes: string[],
): Record<BlockName, Block> {
	return { reliability: suiteBlock(facts), 'reliability-e2e': e2eBlock(facts, runtimes) };
}

/** Every runtime folder of the compatibility matrix (e2e/runtimes/). */
export function runtimeFolders(): string[] {
	return readdirSync(RUNTIMES_DIR, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Rewrites each block of the page whose facts make a complete green run; a block that cannot be written keeps its
 * text, and `unchanged` says why. Throws when the page lacks a block's markers.
 */
export function writeReliabilityFigures(
	options: { page?: string; factsDir?: string; runtimes?: string[] } = {},
): { written: BlockName[]; unchanged: Partial<Record<BlockName, string>> } {
	const page = options.page ?? RELIABILITY_PAGE;
	const text = readFileSync(page, 'utf8');
	const figures = reliabilityFigures(
		readFacts(options.factsDir ?? FACTS_DIR),
		options.runtimes ?? runtimeFolders(),
	);
	const ready: Partial<Record<BlockName, string>> = {};
	const unchanged: Partial<Record<BlockName, string>> = {};
	for (const name of BLOCKS) {
		replaceBlock(text, name, '', page); // every marker is there, whatever this run can write
		const block = figures[name];
		if ('problems' in block) unchanged[name] = block.problems.join('; ');
		else if (replaceBlock(text, name, block.text) === text)
			unchanged[name] = 'already the last run';
		else ready[name] = block.text;
	}
	if (Object.keys(ready).length) writeBlocks(page, ready);
	return { written: Object.keys(ready) as BlockName[], unchanged };
}

/** What writeReliabilityFigures did, in one line per block. */
export function describeWrite(result: ReturnType<typeof writeReliabilityFigures>): string {
	return BLOCKS.map((name) =>
		result.written.includes(name)
			? `docs/dev/reliability.md ${name} figures updated from the last run`
			: `docs/dev/reliability.md ${name} figures unchanged: ${result.unchanged[name]}`,
	).join('\n');
}

if (require.main === module) {
	process.stdout.write(`${describeWrite(writeReliabilityFigures())}\n`);
}
