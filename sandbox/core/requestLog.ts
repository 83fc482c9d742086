export interface LoggedRequest {
	seq: number;
	at: string;
	vendor?: string;
	method: string;
	/** Path from the sandbox root, without the query string. */
	path: string;
	query: Record<string, string>;
	/** The JSON body, or the form fields (file contents replaced by their name and size). */
	body?: unknown;
	contentType?: string;
	/** Credential label as the vendor recognised it; unknown secrets appear only as a short hash. */
	credential?: string;
	status?: number;
	/** Id of the injected fault that answered, if any. */
	fault?: number;
}

export interface RequestFilter {
	vendor?: string;
	method?: string;
	pathPrefix?: string;
	since?: number;
}

/** Every vendor request the sandbox received, oldest first. Never holds secrets in clear. */
export class RequestLog {
	private entries: LoggedRequest[] = [];

	private seq = 0;

	constructor(private readonly limit = 50_000) {}

	add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
		const logged = { ...entry, seq: ++this.seq };
		this.entries.push(logged);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return logged;
	}

	list(filter: RequestFilter = {}): LoggedRequest[] {
		return this.entries.filter(
			(e) =>
				(!filter.vendor || e.vendor === filter.vendor) &&
				(!filter.method || e.method === filter.method.toUpperCase()) &&
				(!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)) &&
				(filter.since === undefined || e.seq > filter.since),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
