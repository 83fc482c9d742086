/**
 * The n8n 2.8.4 editor as a user drives it: the node creator, a node's panel. Shared by e2e/screenshot.ts (the
 * docs' pictures) and the editor test (test/e2e/editor.e2e.test.ts); the selectors are the editor's own `data-test-id`s.
 */
import type { Page } from './devtools';

export const SEARCH_BAR = `document.querySelector('[data-test-id="node-creator-search-bar"]')`;
export const ITEM = '[data-test-id="node-creator-item-name"]';
export const ACTION = `[data-keyboard-nav-type="action"] ${ITEM}`;
const PANEL = `document.querySelector('[data-test-id="node-parameters"]')`;

/** A new workflow with the node creator open on `search`'s results. */
export async function searchCreator(page: Page, search: string): Promise<void> {
	await page.goto('/workflow/new');
	await page.clickUntil('[data-test-id="canvas-add-button"]', SEARCH_BAR, 'the node creator');
	await page.click('[data-test-id="node-creator-search-bar"]');
	await page.type(search);
	await page.waitFor(
		`document.querySelector('${ITEM.replace(/"/g, '\\"')}')`,
		`results for ${search}`,
	);
}

/** The button a node with no triggers or actions to choose from shows in the node creator. */
const ADD_BUTTON = 'Add to workflow';
const HAS_ADD_BUTTON = `[...document.querySelectorAll('button')].some((button) => button.textContent.includes('${ADD_BUTTON}'))`;
const HAS_ACTION = `Boolean(document.querySelector('${ACTION.replace(/"/g, '\\"')}'))`;

/** Clicks a search result; resolves once its triggers and actions (or its "Add to workflow" button) show. */
export async function openApp(page: Page, app: string): Promise<void> {
	await page.click(ITEM, app);
	await page.waitFor(`${HAS_ACTION} || ${HAS_ADD_BUTTON} || Boolean(${PANEL})`, `${app}'s entries`);
}

/** Names of the node creator's entries shown for the open app. */
export async function creatorEntries(page: Page): Promise<string[]> {
	return await page.evaluate<string[]>(
		`[...document.querySelectorAll('${ACTION.replace(/"/g, '\\"')}')].map((item) => item.textContent.trim())`,
	);
}

/** Clicks an entry of the open app (or its first one, or "Add to workflow"); resolves once the node's panel is drawn. */
export async function addEntry(page: Page, entry?: string): Promise<void> {
	if (await page.evaluate<boolean>(HAS_ACTION)) await page.click(ACTION, entry);
	else if (await page.evaluate<boolean>(HAS_ADD_BUTTON)) await page.click('button', ADD_BUTTON);
	await page.waitFor(PANEL, 'the node panel');
	await page.evaluate('document.fonts.ready.then(() => true)');
}
