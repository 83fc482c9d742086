/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import type { SandboxRequest } from '../core/http';
import type { Router } from '../core/router';
import type { AuthResult, VendorContext, VendorModule } from '../core/vendor';
import { credentialLabels, sandboxCredentials } from '../credentials';
import { registerCollect } from './collect';
import type { CoresignalConfig } from './config';
import { coresignalRateLimits, defaultCoresignalConfig } from './config';
import type { CoresignalContext } from './context';
import { detail } from './context';
import { registerCoresignalControl } from './control';
import { EmployeeDirectory } from './employees';
import { messages } from './guesses';
import { registerBulkCollect, resetBulk } from './bulk';
import { registerSearch } from './search';
import { registerSimulate } from './simulate';
import { registerSubscriptions } from './subscriptions';
import { SubscriptionStore } from './subscriptionStore';

/**
 * Coresignal's endpoint groups, one file each. ES DSL search and bulk collect go here too
 * (e.g. `search.ts`, `bulkCollect.ts` exporting `(router, cs) => void`).
 */
const endpointGroups: Array<(router: Router, cs: CoresignalContext) => void> = [
	registerSubscriptions,
	registerSimulate,
	registerCollect,
	registerSearch,
	registerBulkCollect,
];

const apiKeys: Record<string, string> = {
	[sandboxCredentials.coresignal.apiKey]: credentialLabels.coresignalApiKey,
	[sandboxCredentials.coresignal.otherApiKey]: credentialLabels.coresignalOtherApiKey,
};

function header(req: SandboxRequest, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** v2 wants the `apikey` header, v1 `Authorization: Bearer <JWT>`; wrong or missing → 401 `{detail}`. */
function authenticate(req: SandboxRequest, scheme: string | undefined): AuthResult {
	if (scheme === 'jwt') {
		const authorization = header(req, 'authorization');
		if (!authorization) return { ok: false, response: detail(401, messages.missingAuth) };
		const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
		if (token === sandboxCredentials.coresignal.jwt) return { ok: true, credential: credentialLabels.coresignalJwt };
		return { ok: false, response: detail(401, messages.invalidToken) };
	}
	const key = header(req, 'apikey');
	if (!key) return { ok: false, response: detail(401, messages.missingAuth) };
	const label = apiKeys[key];
	return label ? { ok: true, credential: label } : { ok: false, response: detail(401, messages.invalidApiKey) };
}

export type CoresignalOptions = Partial<CoresignalConfig>;

export function coresignalVendor(ctx: VendorContext, options: CoresignalOptions = {}) {
	let config: CoresignalConfig = { ...defaultCoresignalConfig, ...options };
	const store = new SubscriptionStore(ctx.clock, () => config, ctx.random);
	const employees = new EmployeeDirectory(
		() => ({ first: config.firstEmployeeId, count: config.employeeCount }),
		ctx.seed,
	);
	const cs: CoresignalContext = {
		vendor: ctx,
		config: () => config,
		store,
		employees,
		credits: { remaining: config.credits },
		timers: new Set(),
	};
	const stopTimers = () => {
		for (const timer of cs.timers) clearTimeout(timer);
		cs.timers.clear();
	};

	return {
		name: 'coresignal',
		prefix: '/coresignal/cdapi',
		/** In-process access for tests: the subscription store, the employee directory, credits. */
		store,
		employees,
		credits: cs.credits,
		rateLimits: coresignalRateLimits,
		register(router: Router) {
			for (const register of endpointGroups) register(router, cs);
		},
		registerControl(router: Router) {
			registerCoresignalControl(router, cs);
		},
		authenticate,
		rateLimited: () => detail(429, messages.rateLimited),
		notFound: () => detail(404, messages.notFound),
		errorBody: (_status: number, message: string) => ({ detail: message }),
		config: () => ({ ...config, credits: cs.credits.remaining }),
		configure(update: Record<string, unknown>) {
			const { credits, ...rest } = update as Partial<CoresignalConfig>;
			config = { ...config, ...rest };
			if (credits !== undefined) cs.credits.remaining = credits;
		},
		reset() {
			stopTimers();
			config = { ...defaultCoresignalConfig, ...options };
			cs.credits.remaining = config.credits;
			store.clear();
			resetBulk(cs);
		},
		state: () => ({
			credits: cs.credits.remaining,
			subscriptions: store.all().map((s) => ({ ...s, status: store.status(s) })),
		}),
		close: stopTimers,
	} satisfies VendorModule & Record<string, unknown>;
}

export type CoresignalVendor = ReturnType<typeof coresignalVendor>;
