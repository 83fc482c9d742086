import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { n8nCoreContainer } from './n8n-core-internals';

let initialised: Promise<void> | undefined;

/**
 * n8n's binary data store, set up as n8n sets it up at start (`initBinaryDataService` in
 * packages/cli/src/commands/base-command.ts): `BinaryDataService.init()` with the configured mode,
 * `filesystem` unless N8N_DEFAULT_BINARY_DATA_MODE says otherwise (queue mode uses the database
 * there, which the harness has not). Files go under the harness's throwaway N8N_USER_FOLDER.
 * Without this, n8n-core keeps every binary in memory as base64, a mode n8n 2.x no longer runs.
 */
export async function initBinaryData(): Promise<void> {
	initialised ??= n8nCoreContainer().get(BinaryDataService).init();
	await initialised;
}

/** The bytes of a binary output, wherever n8n stored them (file, or base64 in memory). */
export async function binaryBuffer(data: IBinaryData): Promise<Buffer> {
	return await n8nCoreContainer().get(BinaryDataService).getAsBuffer(data);
}
