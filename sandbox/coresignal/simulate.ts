/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { json } from '../core/http';
import type { Router } from '../core/router';
import { simulatedChange } from './changes';
import type { CoresignalContext } from './context';
import { detail } from './context';
import { simulateResponse } from './guesses';
import { RequestError, validWebhookUrl } from './validation';

/**
 * `POST /v2/subscriptions/simulate` (and v1): accepts a webhook URL, answers at once, and a little
 * later (`simulateDelayMs`) POSTs one random change to it. Limited to 1 request per second.
 */
export function registerSimulate(router: Router, cs: CoresignalContext): void {
	for (const version of ['v1', 'v2'] as const) {
		router.post(
			`/${version}/subscriptions/simulate`,
			(req) => {
				if (req.bodyError) return detail(400, req.bodyError);
				let url: string;
				try {
					url = validWebhookUrl((req.body as Record<string, unknown> | undefined)?.webhook_url);
				} catch (error) {
					return detail((error as RequestError).status, (error as RequestError).message);
				}
				const payload = simulatedChange(version, cs.vendor.random(), cs.employees);
				const timer = setTimeout(() => {
					cs.timers.delete(timer);
					void cs.vendor.deliver(url, payload, { source: 'coresignal:simulate' });
				}, cs.config().simulateDelayMs);
				timer.unref();
				cs.timers.add(timer);
				return json(200, simulateResponse());
			},
			{ auth: version === 'v1' ? 'jwt' : 'apikey', rateGroup: 'simulate' },
		);
	}
}
