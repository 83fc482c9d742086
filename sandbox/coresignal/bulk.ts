/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { gzipSync } from 'node:zlib';

import type { SandboxRequest, SandboxResponse } from '../core/http';
import { json } from '../core/http';
import type { Router } from '../core/router';
import type { Dataset } from './catalog';
import { DATASETS } from './catalog';
import type { CoresignalContext } from './context';
import { detail } from './context';
import { parseSearchBody, QueryError } from './esQuery';
import { messages } from './guesses';
import { searchIds } from './search';
import { validWebhookUrl, RequestError } from './validation';

/** Coresignal's cap per request and per file (https://docs.coresignal.com/api-introduction/requests/bulk-collect). */
export const BULK_MAX_RECORDS = 10_000;
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const bulkMessages = {
	identical: 'Identical data request is already in progress.',
	tooMany: `Data request failed: the query matched more than ${BULK_MAX_RECORDS} records. Add a "limit".`,
	noMatches: 'No records match the request.',
	inProgress: 'The process is in progress.',
	notFound: 'Data request not found.',
};

interface DataRequest {
	id: string;
	version: 'v1' | 'v2';
	owner: string;
	signature: string;
	ids: number[];
	createdAt: number;
	readyAt: number;
	failed?: string;
	webhookUrl?: string;
	files?: Map<string, Buffer>;
}

const requests = new WeakMap<CoresignalContext, Map<string, DataRequest>>();

function requestsOf(cs: CoresignalContext): Map<string, DataRequest> {
	let map = requests.get(cs);
	if (!map) requests.set(cs, (map = new Map()));
	return map;
}

/** Forgets every data request (sandbox reset). */
export function resetBulk(cs: CoresignalContext): void {
	requestsOf(cs).clear();
}

const settings = (cs: CoresignalContext) => {
	const config = cs.config();
	return {
		readyMs: config.bulkReadyMs ?? 2000,
		recordsPerFile: Math.min(config.bulkFileRecords ?? BULK_MAX_RECORDS, BULK_MAX_RECORDS),
		maxRecords: config.bulkMaxRecords ?? BULK_MAX_RECORDS,
	};
};

function fileNames(request: DataRequest, recordsPerFile: number): string[] {
	const count = Math.ceil(request.ids.length / recordsPerFile);
	return Array.from(
		{ length: count },
		(_, i) => `json/part-${String(i).padStart(5, '0')}-${request.id}-c000.json.gz`,
	);
}

/** Gzipped JSON Lines, built on first download and kept (Coresignal serves the same file for 30 days). */
function fileContent(
	cs: CoresignalContext,
	request: DataRequest,
	name: string,
): Buffer | undefined {
	const { recordsPerFile } = settings(cs);
	const index = fileNames(request, recordsPerFile).indexOf(name);
	if (index === -1) return undefined;
	request.files ??= new Map();
	let content = request.files.get(name);
	if (!content) {
		const ids = request.ids.slice(index * recordsPerFile, (index + 1) * recordsPerFile);
		const lines = ids.map((id) => JSON.stringify(cs.employees.byId(id)));
		content = gzipSync(Buffer.from(lines.join('\n') + '\n'));
		request.files.set(name, content);
	}
	return content;
}

function create(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
	input: { ids: number[]; signature: string; webhookUrl?: string; failed?: string },
): SandboxResponse {
	const owner = req.credential ?? 'unknown';
	const now = cs.vendor.clock.now();
	const all = requestsOf(cs);
	const pending = [...all.values()].find(
		(r) => r.owner === owner && r.signature === input.signature && now < r.readyAt,
	);
	if (pending) return detail(409, bulkMessages.identical);
	if (input.ids.length === 0) return detail(404, bulkMessages.noMatches);
	const cost = input.failed ? 0 : input.ids.length;
	if (cs.credits.remaining < cost) {
		return detail(402, messages.insufficientCredits, {
			'x-credits-remaining': cs.credits.remaining,
		});
	}
	cs.credits.remaining -= cost;

	const request: DataRequest = {
		id: cs.vendor.random().uuid(),
		version,
		owner,
		signature: input.signature,
		ids: input.ids,
		createdAt: now,
		readyAt: now + settings(cs).readyMs,
		failed: input.failed,
		webhookUrl: input.webhookUrl,
	};
	all.set(request.id, request);
	if (request.webhookUrl) scheduleWebhook(cs, request);
	const location =
		version === 'v1'
			? `/v1/bulk_collect/${request.id}/files`
			: `/v2/data_requests/${request.id}/files`;
	return json(
		201,
		{ request_id: request.id },
		{ location, 'x-credits-remaining': cs.credits.remaining },
	);
}

/** Undocumented: the ready/failed webhook body, here `{request_id, status, data_request_files}`. */
function scheduleWebhook(cs: CoresignalContext, request: DataRequest): void {
	const timer = setTimeout(
		() => {
			cs.timers.delete(timer);
			const files = request.failed ? [] : fileNames(request, settings(cs).recordsPerFile);
			void cs.vendor.deliver(
				request.webhookUrl as string,
				{
					request_id: request.id,
					status: request.failed ? 'failed' : 'ready',
					data_request_files: files,
				},
				{ source: 'coresignal' },
			);
		},
		Math.max(0, request.readyAt - cs.vendor.clock.now()),
	);
	cs.timers.add(timer);
}

function submitEsDsl(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
): SandboxResponse {
	if (req.bodyError) return detail(422, req.bodyError);
	const body = (req.body ?? {}) as Record<string, unknown>;
	try {
		const { query } = parseSearchBody(body.es_dsl_query);
		const limit = body.limit;
		if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 1)) {
			return detail(422, 'limit: must be a positive whole number');
		}
		const webhookUrl =
			body.webhook_url === undefined ? undefined : validWebhookUrl(body.webhook_url);
		const matched = searchIds(cs, query);
		const ids = limit === undefined ? matched : matched.slice(0, limit as number);
		return create(cs, req, version, {
			ids,
			signature: `es_dsl:${JSON.stringify({ query, limit })}`,
			webhookUrl,
			failed: ids.length > settings(cs).maxRecords ? bulkMessages.tooMany : undefined,
		});
	} catch (error) {
		if (error instanceof QueryError) return detail(422, `es_dsl_query: ${error.message}`);
		if (error instanceof RequestError) return detail(error.status, error.message);
		throw error;
	}
}

/** A `.csv`/`.txt` of numeric ids, one per line, no header (https://docs.coresignal.com/api/bulk-collect-jobs-post). */
function submitIdFile(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
): SandboxResponse {
	const file = req.form?.files[0];
	if (!file) return detail(400, 'ids_file: a file with one employee id per line is required');
	const lines = file.data
		.toString('utf8')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	const bad = lines.findIndex((line) => !/^\d+$/.test(line));
	if (bad !== -1)
		return detail(
			422,
			`ids_file: line ${bad + 1} ("${lines[bad].slice(0, 40)}") is not a numeric id`,
		);
	const { maxRecords } = settings(cs);
	if (lines.length > maxRecords)
		return detail(422, `ids_file: at most ${maxRecords} ids per request`);
	if (new Set(lines).size !== lines.length)
		return detail(422, 'ids_file: the file contains duplicate ids');
	let webhookUrl: string | undefined;
	try {
		webhookUrl = req.form?.fields.webhook_url
			? validWebhookUrl(req.form.fields.webhook_url)
			: undefined;
	} catch (error) {
		if (error instanceof RequestError) return detail(error.status, error.message);
		throw error;
	}
	const ids = lines.map(Number).filter((id) => cs.employees.exists(id));
	return create(cs, req, version, { ids, signature: `id_file:${lines.join(',')}`, webhookUrl });
}

function findRequest(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
): DataRequest | undefined {
	const request = requestsOf(cs).get(req.params.id);
	if (!request || request.version !== version || request.owner !== req.credential) return undefined;
	if (cs.vendor.clock.now() > request.createdAt + RETENTION_MS) return undefined;
	return request;
}

function listFiles(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
): SandboxResponse {
	const request = findRequest(cs, req, version);
	if (!request) return detail(404, bulkMessages.notFound);
	if (cs.vendor.clock.now() < request.readyAt) {
		// Undocumented: the pending answer, here 202 ("in progress" on the Response Codes page) with an empty list.
		return json(202, { data_request_files: [], detail: bulkMessages.inProgress });
	}
	if (request.failed) return detail(422, request.failed);
	return json(200, { data_request_files: fileNames(request, settings(cs).recordsPerFile) });
}

function downloadFile(
	cs: CoresignalContext,
	req: SandboxRequest,
	version: 'v1' | 'v2',
): SandboxResponse {
	const request = findRequest(cs, req, version);
	if (!request || cs.vendor.clock.now() < request.readyAt || request.failed) {
		return detail(404, bulkMessages.notFound);
	}
	const name = req.params.dir ? `${req.params.dir}/${req.params.file}` : req.params.file;
	const content = fileContent(cs, request, name);
	if (!content) return detail(404, `File ${name} not found.`);
	return { status: 200, body: content, headers: { 'content-type': 'application/gzip' } };
}

export function registerBulkCollect(router: Router, cs: CoresignalContext): void {
	const v2 = { auth: 'apikey', rateGroup: 'bulk' } as const;
	const v1 = { auth: 'jwt', rateGroup: 'bulk' } as const;
	for (const dataset of DATASETS as readonly Dataset[]) {
		router.post(`/v2/data_requests/${dataset}/es_dsl`, (req) => submitEsDsl(cs, req, 'v2'), v2);
		router.post(`/v2/data_requests/${dataset}/id_file`, (req) => submitIdFile(cs, req, 'v2'), v2);
	}
	router.get('/v2/data_requests/:id/files', (req) => listFiles(cs, req, 'v2'), v2);
	// File names hold a "/" (`json/part-….json.gz`): accept it raw or URL-encoded.
	router.get('/v2/data_requests/:id/files/:file', (req) => downloadFile(cs, req, 'v2'), v2);
	router.get('/v2/data_requests/:id/files/:dir/:file', (req) => downloadFile(cs, req, 'v2'), v2);

	const v1Base = '/v1/professional_network/clean_member/bulk_collect';
	router.post(`${v1Base}/es_dsl`, (req) => submitEsDsl(cs, req, 'v1'), v1);
	router.post(`${v1Base}/id_file`, (req) => submitIdFile(cs, req, 'v1'), v1);
	router.get('/v1/bulk_collect/:id/files', (req) => listFiles(cs, req, 'v1'), v1);
	router.get('/v1/bulk_collect/:id/files/:file', (req) => downloadFile(cs, req, 'v1'), v1);
	router.get('/v1/bulk_collect/:id/files/:dir/:file', (req) => downloadFile(cs, req, 'v1'), v1);
}
