import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import type { Dataset } from '../subscriptions/spec';
import type { ApiVersion } from './api';
import { coresignalRequest } from './api';
import { creditsRemaining } from './credits';
import { searchPath, subscriptionsPath } from './endpoints';

export interface SearchPage {
	results: unknown[];
	creditsRemaining?: number;
	totalResults?: number;
}

/**
 * ES DSL search pages, following the `x-next-page-after` cursor until it is missing or a page
 * comes back empty. The cursor can hold quotes and commas (`26.8,"2025-02-25",6428995`), so it is
 * URL-encoded here rather than left to the HTTP client's looser query encoding.
 */
export async function* searchPages(
	this: IAllExecuteFunctions,
	options: {
		version: ApiVersion;
		dataset: Dataset;
		query: IDataObject;
		preview: boolean;
		pageSize?: number;
		itemIndex?: number;
	},
): AsyncGenerator<SearchPage> {
	const path = searchPath(options.version, options.dataset, options.preview);
	let after: string | undefined;
	for (;;) {
		const response = await coresignalRequest.call(this, {
			version: options.version,
			method: 'POST',
			path: after === undefined ? path : `${path}?after=${encodeURIComponent(after)}`,
			bucket: 'search',
			// A search reads; sending it again after a 502 returns the same page.
			idempotent: true,
			body: options.query,
			qs: options.pageSize ? { items_per_page: options.pageSize } : undefined,
			itemIndex: options.itemIndex,
		});
		const results = Array.isArray(response.body) ? (response.body as unknown[]) : [];
		const total = Number(response.headers['x-total-results']);
		yield {
			results,
			creditsRemaining: creditsRemaining(response.headers),
			totalResults: Number.isFinite(total) ? total : undefined,
		};
		const next = response.headers['x-next-page-after'];
		if (results.length === 0 || next === undefined || next === null || next === '') return;
		after = String(next);
	}
}

/** One page of the subscription list (`?expired=…&page=N`, counted from 1); [] past the last. */
export async function subscriptionPage(
	this: IAllExecuteFunctions,
	options: { version: ApiVersion; expired: boolean; page: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const response = await coresignalRequest.call(this, {
		version: options.version,
		method: 'GET',
		path: subscriptionsPath(options.version),
		bucket: 'subscriptions',
		qs: { expired: options.expired, page: options.page },
		itemIndex: options.itemIndex,
	});
	return Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
}

/**
 * Subscription list pages (`?page=1,2,…`, about 1,000 each). "About" means a short page does not
 * prove it is the last, so the walk stops only at an empty page.
 */
export async function* subscriptionPages(
	this: IAllExecuteFunctions,
	options: { version: ApiVersion; expired: boolean; itemIndex?: number },
): AsyncGenerator<IDataObject[]> {
	for (let page = 1; ; page++) {
		const subscriptions = await subscriptionPage.call(this, { ...options, page });
		if (subscriptions.length === 0) return;
		yield subscriptions;
	}
}
