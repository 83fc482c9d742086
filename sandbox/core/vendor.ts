import type { Clock } from './clock';
import type { Deliveries } from './deliver';
import type { SandboxRequest, SandboxResponse } from './http';
import type { Random } from './random';
import type { RateLimitRule } from './rateLimit';
import type { Router } from './router';

/** What the sandbox hands every vendor module. */
export interface VendorContext {
	clock: Clock;
	/** Seeded per sandbox; re-seeded on reset. */
	random: () => Random;
	seed: number;
	/** Sends a webhook and records it in the delivery log. */
	deliver: (
		url: string,
		body: unknown,
		meta?: { source?: string; subscriptionId?: string; headers?: Record<string, string> },
	) => ReturnType<Deliveries['send']>;
}

export type AuthResult =
	| { ok: true; credential: string }
	| { ok: false; response: SandboxResponse; credential?: string };

/**
 * One fake vendor API. The server mounts `register`'s routes under `prefix` and the optional
 * `registerControl` routes under `/_control/<name>`, checks auth with `authenticate` for routes
 * that ask for it, and answers rate-limited requests with `rateLimited`.
 */
export interface VendorModule {
	name: string;
	/** Where the vendor's API lives, e.g. `/coresignal/cdapi`. */
	prefix: string;
	register(router: Router): void;
	registerControl?(router: Router): void;
	/** Called for routes whose `auth` is not false; `scheme` is the route's `auth` value. */
	authenticate?(req: SandboxRequest, scheme: string | undefined): AuthResult;
	/** Default limits per rate group. */
	rateLimits?: Record<string, RateLimitRule | null>;
	/** The vendor's own 429 answer (the server adds `Retry-After`). */
	rateLimited?(req: SandboxRequest, retryAfterSeconds: number): SandboxResponse;
	/** The vendor's own 404/405 answer for unknown paths. */
	notFound?(req: SandboxRequest, allowed: string[]): SandboxResponse;
	/** The vendor's error body for a message, used for injected faults without a body. */
	errorBody?(status: number, message: string): unknown;
	/** Vendor settings (e.g. credits); `configure` merges a partial update. */
	config?(): unknown;
	configure?(update: Record<string, unknown>): void;
	/** Back to the state and settings the sandbox started with. */
	reset(): void;
	state(): unknown;
	/** Stops timers the vendor started (e.g. delayed simulations). */
	close?(): void;
}

export type VendorFactory<T extends VendorModule = VendorModule> = (
	ctx: VendorContext,
	options?: Record<string, unknown>,
) => T;
