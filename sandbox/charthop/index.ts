import type { SandboxRequest } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import type { AuthResult, VendorContext, VendorModule } from '../core/vendor';
import { credentialLabels, sandboxCredentials } from '../credentials';
import { error, registerApi } from './api';
import { registerControl } from './control';
import { ChartHopModel } from './model';

const org = {
	id: sandboxCredentials.charthop.organizationId,
	slug: sandboxCredentials.charthop.organization,
	name: 'Acme Inc.',
};

function authenticate(req: SandboxRequest): AuthResult {
	const authorization = req.headers.authorization;
	if (!authorization) return { ok: false, response: error(401, 'Missing Authorization header') };
	const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
	if (token === sandboxCredentials.charthop.accessToken)
		return { ok: true, credential: credentialLabels.charthopToken };
	return { ok: false, response: error(401, 'Invalid or expired access token') };
}

/**
 * ChartHop org `acme` (by slug or id) with Bearer auth: the org (credential test), automated
 * actions, events, CQL validate/evaluate, and delivery of events to HTTP steps and to the app's
 * event notification URL. See api.ts for the routes and control.ts for the control API.
 */
export function chartHopVendor(ctx: VendorContext) {
	const model = new ChartHopModel(ctx, org.id);
	return {
		name: 'charthop',
		prefix: '/charthop',
		org,
		rateLimits: { api: null },
		register(router: Router) {
			router.get(
				'/v1/org/:org',
				(req) =>
					req.params.org === org.slug || req.params.org === org.id
						? json(200, org)
						: error(404, `Org ${req.params.org} not found`),
				{ auth: 'bearer', rateGroup: 'api' },
			);
			registerApi(router, model, org);
		},
		registerControl(router: Router) {
			registerControl(router, model);
		},
		model,
		authenticate,
		rateLimited: () => error(429, 'Too many requests'),
		notFound: () => error(404, 'Not found'),
		errorBody: (status: number, message: string) => ({ status, message }),
		reset: () => model.reset(),
		state: () => ({
			org,
			actions: [...model.actions.values()],
			events: model.events.length,
			app: model.app ?? null,
		}),
	} satisfies VendorModule & Record<string, unknown>;
}

export type ChartHopVendor = ReturnType<typeof chartHopVendor>;
