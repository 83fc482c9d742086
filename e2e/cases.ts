/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * One case per example workflow in `examples/`: what the real-n8n test checks and what the demo shows.
 * A case lives in `test/e2e/cases/<example>.case.ts` and default-exports a TriggerCase or an ActionCase.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as standaloneExpect } from 'expect';
import { SandboxClient } from '../sandbox/client';
import type { Sandbox } from '../sandbox/server';
import type { N8n, WorkflowJson } from './n8n';
import { REPO_ROOT } from './community-package';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const CASES_DIR = join(REPO_ROOT, 'test', 'e2e', 'cases');

export interface CaseContext {
	n8n: N8n;
	sandbox: Sandbox;
	/** The example as imported into n8n. */
	workflow: WorkflowJson & { id: string };
	/** n8n's production webhook URL of a node of the workflow. */
	webhookUrl(nodeName: string, path?: string): string;
	/** The sandbox control API (`/_control`): deliveries, subscriptions, requests the vendors received. */
	sandboxClient: SandboxClient;
}

interface BaseCase {
	/** File name in examples/, e.g. `coresignal-trigger-employee-changes.json`. */
	example: string;
	/** What the example does, in a few words (test and demo titles). */
	title: string;
	/** Node whose output the case compares (and the demo prints). */
	outputNode: string;
}

export interface TriggerCase extends BaseCase {
	kind: 'trigger';
	/** The trigger node that registers with the vendor. */
	triggerNode: string;
	/**
	 * Webhook URLs the vendor (sandbox) currently has registered for this kind of trigger, as registered (a query
	 * string such as a token is ignored when comparing). Receive-only vendors (nothing registered remotely) leave
	 * this out.
	 */
	registeredUrls?(ctx: CaseContext): Promise<string[]>;
	/** Sends realistic events through the sandbox; each call to n8n's webhook should become one execution. */
	deliver(ctx: CaseContext): Promise<void>;
	/**
	 * Items expected at outputNode, one array per execution in delivery order; compared with toMatchObject.
	 * A function when they depend on sandbox data (e.g. a generated employee's name).
	 */
	expected: Items[] | ((ctx: CaseContext) => Promise<Items[]>);
}

type Items = Array<Record<string, unknown>>;

export interface ActionCase extends BaseCase {
	kind: 'action';
	/** Prepares sandbox state the workflow reads (optional). */
	setUp?(ctx: CaseContext): Promise<void>;
	/** Items expected at outputNode after one manual run; compared with toMatchObject. */
	expected: Items | ((ctx: CaseContext) => Promise<Items>);
}

export type E2eCase = TriggerCase | ActionCase;

export function exampleFiles(): string[] {
	try {
		return readdirSync(EXAMPLES_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort();
	} catch {
		return [];
	}
}

export function readExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

/**
 * Every case file's default export, in file name order. Expected items may use jest's asymmetric matchers
 * (`expect.any(String)`): outside jest (the demo) `expect` comes from jest's own `expect` package.
 */
export function loadCases(): E2eCase[] {
	if (!('expect' in globalThis)) Object.assign(globalThis, { expect: standaloneExpect });
	let files: string[];
	try {
		files = readdirSync(CASES_DIR).filter((file) => file.endsWith('.case.ts'));
	} catch {
		return [];
	}
	return files.sort().map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous: jest defines tests from it
		const loaded = require(join(CASES_DIR, file)) as { default?: E2eCase };
		if (!loaded.default)
			throw new Error(`${file} has no default export (a TriggerCase or ActionCase)`);
		return loaded.default;
	});
}

export function caseContext(
	n8n: N8n,
	sandbox: Sandbox,
	workflow: WorkflowJson & { id: string },
): CaseContext {
	return {
		n8n,
		sandbox,
		workflow,
		webhookUrl(nodeName, path = 'webhook') {
			const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
			if (!node?.webhookId)
				throw new Error(`node "${nodeName}" of "${workflow.name}" has no webhookId`);
			return n8n.webhookUrl(node.webhookId, path);
		},
		sandboxClient: new SandboxClient(sandbox.url),
	};
}

/** The URLs a trigger case's vendor has registered, without query strings (tokens). */
export async function registeredWebhookUrls(
	testCase: TriggerCase,
	ctx: CaseContext,
): Promise<string[]> {
	const urls = (await testCase.registeredUrls?.(ctx)) ?? [];
	return urls.map((url) => url.split('?')[0]);
}

/** A case's expected items, computed when they depend on the sandbox. */
export async function expectedItems<T>(
	expected: T | ((ctx: CaseContext) => Promise<T>),
	ctx: CaseContext,
): Promise<T> {
	return typeof expected === 'function'
		? await (expected as (ctx: CaseContext) => Promise<T>)(ctx)
		: expected;
}
