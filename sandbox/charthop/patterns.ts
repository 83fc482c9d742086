/**
 * The sandbox's own reading of ChartHop event patterns (kept apart from the node's parser, so
 * tests compare two implementations): `code [filter]`, `*` = one segment, or the rest when last.
 */
export function splitPattern(pattern: string): { code: string; filter?: string } {
	const open = pattern.indexOf('[');
	if (open === -1) return { code: pattern.trim().toLowerCase() };
	const close = pattern.lastIndexOf(']');
	return {
		code: pattern.slice(0, open).trim().toLowerCase(),
		filter: pattern.slice(open + 1, close).trim(),
	};
}

export function globMatches(glob: string, code: string): boolean {
	const want = glob.split('.');
	const have = code.toLowerCase().split('.');
	for (let i = 0; i < want.length; i++) {
		if (want[i] === '*' && i === want.length - 1) return have.length > i;
		if (i >= have.length || (want[i] !== '*' && want[i] !== have[i])) return false;
	}
	return want.length === have.length;
}

export const validGlob = (glob: string) => /^(\*|[a-z0-9_]+)(\.(\*|[a-z0-9_]+))*$/.test(glob);
