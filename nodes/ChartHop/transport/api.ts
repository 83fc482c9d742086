import type { IAllExecuteFunctions, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { statusAdvice } from '../../shared/errors';
import type {
	CredentialRequestOptions,
	VendorCallOptions,
	VendorProfile,
	VendorResponse,
} from '../../shared/request';
import { credentialRequest } from '../../shared/request';
import { DEFAULT_BASE_URL, DEFAULT_RATE_LIMIT, orgRoot, PAGE_SIZE } from './endpoints';

export const CREDENTIAL_TYPE = 'chartHopApi';

export interface ChartHopCall extends VendorCallOptions {
	method: IHttpRequestMethods;
	/** Path below the organization (see `PATHS` in endpoints.ts); empty for the org itself. */
	orgPath: string;
	body?: IDataObject;
	qs?: IDataObject;
}

export const describeChartHopFailure = statusAdvice('ChartHop', {
	400: 'ChartHop could not accept the request as sent. The message above says which part; check the node parameters.',
	401: 'Check the API token in the ChartHop credential (Settings → Apps & Integrations → your app).',
	403: "The ChartHop app's token lacks the access level this needs. Automated actions and events usually need an Owner or admin app; ask your ChartHop admin.",
	404: 'ChartHop does not know this id in this organization. Check the id and the Organization in the credential.',
	422: 'ChartHop rejected a value; the message above names it. Fix it and run the node again.',
});

const CHARTHOP: VendorProfile = {
	vendor: 'ChartHop',
	credentialType: CREDENTIAL_TYPE,
	defaultBaseUrl: DEFAULT_BASE_URL,
	// The webhook secret is never sent, but is kept out of messages like the token.
	secretFields: ['accessToken', 'webhookSecret'],
	describeFailure: describeChartHopFailure,
};

export async function chartHopRequest<T = unknown>(
	this: IAllExecuteFunctions,
	call: ChartHopCall,
): Promise<VendorResponse<T>> {
	const { method, orgPath, body, qs, ...options } = call;
	return await credentialRequest.call<
		IAllExecuteFunctions,
		[VendorProfile, CredentialRequestOptions],
		Promise<VendorResponse<T>>
	>(this, CHARTHOP, {
		...options,
		request: (credentials) => ({
			method,
			url: `${orgRoot(String(credentials.organization ?? '').trim())}${orgPath}`,
			body,
			qs,
		}),
		throttle: { scope: 'charthop', limit: DEFAULT_RATE_LIMIT },
	});
}

/** ChartHop's list shape: `{ data: [...], next: "<cursor>" }`; `next` goes back in as `from`. */
export interface ChartHopPage<T = IDataObject> {
	data?: T[];
	next?: string | number | null;
}

/** One page of a list from cursor `from` (the first page when undefined), with the cursor after it. */
export async function chartHopPage(
	this: IAllExecuteFunctions,
	orgPath: string,
	page: { qs?: IDataObject; from?: string | number; limit: number; itemIndex: number },
	call: Pick<ChartHopCall, 'deadline'> = {},
): Promise<{ data: IDataObject[]; next?: string }> {
	const { body } = await chartHopRequest.call<
		IAllExecuteFunctions,
		[ChartHopCall],
		Promise<VendorResponse<ChartHopPage>>
	>(this, {
		method: 'GET',
		orgPath,
		qs: { ...page.qs, from: page.from, limit: page.limit },
		itemIndex: page.itemIndex,
		deadline: call.deadline,
	});
	const next = body?.next;
	return {
		data: body?.data ?? [],
		next: next === undefined || next === null || next === '' ? undefined : String(next),
	};
}

/**
 * Follows `next` cursors until `limit` results (or every result when `limit` is undefined). Stops
 * when a cursor comes back a second time, so a vendor that repeats itself cannot loop forever.
 */
export async function chartHopList(
	this: IAllExecuteFunctions,
	orgPath: string,
	qs: IDataObject,
	limit: number | undefined,
	itemIndex: number,
	call: Pick<ChartHopCall, 'deadline'> = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const cursors = new Set<string>();
	let from: string | number | undefined = qs.from as string | number | undefined;
	do {
		const pageSize = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - results.length);
		const page = await chartHopPage.call(
			this,
			orgPath,
			{ qs, from, limit: pageSize, itemIndex },
			call,
		);
		results.push(...page.data);
		from = page.next;
		if (from !== undefined && cursors.has(from)) break;
		if (from !== undefined) cursors.add(from);
	} while (from !== undefined && (limit === undefined || results.length < limit));
	return limit === undefined ? results : results.slice(0, limit);
}
