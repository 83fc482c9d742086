/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { sandboxCredentials } from './credentials';
import { startSandbox } from './server';

/** `npm run sandbox [-- --port 5679 --latency 0 --seed 42]`: the sandbox in the foreground until Ctrl+C. */
function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? undefined : Number(process.argv[index + 1]);
	return value === undefined || Number.isNaN(value) ? fallback : value;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		port: flag('port', 5679),
		latencyMs: flag('latency', 0),
		seed: flag('seed', 42),
	});
	const { coresignal, charthop, humansourcing } = sandboxCredentials;
	const lines = [
		`HR signals sandbox on ${sandbox.url}`,
		'',
		'Base URLs for credentials:',
		`  Coresignal        ${sandbox.client.urls.coresignal}`,
		`  ChartHop          ${sandbox.client.urls.charthop}`,
		`  Human Sourcing    ${sandbox.client.urls.humansourcing}`,
		'',
		'Dev credentials:',
		`  Coresignal API key        ${coresignal.apiKey}`,
		`  Coresignal other account  ${coresignal.otherApiKey}`,
		`  Coresignal legacy JWT     ${coresignal.jwt}`,
		`  ChartHop token / org      ${charthop.accessToken} / ${charthop.organization}`,
		`  Human Sourcing header     ${humansourcing.headerName}: ${humansourcing.secret}`,
		'',
		`Control API: ${sandbox.url}/_control/state (reset, config, faults, requests, clock, deliver)`,
		'Ctrl+C stops.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
