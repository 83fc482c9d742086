/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readFacts, saveFact } from '../../../dev/figures';
import {
	e2eKey,
	SUITE_SECTIONS,
	suiteKey,
	writeReliabilityFigures,
} from '../../../dev/reliability-figures';

interface Reporter {
	onRunComplete(contexts: unknown, results: unknown): void;
}
// Jest loads reporters untransformed, so the reporter is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FactsReporter = require('../../../dev/facts-reporter.cjs') as new (
	globalConfig: { testNamePattern?: string },
	options: { dir: string },
) => Reporter;

/** Lines recorded from a green run (docs/dev/reliability.md, 2026-11). */
const SUITE_LINES: Record<string, string> = {
	'bad inputs':
		'bad inputs: 203 tried, 0 crashes, 41 answered 400, 55 accepted, 70 reached the workflow flagged, 3 acknowledged without execution, 6 refused by n8n body parser, 28 bad parameters refused before any call',
	deliveries:
		'deliveries: 175 tried, 125 reached the workflow, 41 rejected by choice, 3 acknowledged with nothing to emit, 6 refused by n8n before the node ran, 0 lost',
	authentication:
		'authentication: 50 tried, 50 rejected with 401, 0 executions started, 0 secrets echoed',
	'lifecycle faults':
		'lifecycle faults: 45 tried, 45 survived, 11 failed loudly naming the cause, 0 orphans, 0 duplicates',
	'transient faults in actions':
		'transient faults in actions: 15 runs under faults, 42 faults injected, 8239 records in, 8239 records out, 0 duplicates, 0 silent losses, 5 clear errors',
	secrets:
		'secrets: 50 places checked, 0 leaks, 83 log entries scanned, 104 viewer values tried as a secret, 0 forgeries',
};
const OLD = 'n8n-2.8.4-node20';
const NEW = 'n8n-2.41.1-node24';
const E2E_LINES: Record<string, Record<string, string>> = {
	[OLD]: {
		'deliveries in real n8n':
			'deliveries in real n8n: 68 shapes sent, 64 reached the workflow, 4 refused as designed (401 / empty batch / reject option), 0 lost',
		'lifecycle faults in real n8n':
			'lifecycle faults in real n8n 2.8.4/Node 20: 46 scenarios, 46 clean, 0 orphans, 0 duplicates, max stall 6.1 s',
		secrets: 'secrets: 120 values tried, 0 forgeries',
	},
	// No forgery check there (it publishes in the background).
	[NEW]: {
		'deliveries in real n8n':
			'deliveries in real n8n: 68 shapes sent, 64 reached the workflow, 4 refused as designed (401 / empty batch / reject option), 0 lost',
		'lifecycle faults in real n8n':
			'lifecycle faults in real n8n 2.41.1/Node 24: 14 scenarios, 14 clean, 0 orphans, 0 duplicates, max stall 0.4 s',
	},
};
const LABELS: Record<string, string> = { [OLD]: 'n8n 2.8.4/Node 20', [NEW]: 'n8n 2.41.1/Node 24' };

const PAGE = `# Reliability

Intro.

<!-- reliability:figures -->
typed by hand
<!-- /reliability:figures -->

Between.

<!-- reliability-e2e:figures -->
typed by hand
<!-- /reliability-e2e:figures -->

What each line covers.
`;

let dir: string;
let facts: string;
let page: string;
/** Start times of the jest runs simulated so far: each run starts after the facts of the last one were stamped. */
let clock = Date.now() - 60_000;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'reliability-figures-'));
	facts = join(dir, 'facts');
	page = join(dir, 'reliability.md');
	writeFileSync(page, PAGE);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

type FileOutcome = { failing?: number; passing?: number };

/**
 * One jest run: `save` saves facts as the test files do, then the facts reporter sees the run's results
 * (every file that saved a fact passed unless `outcomes` says otherwise).
 */
function jestRun(
	save: () => void,
	outcomes: Record<string, FileOutcome> = {},
	globalConfig: { testNamePattern?: string } = {},
) {
	const startTime = ++clock;
	save();
	const files = new Set([...readFacts(facts).values()].map((fact) => fact.testFile!));
	const testResults = [...files].map((testFilePath) => ({
		testFilePath,
		numFailingTests: outcomes[testFilePath]?.failing ?? 0,
		numPassingTests: outcomes[testFilePath]?.passing ?? 3,
	}));
	new FactsReporter(globalConfig, { dir: facts }).onRunComplete([], {
		startTime,
		wasInterrupted: false,
		testResults,
	});
}

const fileOf = (section: string) => `/repo/test/reliability/${section.replace(/ /g, '-')}.test.ts`;

function saveSuite(sections = SUITE_SECTIONS) {
	for (const section of sections) {
		saveFact(
			{
				key: suiteKey(section),
				lines: [SUITE_LINES[section], '  a note under the line'],
				testFile: fileOf(section),
				runtime: 'n8n-core 2.8.1 on Node.js 20.19.4',
			},
			facts,
		);
	}
}

function saveE2e(runtime: string) {
	for (const [section, line] of Object.entries(E2E_LINES[runtime])) {
		saveFact(
			{
				key: e2eKey(runtime, section),
				lines: [line],
				testFile: `/repo/test/e2e/${section === 'deliveries in real n8n' ? 'n8n' : 'lifecycle-faults'}.e2e.test.ts`,
				runtime: LABELS[runtime],
			},
			facts,
		);
	}
}

/** A green `npm test`: the reliability suite in one jest run, then the e2e once per runtime. */
function greenNpmTest() {
	jestRun(() => saveSuite());
	jestRun(() => saveE2e(OLD));
	jestRun(() => saveE2e(NEW));
}

const write = () => writeReliabilityFigures({ page, factsDir: facts, runtimes: [OLD, NEW] });
const today = new Date().toISOString().slice(0, 10);

/** The text between a block's markers. */
function block(name: string): string {
	const text = readFileSync(page, 'utf8');
	return text.slice(
		text.indexOf(`<!-- ${name}:figures -->\n`) + `<!-- ${name}:figures -->\n`.length,
		text.indexOf(`\n<!-- /${name}:figures -->`),
	);
}

describe('docs/dev/reliability.md figures', () => {
	it('rewrites the suite block from the facts of one green run, with its date and runtime', () => {
		greenNpmTest();

		expect(write().written).toContain('reliability');

		expect(block('reliability')).toBe(
			[
				`Run of ${today}, n8n-core 2.8.1 on Node.js 20.19.4:`,
				'',
				'```',
				...SUITE_SECTIONS.map((section) => SUITE_LINES[section]),
				'```',
			].join('\n'),
		);
	});

	it('rewrites the e2e block with each runtime’s lines, the forgery check from the runtime that ran it', () => {
		greenNpmTest();

		expect(write().written).toContain('reliability-e2e');

		expect(block('reliability-e2e')).toBe(
			[
				`n8n 2.8.4/Node 20, run of ${today}:`,
				'',
				'```',
				E2E_LINES[OLD]['deliveries in real n8n'],
				E2E_LINES[OLD]['lifecycle faults in real n8n'],
				E2E_LINES[OLD].secrets,
				'```',
				'',
				`n8n 2.41.1/Node 24, run of ${today}:`,
				'',
				'```',
				E2E_LINES[NEW]['deliveries in real n8n'],
				E2E_LINES[NEW]['lifecycle faults in real n8n'],
				'```',
			].join('\n'),
		);
	});

	it('keeps the text around the blocks', () => {
		greenNpmTest();

		write();

		const text = readFileSync(page, 'utf8');
		expect(text.startsWith('# Reliability\n\nIntro.\n\n<!-- reliability:figures -->\n')).toBe(true);
		expect(text).toContain('<!-- /reliability:figures -->\n\nBetween.\n\n');
		expect(text.endsWith('<!-- /reliability-e2e:figures -->\n\nWhat each line covers.\n')).toBe(
			true,
		);
	});

	it('leaves the suite block unchanged and names the section that is missing', () => {
		jestRun(() => saveSuite(SUITE_SECTIONS.filter((section) => section !== 'authentication')));

		const result = write();

		expect(result.written).not.toContain('reliability');
		expect(result.unchanged.reliability).toBe(
			'no figures for "reliability/authentication" (its test file has not run)',
		);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('still writes the e2e block when only the suite’s figures are incomplete', () => {
		jestRun(() => saveSuite(['deliveries']));
		jestRun(() => saveE2e(OLD));
		jestRun(() => saveE2e(NEW));

		expect(write().written).toEqual(['reliability-e2e']);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('leaves the suite block unchanged when one jest file ran on its own after the full run', () => {
		greenNpmTest();
		jestRun(() => saveSuite(['authentication']));

		const result = write();

		expect(result.unchanged.reliability).toBe(
			'"reliability/authentication" comes from another jest run than the other sections (run them together)',
		);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('leaves the suite block unchanged when a section’s file had a failing test', () => {
		jestRun(() => saveSuite(), { [fileOf('secrets')]: { failing: 1 } });

		const result = write();

		expect(result.unchanged.reliability).toBe(
			'"reliability/secrets" comes from a failed or partial run',
		);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('leaves the suite block unchanged when the run selected tests by name (-t)', () => {
		jestRun(() => saveSuite(), {}, { testNamePattern: '401' });

		const result = write();

		expect(result.unchanged.reliability).toContain(
			'"reliability/bad inputs" comes from a failed or partial run',
		);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('leaves the suite block unchanged when facts were saved by a run that never finished', () => {
		greenNpmTest();
		saveSuite(['deliveries']); // jest was killed: no reporter ran

		const result = write();

		expect(result.unchanged.reliability).toBe(
			'"reliability/deliveries" was saved by a run that did not finish',
		);
		expect(block('reliability')).toBe('typed by hand');
	});

	it('leaves the e2e block unchanged when a runtime’s e2e has not run', () => {
		jestRun(() => saveE2e(OLD));

		const result = write();

		expect(result.unchanged['reliability-e2e']).toContain(
			`no figures for "e2e/${NEW}/deliveries in real n8n"`,
		);
		expect(block('reliability-e2e')).toBe('typed by hand');
	});

	it('fails with an error naming the markers when the page has none, even without figures to write', () => {
		writeFileSync(page, '# Reliability\n\nNo blocks here.\n');

		expect(write).toThrow(
			`${page} has no <!-- reliability:figures --> … <!-- /reliability:figures --> block`,
		);
	});
});
