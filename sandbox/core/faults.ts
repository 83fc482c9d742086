export type FaultAction =
	| 'respond'
	| 'drop'
	| 'truncate'
	| 'halve'
	| 'process-then-respond'
	| 'hang';

export interface FaultSpec {
	vendor?: string;
	method?: string;
	/** Prefix of the path from the sandbox root, e.g. `/coresignal/cdapi/v2/subscriptions`. */
	pathPrefix?: string;
	/** How many matching requests the fault applies to (default 1). */
	count?: number;
	/** `respond` (default): answer `status`; `drop`: close the connection without an answer; `truncate`: send half of the real body, then cut; `halve`: send half of the real body as if it were all of it (a damaged file served cleanly); `process-then-respond`: let the vendor act, then answer `status` instead (a gateway that failed after the work was done); `hang`: accept and never answer (until the sandbox closes). */
	action?: FaultAction;
	status?: number;
	body?: unknown;
	/** Seconds, sent as `Retry-After`. */
	retryAfter?: number;
}

export interface Fault extends FaultSpec {
	id: number;
	count: number;
	action: FaultAction;
	/** How many requests it has hit so far. */
	hits: number;
}

export interface FaultTarget {
	vendor?: string;
	method: string;
	fullPath: string;
}

/** Queued faults; the first one that matches a request takes it and counts down. */
export class FaultInjector {
	private faults: Fault[] = [];

	private nextId = 1;

	add(spec: FaultSpec): Fault {
		const action = spec.action ?? 'respond';
		if ((action === 'respond' || action === 'process-then-respond') && !spec.status)
			throw new Error(`A "${action}" fault needs a status`);
		const fault: Fault = { ...spec, action, count: spec.count ?? 1, id: this.nextId++, hits: 0 };
		this.faults.push(fault);
		return fault;
	}

	take(target: FaultTarget): Fault | undefined {
		const fault = this.faults.find(
			(f) =>
				(!f.vendor || f.vendor === target.vendor) &&
				(!f.method || f.method.toUpperCase() === target.method.toUpperCase()) &&
				(!f.pathPrefix || target.fullPath.startsWith(f.pathPrefix)),
		);
		if (!fault) return undefined;
		fault.hits++;
		if (fault.hits >= fault.count) this.faults = this.faults.filter((f) => f !== fault);
		return fault;
	}

	list(): Fault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}
}
