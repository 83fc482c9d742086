import { json } from '../core/http';
import type { Router } from '../core/router';
import type { Change } from './changes';
import { changesFor } from './changes';
import type { CoresignalContext } from './context';

export interface DeliverOptions {
	/** How many random changes to send (default 1); ignored when `changes` is given. */
	count?: number;
	/** Exactly these elements (sent as they are, even if malformed). */
	changes?: unknown[];
	/** Force one status for the random changes. */
	status?: string;
	/** Deliver even when the subscription has expired. */
	force?: boolean;
}

/** `/_control/coresignal/…`: deliveries and a view of every key's subscriptions. */
export function registerCoresignalControl(router: Router, cs: CoresignalContext): void {
	router.get('/subscriptions', () =>
		json(
			200,
			cs.store.all().map((s) => ({ ...s, status: cs.store.status(s) })),
		),
	);

	router.post('/subscriptions/:id/deliver', async (req) => {
		const subscription = cs.store.find(req.params.id);
		if (!subscription) return json(404, { error: `No subscription ${req.params.id}` });
		const options = (req.body ?? {}) as DeliverOptions;
		if (!cs.store.isActive(subscription) && !options.force) {
			return json(409, { error: 'The subscription has expired: Coresignal would not deliver. Pass "force": true to send anyway.' });
		}
		const count = Math.max(0, Math.floor(options.count ?? 1));
		const changes: unknown[] =
			options.changes ??
			changesFor(subscription, count, cs.vendor.random(), cs.employees, options.status) satisfies Change[];
		const record = await cs.vendor.deliver(subscription.webhookUrl, changes, {
			source: 'coresignal',
			subscriptionId: subscription.id,
		});
		if (record.status >= 200 && record.status < 300) cs.store.markDelivered(subscription);
		return json(200, record);
	});

	router.get('/employees/:key', (req) => {
		const employee = cs.employees.find(req.params.key);
		return employee ? json(200, employee) : json(404, { error: `No employee ${req.params.key}` });
	});
}
