/**
 * A URL as a list entry shows it: host and path, without the query. A trigger's callback URL
 * carries its secret in the query, and the name a user picks from a list is saved in the workflow.
 */
export function shownUrl(url: unknown): string | undefined {
	if (typeof url !== 'string' || !url.trim()) return undefined;
	try {
		const parsed = new URL(url.trim());
		return `${parsed.host}${parsed.pathname}`;
	} catch {
		return undefined;
	}
}
