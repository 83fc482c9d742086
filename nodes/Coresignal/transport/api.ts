import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeCredentialDescription,
} from 'n8n-workflow';

import { statusAdvice } from '../../shared/errors';
import type {
	CredentialRequestOptions,
	VendorCallOptions,
	VendorProfile,
	VendorResponse,
} from '../../shared/request';
import { credentialRequest } from '../../shared/request';
import type { CoresignalBucket } from './endpoints';
import { CORESIGNAL_LIMITS, DEFAULT_BASE_URL } from './endpoints';

export type ApiVersion = 'v2' | 'v1';

export const credentialTypeFor = (version: ApiVersion) =>
	version === 'v1' ? 'coresignalJwtApi' : 'coresignalApi';

/** The credential each "API Version" asks for: an API key for v2, the legacy JWT for v1. */
/**
 * The API key credential is hidden for v1 rather than shown for v2: when the credentials' `show`
 * conditions cover every value of a parameter, n8n's editor takes that parameter for the
 * authentication selector, hides it, and sets it from whichever credential it picks (often v1).
 */
export const credentialsByVersion: INodeCredentialDescription[] = [
	{
		name: credentialTypeFor('v2'),
		required: true,
		displayOptions: { hide: { apiVersion: ['v1'] } },
	},
	{
		name: credentialTypeFor('v1'),
		required: true,
		displayOptions: { show: { apiVersion: ['v1'] } },
	},
];

export interface CoresignalCall extends VendorCallOptions {
	version: ApiVersion;
	method: IHttpRequestMethods;
	/** Path below the Base URL, starting with `/v1/` or `/v2/`. */
	path: string;
	bucket: CoresignalBucket;
	body?: IDataObject | IDataObject[] | Buffer | FormData;
	qs?: IDataObject;
	headers?: IDataObject;
	encoding?: IHttpRequestOptions['encoding'];
	json?: boolean;
}

export const describeCoresignalFailure = statusAdvice('Coresignal', {
	400: 'Coresignal could not accept the request as sent. The message above says which part; check the node parameters.',
	401: 'Check the API key in the Coresignal credential. Keys are managed in the Coresignal dashboard under API keys.',
	402: 'The Coresignal account is out of credits. Top up, or request fewer records (for example with a Limit).',
	403: 'This API key is not allowed to use this endpoint. Webhook subscriptions need a higher-tier Coresignal plan.',
	404: 'Coresignal does not know this id, or it belongs to another API key. Check the id and the credential.',
	409: 'Coresignal is still working on an identical or just-created request. Wait a few minutes and run the node again.',
	422: 'Coresignal rejected the input; the message above names the field. Fix that value and run the node again.',
	500: 'Coresignal had an internal error. If it persists, check that the endpoint and method are right for this dataset.',
});

/** v2 calls authenticate with the API key credential, v1 calls with the legacy JWT one. */
const profileOf = (version: ApiVersion): VendorProfile => ({
	vendor: 'Coresignal',
	credentialType: credentialTypeFor(version),
	defaultBaseUrl: DEFAULT_BASE_URL,
	secretFields: [version === 'v1' ? 'token' : 'apiKey'],
	describeFailure: describeCoresignalFailure,
});

export async function coresignalRequest<T = unknown>(
	this: IAllExecuteFunctions,
	call: CoresignalCall,
): Promise<VendorResponse<T>> {
	const { version, method, path, bucket, body, qs, headers, encoding, json, ...options } = call;
	const limit = CORESIGNAL_LIMITS[bucket];
	return await credentialRequest.call<
		IAllExecuteFunctions,
		[VendorProfile, CredentialRequestOptions],
		Promise<VendorResponse<T>>
	>(this, profileOf(version), {
		...options,
		request: { method, url: path, body, qs, headers, encoding, json },
		throttle: limit && { scope: `coresignal:${bucket}`, limit },
	});
}
