/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { dirname } from 'node:path';

const coreDir = dirname(require.resolve('n8n-core/package.json'));

/**
 * Loads a module the way n8n-core itself resolves it. n8n-core ships its own (older) copies of
 * @n8n/di and @n8n/backend-common in its node_modules, and only those copies see the DI
 * container n8n-core's contexts read from.
 */
export function fromN8nCore<T>(request: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(request, { paths: [coreDir] })) as T;
}

type Container = (typeof import('@n8n/di'))['Container'];

export function n8nCoreContainer(): Container {
	return fromN8nCore<typeof import('@n8n/di')>('@n8n/di').Container;
}

/**
 * Every node context's helpers build n8n-core's SSHClientsManager, whose constructor starts a
 * one-minute cleanup interval that is never unref'd; clear it so the test process can exit.
 */
export function stopN8nCoreTimers() {
	const { SSHClientsManager } = fromN8nCore<{
		SSHClientsManager: new (...args: never[]) => unknown;
	}>('n8n-core/dist/execution-engine/ssh-clients-manager');
	const container = n8nCoreContainer();
	if (!container.has(SSHClientsManager)) return;
	const manager = container.get(SSHClientsManager) as { cleanupTimer?: NodeJS.Timeout };
	if (manager.cleanupTimer) clearInterval(manager.cleanupTimer);
}
