import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRunResult } from '../../dev/harness';
import { nodeType } from '../../dev/harness';
import type { ReliabilityEnv } from './env';
import { exposeError, startEnv, triggerWorkflow, validAuth } from './env';
import { SectionReport } from './report';

const report = new SectionReport('transient faults in actions', [
	'runs under faults',
	'faults injected',
	'records in',
	'records out',
	'duplicates',
	'silent losses',
	'clear errors',
]);

const CS = '/coresignal/cdapi/v2';
// Real time: every 429 and 503 is waited out as Retry-After says, and bulk files are polled until ready.
jest.setTimeout(120_000);

let env: ReliabilityEnv;

beforeAll(async () => {
	env = await startEnv();
});

beforeEach(async () => {
	await env.reset();
});

afterAll(async () => {
	await env?.close();
	report.print();
});

function coresignal(parameters: INodeParameters): WorkflowJson {
	return {
		nodes: [
			{
				name: 'Coresignal',
				type: nodeType('coresignal'),
				parameters,
				credentials: {
					coresignalApi: { id: 'cs-key', name: 'Coresignal' },
					coresignalJwtApi: { id: 'cs-jwt', name: 'Coresignal JWT' },
				},
			},
		],
	};
}

async function fault(pathPrefix: string, status: number, count: number, method?: string) {
	await env.control.addFault({
		pathPrefix,
		status,
		count,
		method,
		retryAfter: status === 429 ? 0 : undefined,
		body: { detail: `Injected ${status}` },
	});
	report.add('faults injected', count);
}

/** Records in = records out, each once; counted for the summary. */
function expectEveryRecordOnce(sent: Array<string | number>, received: Array<string | number>) {
	report.add('records in', sent.length);
	report.add('records out', received.length);
	const duplicates = received.length - new Set(received.map(String)).size;
	const missing = sent.map(String).filter((id) => !received.map(String).includes(id));
	report.add('duplicates', duplicates);
	report.add('silent losses', missing.length);
	expect({ duplicates, missing, count: received.length }).toEqual({
		duplicates: 0,
		missing: [],
		count: sent.length,
	});
}

const output = (result: WorkflowRunResult) => result.output('Coresignal');

describe('Employee › Collect, one call per input item', () => {
	const ids = Array.from({ length: 24 }, (_, i) => 100001 + i);
	const input = ids.map((id) => ({ id }));

	it.each([
		['a burst of 429s', 429, 6],
		['a burst of 503s', 503, 4],
		['a burst of 502s and 504s', 502, 3],
	])('returns every profile once, in input order, through %s', async (_name, status, count) => {
		report.add('runs under faults');
		await fault(`${CS}/employee_clean/collect`, status, count);
		if (status === 502) await fault(`${CS}/employee_clean/collect`, 504, 2);

		const result = await env.harness.runWorkflow(
			coresignal({ resource: 'employee', operation: 'collect', employee: '={{ $json.id }}' }),
			{ input },
		);

		expect(result.error).toBeUndefined();
		const records = output(result);
		expect(records.map((r) => r.id)).toEqual(ids);
		expectEveryRecordOnce(
			ids,
			records.map((r) => r.id as number),
		);
		expect(result.nodes.Coresignal.outputs[0].map((item) => item.pairedItem)).toEqual(
			ids.map((_, item) => ({ item })),
		);
	});

	it('with Continue On Fail, a profile that keeps failing becomes an error item for its own input, the rest arrive', async () => {
		report.add('runs under faults');
		await fault(`${CS}/employee_clean/collect/100005`, 500, 1);
		const json = coresignal({
			resource: 'employee',
			operation: 'collect',
			employee: '={{ $json.id }}',
		});
		json.nodes[0].onError = 'continueRegularOutput';

		const result = await env.harness.runWorkflow(json, { input });

		const items = output(result);
		const failed = items.filter((item) => item.error);
		expect(failed).toEqual([
			expect.objectContaining({
				error: expect.stringContaining('Coresignal answered 500: Injected 500'),
			}),
		]);
		expectEveryRecordOnce(
			ids.filter((id) => id !== 100005),
			items.filter((item) => !item.error).map((r) => r.id as number),
		);
		expect(result.nodes.Coresignal.outputs[0][4].pairedItem).toEqual({ item: 4 });
		report.add('clear errors');
	});
});

describe('Employee › Search with Return All, following the cursor', () => {
	const query = JSON.stringify({ query: { match_all: {} } });

	it.each([
		['429s on the first page', 429, 3],
		['503s on the first page', 503, 2],
	])('returns every match once through %s', async (_name, status, count) => {
		report.add('runs under faults');
		await env.control.coresignal.configure({ employeeCount: 2500 });
		await fault(`${CS}/employee_clean/search`, status, count);

		const result = await env.harness.runWorkflow(
			coresignal({ resource: 'employee', operation: 'search', esDslQuery: query, returnAll: true }),
		);

		expect(result.error).toBeUndefined();
		const expected = Array.from({ length: 2500 }, (_, i) => 100001 + i);
		expectEveryRecordOnce(
			expected,
			output(result).map((r) => r.id as number),
		);
	});

	it('returns every match once when Coresignal rate-limits in the middle of the pages', async () => {
		report.add('runs under faults');
		await env.control.coresignal.configure({ employeeCount: 3000 });
		// Two pages per 10 s: the third page is refused however slowly a busy machine pages (at 2 per
		// second a loaded machine never got a 429), and Retry-After stays within what the node waits.
		await env.control.setRateLimits({ coresignal: { search: { requests: 2, windowMs: 10_000 } } });
		report.add('faults injected');

		const result = await env.harness.runWorkflow(
			coresignal({ resource: 'employee', operation: 'search', esDslQuery: query, returnAll: true }),
		);

		expect(result.error).toBeUndefined();
		const searches = await env.control.requests({ pathPrefix: `${CS}/employee_clean/search` });
		expect(searches.map((r) => r.status)).toContain(429);
		const expected = Array.from({ length: 3000 }, (_, i) => 100001 + i);
		expectEveryRecordOnce(
			expected,
			output(result).map((r) => r.id as number),
		);
	});

	it("fails with Coresignal's message, and no partial output, when a page keeps failing", async () => {
		report.add('runs under faults');
		await env.control.coresignal.configure({ employeeCount: 3000 });
		await env.control.addFault({
			pathPrefix: `${CS}/employee_clean/search`,
			status: 500,
			count: 1,
			body: { detail: 'Injected 500' },
		});
		report.add('faults injected');

		const result = await env.harness.runWorkflow(
			coresignal({ resource: 'employee', operation: 'search', esDslQuery: query, returnAll: true }),
		);

		expect(result.status).toBe('error');
		expect(exposeError(result.error)).toContain('Coresignal answered 500: Injected 500');
		report.add('clear errors');
	});
});

describe('Bulk Collect: submit, wait and download', () => {
	const ids = Array.from({ length: 120 }, (_, i) => 100100 + i);

	async function submitAndWait(): Promise<string> {
		await env.control.coresignal.configure({ bulkReadyMs: 300, bulkFileRecords: 40 });
		const submitted = await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'submit',
				submitBy: 'ids',
				idSource: 'list',
				employeeIds: ids.join(', '),
			}),
		);
		expect(submitted.error).toBeUndefined();
		return String(output(submitted)[0].request_id);
	}

	it('Wait gets through 503s and 429s while polling and reports the files once ready', async () => {
		report.add('runs under faults');
		const requestId = await submitAndWait();
		await fault(`${CS}/data_requests/${requestId}/files`, 503, 2);
		await fault(`${CS}/data_requests/${requestId}/files`, 429, 2);

		const waited = await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'wait',
				requestId,
				pollInterval: 0.1,
				timeout: 30,
			}),
		);

		expect(waited.error).toBeUndefined();
		expect(output(waited)[0].files).toHaveLength(3);
	});

	it('Download returns every record once through 429s and 503s on the files', async () => {
		report.add('runs under faults');
		const requestId = await submitAndWait();
		await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'wait',
				requestId,
				pollInterval: 0.1,
				timeout: 30,
			}),
		);
		await fault(`${CS}/data_requests/${requestId}/files/`, 503, 2, 'GET');
		await fault(`${CS}/data_requests/${requestId}/files/`, 429, 2, 'GET');

		const result = await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'download',
				requestId,
				files: 'all',
				output: 'items',
			}),
		);

		expect(result.error).toBeUndefined();
		expectEveryRecordOnce(
			ids,
			output(result).map((r) => r.id as number),
		);
	});

	async function downloadWithCut(parameters: IDataObject) {
		report.add('runs under faults');
		const requestId = await submitAndWait();
		const waited = await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'wait',
				requestId,
				pollInterval: 0.1,
				timeout: 30,
			}),
		);
		const files = output(waited)[0].files as string[];
		await env.control.addFault({
			method: 'GET',
			pathPrefix: `${CS}/data_requests/${requestId}/files/${files[1]}`,
			action: 'truncate',
		});
		report.add('faults injected');

		const result = await env.harness.runWorkflow(
			coresignal({
				resource: 'bulkCollect',
				operation: 'download',
				requestId,
				files: 'all',
				output: 'items',
				...parameters,
			}),
		);
		return { result, files };
	}

	/** A cut download either retried to completion, or failed with an error naming the file and what to do. */
	function expectRetriedOrNamed(result: WorkflowRunResult, files: string[], complete: () => void) {
		if (result.status !== 'error') {
			complete();
			return;
		}
		const error = result.error as { message?: string; description?: string } | undefined;
		expect(error?.message).toContain(files[1]);
		expect(error?.description).toMatch(/Run the node again/);
		report.add('clear errors');
	}

	it('Download as items: a connection cut mid-file is retried or fails naming the file, never a silent partial result', async () => {
		const { result, files } = await downloadWithCut({});
		expectRetriedOrNamed(result, files, () =>
			expectEveryRecordOnce(
				ids,
				output(result).map((r) => r.id as number),
			),
		);
	});

	it.each([
		['a JSON Lines file', { output: 'binary', binaryFormat: 'jsonl' }],
		['the original .json.gz file', { output: 'binary', binaryFormat: 'gzip' }],
	] as Array<[string, IDataObject]>)(
		'Download as %s: a connection cut mid-file is retried or fails naming the file',
		async (_name, parameters) => {
			const { result, files } = await downloadWithCut(parameters);
			expectRetriedOrNamed(result, files, () => {
				const items = result.nodes.Coresignal.outputs[0];
				expect(items).toHaveLength(files.length);
			});
		},
	);
});

describe('Coresignal Trigger › Collect Full Profile under bursts', () => {
	it.each([
		['429s', 429, 5],
		['503s', 503, 3],
	])(
		'every delivered change arrives once, with its profile, through %s',
		async (_name, status, count) => {
			report.add('runs under faults');
			const trigger = env.harness.trigger(
				triggerWorkflow('coresignal', { options: { collectFullProfile: true } }),
			);
			await trigger.activate();
			await fault(`${CS}/employee_clean/collect`, status, count);
			const changes = Array.from({ length: 12 }, (_, i) => ({
				member_id: 100200 + i,
				status: 'changed',
			}));

			const delivery = await trigger.deliver({
				body: changes,
				...validAuth('coresignal', trigger),
			});
			await trigger.deactivate();

			const items = delivery.items[0];
			expect(items.filter((item) => item.collectError)).toEqual([]);
			expect(items.map((item) => (item.data as IDataObject).id)).toEqual(
				changes.map((c) => c.member_id),
			);
			expectEveryRecordOnce(
				changes.map((c) => c.member_id),
				items.map((item) => (item.entity as IDataObject).id as string),
			);
		},
	);
});
