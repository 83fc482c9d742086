/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
/**
 * The development credentials the sandbox accepts. They open nothing outside the sandbox.
 * Each is recognised by a label (the second Coresignal key is another account, for
 * "not yours" checks); the request log shows labels, never the values.
 */
export const sandboxCredentials = {
	coresignal: {
		/** 32 letters and digits, like a real Coresignal API key; sent as header `apikey`. */
		apiKey: 'sbxcoresignaldevapikey0000000001',
		/** Another account's key: sees none of the first key's subscriptions. */
		otherApiKey: 'sbxcoresignaldevapikey0000000002',
		/** Legacy v1 JWT, sent as `Authorization: Bearer …`. */
		jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzYW5kYm94LWRldiIsImlzcyI6ImhyLXNpZ25hbHMtc2FuZGJveCJ9.c2FuZGJveC1ub3Qtc2lnbmVk',
	},
	charthop: {
		accessToken: 'sbx-charthop-dev-token-0001',
		organization: 'acme',
		organizationId: '5f0c1a2b3c4d5e6f7a8b9c0d',
	},
	humansourcing: {
		headerName: 'X-Webhook-Secret',
		secret: 'sbx-humansourcing-dev-secret-0001',
	},
} as const;

/** Labels the sandbox logs instead of secrets. */
export const credentialLabels = {
	coresignalApiKey: 'coresignal:apikey:dev',
	coresignalOtherApiKey: 'coresignal:apikey:other',
	coresignalJwt: 'coresignal:jwt:dev',
	charthopToken: 'charthop:token:dev',
} as const;

export const CORESIGNAL_API_KEY = sandboxCredentials.coresignal.apiKey;
export const CORESIGNAL_OTHER_API_KEY = sandboxCredentials.coresignal.otherApiKey;
export const CORESIGNAL_JWT = sandboxCredentials.coresignal.jwt;
export const CHARTHOP_TOKEN = sandboxCredentials.charthop.accessToken;
export const CHARTHOP_ORG = sandboxCredentials.charthop.organization;
