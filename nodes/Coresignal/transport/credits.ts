import type { IDataObject } from 'n8n-workflow';

/** `x-credits-remaining` as a number, when Coresignal sent it. */
export function creditsRemaining(headers: IDataObject): number | undefined {
	const value = headers['x-credits-remaining'];
	if (value === undefined || value === null || value === '') return undefined;
	const credits = Number(value);
	return Number.isFinite(credits) ? credits : undefined;
}

/** The `_meta` field added to output items, so HR ops can watch credit spend in the workflow itself. */
export function metaField(credits: number | undefined, extra: IDataObject = {}): IDataObject {
	return { _meta: { creditsRemaining: credits ?? null, ...extra } };
}
