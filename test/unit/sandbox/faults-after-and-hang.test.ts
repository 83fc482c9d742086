/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { sandboxCredentials } from '../../../sandbox/credentials';
import { sandboxPerFile } from './support';

const env = sandboxPerFile();

const createSubscription = () =>
	fetch(`${env.sandbox.url}/coresignal/cdapi/v2/subscriptions/employee_clean/es_dsl`, {
		method: 'POST',
		headers: { apikey: sandboxCredentials.coresignal.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({
			webhook_url: 'https://n8n.example/webhook/x?token=t',
			es_dsl_query: { query: { match_all: {} } },
		}),
	});

describe('sandbox faults that model a vendor which acted but did not say so', () => {
	it('process-then-respond: the vendor creates the subscription, the caller gets the injected status', async () => {
		await env.sandbox.client.addFault({
			vendor: 'coresignal',
			method: 'POST',
			action: 'process-then-respond',
			status: 502,
		});

		const response = await createSubscription();

		expect(response.status).toBe(502);
		expect(await env.sandbox.client.coresignal.subscriptions()).toHaveLength(1);
	});

	it('hang: the vendor never answers, and nothing is created', async () => {
		await env.sandbox.client.addFault({ vendor: 'coresignal', method: 'POST', action: 'hang' });

		const outcome = await Promise.race([
			createSubscription().then(() => 'answered'),
			new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300)),
		]);

		expect(outcome).toBe('still waiting');
		expect(await env.sandbox.client.coresignal.subscriptions()).toHaveLength(0);
	});
});
