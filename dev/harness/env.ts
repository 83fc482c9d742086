/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core reads its instance settings (and writes an encryption-key file) under
 * N8N_USER_FOLDER the first time a context is built. Point it at a throwaway folder so tests
 * never touch the developer's own ~/.n8n. Imported first by the harness, before n8n-core.
 */
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'hr-signals-harness-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'hr-signals-harness-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
