import type { Logger, LogMetadata } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { fromN8nCore, n8nCoreContainer } from './n8n-core-internals';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata?: LogMetadata;
}

/**
 * Records everything n8n and our nodes log. Installed both as n8n-workflow's `LoggerProxy`
 * (what `LoggerProxy.debug(…)` reaches) and as n8n-core's DI `Logger` (what `this.logger` in a
 * node context and the package loader reach), so nothing is printed and everything is assertable.
 */
export class CapturingLogger implements Logger {
	readonly entries: LogEntry[] = [];

	error(message: string, metadata?: LogMetadata) {
		this.record('error', message, metadata);
	}

	warn(message: string, metadata?: LogMetadata) {
		this.record('warn', message, metadata);
	}

	info(message: string, metadata?: LogMetadata) {
		this.record('info', message, metadata);
	}

	debug(message: string, metadata?: LogMetadata) {
		this.record('debug', message, metadata);
	}

	/** n8n-core asks for scoped loggers; scopes only filter output, so one recorder serves all. */
	scoped(): this {
		return this;
	}

	clear() {
		this.entries.length = 0;
	}

	/** Every entry rendered as text, metadata included (errors with their message and stack). */
	text(): string {
		return this.entries
			.map((entry) => `${entry.level} ${entry.message} ${serialize(entry.metadata)}`)
			.join('\n');
	}

	/** Whether `needle` appears anywhere in a message or its metadata, e.g. a secret. */
	contains(needle: string): boolean {
		return this.text().includes(needle);
	}

	private record(level: LogLevel, message: string, metadata?: LogMetadata) {
		this.entries.push({ level, message, metadata });
	}
}

function serialize(value: unknown): string {
	if (value === undefined) return '';
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner instanceof Error) {
			return { ...inner, name: inner.name, message: inner.message, stack: inner.stack };
		}
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		return inner;
	});
}

let installed: CapturingLogger | undefined;

/** The process-wide capturing logger, installed on first use. */
export function captureLogs(): CapturingLogger {
	if (!installed) {
		installed = new CapturingLogger();
		const { Logger: BackendLogger } =
			fromN8nCore<typeof import('@n8n/backend-common')>('@n8n/backend-common');
		// Set before n8n-core first asks for its Logger, whose constructor would re-init LoggerProxy.
		n8nCoreContainer().set(
			BackendLogger,
			installed as unknown as InstanceType<typeof BackendLogger>,
		);
		LoggerProxy.init(installed);
	}
	return installed;
}
