import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

const memberId = z.preprocess(
	(value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
	z
		.number({ required_error: 'is missing', invalid_type_error: 'must be a numeric employee ID' })
		.int('must be a whole number')
		.positive('must be positive')
		.refine(Number.isSafeInteger, 'is too large to be an employee ID'),
);

/** One element of a Coresignal delivery (reference §4); unknown fields are kept. */
export const changeSchema = z
	.object({
		member_id: memberId,
		status: z
			.string({ required_error: 'is missing', invalid_type_error: 'must be a string' })
			.min(1, 'must not be empty'),
		changed_fields: z
			.array(z.string({ invalid_type_error: 'must list field names' }), {
				invalid_type_error: 'must be a list of field names or null',
			})
			.nullish(),
	})
	.passthrough();

export type Change = z.infer<typeof changeSchema>;

export class PayloadError extends Error {}

function describeIssue(issue: z.ZodIssue): string {
	const [index, ...field] = issue.path;
	const where = field.length ? `"${field.join('.')}"` : 'the element';
	const problem =
		issue.message === 'Required'
			? 'is missing'
			: issue.path.length <= 1 && issue.code === 'invalid_type'
				? `must be a change object, not ${issue.received}`
				: issue.message;
	return typeof index === 'number' ? `Change ${index}: ${where} ${problem}` : `${where} ${problem}`;
}

/**
 * A delivery is a JSON array of changes. A single change object is accepted too; anything else
 * is rejected with a message that names the element and field so the sender can fix it.
 */
export function parseDelivery(body: unknown): Change[] {
	if (body === undefined || body === null || body === '') {
		throw new PayloadError('The request body is empty; Coresignal sends a JSON array of changes');
	}
	const elements = Array.isArray(body) ? body : typeof body === 'object' ? [body] : undefined;
	if (!elements) {
		throw new PayloadError(
			`The request body must be a JSON array of changes, not a ${typeof body}`,
		);
	}
	const changes: Change[] = [];
	for (let index = 0; index < elements.length; index++) {
		const element: unknown = elements[index];
		if (isWellFormed(element)) {
			changes.push(element);
			continue;
		}
		const result = changeSchema.safeParse(element);
		if (!result.success) {
			const issue = result.error.issues[0];
			throw new PayloadError(describeIssue({ ...issue, path: [index, ...issue.path] }));
		}
		changes.push(result.data);
	}
	return changes;
}

/**
 * The common case, checked by hand: zod costs several times `JSON.parse` per 80-byte change and a
 * delivery can hold hundreds of thousands. Anything unusual goes through the schema, which also
 * converts numeric-string ids and words the error.
 */
function isWellFormed(element: unknown): element is Change {
	if (element === null || typeof element !== 'object' || Array.isArray(element)) return false;
	const { member_id: id, status, changed_fields: fields } = element as IDataObject;
	return (
		typeof id === 'number' &&
		Number.isSafeInteger(id) &&
		id > 0 &&
		typeof status === 'string' &&
		status !== '' &&
		(fields === null ||
			fields === undefined ||
			(Array.isArray(fields) && fields.every((field) => typeof field === 'string')))
	);
}
