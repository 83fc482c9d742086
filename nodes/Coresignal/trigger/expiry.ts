const DAY_MS = 86_400_000;

/** Coresignal gives `YYYY-MM-DD` in lists and `2025-10-24T12:00:00.000000` from renew: both are UTC. */
export function parseCoresignalDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value) return undefined;
	const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
		? `${value}T23:59:59Z`
		: /[zZ]|[+-]\d{2}:?\d{2}$/.test(value)
			? value
			: `${value.replace(/(\.\d{3})\d+$/, '$1')}Z`;
	const millis = Date.parse(iso);
	return Number.isNaN(millis) ? undefined : millis;
}

export function isExpired(expiringAt: unknown, now = Date.now()): boolean {
	const millis = parseCoresignalDate(expiringAt);
	return millis !== undefined && millis <= now;
}

export function expiresWithinDays(expiringAt: unknown, days: number, now = Date.now()): boolean {
	const millis = parseCoresignalDate(expiringAt);
	return millis !== undefined && millis - now <= days * DAY_MS;
}
