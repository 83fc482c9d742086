/**
 * ChartHop event patterns: `segment(.segment)*` where a segment is a code word or `*`, optionally
 * followed by a CQL filter in brackets, e.g. `change.create.hire [department:engineering directs > 0]`.
 * Source: https://docs.charthop.com/event-notifications. Which codes may carry a filter is documented
 * (change.* and person.*); how `*` spans segments is inferred from the documented examples.
 */

export interface EventPattern {
	/** The code part, lower case, e.g. `change.*`. */
	code: string;
	segments: string[];
	/** The CQL between the brackets, trimmed; undefined when there is none. */
	filter?: string;
	/** Canonical text: `code` or `code [filter]`. */
	text: string;
}

export type PatternResult = { ok: true; pattern: EventPattern } | { ok: false; error: string };

const SEGMENT = /^(?:\*|[a-z0-9_]+)$/;

/** Entities whose events may carry a `[CQL]` filter, per ChartHop's docs. */
export const FILTERABLE_ENTITIES = ['change', 'person'];

/** Entities whose events may use a custom payload, per ChartHop's docs. */
export const CUSTOM_PAYLOAD_ENTITIES = ['change'];

/** Index of the `]` that closes the `[` at `open`, skipping brackets inside quoted strings. */
function closingBracket(text: string, open: number): number | { error: string } {
	let depth = 0;
	let quote: string | undefined;
	for (let i = open; i < text.length; i++) {
		const char = text[i];
		if (quote) {
			if (char === '\\') i++;
			else if (char === quote) quote = undefined;
			continue;
		}
		if (char === '"' || char === "'") quote = char;
		else if (char === '[') depth++;
		else if (char === ']' && --depth === 0) return i;
	}
	return {
		error: quote ? `the filter has an unclosed ${quote} quote` : 'the filter has no closing "]"',
	};
}

export function parsePattern(input: string): PatternResult {
	const text = input.trim();
	if (!text) return { ok: false, error: 'the pattern is empty' };

	const open = text.indexOf('[');
	const codeText = (open === -1 ? text : text.slice(0, open)).trim().toLowerCase();
	let filter: string | undefined;
	if (open !== -1) {
		const close = closingBracket(text, open);
		if (typeof close !== 'number') return { ok: false, error: close.error };
		if (text.slice(close + 1).trim()) {
			return {
				ok: false,
				error: `unexpected text after the filter: "${text.slice(close + 1).trim()}"`,
			};
		}
		filter = text.slice(open + 1, close).trim();
		if (!filter) return { ok: false, error: 'the filter between the brackets is empty' };
	} else if (text.includes(']')) {
		return { ok: false, error: 'there is a "]" without an opening "["' };
	}

	if (!codeText) return { ok: false, error: 'the event code before the filter is missing' };
	if (/\s/.test(codeText)) {
		return { ok: false, error: `"${codeText}" contains a space; put a CQL filter in [brackets]` };
	}
	const segments = codeText.split('.');
	const bad = segments.find((segment) => !SEGMENT.test(segment));
	if (bad !== undefined) {
		return {
			ok: false,
			error:
				bad === ''
					? `"${codeText}" has an empty segment (two dots in a row, or a leading or trailing dot)`
					: `"${bad}" is not a valid segment: use letters, digits, "_" or a lone "*"`,
		};
	}

	if (filter !== undefined && !FILTERABLE_ENTITIES.includes(segments[0])) {
		return {
			ok: false,
			error: `ChartHop only allows [CQL] filters on change.* and person.* events, not on "${codeText}"`,
		};
	}

	return {
		ok: true,
		pattern: {
			code: codeText,
			segments,
			filter,
			text: filter ? `${codeText} [${filter}]` : codeText,
		},
	};
}

/**
 * Whether an event code matches the code part of a pattern. A `*` stands for exactly one segment,
 * except as the last segment, where it stands for one or more (so `change.*` matches the
 * three-segment `change.create.hire`, and a lone `*` matches every event).
 */
export function codeMatches(pattern: Pick<EventPattern, 'segments'>, code: string): boolean {
	const parts = code.trim().toLowerCase().split('.');
	const { segments } = pattern;
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		const last = i === segments.length - 1;
		if (i >= parts.length || parts[i] === '') return false;
		if (segment === '*') {
			if (last) return true;
			continue;
		}
		if (segment !== parts[i]) return false;
	}
	return parts.length === segments.length;
}

const normalizeFilter = (filter: string) => filter.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Whether a delivered event satisfies a pattern. The code must match; when the pattern has a
 * filter, ChartHop has evaluated it and lists it in `matchFilters` (as the bare filter or the whole
 * pattern: the exact form is not documented, so both are accepted).
 */
export function eventMatches(pattern: EventPattern, code: string, matchFilters: string[]): boolean {
	if (!codeMatches(pattern, code)) return false;
	if (pattern.filter === undefined) return true;
	const wanted = normalizeFilter(pattern.filter);
	return matchFilters.some((entry) => {
		const bracketed = /^[a-z0-9_.*]+\s*\[(.*)\]\s*$/is.exec(entry.trim())?.[1];
		return (
			normalizeFilter(entry) === wanted ||
			(bracketed !== undefined && normalizeFilter(bracketed) === wanted)
		);
	});
}
