/** The sandbox credentials created in a real n8n through its public API. */
import { sandboxCredentialData } from '../dev/sandbox-credentials';
import type { Sandbox } from '../sandbox/server';
import type { N8n } from './n8n';

export type CredentialRefs = Record<string, { id: string; name: string }>;

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
