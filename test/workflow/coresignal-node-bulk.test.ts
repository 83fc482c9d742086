/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code (never in dist/): the n8n Cloud rules for node code do not apply */
import { gunzipSync } from 'node:zlib';

import axios from 'axios';
import type { IBinaryData } from 'n8n-workflow';

import { CORESIGNAL_API_KEY } from '../../sandbox/credentials';
import { NODE } from '../../dev/coresignal-workflow';
import { binaryBuffer } from '../../dev/harness';
import type { CoresignalNodeEnv } from './coresignal-node.setup';
import { startCoresignalNodeEnv } from './coresignal-node.setup';

// Real time: bulk requests are polled until ready and a download parses up to 10,000 records.
jest.setTimeout(120_000);

let env: CoresignalNodeEnv;

beforeAll(async () => {
	env = await startCoresignalNodeEnv({
		sandbox: { coresignal: { employeeCount: 12_000, credits: 1_000_000 } },
	});
});

afterAll(async () => {
	await env.close();
});

beforeEach(async () => {
	await env.freshSandbox();
	env.sandbox.coresignal.configure({ credits: 1_000_000, bulkReadyMs: 0, bulkFileRecords: 10_000 });
});

const everyone = JSON.stringify({ query: { match_all: {} } });
const bulk = (parameters: Record<string, unknown>) => ({ resource: 'bulkCollect', ...parameters });

async function submitted(limit: number): Promise<string> {
	const result = await env.run(
		bulk({ operation: 'submit', esDslQuery: everyone, options: { recordLimit: limit } }),
	);
	return String(env.output(result)[0].request_id);
}

async function binaryContent(data: IBinaryData): Promise<Buffer> {
	return await binaryBuffer(data);
}

describe('Bulk Collect › Submit', () => {
	it('submits an ES DSL query with a record limit and a webhook URL', async () => {
		const result = await env.run(
			bulk({
				operation: 'submit',
				esDslQuery: everyone,
				options: { recordLimit: 250, webhookUrl: 'https://hr.example.com/bulk-ready' },
			}),
		);

		expect(env.output(result)).toEqual([
			expect.objectContaining({
				request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				location: expect.stringMatching(/^\/v2\/data_requests\/.+\/files$/),
				_meta: { creditsRemaining: 1_000_000 - 250 },
			}),
		]);
		const [request] = env.sandbox.requests.list({ method: 'POST' });
		expect(request.path).toBe('/coresignal/cdapi/v2/data_requests/employee_clean/es_dsl');
		expect(request.body).toEqual({
			es_dsl_query: { query: { match_all: {} } },
			limit: 250,
			webhook_url: 'https://hr.example.com/bulk-ready',
		});
	});

	it('sends the IDs of all input items as one ID file, paired with every input item', async () => {
		const input = [{ id: 100_001 }, { id: 100_002 }, { id: 100_003 }];

		const result = await env.run(
			bulk({ operation: 'submit', submitBy: 'ids', idSource: 'inputItems' }),
			input,
		);

		const items = result.nodes[NODE].outputs[0];
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual(
			expect.objectContaining({ request_id: expect.any(String), ids_submitted: 3 }),
		);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const [request] = env.sandbox.requests.list({ method: 'POST' });
		expect(request.path).toBe('/coresignal/cdapi/v2/data_requests/employee_clean/id_file');
		expect(request.contentType).toMatch(/^multipart\/form-data/);
		expect(request.body).toEqual({ files: [{ field: 'ids_file', filename: 'ids.txt', size: 20 }] });
	});

	it('sends an ID list per input item with the ID List source, also for Legacy v1', async () => {
		const result = await env.run(
			bulk({
				apiVersion: 'v1',
				operation: 'submit',
				submitBy: 'ids',
				idSource: 'list',
				employeeIds: '100001\n100005',
			}),
		);

		expect(env.output(result)[0].ids_submitted).toBe(2);
		const [request] = env.sandbox.requests.list({ method: 'POST' });
		expect(request.path).toBe(
			'/coresignal/cdapi/v1/professional_network/clean_member/bulk_collect/id_file',
		);
	});

	it('refuses more than 10,000 IDs before calling Coresignal', async () => {
		const input = Array.from({ length: 10_001 }, (_, i) => ({ id: 100_001 + i }));

		const result = await env.run(bulk({ operation: 'submit', submitBy: 'ids' }), input);

		expect(result.nodes[NODE].error?.message).toBe(
			'10001 employee IDs is more than one bulk request can hold',
		);
		expect(env.sandbox.requests.list()).toEqual([]);
	});

	it('shows Coresignal’s 409 when an identical request is still in progress', async () => {
		env.sandbox.coresignal.configure({ bulkReadyMs: 60_000 });
		await submitted(10);

		const result = await env.run(
			bulk({ operation: 'submit', esDslQuery: everyone, options: { recordLimit: 10 } }),
		);

		expect(result.nodes[NODE].error?.message).toBe(
			'Coresignal answered 409: Identical data request is already in progress.',
		);
		expect(result.nodes[NODE].error?.description).toMatch(/Wait a few minutes/);
	});
});

describe('Bulk Collect › Get Status and Wait', () => {
	it('Get Status says whether the files are ready', async () => {
		env.sandbox.coresignal.configure({ bulkReadyMs: 60_000 });
		const requestId = await submitted(5);

		const pending = await env.run(bulk({ operation: 'getStatus', requestId }));
		env.sandbox.clock.advance(60_000);
		const ready = await env.run(bulk({ operation: 'getStatus', requestId }));

		expect(env.output(pending)[0]).toEqual(
			expect.objectContaining({ request_id: requestId, ready: false, files: [] }),
		);
		expect(env.output(ready)[0]).toEqual(
			expect.objectContaining({
				ready: true,
				files: [expect.stringMatching(/^json\/part-00000-.+\.json\.gz$/)],
			}),
		);
	});

	it('Wait polls until the files are ready', async () => {
		env.sandbox.coresignal.configure({ bulkReadyMs: 500 });
		const requestId = await submitted(5);

		const result = await env.run(
			bulk({ operation: 'wait', requestId, pollInterval: 0.1, timeout: 30 }),
		);

		expect(env.output(result)[0]).toEqual(
			expect.objectContaining({ ready: true, files: [expect.any(String)] }),
		);
		expect(env.sandbox.requests.list({ method: 'GET' }).length).toBeGreaterThan(1);
	});

	it('Wait gives up at the timeout with the request ID to resume with', async () => {
		env.sandbox.coresignal.configure({ bulkReadyMs: 3_600_000 });
		const requestId = await submitted(5);

		const result = await env.run(
			bulk({ operation: 'wait', requestId, pollInterval: 0.2, timeout: 1 }),
		);

		const error = result.nodes[NODE].error;
		expect(error?.message).toBe(`Bulk collect request ${requestId} was not ready after 1 seconds`);
		expect(error?.description).toContain(`again later with request ID ${requestId}`);
	});

	it('Get Status shows Coresignal’s 404 for an unknown request', async () => {
		const result = await env.run(bulk({ operation: 'getStatus', requestId: 'no-such-request' }));

		expect(result.nodes[NODE].error?.message).toBe(
			'Coresignal answered 404: Data request not found.',
		);
	});
});

describe('Bulk Collect › Download', () => {
	it('outputs one item per record across every file (records in = items out)', async () => {
		env.sandbox.coresignal.configure({ bulkFileRecords: 1000 });
		const requestId = await submitted(2500);

		const result = await env.run(bulk({ operation: 'download', requestId }));

		const items = result.nodes[NODE].outputs[0];
		expect(items.map((item) => item.json.id)).toEqual(
			Array.from({ length: 2500 }, (_, i) => 100_001 + i),
		);
		expect(items[0].json).toEqual(env.sandbox.coresignal.employees.byId(100_001));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(
			env.sandbox.requests.list({
				pathPrefix: `/coresignal/cdapi/v2/data_requests/${requestId}/files/`,
			}),
		).toHaveLength(3);
	});

	it('streams a full 10,000-record file into 10,000 items', async () => {
		const requestId = await submitted(10_000);

		const result = await env.run(bulk({ operation: 'download', requestId }));

		const ids = env.output(result).map((item) => item.id);
		expect(ids).toHaveLength(10_000);
		expect(ids[9_999]).toBe(110_000);
	});

	it('downloads one file by name', async () => {
		env.sandbox.coresignal.configure({ bulkFileRecords: 100 });
		const requestId = await submitted(250);
		const status = await env.run(bulk({ operation: 'getStatus', requestId }));
		const last = (env.output(status)[0].files as string[])[2];

		const result = await env.run(
			bulk({ operation: 'download', requestId, files: 'one', fileName: last }),
		);

		expect(env.output(result).map((item) => item.id)).toEqual(
			Array.from({ length: 50 }, (_, i) => 100_201 + i),
		);
	});

	it('attaches each file decompressed as JSON Lines', async () => {
		env.sandbox.coresignal.configure({ bulkFileRecords: 100 });
		const requestId = await submitted(150);

		const result = await env.run(bulk({ operation: 'download', requestId, output: 'binary' }));

		const items = result.nodes[NODE].outputs[0];
		expect(items.map((item) => item.json.file)).toEqual([
			expect.stringMatching(/part-00000/),
			expect.stringMatching(/part-00001/),
		]);
		const file = items[1].binary!.data;
		expect(file).toEqual(
			expect.objectContaining({
				mimeType: 'application/x-ndjson',
				fileName: expect.stringMatching(/^part-00001-.+\.jsonl$/),
				// Stored as n8n 2.x stores binaries by default: a file, not base64 in the item.
				id: expect.stringMatching(/^filesystem-v2:/),
			}),
		);
		const lines = (await binaryContent(file)).toString('utf8').trim().split('\n');
		expect(lines.map((line) => JSON.parse(line).id)).toEqual(
			Array.from({ length: 50 }, (_, i) => 100_101 + i),
		);
	});

	it('attaches the original .json.gz byte for byte', async () => {
		const requestId = await submitted(20);
		const [fileName] = env.output(await env.run(bulk({ operation: 'getStatus', requestId })))[0]
			.files as string[];
		const original = await axios.get<ArrayBuffer>(
			`${env.sandbox.url}/coresignal/cdapi/v2/data_requests/${requestId}/files/${fileName}`,
			{ headers: { apikey: CORESIGNAL_API_KEY }, responseType: 'arraybuffer' },
		);

		const result = await env.run(
			bulk({
				operation: 'download',
				requestId,
				output: 'binary',
				binaryFormat: 'gzip',
				binaryPropertyName: 'archive',
			}),
		);

		const file = result.nodes[NODE].outputs[0][0].binary!.archive;
		expect(file.mimeType).toBe('application/gzip');
		expect(file.fileName).toMatch(/\.json\.gz$/);
		const content = await binaryContent(file);
		expect(content.equals(Buffer.from(original.data))).toBe(true);
		expect(gunzipSync(content).toString().trim().split('\n')).toHaveLength(20);
	});

	it('explains that the files are not ready yet instead of returning nothing', async () => {
		env.sandbox.coresignal.configure({ bulkReadyMs: 60_000 });
		const requestId = await submitted(5);

		const result = await env.run(bulk({ operation: 'download', requestId }));

		expect(result.nodes[NODE].error?.message).toBe(
			`Bulk collect request ${requestId} has no files yet`,
		);
		expect(result.nodes[NODE].error?.description).toMatch(/Wait step before Download/);
	});

	it('fails clearly when a download is cut off midway', async () => {
		const requestId = await submitted(2000);
		env.sandbox.faults.add({
			vendor: 'coresignal',
			method: 'GET',
			pathPrefix: `/coresignal/cdapi/v2/data_requests/${requestId}/files/json`,
			action: 'truncate',
		});

		const result = await env.run(bulk({ operation: 'download', requestId }));

		expect(result.nodes[NODE].error?.message).toMatch(/^Could not read json\/part-00000/);
		expect(result.nodes[NODE].error?.description).toMatch(/cut off or the file is damaged/);
	});

	it('fails a binary download in the original gzip format whose file is cut in half, instead of returning half a file', async () => {
		const requestId = await submitted(2000);
		env.sandbox.faults.add({
			vendor: 'coresignal',
			method: 'GET',
			pathPrefix: `/coresignal/cdapi/v2/data_requests/${requestId}/files/json`,
			action: 'halve',
		});

		const result = await env.run(
			bulk({ operation: 'download', requestId, output: 'binary', binaryFormat: 'gzip' }),
		);

		expect(result.nodes[NODE].error?.message).toMatch(
			/^Could not read json\/part-00000.*gzip data is incomplete or damaged/,
		);
		expect(result.nodes[NODE].error?.description).toMatch(/cut off or the file is damaged/);
	});
});
