/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { vendorUrls } from '../../sandbox/client';
import { sandboxCredentials } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { Harness } from '../harness';

// Each credential's "Test" button, run the way n8n runs it (its own test request, resolved and
// authenticated by n8n-core) against the sandbox: it passes with the sandbox's secret and fails
// with a wrong one.
const { coresignal, charthop, humansourcing } = sandboxCredentials;

let sandbox: Sandbox;
let harness: Harness;
let urls: ReturnType<typeof vendorUrls>;

beforeAll(async () => {
	sandbox = await startSandbox();
	urls = vendorUrls(sandbox.url);
	harness = await Harness.start();
});

afterAll(async () => {
	await harness?.close();
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.reset();
	harness.logs.clear();
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

	it('fails with 401 for a wrong API key', async () => {
		const result = await harness.testCredential('coresignalApi', {
			apiKey: 'wrongwrongwrongwrongwrongwrong00',
			baseUrl: urls.coresignal,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 401 });
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

	it('fails with 401 for a wrong token', async () => {
		const result = await harness.testCredential('coresignalJwtApi', {
			token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lLWVsc2UifQ.d3Jvbmc',
			baseUrl: urls.coresignal,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 401 });
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

	it('fails with 401 for a wrong token', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: 'sbx-charthop-wrong-token',
			organization: charthop.organization,
			baseUrl: urls.charthop,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 401 });
	});

	it('fails with 404 for an organization the token does not belong to', async () => {
		const result = await harness.testCredential('chartHopApi', {
			accessToken: charthop.accessToken,
			organization: 'someone-else',
			baseUrl: urls.charthop,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 404 });
	});
});

// Human Sourcing calls n8n; it offers no API that could check the header name and secret, which
// only n8n itself verifies on each delivery (see the Human Sourcing Trigger tests). So the test
// can only prove the Human Sourcing URL is reachable, and a wrong secret cannot make it fail.
describe('Human Sourcing Webhook API', () => {
	it('passes when Human Sourcing is reachable', async () => {
		const result = await harness.testCredential('humanSourcingWebhookApi', {
			headerName: humansourcing.headerName,
			secret: humansourcing.secret,
			baseUrl: urls.humansourcing,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest()).toMatchObject({ method: 'HEAD', path: '/humansourcing/' });
	});

	it('fails when the Human Sourcing URL does not answer', async () => {
		const result = await harness.testCredential('humanSourcingWebhookApi', {
			headerName: humansourcing.headerName,
			secret: humansourcing.secret,
			baseUrl: `${sandbox.url}/not-human-sourcing`,
		});

		expect(result).toMatchObject({ status: 'Error', statusCode: 404 });
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

	for (const secret of [coresignal.apiKey, coresignal.jwt, charthop.accessToken]) {
		expect(harness.logs.contains(secret)).toBe(false);
	}
});
