import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { ParsedElement } from '../../shared/delivery';
import { notAnObject, readElements } from '../../shared/delivery';
import type { BodyResult } from '../../shared/webhookBody';

/**
 * One change of a Coresignal delivery, as sent (unknown fields are kept). Coresignal documents a
 * JSON array of `{member_id, status, changed_fields}`:
 * https://docs.coresignal.com/api-introduction/webhooks/employee-webhooks and
 * https://docs.coresignal.com/api-introduction/webhooks/experience-webhooks.
 * Its simulation page calls the status `change_type`, so that spelling is read too:
 * https://docs.coresignal.com/api-introduction/webhooks/subscription-simulation.
 * Read the values through `memberIdOf`, `statusOf` and `changedFieldsOf` (normalize.ts).
 */
export interface Change extends IDataObject {
	/** A positive whole number, or a string of its digits. */
	member_id: number | string;
	/** Present unless `change_type` holds the status. */
	status?: string;
	change_type?: string;
	changed_fields?: string[] | null;
}

/** Keys under which a sender may wrap the list of changes: `{"data": [...]}`. */
const WRAPPER_KEYS = ['data', 'changes', 'results'];

const NUMERIC = /^\s*\d+\s*$/;

const memberId = z.preprocess(
	(value) => (typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value),
	z
		.number({ required_error: 'is missing', invalid_type_error: 'must be a numeric employee ID' })
		.int('must be a whole number')
		.positive('must be positive')
		.refine((id) => Math.abs(id) <= Number.MAX_SAFE_INTEGER, 'is too large to be an employee ID'),
);

/** Only words what is wrong with a change the fast path could not read; its output is not used. */
const changeSchema = z
	.object({
		member_id: memberId,
		status: z
			.string({ required_error: 'is missing', invalid_type_error: 'must be a string' })
			.trim()
			.min(1, 'must not be empty'),
		changed_fields: z
			.array(z.string({ invalid_type_error: 'must list field names' }), {
				invalid_type_error: 'must be a list of field names or null',
			})
			.nullish(),
	})
	.passthrough();

function describeIssue(issue: z.ZodIssue): string {
	const field = issue.path.length ? `"${issue.path.join('.')}"` : 'The change';
	return `${field} ${issue.message === 'Required' ? 'is missing' : issue.message}`;
}

/** A status written the way Coresignal writes it: read without any further work. */
export const PLAIN_STATUS = /^[a-z_]+$/;

/**
 * The common case, checked by hand: zod costs several times `JSON.parse` per 80-byte change and a
 * delivery can hold hundreds of thousands.
 */
function isWellFormed(element: unknown): element is Change {
	if (element === null || typeof element !== 'object' || Array.isArray(element)) return false;
	const { member_id: id, status, changed_fields: fields } = element as IDataObject;
	return (
		typeof id === 'number' &&
		Number.isSafeInteger(id) &&
		id > 0 &&
		typeof status === 'string' &&
		PLAIN_STATUS.test(status) &&
		(fields === null ||
			fields === undefined ||
			(Array.isArray(fields) && fields.every((field) => typeof field === 'string')))
	);
}

/**
 * Reads one element of a delivery on its own. Tolerated: `member_id` as a numeric string, the
 * status spelled `change_type` or in another case, `changed_fields` null, absent or a list. What
 * is still wrong is named, field by field, e.g. `"member_id" is missing`.
 */
export function readChange(element: unknown): ParsedElement<Change> {
	if (isWellFormed(element)) return { ok: true, event: element };
	const notObject = notAnObject(element, 'a change object');
	if (notObject) return notObject;
	const record = element as IDataObject;
	const candidate =
		record.status === undefined && typeof record.change_type === 'string'
			? { ...record, status: record.change_type }
			: record;
	const result = changeSchema.safeParse(candidate);
	if (result.success) return { ok: true, event: record as Change };
	return { ok: false, raw: element, problems: result.error.issues.map(describeIssue) };
}

/** `{"data": [...]}` and the like: the list inside, when the object is not itself a change. */
function unwrap(value: unknown): unknown {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
	const record = value as IDataObject;
	if (record.member_id !== undefined) return value;
	for (const key of WRAPPER_KEYS) {
		const inner = record[key];
		if (Array.isArray(inner)) return inner;
		if (
			inner !== null &&
			typeof inner === 'object' &&
			(inner as IDataObject).member_id !== undefined
		) {
			return inner;
		}
	}
	return value;
}

/**
 * A delivery, change by change: a JSON array of changes as documented, a single change object, or
 * the array wrapped in `{"data"|"changes"|"results": [...]}`. Every element is read on its own.
 */
export function readDelivery(body: BodyResult): Array<ParsedElement<Change>> {
	return readElements(body.ok ? { ok: true, body: unwrap(body.body) } : body, readChange);
}

/** `readDelivery` of a body that was already parsed as JSON. */
export function parseDelivery(body: unknown): Array<ParsedElement<Change>> {
	return readDelivery({ ok: true, body });
}
