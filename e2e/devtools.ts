/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a pipe (no port, no extra
 * package). Used by e2e/screenshot.ts and the editor test (test/e2e/editor.e2e.test.ts).
 * Install: `apt-get install chromium` (.ci/run does it); CHROMIUM names another binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

/** Minimal DevTools-protocol client over Chromium's --remote-debugging-pipe (NUL-separated JSON). */
export class DevTools {
	private nextId = 0;
	private buffer = '';
	private pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();

	constructor(
		private readonly input: Writable,
		output: Readable,
	) {
		output.on('data', (chunk: Buffer) => {
			this.buffer += chunk.toString();
			let end: number;
			while ((end = this.buffer.indexOf('\0')) >= 0) {
				const message = JSON.parse(this.buffer.slice(0, end)) as {
					id?: number;
					result?: unknown;
					error?: { message: string; code: number };
				};
				this.buffer = this.buffer.slice(end + 1);
				if (message.id === undefined) continue; // an event, not an answer
				const waiter = this.pending.get(message.id);
				if (!waiter) continue;
				this.pending.delete(message.id);
				if (message.error)
					waiter.reject(new Error(`${message.error.message} (${message.error.code})`));
				else waiter.resolve(message.result);
			}
		});
	}

	send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
		const id = ++this.nextId;
		this.input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
		return new Promise<T>((resolve, reject) =>
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }),
		);
	}
}

/** A headless Chromium with one page; close() ends the process. */
export class Browser {
	private constructor(
		private readonly process: ChildProcess,
		readonly devtools: DevTools,
	) {}

	static launch(profileDir: string): Browser {
		const child = spawn(
			CHROMIUM,
			[
				'--headless=new',
				'--no-sandbox',
				'--disable-gpu',
				'--hide-scrollbars',
				'--remote-debugging-pipe',
				`--user-data-dir=${join(profileDir, 'chromium')}`,
				'about:blank',
			],
			{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
		);
		return new Browser(child, new DevTools(child.stdio[3] as Writable, child.stdio[4] as Readable));
	}

	/** A page logged in with `cookie` ("name=value; …" as n8n sets it) at `baseUrl`. */
	async newPage(
		baseUrl: string,
		cookie: string,
		viewport = { width: 1440, height: 810 },
	): Promise<Page> {
		const [name, value] = cookie.split(';')[0].split('=');
		await this.devtools.send('Storage.setCookies', { cookies: [{ name, value, url: baseUrl }] });
		const { targetId } = await this.devtools.send<{ targetId: string }>('Target.createTarget', {
			url: 'about:blank',
		});
		const { sessionId } = await this.devtools.send<{ sessionId: string }>('Target.attachToTarget', {
			targetId,
			flatten: true,
		});
		const page = new Page(this.devtools, sessionId, targetId, baseUrl);
		await page.send('Emulation.setDeviceMetricsOverride', {
			...viewport,
			deviceScaleFactor: 1,
			mobile: false,
		});
		await page.send('Page.enable');
		return page;
	}

	close(): void {
		this.process.kill();
	}
}

/** One tab: navigate, evaluate, wait, click and type like a user, take screenshots. */
export class Page {
	constructor(
		private readonly devtools: DevTools,
		private readonly sessionId: string,
		private readonly targetId: string,
		readonly baseUrl: string,
	) {}

	/** Closes the tab without asking (no "leave this page?" dialog). */
	async close(): Promise<void> {
		await this.devtools.send('Target.closeTarget', { targetId: this.targetId });
	}

	send<T>(method: string, params: object = {}): Promise<T> {
		return this.devtools.send<T>(method, params, this.sessionId);
	}

	async goto(path: string): Promise<void> {
		await this.send('Page.navigate', { url: `${this.baseUrl}${path}` });
	}

	/** Value of a JavaScript expression in the page (awaited when it is a promise). */
	async evaluate<T>(expression: string): Promise<T> {
		const answer = await this.send<{
			result: { value?: T };
			exceptionDetails?: { exception?: { description?: string }; text: string };
		}>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
		if (answer.exceptionDetails)
			throw new Error(
				`In the page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
			);
		return answer.result.value as T;
	}

	/** Waits until `expression` is truthy in the page; returns its value. */
	async waitFor<T>(expression: string, what: string, timeoutMs = 45_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.evaluate<T>(expression).catch(() => undefined);
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
			await pause(250);
		}
	}

	/**
	 * Clicks the first visible element matching `selector` (and containing `text`, when given) with
	 * real mouse events at its centre, after waiting for it to appear.
	 */
	async click(selector: string, text?: string): Promise<void> {
		const what = text ? `${selector} with text "${text}"` : selector;
		const locate = `(() => {
				const wanted = ${JSON.stringify(text ?? null)};
				const element = [...document.querySelectorAll(${JSON.stringify(selector)})].find((candidate) => {
					const box = candidate.getBoundingClientRect();
					return box.width > 0 && box.height > 0 && (wanted === null || candidate.textContent.trim().includes(wanted));
				});
				if (!element) return null;
				element.scrollIntoView({ block: 'nearest' });
				const box = element.getBoundingClientRect();
				return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
			})()`;
		// Panels slide in: click only once the element has stopped moving.
		let centre = await this.waitFor<{ x: number; y: number }>(locate, what);
		for (let settled = 0; settled < 2; ) {
			await pause(150);
			const now = await this.waitFor<{ x: number; y: number }>(locate, what);
			settled = now.x === centre.x && now.y === centre.y ? settled + 1 : 0;
			centre = now;
		}
		for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
			await this.send('Input.dispatchMouseEvent', {
				type,
				...centre,
				button: 'left',
				clickCount: type === 'mouseMoved' ? 0 : 1,
			});
	}

	/**
	 * Clicks until `expression` holds: an editor that is still starting shows its buttons before it
	 * listens to them.
	 */
	async clickUntil(
		selector: string,
		expression: string,
		what: string,
		text?: string,
	): Promise<void> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (await this.evaluate(expression).catch(() => false)) return;
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
			await this.click(selector, text);
			if (await this.waitFor(expression, what, 10_000).catch(() => false)) return;
		}
	}

	/** Types into the focused element, as a keyboard would. */
	async type(text: string): Promise<void> {
		await this.send('Input.insertText', { text });
	}

	async press(key: 'Escape' | 'Enter'): Promise<void> {
		const code = { Escape: 27, Enter: 13 }[key];
		for (const type of ['keyDown', 'keyUp'])
			await this.send('Input.dispatchKeyEvent', {
				type,
				key,
				code: key,
				windowsVirtualKeyCode: code,
			});
	}

	async screenshot(file: string): Promise<void> {
		const { data } = await this.send<{ data: string }>('Page.captureScreenshot', {
			format: 'png',
		});
		await writeFile(file, Buffer.from(data, 'base64'));
	}
}
