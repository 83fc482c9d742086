/** JSON text → value, or the parser's message when it is not JSON. */
export function parseJson(
	text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
}

/** JSON text → value; text that is not JSON comes back as it is (a vendor's plain-text error body). */
export function parseMaybeJson(text: string): unknown {
	const parsed = parseJson(text);
	return parsed.ok ? parsed.value : text;
}
