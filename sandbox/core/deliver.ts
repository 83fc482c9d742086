/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import http from 'node:http';
import https from 'node:https';

export interface DeliveryRequest {
	url: string;
	body: unknown;
	headers?: Record<string, string>;
	/** Default 30 s. */
	timeoutMs?: number;
}

export interface DeliveryResult {
	url: string;
	/** 0 when no HTTP answer came back (see `error`). */
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** The answer parsed as JSON when possible, else the text. */
	body: unknown;
	error?: string;
}

export interface DeliveryRecord extends DeliveryResult {
	seq: number;
	at: string;
	/** Who sent it, e.g. `coresignal` or `control`. */
	source: string;
	/** Number of elements when the payload was an array. */
	size?: number;
	subscriptionId?: string;
	/** What the sandbox sent. */
	payload: unknown;
}

/** POSTs a JSON body the way a vendor's webhook sender would, and reports what the receiver answered. */
export async function postJson(delivery: DeliveryRequest): Promise<DeliveryResult> {
	const payload = Buffer.from(JSON.stringify(delivery.body));
	let target: URL;
	try {
		target = new URL(delivery.url);
	} catch {
		return { url: delivery.url, status: 0, headers: {}, body: null, error: 'Invalid URL' };
	}
	const client = target.protocol === 'https:' ? https : http;
	return await new Promise<DeliveryResult>((resolve) => {
		const req = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': payload.length,
					'user-agent': 'hr-signals-sandbox/1.0',
					...delivery.headers,
				},
				timeout: delivery.timeoutMs ?? 30_000,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: unknown = text;
					try {
						body = text ? JSON.parse(text) : null;
					} catch {
						// Not JSON: keep the text.
					}
					resolve({ url: delivery.url, status: res.statusCode ?? 0, headers: res.headers, body });
				});
				res.on('error', (error) =>
					resolve({ url: delivery.url, status: 0, headers: {}, body: null, error: error.message }),
				);
			},
		);
		req.on('timeout', () => req.destroy(new Error('Timed out waiting for the receiver')));
		req.on('error', (error) =>
			resolve({ url: delivery.url, status: 0, headers: {}, body: null, error: error.message }),
		);
		req.end(payload);
	});
}

/** Delivers and remembers each delivery, so tests can see what the sandbox sent on its own (e.g. simulate). */
export class Deliveries {
	private records: DeliveryRecord[] = [];

	private seq = 0;

	async send(
		source: string,
		delivery: DeliveryRequest,
		meta: { subscriptionId?: string; at: string },
	): Promise<DeliveryRecord> {
		const result = await postJson(delivery);
		const record: DeliveryRecord = {
			...result,
			seq: ++this.seq,
			at: meta.at,
			source,
			size: Array.isArray(delivery.body) ? delivery.body.length : undefined,
			subscriptionId: meta.subscriptionId,
			payload: delivery.body,
		};
		this.records.push(record);
		return record;
	}

	list(since = 0): DeliveryRecord[] {
		return this.records.filter((r) => r.seq > since);
	}

	clear(): void {
		this.records = [];
	}
}
