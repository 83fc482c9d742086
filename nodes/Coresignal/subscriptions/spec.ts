import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { parseJson } from '../../shared/json';

import type { ApiVersion } from '../transport/api';
import { createSubscriptionPath } from '../transport/endpoints';

export type SubscriptionEvent = 'employeeProfile' | 'experience';
export type Dataset = 'employee_clean' | 'employee_multi_source' | 'employee_base';
export type SubscribeBy = 'ids' | 'esDsl' | 'all';

/** Everything that decides which Coresignal endpoint a subscription is created on, and with what body. */
export interface SubscriptionSpec {
	version: ApiVersion;
	event: SubscriptionEvent;
	dataset: Dataset;
	subscribeBy: SubscribeBy;
	ids?: number[];
	esDslQuery?: IDataObject;
	trackedFields?: string[];
}

export class SubscriptionSpecError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/** Runs a parser of user input and turns its complaint into the error n8n shows (on the item, if any). */
export function parseUserInput<T>(node: INode, parse: () => T, itemIndex?: number): T {
	try {
		return parse();
	} catch (error) {
		const where = itemIndex === undefined ? {} : { itemIndex };
		if (error instanceof SubscriptionSpecError) {
			throw new NodeOperationError(node, error.message, {
				...where,
				description: error.description,
			});
		}
		throw new NodeOperationError(node, error as Error, where);
	}
}

/** Fails with a message that says why a combination is not offered by Coresignal. */
export function assertSupported(spec: SubscriptionSpec): void {
	if (spec.version === 'v1' && spec.event !== 'experience') {
		throw new SubscriptionSpecError(
			'Employee profile changes are not supported on Legacy v1',
			'The legacy v1 API had profile-change ("member_changes") subscriptions, but this node does not support them. Switch "API Version" to V2 for employee profile changes, or subscribe to experience changes.',
		);
	}
	if (spec.subscribeBy === 'all') {
		if (spec.event !== 'experience') {
			throw new SubscriptionSpecError(
				'Coresignal has no "All Updates" subscription for employee profile changes',
				'Subscribe by Employee IDs or by an Elasticsearch DSL query, or choose "Experience Changes".',
			);
		}
		if (spec.version === 'v2' && spec.dataset !== 'employee_clean') {
			throw new SubscriptionSpecError(
				'Coresignal offers "All Updates" only for the Clean Employee dataset',
				'Choose the "Clean Employee" dataset, or subscribe by Employee IDs or an Elasticsearch DSL query.',
			);
		}
	}
	if (spec.trackedFields?.length && spec.event !== 'employeeProfile') {
		throw new SubscriptionSpecError(
			'Tracked fields apply only to employee profile changes',
			'Clear "Tracked Fields", or choose "Employee Profile Changes".',
		);
	}
}

export function createPath(spec: SubscriptionSpec): string {
	assertSupported(spec);
	return createSubscriptionPath(spec);
}

/**
 * The request body. The ID-list shape `{webhook_url, ids: [int]}` is our best reading of the docs,
 * which stop before the /ids template
 * (https://docs.coresignal.com/api/clean-employee-api-webhook-subscriptions): change it here and only here.
 */
export function createBody(spec: SubscriptionSpec, webhookUrl: string): IDataObject {
	const body: IDataObject = { webhook_url: webhookUrl };
	if (spec.subscribeBy === 'ids') body.ids = spec.ids ?? [];
	if (spec.subscribeBy === 'esDsl') body.es_dsl_query = spec.esDslQuery ?? {};
	if (spec.trackedFields?.length) body.tracked_fields = spec.trackedFields;
	return body;
}

/** Comma-, space- or newline-separated ids, or an array of them (from an expression). */
export function parseEmployeeIds(value: unknown): number[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(/[\s,;]+/))
		.map((part) => (typeof part === 'string' ? part.trim() : part))
		.filter((part) => part !== '' && part !== null && part !== undefined);
	if (parts.length === 0) {
		throw new SubscriptionSpecError(
			'No employee IDs given',
			'Enter at least one Coresignal employee ID (numbers, separated by commas or new lines).',
		);
	}
	const ids = parts.map((part) => {
		const id = typeof part === 'number' ? part : Number(part);
		if (!Number.isSafeInteger(id) || id <= 0) {
			throw new SubscriptionSpecError(
				`"${String(part)}" is not a Coresignal employee ID`,
				'Employee IDs are positive whole numbers, such as 125. Use Employee › Search to find IDs from names or URLs.',
			);
		}
		return id;
	});
	return [...new Set(ids)];
}

const esDslQuerySchema = z
	.object({ query: z.record(z.unknown()) }, { invalid_type_error: 'must be a JSON object' })
	.passthrough();

function mentionsField(value: unknown, field: string): boolean {
	if (Array.isArray(value)) return value.some((entry) => mentionsField(entry, field));
	if (value && typeof value === 'object') {
		return Object.entries(value).some(
			([key, entry]) => key === field || key.startsWith(`${field}.`) || mentionsField(entry, field),
		);
	}
	return value === field;
}

/** A full Elasticsearch request object (`{"query": {…}}`), from a JSON string or an object. */
export function parseEsDslQuery(value: unknown, purpose: 'subscription' | 'search'): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) {
			throw new SubscriptionSpecError(
				'The Elasticsearch DSL query is empty',
				'Enter a query object such as {"query": {"match": {"job_title": "engineer"}}}.',
			);
		}
		const json = parseJson(value);
		if (!json.ok) {
			throw new SubscriptionSpecError(
				`The Elasticsearch DSL query is not valid JSON: ${json.error}`,
				'Check for a missing quote, comma or brace. The value must be a JSON object such as {"query": {"match_all": {}}}.',
			);
		}
		parsed = json.value;
	}
	const result = esDslQuerySchema.safeParse(parsed);
	if (!result.success) {
		const issue = result.error.issues[0];
		const where = issue.path.length ? `"${issue.path.join('.')}" ` : '';
		throw new SubscriptionSpecError(
			`The Elasticsearch DSL query ${where}${issue.message === 'Required' ? 'is missing' : issue.message}`,
			'Coresignal expects a full request object with a "query" key, such as {"query": {"term": {"company_id": 1234}}}.',
		);
	}
	if (purpose === 'subscription' && mentionsField(result.data.query, 'last_updated')) {
		throw new SubscriptionSpecError(
			'Coresignal does not allow a "last_updated" filter in subscription queries',
			'Remove the last_updated condition; subscriptions already report only new changes.',
		);
	}
	return result.data as IDataObject;
}
