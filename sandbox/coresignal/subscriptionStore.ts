import type { Clock } from '../core/clock';
import type { Random } from '../core/random';
import type { ApiVersion, CreateEndpoint, Dataset, SubscriptionKind, SubscriptionMethod } from './catalog';
import type { CoresignalConfig } from './config';

const DAY_MS = 86_400_000;

export interface Subscription {
	id: string;
	/** Credential label of the key that created it: only that key sees it. */
	owner: string;
	version: ApiVersion;
	kind: SubscriptionKind;
	dataset: Dataset;
	method: SubscriptionMethod;
	entity: string;
	webhookUrl: string;
	ids?: number[];
	esDslQuery?: Record<string, unknown>;
	trackedFields?: string[];
	createdAt: number;
	expiringAt: number;
	lastWebhookSentAt?: number;
	renewals: number;
	/** Set when DELETE made it inactive (config `deletedSubscriptions: 'inactive'`). */
	deletedAt?: number;
}

export type RenewResult =
	| { ok: true; subscription: Subscription }
	| { ok: false; reason: 'not_found' | 'expired' | 'past_one_year' | 'initialising' };

/** `2025-04-24T12:00:00.000000`: the renew example's format (no zone, microseconds). */
export function dateTime(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** `2024-09-18`: the list's format. */
export function date(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** Coresignal's subscriptions for every key, in memory. Time comes from the sandbox clock. */
export class SubscriptionStore {
	private readonly subscriptions = new Map<string, Subscription>();

	constructor(
		private readonly clock: Clock,
		private readonly config: () => CoresignalConfig,
		private readonly random: () => Random,
	) {}

	isActive(subscription: Subscription): boolean {
		return subscription.deletedAt === undefined && subscription.expiringAt > this.clock.now();
	}

	status(subscription: Subscription): 'active' | 'expired' | 'inactive' {
		if (subscription.deletedAt !== undefined) return 'inactive';
		return this.isActive(subscription) ? 'active' : 'expired';
	}

	activeCount(owner: string): number {
		return [...this.subscriptions.values()].filter((s) => s.owner === owner && this.isActive(s)).length;
	}

	create(
		owner: string,
		endpoint: CreateEndpoint,
		input: { webhookUrl: string; ids?: number[]; esDslQuery?: Record<string, unknown>; trackedFields?: string[] },
	): Subscription {
		const now = this.clock.now();
		const subscription: Subscription = {
			id: this.random().uuid(),
			owner,
			version: endpoint.version,
			kind: endpoint.kind,
			dataset: endpoint.dataset,
			method: endpoint.method,
			entity: endpoint.entity,
			...input,
			createdAt: now,
			expiringAt: now + this.config().validityDays * DAY_MS,
			renewals: 0,
		};
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	/** The subscription if it exists and belongs to `owner` (API version must match as well). */
	get(owner: string, version: ApiVersion, id: string): Subscription | undefined {
		const subscription = this.subscriptions.get(id);
		return subscription && subscription.owner === owner && subscription.version === version
			? subscription
			: undefined;
	}

	/** Any subscription, for the control API. */
	find(id: string): Subscription | undefined {
		return this.subscriptions.get(id);
	}

	list(owner: string, version: ApiVersion, expired: boolean): Subscription[] {
		return [...this.subscriptions.values()]
			.filter((s) => s.owner === owner && s.version === version && this.isActive(s) === !expired)
			.sort((a, b) => a.createdAt - b.createdAt);
	}

	delete(owner: string, version: ApiVersion, id: string): boolean {
		const subscription = this.get(owner, version, id);
		if (!subscription) return false;
		if (this.config().deletedSubscriptions === 'inactive') subscription.deletedAt ??= this.clock.now();
		else this.subscriptions.delete(id);
		return true;
	}

	renew(owner: string, id: string): RenewResult {
		const subscription = this.get(owner, 'v2', id);
		if (!subscription) return { ok: false, reason: 'not_found' };
		const now = this.clock.now();
		const config = this.config();
		if (!this.isActive(subscription)) return { ok: false, reason: 'expired' };
		if (now - subscription.createdAt < config.initialisingMs) return { ok: false, reason: 'initialising' };
		const expiringAt = now + config.renewDays * DAY_MS;
		if (expiringAt > subscription.createdAt + config.maxLifetimeDays * DAY_MS) {
			return { ok: false, reason: 'past_one_year' };
		}
		subscription.expiringAt = Math.max(subscription.expiringAt, expiringAt);
		subscription.renewals++;
		return { ok: true, subscription };
	}

	markDelivered(subscription: Subscription): void {
		subscription.lastWebhookSentAt = this.clock.now();
	}

	all(): Subscription[] {
		return [...this.subscriptions.values()];
	}

	clear(): void {
		this.subscriptions.clear();
	}

	/** Create and renew answers. */
	summary(subscription: Subscription) {
		return {
			id: subscription.id,
			status: this.status(subscription),
			created_at: dateTime(subscription.createdAt),
			expiring_at: dateTime(subscription.expiringAt),
		};
	}

	/** One element of the list answer. */
	listItem(subscription: Subscription) {
		return {
			id: subscription.id,
			status: this.status(subscription),
			created_at: date(subscription.createdAt),
			expiring_at: date(subscription.expiringAt),
		};
	}

	/**
 * `GET /subscriptions/{id}`: the documented detail fields
 * (https://docs.coresignal.com/api/clean-employee-api-subscription-management), plus the URL if configured.
 */
	detail(subscription: Subscription) {
		const url = subscription.webhookUrl;
		const shown = {
			none: {},
			webhook_url: { webhook_url: url },
			webhookUrl: { webhookUrl: url },
			nested: { settings: { webhook: { url } } },
		}[this.config().detailWebhookUrl ?? 'none'];
		return {
			...this.listItem(subscription),
			entity: subscription.entity,
			es_dsl_query: subscription.esDslQuery ? JSON.stringify(subscription.esDslQuery) : null,
			filters: null,
			last_webhook_sent: subscription.lastWebhookSentAt ? date(subscription.lastWebhookSentAt) : null,
			...shown,
		};
	}
}
