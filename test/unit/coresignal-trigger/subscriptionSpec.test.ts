import type { SubscriptionSpec } from '../../../nodes/Coresignal/subscriptions/spec';
import {
	createBody,
	createPath,
	parseEmployeeIds,
	parseEsDslQuery,
} from '../../../nodes/Coresignal/subscriptions/spec';

const spec = (overrides: Partial<SubscriptionSpec>): SubscriptionSpec => ({
	version: 'v2',
	event: 'employeeProfile',
	dataset: 'employee_clean',
	subscribeBy: 'ids',
	ids: [1],
	...overrides,
});

describe('which Coresignal endpoint a subscription is created on', () => {
	it.each([
		['v2', 'employeeProfile', 'employee_clean', 'ids', '/v2/subscriptions/employee_clean/ids'],
		['v2', 'employeeProfile', 'employee_clean', 'esDsl', '/v2/subscriptions/employee_clean/es_dsl'],
		[
			'v2',
			'employeeProfile',
			'employee_multi_source',
			'ids',
			'/v2/subscriptions/employee_multi_source/ids',
		],
		['v2', 'employeeProfile', 'employee_base', 'esDsl', '/v2/subscriptions/employee_base/es_dsl'],
		[
			'v2',
			'experience',
			'employee_clean',
			'ids',
			'/v2/subscriptions/experience_changes/employee_clean/ids',
		],
		[
			'v2',
			'experience',
			'employee_clean',
			'esDsl',
			'/v2/subscriptions/experience_changes/employee_clean/es_dsl',
		],
		[
			'v2',
			'experience',
			'employee_clean',
			'all',
			'/v2/subscriptions/experience_changes/employee_clean/all',
		],
		[
			'v2',
			'experience',
			'employee_multi_source',
			'ids',
			'/v2/subscriptions/experience_changes/employee_multi_source/ids',
		],
		[
			'v1',
			'experience',
			'employee_clean',
			'ids',
			'/v1/subscriptions/professional_network/member_experience/ids',
		],
		[
			'v1',
			'experience',
			'employee_clean',
			'esDsl',
			'/v1/subscriptions/professional_network/member_experience/es_dsl',
		],
		[
			'v1',
			'experience',
			'employee_clean',
			'all',
			'/v1/subscriptions/professional_network/member_experience/all',
		],
	] as const)('%s %s on %s by %s → %s', (version, event, dataset, subscribeBy, path) => {
		expect(createPath(spec({ version, event, dataset, subscribeBy }))).toBe(path);
	});

	it('refuses "All Updates" for profile changes and says why', () => {
		expect(() => createPath(spec({ subscribeBy: 'all' }))).toThrow(
			'Coresignal has no "All Updates" subscription for employee profile changes',
		);
	});

	it('refuses "All Updates" outside the Clean dataset', () => {
		expect(() =>
			createPath(spec({ event: 'experience', subscribeBy: 'all', dataset: 'employee_base' })),
		).toThrow('only for the Clean Employee dataset');
	});

	it('refuses profile changes on legacy v1 as not supported', () => {
		expect(() => createPath(spec({ version: 'v1' }))).toThrow(
			'Employee profile changes are not supported on Legacy v1',
		);
	});

	it('refuses tracked fields on experience subscriptions', () => {
		expect(() => createPath(spec({ event: 'experience', trackedFields: ['skills'] }))).toThrow(
			'Tracked fields apply only to employee profile changes',
		);
	});
});

describe('the subscription request body', () => {
	it('sends ids with the webhook URL', () => {
		expect(createBody(spec({ ids: [5, 6] }), 'https://n8n.example/webhook/x')).toEqual({
			webhook_url: 'https://n8n.example/webhook/x',
			ids: [5, 6],
		});
	});

	it('sends the ES DSL query and tracked fields', () => {
		const query = { query: { term: { company_id: 7 } } };
		expect(
			createBody(spec({ subscribeBy: 'esDsl', esDslQuery: query, trackedFields: ['skills'] }), 'u'),
		).toEqual({ webhook_url: 'u', es_dsl_query: query, tracked_fields: ['skills'] });
	});

	it('sends only the webhook URL for all updates', () => {
		expect(
			createBody(spec({ event: 'experience', subscribeBy: 'all', ids: undefined }), 'u'),
		).toEqual({
			webhook_url: 'u',
		});
	});
});

describe('employee ids typed by a user', () => {
	it('accepts commas, spaces and new lines, dropping duplicates', () => {
		expect(parseEmployeeIds('125, 126\n127 125')).toEqual([125, 126, 127]);
	});

	it('accepts an array from an expression', () => {
		expect(parseEmployeeIds([1, '2'])).toEqual([1, 2]);
	});

	it('names the value that is not an id', () => {
		expect(() => parseEmployeeIds('125, john')).toThrow('"john" is not a Coresignal employee ID');
	});

	it('rejects an empty list', () => {
		expect(() => parseEmployeeIds(' \n ')).toThrow('No employee IDs given');
	});
});

describe('Elasticsearch DSL queries typed by a user', () => {
	it('parses a JSON string', () => {
		expect(parseEsDslQuery('{"query":{"match_all":{}}}', 'search')).toEqual({
			query: { match_all: {} },
		});
	});

	it('explains invalid JSON', () => {
		expect(() => parseEsDslQuery('{"query": {', 'search')).toThrow(
			'The Elasticsearch DSL query is not valid JSON',
		);
	});

	it('requires the "query" key', () => {
		expect(() => parseEsDslQuery({ match: {} }, 'search')).toThrow(
			'The Elasticsearch DSL query "query" is missing',
		);
	});

	it('rejects last_updated filters in subscriptions, as Coresignal does', () => {
		const query = { query: { range: { last_updated: { gte: '2025-01-01' } } } };
		expect(() => parseEsDslQuery(query, 'subscription')).toThrow('"last_updated" filter');
		expect(parseEsDslQuery(query, 'search')).toEqual(query);
	});
});
