/** n8n credentials for every credential type of the package, pointing at a running sandbox. */
import { vendorUrls } from '../sandbox/client';
import { sandboxCredentials } from '../sandbox/credentials';
import type { Sandbox } from '../sandbox/server';
import type { N8n } from './n8n';

export type CredentialRefs = Record<string, { id: string; name: string }>;

export function sandboxCredentialData(
	sandbox: Pick<Sandbox, 'url'>,
): Record<string, { name: string; data: Record<string, unknown> }> {
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

/** Creates one credential per type through n8n's public API; returns them by type for importWorkflow. */
export async function createSandboxCredentials(
	n8n: N8n,
	sandbox: Pick<Sandbox, 'url'>,
): Promise<CredentialRefs> {
	const refs: CredentialRefs = {};
	for (const [type, { name, data }] of Object.entries(sandboxCredentialData(sandbox))) {
		const created = await n8n.createCredential(name, type, data);
		refs[type] = { id: created.id, name: created.name };
	}
	return refs;
}
