/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { vendorUrls } from '../../sandbox/client';
import { sandboxCredentials } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import type { Harness } from '../../dev/harness';
import { SandboxHarness } from '../../dev/sandbox-harness';

// Each credential's "Test" button, run the way n8n runs it (its own test request, resolved and
// authenticated by n8n-core) against the sandbox: it passes with the sandbox's secret and fails
// with a wrong one.
const { coresignal, charthop, humansourcing } = sandboxCredentials;

let env: SandboxHarness;
let sandbox: Sandbox;
let harness: Harness;
let urls: ReturnType<typeof vendorUrls>;

beforeAll(async () => {
	env = await SandboxHarness.start();
});

afterAll(async () => {
	await env?.close();
});

beforeEach(async () => {
	await env.freshSandbox();
	({ harness, sandbox } = env);
	urls = vendorUrls(sandbox.url);
});

function lastRequest() {
	return sandbox.requests.list().at(-1);
}

it('covers every credential type the package ships', () => {
	expect(harness.types.credentialTypeNames().sort()).toEqual(
		['chartHopApi', 'coresignalApi', 'coresignalJwtApi', 'humanSourcingWebhookApi'].sort(),
	);
});

describe('Coresignal API', () => {
	it('passes with the right API key, sent as the apikey header', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: coresignal.apiKey,
			baseUrl: urls.coresignal,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest()).toMatchObject({
			method: 'GET',
			path: '/coresignal/cdapi/v2/subscriptions',
			credential: 'coresignal:apikey:dev',
		});
	});

	it('accepts a Base URL with a trailing slash', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: coresignal.apiKey,
			baseUrl: `${urls.coresignal}/`,
		});

		expect(result.status).toBe('OK');
	});

	it('fails for a wrong API key, saying to check API Key', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: 'wrongwrongwrongwrongwrongwrong00',
			baseUrl: urls.coresignal,
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 401,
			message: expect.stringMatching(/^Coresignal did not accept the API Key .*check API Key/),
		});
	});

	it('fails for a Base URL without /cdapi, saying Base URL must end in /cdapi', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: coresignal.apiKey,
			baseUrl: urls.coresignal.replace(/\/cdapi$/, ''),
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 404,
			message: expect.stringMatching(/check Base URL, it must end in \/cdapi/),
		});
		expect(result.message).not.toContain('API Key');
	});

	it('fails for a Base URL with a version after /cdapi, saying nothing may follow /cdapi', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: coresignal.apiKey,
			baseUrl: `${urls.coresignal}/v2`,
		});

		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('/cdapi with nothing after it'),
		});
	});
});

describe('Coresignal Legacy (JWT) API', () => {
	it('passes with the right token, sent as a Bearer token', async () => {
		const result = await harness.testCredential('coresignalJwtApi', {
			token: coresignal.jwt,
			baseUrl: urls.coresignal,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest()).toMatchObject({
			path: '/coresignal/cdapi/v1/subscriptions',
			credential: 'coresignal:jwt:dev',
		});
	});

	it('fails for a wrong token, saying to check JWT Token', async () => {
		const result = await harness.testCredential('coresignalJwtApi', {
			token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.d3Jvbmc',
			baseUrl: urls.coresignal,
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 401,
			message: expect.stringMatching(/^Coresignal did not accept the JWT Token .*check JWT Token/),
		});
	});

	it('fails for a Base URL without /cdapi, naming Base URL and the API key credential', async () => {
		const result = await harness.testCredential('coresignalJwtApi', {
			token: coresignal.jwt,
			baseUrl: urls.coresignal.replace(/\/cdapi$/, ''),
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 404,
			message: expect.stringMatching(/check Base URL, it must end in \/cdapi.*API key/),
		});
	});
});

describe('ChartHop API', () => {
	it('passes with the right token and organization', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: charthop.accessToken,
			organization: charthop.organization,
			baseUrl: urls.charthop,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest()).toMatchObject({
			path: `/charthop/v1/org/${charthop.organization}`,
			credential: 'charthop:token:dev',
		});
	});

	it('passes with the organization ID instead of its slug', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: charthop.accessToken,
			organization: charthop.organizationId,
			baseUrl: urls.charthop,
		});

		expect(result.status).toBe('OK');
	});

	it('fails for a wrong token, saying to check API Token', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: 'sbx-charthop-wrong-token',
			organization: charthop.organization,
			baseUrl: urls.charthop,
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 401,
			message: expect.stringMatching(/^ChartHop did not accept the API Token .*check API Token/),
		});
	});

	it('fails for an organization the token does not belong to, saying to check Organization', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: charthop.accessToken,
			organization: 'someone-else',
			baseUrl: urls.charthop,
		});

		expect(result).toEqual({
			status: 'Error',
			statusCode: 404,
			message: expect.stringMatching(/^ChartHop knows no organization .*check Organization/),
		});
		expect(result.message).not.toContain('API Token');
	});

	it('fails for a Base URL with a path, pointing at Base URL after Organization', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: charthop.accessToken,
			organization: charthop.organization,
			baseUrl: `${urls.charthop}/v1`,
		});

		expect(result).toMatchObject({
			status: 'Error',
			statusCode: 404,
			message: expect.stringMatching(/If it is right, check Base URL: .*, with no path\.$/),
		});
	});
});

// Human Sourcing calls n8n and offers no API that could check a secret (n8n checks it on every
// delivery, see the Human Sourcing Trigger tests). Its "Test" is the trigger's credential test
// (testedBy), which checks the secret's form without calling anything.
describe('Human Sourcing Webhook API', () => {
	const test = async (data: { secret: string; headerName?: string }) =>
		await harness.testCredential('humanSourcingWebhookApi', data);

	it('passes with a secret that works in the URL and in a header, without calling anything', async () => {
		const requestsBefore = sandbox.requests.list().length;
		const result = await test({
			headerName: humansourcing.headerName,
			secret: humansourcing.secret,
		});

		expect(result).toEqual({
			status: 'OK',
			message: expect.stringContaining('can be used in the URL'),
		});
		expect(sandbox.requests.list()).toHaveLength(requestsBefore);
	});

	it('fails for a secret shorter than 16 characters, saying how long it must be', async () => {
		const result = await test({ headerName: humansourcing.headerName, secret: 'abc' });

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^The webhook secret is too short\. .*at least 16 .*it has 3\.$/,
			),
		});
	});

	it('fails for a secret that cannot travel in the URL, saying it works with Header only', async () => {
		const result = await test({
			headerName: humansourcing.headerName,
			secret: 'long+secret/with=base64chars',
		});

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('works with Header authentication only'),
		});
	});

	it('fails for a secret no HTTP header can carry', async () => {
		const result = await test({ secret: ' padded-secret-0123456789 ' });

		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('HTTP header'),
		});
	});

	it('fails for a header name HTTP cannot carry', async () => {
		const result = await test({ headerName: 'X Webhook Secret', secret: humansourcing.secret });

		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('"X Webhook Secret" is not an HTTP header name'),
		});
	});
});

it('never logs a secret while testing credentials', async () => {
	await harness.testCredential('coresignalApi', {
		apiKey: coresignal.apiKey,
		baseUrl: urls.coresignal,
	});
	await harness.testCredential('coresignalJwtApi', {
		token: coresignal.jwt,
		baseUrl: urls.coresignal,
	});
	await harness.testCredential('chartHopApi', {
		accessToken: charthop.accessToken,
		organization: charthop.organization,
		baseUrl: urls.charthop,
	});
	await harness.testCredential('humanSourcingWebhookApi', {
		headerName: humansourcing.headerName,
		secret: humansourcing.secret,
	});

	for (const secret of [
		coresignal.apiKey,
		coresignal.jwt,
		charthop.accessToken,
		humansourcing.secret,
	]) {
		expect(harness.logs.contains(secret)).toBe(false);
	}
});
