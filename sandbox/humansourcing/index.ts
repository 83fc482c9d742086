import type { Router } from '../core/router';
import type { VendorContext, VendorModule } from '../core/vendor';
import { registerHumanSourcingControl } from './control';

/**
 * Human Sourcing offers no API, only pushes to the customer's webhook: a JSON array of
 * `{event, type, data}` built from the documented examples or random valid variants
 * (see deliveries.ts), sent through the control API (`POST /_control/humansourcing/deliver`).
 * The site answers `HEAD|GET /` (the credential's reachability test).
 */
export function humanSourcingVendor(ctx: VendorContext) {
	let sent = 0;
	return {
		name: 'humansourcing',
		prefix: '/humansourcing',
		register(router: Router) {
			router.get('/', () => ({ status: 200, body: 'Human Sourcing (sandbox)' }), { auth: false });
		},
		registerControl(router: Router) {
			registerHumanSourcingControl(router, ctx, () => sent++);
		},
		reset() {
			sent = 0;
		},
		state: () => ({ deliveriesSent: sent }),
	} satisfies VendorModule & Record<string, unknown>;
}

export type HumanSourcingVendor = ReturnType<typeof humanSourcingVendor>;
