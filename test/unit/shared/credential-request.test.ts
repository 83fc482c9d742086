/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { IAllExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import type { CredentialRequestOptions, VendorProfile } from '../../../nodes/shared/request';
import { credentialRequest } from '../../../nodes/shared/request';
import type { RateLimit } from '../../../nodes/shared/throttle';
import { perSecond, throttle } from '../../../nodes/shared/throttle';

const acme: VendorProfile = {
	vendor: 'Acme',
	credentialType: 'acmeApi',
	defaultBaseUrl: 'https://api.acme.test/v3',
	secretFields: ['apiKey'],
	describeFailure: (status) => (status === 401 ? 'Check the API key.' : undefined),
};

interface Sent {
	credentialType: string;
	request: IHttpRequestOptions;
}

/** Calls `credentialRequest` with `credentials`; the vendor answers `answer` and nothing is spaced. */
async function send(
	credentials: Record<string, unknown>,
	call: Partial<CredentialRequestOptions> = {},
	answer: { statusCode: number; body?: unknown } = { statusCode: 200, body: {} },
) {
	const sent: Sent[] = [];
	const slots: Array<{ key: string; limit: RateLimit }> = [];
	const waitForSlot = jest
		.spyOn(throttle, 'waitForSlot')
		.mockImplementation(async (key: string, limit: RateLimit) => {
			slots.push({ key, limit });
			return Date.now();
		});
	const context = {
		getNode: () => ({ name: 'Acme', type: 'test', typeVersion: 1, parameters: {} }) as INode,
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, request: IHttpRequestOptions) => {
				sent.push({ credentialType, request });
				return { headers: {}, ...answer };
			},
		},
	} as unknown as IAllExecuteFunctions;
	try {
		const error = await credentialRequest
			.call(context, acme, { request: { method: 'GET', url: '/things' }, ...call })
			.then(
				() => undefined,
				(failure: Error & { description?: string }) => failure,
			);
		return { sent, slots, error };
	} finally {
		waitForSlot.mockRestore();
	}
}

const spaced = { throttle: { scope: 'acme:things', limit: perSecond(20) } };

describe('a call made with a vendor credential', () => {
	it("goes to the credential's Base URL, without its trailing slashes", async () => {
		const { sent } = await send({ apiKey: 'k-1', baseUrl: 'http://127.0.0.1:5678/v3//' });
		expect(sent[0].request.baseURL).toBe('http://127.0.0.1:5678/v3');
		expect(sent[0].request.url).toBe('/things');
	});

	it("goes to the vendor's Base URL when the credential has none", async () => {
		const { sent } = await send({ apiKey: 'k-1', baseUrl: '' });
		expect(sent[0].request.baseURL).toBe('https://api.acme.test/v3');
	});

	it("is authenticated by n8n with the profile's credential type", async () => {
		const { sent } = await send({ apiKey: 'k-1' });
		expect(sent[0].credentialType).toBe('acmeApi');
	});

	it('may build its request from the credential', async () => {
		const { sent } = await send(
			{ apiKey: 'k-1', organization: 'acme-corp' },
			{ request: (credentials) => ({ method: 'GET', url: `/org/${credentials.organization}` }) },
		);
		expect(sent[0].request.url).toBe('/org/acme-corp');
	});

	it('asks for JSON unless it says otherwise, and keeps its own headers', async () => {
		const { sent } = await send(
			{ apiKey: 'k-1' },
			{ request: { method: 'GET', url: '/things', headers: { 'x-trace': '1' } } },
		);
		expect(sent[0].request.headers).toEqual({ accept: 'application/json', 'x-trace': '1' });
		expect(sent[0].request.json).toBe(true);
	});

	it("waits for an answer as long as the credential's Timeout (Seconds) says", async () => {
		const { sent } = await send({ apiKey: 'k-1', timeoutSeconds: 7 });
		expect(sent[0].request.timeout).toBe(7000);
	});

	it("explains a failure with the vendor's advice", async () => {
		const { error } = await send({ apiKey: 'k-1' }, {}, { statusCode: 401 });
		expect(error?.description).toBe('Check the API key.');
	});

	it("explains a failure with the call's own advice first", async () => {
		const { error } = await send(
			{ apiKey: 'k-1' },
			{ describeFailure: () => 'This id is not yours.' },
			{ statusCode: 401 },
		);
		expect(error?.description).toBe('This id is not yours.');
	});

	it("never repeats the credential's key in an error", async () => {
		const apiKey = 'key_7d1e4b9a2c6f3e8d5a0b7c4e1f9a2d6b';
		const { error } = await send(
			{ apiKey },
			{},
			{ statusCode: 422, body: { detail: `unknown key ${apiKey}` } },
		);
		expect(error?.message).toBe('Acme answered 422: unknown key [redacted]');
		expect(JSON.stringify(error)).not.toContain(apiKey);
	});
});

describe('the throttle a call waits in', () => {
	it('is shared by credentials holding the same key and Base URL', async () => {
		const first = await send({ apiKey: 'k-1', baseUrl: 'http://127.0.0.1:5678/v3' }, spaced);
		const second = await send({ apiKey: 'k-1', baseUrl: 'http://127.0.0.1:5678/v3/' }, spaced);
		expect(second.slots[0].key).toBe(first.slots[0].key);
	});

	it('is another for another key', async () => {
		const first = await send({ apiKey: 'k-1' }, spaced);
		const second = await send({ apiKey: 'k-2' }, spaced);
		expect(second.slots[0].key).not.toBe(first.slots[0].key);
	});

	it('is another for another Base URL', async () => {
		const first = await send({ apiKey: 'k-1' }, spaced);
		const second = await send({ apiKey: 'k-1', baseUrl: 'http://127.0.0.1:5678/v3' }, spaced);
		expect(second.slots[0].key).not.toBe(first.slots[0].key);
	});

	it("keeps to the credential's Max Requests per Second when that is lower", async () => {
		const { slots } = await send({ apiKey: 'k-1', maxRequestsPerSecond: 5 }, spaced);
		expect(slots[0].limit).toEqual(perSecond(5));
	});

	it('is not waited in by a call that names no rate', async () => {
		const { slots, sent } = await send({ apiKey: 'k-1' });
		expect(slots).toHaveLength(0);
		expect(sent).toHaveLength(1);
	});
});
