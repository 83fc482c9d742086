/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import axios from 'axios';
import type { AxiosInstance } from 'axios';

import type { DeliveryRecord } from './core/deliver';
import { CORESIGNAL_API_KEY } from './credentials';
import type { Fault, FaultSpec } from './core/faults';
import type { RateLimitConfig } from './core/rateLimit';
import type { LoggedRequest, RequestFilter } from './core/requestLog';
import type { Action as ChartHopAction, AppSubscription, EmitInput, EmitResult } from './charthop/model';
import type { PersonInput } from './charthop/people';
import type { DeliverOptions } from './coresignal/control';
import type { CoresignalConfig } from './coresignal/config';
import type { Employee } from './coresignal/employees';
import type { HsDeliverOptions } from './humansourcing/control';
import type { HsElement, HsExampleName } from './humansourcing/deliveries';
import type { Subscription } from './coresignal/subscriptionStore';
import type { SandboxConfig, SandboxConfigUpdate } from './server';

export interface ClockState {
	now: string;
	offsetMs: number;
}

/** Base URLs to put in credentials. */
export function vendorUrls(sandboxUrl: string) {
	return {
		coresignal: `${sandboxUrl}/coresignal/cdapi`,
		charthop: `${sandboxUrl}/charthop`,
		humansourcing: `${sandboxUrl}/humansourcing`,
	};
}

/** Typed access to the sandbox's control API (`/_control`), for tests, the demo and benchmarks. */
export class SandboxClient {
	readonly http: AxiosInstance;

	readonly urls: ReturnType<typeof vendorUrls>;

	readonly coresignal = {
		/** Every key's subscriptions, with owner label and current status. */
		subscriptions: async () => await this.call<Array<Subscription & { status: string }>>('GET', '/coresignal/subscriptions'),
		/** Sends changes for a subscription to its webhook URL; returns what the receiver answered. */
		deliver: async (subscriptionId: string, options: DeliverOptions = {}) =>
			await this.call<DeliveryRecord>(
				'POST',
				`/coresignal/subscriptions/${encodeURIComponent(subscriptionId)}/deliver`,
				options,
			),
		/** The generated employee behind an id, shorthand name or profile URL (costs no credits). */
		employee: async (key: string | number) =>
			await this.call<Employee>('GET', `/coresignal/employees/${encodeURIComponent(String(key))}`),
		configure: async (update: Partial<CoresignalConfig>) =>
			await this.configure({ vendors: { coresignal: update as Record<string, unknown> } }),
		/** Deletes a subscription through Coresignal's API with the dev key, as someone in the dashboard would. */
		deleteSubscription: async (id: string) => {
			await this.http.request({
				method: 'DELETE',
				baseURL: '',
				url: `${this.urls.coresignal}/v2/subscriptions/${encodeURIComponent(id)}`,
				headers: { apikey: CORESIGNAL_API_KEY },
			});
		},
	};

	readonly humansourcing = {
		/** Pushes documented examples and/or random valid elements (or exact `elements`) to `url`, as Human Sourcing does. */
		deliver: async (options: HsDeliverOptions) =>
			await this.call<DeliveryRecord>('POST', '/humansourcing/deliver', options),
		/** The six documented example deliveries by name (`job.creation` … `candidate.delete`). */
		examples: async () => await this.call<Record<HsExampleName, HsElement[]>>('GET', '/humansourcing/examples'),
	};

	readonly charthop = {
		/** Adds a person to org acme and emits `change.create.hire`; returns the event and the deliveries it caused. */
		hire: async (person: Partial<PersonInput> = {}) => await this.call<EmitResult>('POST', '/charthop/hire', person),
		/** Emits any event (e.g. `{code: 'person.update', personId, fields}`) and runs matching actions. */
		emit: async (event: EmitInput) => await this.call<EmitResult>('POST', '/charthop/events', event),
		/** Sets the app's event notification URL and patterns, as ChartHop support would. */
		setApp: async (app: AppSubscription) => await this.call<AppSubscription>('PUT', '/charthop/app', app),
		clearApp: async () => await this.call('DELETE', '/charthop/app'),
		actions: async () => await this.call<ChartHopAction[]>('GET', '/charthop/actions'),
	};

	constructor(readonly url: string) {
		this.http = axios.create({ baseURL: `${url}/_control`, validateStatus: () => true });
		this.urls = vendorUrls(url);
	}

	private async call<T>(method: string, path: string, data?: unknown, params?: object): Promise<T> {
		const response = await this.http.request({ method, url: path, data, params });
		if (response.status >= 300) {
			const message = (response.data as { error?: string })?.error ?? JSON.stringify(response.data);
			throw new Error(`Sandbox control ${method} ${path} answered ${response.status}: ${message}`);
		}
		return response.data as T;
	}

	async reset(): Promise<void> {
		await this.call('POST', '/reset');
	}

	async state(): Promise<Record<string, unknown>> {
		return await this.call('GET', '/state');
	}

	async config(): Promise<SandboxConfig> {
		return await this.call('GET', '/config');
	}

	async configure(update: SandboxConfigUpdate): Promise<SandboxConfig> {
		return await this.call('PUT', '/config', update);
	}

	async setRateLimits(rateLimits: RateLimitConfig): Promise<SandboxConfig> {
		return await this.configure({ rateLimits });
	}

	async addFault(spec: FaultSpec): Promise<Fault> {
		return await this.call('POST', '/faults', spec);
	}

	async faults(): Promise<Fault[]> {
		return await this.call('GET', '/faults');
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}

	async requests(filter: RequestFilter = {}): Promise<LoggedRequest[]> {
		return await this.call('GET', '/requests', undefined, filter);
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', '/requests');
	}

	async clock(): Promise<ClockState> {
		return await this.call('GET', '/clock');
	}

	async advanceClock(by: { ms?: number; seconds?: number; days?: number }): Promise<ClockState> {
		return await this.call('POST', '/clock/advance', by);
	}

	/** POSTs `body` as JSON to `url` from the sandbox, like a vendor webhook. */
	async deliver(url: string, body: unknown, headers?: Record<string, string>): Promise<DeliveryRecord> {
		return await this.call('POST', '/deliver', { url, body, headers });
	}

	async deliveries(since = 0): Promise<DeliveryRecord[]> {
		return await this.call('GET', '/deliveries', undefined, { since });
	}

	/** Polls until at least `count` deliveries after `since` exist (for deliveries the sandbox sends on its own). */
	async waitForDeliveries(count: number, { since = 0, timeoutMs = 10_000 } = {}): Promise<DeliveryRecord[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = await this.deliveries(since);
			if (found.length >= count) return found;
			if (Date.now() > deadline) {
				throw new Error(`Expected ${count} deliveries within ${timeoutMs} ms, saw ${found.length}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}
}
