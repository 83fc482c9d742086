/** n8n credential data for every credential type of the package, pointing at a running sandbox. */
import { vendorUrls } from '../sandbox/client';
import { sandboxCredentials } from '../sandbox/credentials';
import type { Sandbox } from '../sandbox/server';

export type SandboxCredentialData = Record<string, { name: string; data: Record<string, unknown> }>;

/** The same data for the in-process harness, the real-n8n e2e test, the demo and the benchmarks. */
export function sandboxCredentialData(sandbox: Pick<Sandbox, 'url'>): SandboxCredentialData {
	const urls = vendorUrls(sandbox.url);
	const { coresignal, charthop, humansourcing } = sandboxCredentials;
	return {
		coresignalApi: {
			name: 'Coresignal (sandbox)',
			data: { apiKey: coresignal.apiKey, baseUrl: urls.coresignal, maxRequestsPerSecond: 0 },
		},
		coresignalJwtApi: {
			name: 'Coresignal JWT (sandbox)',
			data: { token: coresignal.jwt, baseUrl: urls.coresignal, maxRequestsPerSecond: 0 },
		},
		chartHopApi: {
			name: 'ChartHop (sandbox)',
			data: {
				accessToken: charthop.accessToken,
				organization: charthop.organization,
				baseUrl: urls.charthop,
				maxRequestsPerSecond: 0,
			},
		},
		humanSourcingWebhookApi: {
			name: 'Human Sourcing (sandbox)',
			// The secret is what Human Sourcing sends: as ?token= (Secret in URL, the trigger's default)
			// or in the header named here (Header). The credential has no URL: nothing is called.
			data: { headerName: humansourcing.headerName, secret: humansourcing.secret },
		},
	};
}
