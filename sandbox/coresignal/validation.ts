import type { CreateEndpoint } from './catalog';
import { FORBIDDEN_QUERY_FIELDS, TRACKABLE_FIELDS } from './catalog';
import { ALLOWED_WEBHOOK_PROTOCOLS, IDS_BODY_FIELD, messages, TRACKED_FIELDS_ON_EXPERIENCE } from './guesses';

export class RequestError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

const invalid = (message: string) => new RequestError(422, message);

export function validWebhookUrl(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') throw invalid(`webhook_url: ${messages.invalidWebhookUrl}`);
	try {
		const url = new URL(value);
		if (!ALLOWED_WEBHOOK_PROTOCOLS.includes(url.protocol) || !url.hostname) throw new Error();
	} catch {
		throw invalid(`webhook_url: ${messages.invalidWebhookUrl}`);
	}
	return value;
}

function mentionsField(node: unknown, fields: string[]): string | undefined {
	if (Array.isArray(node)) {
		for (const item of node) {
			const found = mentionsField(item, fields);
			if (found) return found;
		}
		return undefined;
	}
	if (typeof node === 'string') return fields.find((f) => node === f || node.startsWith(`${f}.`));
	if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			const found = fields.find((f) => key === f || key.startsWith(`${f}.`)) ?? mentionsField(value, fields);
			if (found) return found;
		}
	}
	return undefined;
}

export interface CreateInput {
	webhookUrl: string;
	ids?: number[];
	esDslQuery?: Record<string, unknown>;
	trackedFields?: string[];
}

/** Checks a create body for `endpoint` the way Coresignal's documented 400/422 answers describe. */
export function parseCreateBody(endpoint: CreateEndpoint, body: unknown, maxIds: number): CreateInput {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw invalid('body: expected a JSON object');
	}
	const record = body as Record<string, unknown>;
	const input: CreateInput = { webhookUrl: validWebhookUrl(record.webhook_url) };

	if (endpoint.method === 'ids') {
		const ids = record[IDS_BODY_FIELD];
		if (!Array.isArray(ids) || ids.length === 0) {
			throw invalid(`${IDS_BODY_FIELD}: expected a non-empty list of employee ids`);
		}
		const parsed = ids.map((id) => (typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id));
		const bad = parsed.find((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0);
		if (bad !== undefined) throw invalid(`${IDS_BODY_FIELD}: ${JSON.stringify(bad)} is not a valid employee id`);
		if (parsed.length > maxIds) {
			throw new RequestError(400, `${IDS_BODY_FIELD}: at most ${maxIds} ids per subscription`);
		}
		input.ids = [...new Set(parsed as number[])];
	}

	if (endpoint.method === 'es_dsl') {
		const query = record.es_dsl_query;
		if (!query || typeof query !== 'object' || Array.isArray(query)) {
			throw invalid('es_dsl_query: expected an Elasticsearch request object such as {"query": {...}}');
		}
		if (!('query' in query)) throw invalid('es_dsl_query: missing "query"');
		const forbidden = mentionsField(query, FORBIDDEN_QUERY_FIELDS[endpoint.dataset]);
		if (forbidden) {
			throw invalid(`es_dsl_query: ${forbidden} filter is not available for subscription requests`);
		}
		input.esDslQuery = query as Record<string, unknown>;
	}

	const tracked = record.tracked_fields;
	if (tracked !== undefined && tracked !== null) {
		if (endpoint.kind === 'experience' && !TRACKED_FIELDS_ON_EXPERIENCE) {
			throw invalid('tracked_fields: only available for employee profile subscriptions');
		}
		if (!Array.isArray(tracked) || tracked.some((f) => typeof f !== 'string')) {
			throw invalid('tracked_fields: expected a list of field names');
		}
		const unknown = tracked.filter((f) => !(TRACKABLE_FIELDS as readonly string[]).includes(f as string));
		if (unknown.length) throw invalid(`tracked_fields: not trackable: ${unknown.join(', ')}`);
		if (tracked.length) input.trackedFields = [...new Set(tracked as string[])];
	}
	return input;
}
