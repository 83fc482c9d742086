import type { SandboxConfigUpdate, SandboxInternals } from '../server';
import type { FaultSpec } from './faults';
import { json } from './http';
import type { Router } from './router';

const DAY_MS = 86_400_000;

function record(body: unknown): Record<string, unknown> {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function optionalNumber(value: string | undefined): number | undefined {
	return value === undefined || value === '' ? undefined : Number(value);
}

/** `/_control/…`: what tests, the demo and benchmarks use to steer the sandbox. */
export function registerControlApi(router: Router, sandbox: SandboxInternals): void {
	router.post('/reset', () => {
		sandbox.reset();
		return json(200, { ok: true });
	});

	router.get('/state', () => json(200, sandbox.state()));

	router.get('/config', () => json(200, sandbox.config()));
	router.on(['PUT', 'PATCH'], '/config', (req) =>
		json(200, sandbox.configure(record(req.body) as SandboxConfigUpdate)),
	);

	router.get('/faults', () => json(200, sandbox.faults.list()));
	router.post('/faults', (req) => json(201, sandbox.faults.add(record(req.body) as FaultSpec)));
	router.delete('/faults', () => {
		sandbox.faults.clear();
		return json(200, { ok: true });
	});

	router.get('/requests', (req) =>
		json(
			200,
			sandbox.requests.list({
				vendor: req.query.vendor,
				method: req.query.method,
				pathPrefix: req.query.pathPrefix,
				since: optionalNumber(req.query.since),
			}),
		),
	);
	router.delete('/requests', () => {
		sandbox.requests.clear();
		return json(200, { ok: true });
	});

	router.get('/clock', () => json(200, sandbox.clock.state()));
	router.post('/clock/advance', (req) => {
		const { ms = 0, seconds = 0, days = 0 } = record(req.body) as Record<string, number>;
		const total = Number(ms) + Number(seconds) * 1000 + Number(days) * DAY_MS;
		if (!Number.isFinite(total)) throw new Error('Give "ms", "seconds" or "days" as numbers');
		sandbox.clock.advance(total);
		return json(200, sandbox.clock.state());
	});

	router.post('/deliver', async (req) => {
		const { url, body, headers } = record(req.body);
		if (typeof url !== 'string') throw new Error('"url" is required');
		return json(200, await sandbox.deliver(url, body, { headers: headers as Record<string, string> }));
	});
	router.get('/deliveries', (req) => json(200, sandbox.deliveries.list(optionalNumber(req.query.since))));
	router.delete('/deliveries', () => {
		sandbox.deliveries.clear();
		return json(200, { ok: true });
	});
}
