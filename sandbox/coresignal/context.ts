import { json } from '../core/http';
import type { SandboxResponse } from '../core/http';
import type { VendorContext } from '../core/vendor';
import type { CoresignalConfig } from './config';
import type { EmployeeDirectory } from './employees';
import type { SubscriptionStore } from './subscriptionStore';

/** What each Coresignal endpoint file gets: the shared state of this sandbox's fake Coresignal. */
export interface CoresignalContext {
	vendor: VendorContext;
	config(): CoresignalConfig;
	store: SubscriptionStore;
	employees: EmployeeDirectory;
	credits: { remaining: number };
	/** Timers of pending simulated deliveries (cleared on reset). */
	timers: Set<NodeJS.Timeout>;
}

/** Coresignal's error shape: `{"detail": "..."}`. */
export const detail = (status: number, message: string, headers?: Record<string, string | number>): SandboxResponse =>
	json(status, { detail: message }, headers);
