/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Figures in the docs are written by the runs that measure them, never typed:
 * 1. a test saves what it measured as a fact: `.results/facts/<key>.json` (git-ignored), `saveFact`;
 * 2. after the jest run, the reporter `dev/facts-reporter.cjs` stamps each fact saved during that run with the run
 *    and whether its test file ran in full (no `-t` filter) and passed;
 * 3. a writer (`e2e/matrix.ts`, `dev/reliability-figures.ts`) turns the facts into the text between a page's
 *    `<!-- name:figures -->` and `<!-- /name:figures -->` markers, `writeBlocks`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where facts live (`.results/` is git-ignored). dev/facts-reporter.cjs reads the same folder. */
export const FACTS_DIR = join(__dirname, '..', '.results', 'facts');

export interface Fact<T = unknown> {
	key: string;
	/** What the test printed, summary line first. */
	lines: string[];
	/** Measurements a writer needs beyond the lines. */
	data?: T;
	/** The jest file that saved it (absolute path): the reporter judges the fact by that file's result. */
	testFile?: string;
	/** The n8n the figures come from, in words (e.g. `n8n 2.8.4/Node 20`). */
	runtime?: string;
	savedAt: string;
	/** Set by the reporter: when the jest run that saved the fact started (ms since the epoch). */
	run?: number;
	/** Set by the reporter: the file ran every test it selected, unfiltered, and none failed. */
	green?: boolean;
}

const fileOf = (dir: string, key: string) => join(dir, `${encodeURIComponent(key)}.json`);

export function saveFact<T>(
	fact: Omit<Fact<T>, 'savedAt' | 'run' | 'green'>,
	dir = FACTS_DIR,
): void {
	mkdirSync(dir, { recursive: true });
	const saved: Fact<T> = { ...fact, savedAt: new Date().toISOString() };
	writeFileSync(fileOf(dir, fact.key), `${JSON.stringify(saved, null, 2)}\n`);
}

export function readFact<T>(key: string, dir = FACTS_DIR): Fact<T> | undefined {
	const file = fileOf(dir, key);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Fact<T>) : undefined;
}

/** Every saved fact, by key. */
export function readFacts(dir = FACTS_DIR): Map<string, Fact> {
	const facts = new Map<string, Fact>();
	if (!existsSync(dir)) return facts;
	for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.json'))) {
		const fact = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Fact;
		facts.set(fact.key, fact);
	}
	return facts;
}

/** `text` with the lines between its `name:figures` markers replaced by `body`; throws when a marker is missing. */
export function replaceBlock(text: string, name: string, body: string, what = 'the page'): string {
	const start = `<!-- ${name}:figures -->`;
	const end = `<!-- /${name}:figures -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${what} has no ${start} … ${end} block`);
	return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** Rewrites the `name:figures` blocks of `file`; true when its text changed. */
export function writeBlocks(file: string, blocks: Record<string, string>): boolean {
	const text = readFileSync(file, 'utf8');
	let updated = text;
	for (const [name, body] of Object.entries(blocks))
		updated = replaceBlock(updated, name, body, file);
	if (updated === text) return false;
	writeFileSync(file, updated);
	return true;
}
