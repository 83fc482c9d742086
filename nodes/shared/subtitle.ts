/**
 * A node subtitle that shows `labels[key]`, or `fallback` for a key without a label. Both are
 * expressions over the node's parameters: the editor evaluates the subtitle like any expression.
 */
export function labelSubtitle(
	key: string,
	labels: Record<string, string>,
	fallback: string,
): string {
	return `={{ (${JSON.stringify(labels)})[${key}] ?? ${fallback} }}`;
}
