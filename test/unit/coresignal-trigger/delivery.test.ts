import type { ParsedElement } from '../../../nodes/shared/delivery';
import type { Change } from '../../../nodes/Coresignal/trigger/delivery';
import {
	parseDelivery,
	readChange,
	readDelivery,
} from '../../../nodes/Coresignal/trigger/delivery';
import {
	toHrEvent,
	memberIdOf,
	passesFilters,
	statusOf,
} from '../../../nodes/Coresignal/trigger/normalize';
import {
	expiresWithinDays,
	isExpired,
	parseCoresignalDate,
} from '../../../nodes/Coresignal/trigger/expiry';

const receivedAt = '2026-11-25T10:00:00.000Z';

function changes(elements: Array<ParsedElement<Change>>): Change[] {
	return elements.map((element) => {
		if (!element.ok) throw new Error(`unexpected problems: ${element.problems.join('; ')}`);
		return element.event;
	});
}

const problemsOf = (element: unknown) => {
	const [read] = parseDelivery([element]);
	return read.ok ? [] : read.problems;
};

describe('a Coresignal delivery body', () => {
	it('is an array of changes, read one by one', () => {
		const read = changes(
			parseDelivery([
				{ member_id: 123, status: 'started_matching_query', changed_fields: null },
				{ member_id: 125, status: 'changed', changed_fields: ['skills', 'headline'] },
			]),
		);
		expect(read.map(memberIdOf)).toEqual([123, 125]);
	});

	it('may be a single change object', () => {
		expect(changes(parseDelivery({ member_id: 9, status: 'changed' }))).toHaveLength(1);
	});

	it.each(['data', 'changes', 'results'])('may wrap the list in {"%s": [...]}', (key) => {
		const read = changes(
			parseDelivery({
				[key]: [
					{ member_id: 1, status: 'changed' },
					{ member_id: 2, status: 'changed' },
				],
			}),
		);
		expect(read.map(memberIdOf)).toEqual([1, 2]);
	});

	it('is not unwrapped when the object is itself a change', () => {
		const read = changes(parseDelivery({ member_id: 3, status: 'changed', data: [1, 2] }));
		expect(read.map(memberIdOf)).toEqual([3]);
	});

	it('keeps unknown fields', () => {
		expect(
			changes(parseDelivery([{ member_id: 1, status: 'changed', week: '2026-47' }]))[0],
		).toMatchObject({
			week: '2026-47',
		});
	});

	it('is empty for an empty array', () => {
		expect(parseDelivery([])).toEqual([]);
	});

	it('keeps a bad change from sinking the good ones around it', () => {
		const read = parseDelivery([
			{ member_id: 1, status: 'changed' },
			{ status: 'changed' },
			{ member_id: 3, status: 'changed' },
		]);
		expect(read.map((element) => element.ok)).toEqual([true, false, true]);
		expect(read[1]).toEqual({
			ok: false,
			raw: { status: 'changed' },
			problems: ['"member_id" is missing'],
		});
	});

	it.each([
		[
			{
				ok: false,
				message: 'The body is not valid JSON: Unexpected token',
				text: 'member_id=1',
			} as const,
			'not valid JSON',
		],
		[{ ok: true, body: undefined } as const, 'The body is empty'],
		[{ ok: true, body: 'changed' } as const, 'The body is a JSON string'],
		[{ ok: true, body: 42 } as const, 'The body is a JSON number'],
	])('reads %j as one unrecognized element', (body, problem) => {
		const read = readDelivery(body);
		expect(read).toHaveLength(1);
		expect(read[0]).toMatchObject({ ok: false, problems: [expect.stringContaining(problem)] });
	});
});

describe('one change', () => {
	it.each([
		['member_id as a numeric string', { member_id: '42', status: 'changed' }, 42, 'changed'],
		[
			'member_id with spaces around its digits',
			{ member_id: ' 42 ', status: 'changed' },
			42,
			'changed',
		],
		[
			'the status spelled change_type',
			{ member_id: 5, change_type: 'stopped_matching_query' },
			5,
			'stopped_matching_query',
		],
		['the status in upper case', { member_id: 6, status: 'CHANGED' }, 6, 'changed'],
		[
			'the legacy v1 experience status',
			{ member_id: 7, status: 'changed_experience' },
			7,
			'changed',
		],
		['changed_fields absent', { member_id: 8, status: 'changed' }, 8, 'changed'],
		[
			'changed_fields null',
			{ member_id: 9, status: 'started_matching_query', changed_fields: null },
			9,
			'started_matching_query',
		],
		['an unknown status', { member_id: 10, status: 'teleported' }, 10, 'teleported'],
	])('is read with %s', (_name, element, id, status) => {
		const read = readChange(element);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect([memberIdOf(read.event), statusOf(read.event)]).toEqual([id, status]);
		expect(read.event).toBe(element);
	});

	it.each([
		[{ status: 'changed' }, ['"member_id" is missing']],
		[{ member_id: 'abc', status: 'changed' }, ['"member_id" must be a numeric employee ID']],
		[{ member_id: null, status: 'changed' }, ['"member_id" must be a numeric employee ID']],
		[{ member_id: 0, status: 'changed' }, ['"member_id" must be positive']],
		[{ member_id: 1.5, status: 'changed' }, ['"member_id" must be a whole number']],
		[
			{ member_id: 2 ** 53 + 2, status: 'changed' },
			['"member_id" is too large to be an employee ID'],
		],
		[{ member_id: 1 }, ['"status" is missing']],
		[{ member_id: 1, status: ' ' }, ['"status" must not be empty']],
		[{ member_id: 1, status: 5 }, ['"status" must be a string']],
		[
			{ member_id: 1, status: 'changed', changed_fields: 'skills' },
			['"changed_fields" must be a list of field names or null'],
		],
		[
			{ member_id: 1, status: 'changed', changed_fields: [1] },
			['"changed_fields.0" must list field names'],
		],
		[{}, ['"member_id" is missing', '"status" is missing']],
	])('%j is unrecognized: %j', (element, problems) => {
		expect(problemsOf(element)).toEqual(problems);
	});

	it.each([
		[null, 'The element is null, not a change object'],
		[7, 'The element is a number, not a change object'],
		[[{ member_id: 1, status: 'changed' }], 'The element is a list, not a change object'],
	])('%j is not a change object', (element, problem) => {
		expect(problemsOf(element)).toEqual([problem]);
	});
});

describe('a change as an HR event', () => {
	it('follows the envelope', () => {
		const [change] = changes(
			parseDelivery([{ member_id: 125, status: 'changed', changed_fields: ['skills'] }]),
		);
		expect(
			toHrEvent(change, {
				event: 'employeeProfile',
				subscriptionId: 'sub-1',
				receivedAt,
				includeRaw: false,
			}),
		).toEqual({
			source: 'coresignal',
			type: 'employee.changed',
			entity: { type: 'employee', id: '125' },
			changedFields: ['skills'],
			occurredAt: null,
			receivedAt,
			subscription: { id: 'sub-1' },
			data: null,
		});
	});

	it('says each fact of the change once: data is null when the envelope carries all of it', () => {
		const [change] = changes(parseDelivery([{ member_id: '0042', change_type: 'Changed' }]));
		expect(
			toHrEvent(change, { event: 'employeeProfile', receivedAt, includeRaw: false }),
		).toMatchObject({
			type: 'employee.changed',
			entity: { type: 'employee', id: '42' },
			changedFields: [],
			data: null,
		});
	});

	it('keeps fields the envelope does not carry in data', () => {
		const [change] = changes(
			parseDelivery([{ member_id: 7, status: 'changed', changed_fields: [], source_id: 'li-7' }]),
		);
		expect(
			toHrEvent(change, { event: 'employeeProfile', receivedAt, includeRaw: false }).data,
		).toEqual({ source_id: 'li-7' });
	});

	it('gives the change exactly as sent in raw, on request', () => {
		const sent = { member_id: '0042', change_type: 'Changed' };
		const [change] = changes(parseDelivery([sent]));
		expect(
			toHrEvent(change, { event: 'employeeProfile', receivedAt, includeRaw: true }).raw,
		).toEqual(sent);
	});

	it('gives every item of a delivery one shared subscription object', () => {
		const context = {
			event: 'employeeProfile' as const,
			subscriptionId: 'sub-1',
			receivedAt,
			includeRaw: false,
		};
		const [first, second] = changes(
			parseDelivery([
				{ member_id: 1, status: 'changed' },
				{ member_id: 2, status: 'changed' },
			]),
		).map((change) => toHrEvent(change, context));
		expect(first.subscription).toEqual({ id: 'sub-1' });
		expect(second.subscription).toBe(first.subscription);
	});

	it('gives items of a delivery that changed the same fields one shared list, equal to what was sent', () => {
		const context = { event: 'employeeProfile' as const, receivedAt, includeRaw: false };
		const [first, second, other, none] = changes(
			parseDelivery([
				{ member_id: 1, status: 'changed', changed_fields: ['experience', 'headline'] },
				{ member_id: 2, status: 'changed', changed_fields: ['experience', 'headline'] },
				{ member_id: 3, status: 'changed', changed_fields: ['experience'] },
				{ member_id: 4, status: 'started_matching_query', changed_fields: null },
			]),
		).map((change) => toHrEvent(change, context));
		expect(second.changedFields).toBe(first.changedFields);
		expect(second.changedFields).toEqual(['experience', 'headline']);
		expect(other.changedFields).toEqual(['experience']);
		expect(none.changedFields).toEqual([]);
	});

	it('keeps lists apart that only begin alike', () => {
		const context = { event: 'employeeProfile' as const, receivedAt, includeRaw: false };
		const sent = [['experience'], ['experience', 'headline'], ['experience', 'headline', 'skills']];
		const events = changes(
			parseDelivery(
				[...sent, ...sent].map((fields, index) => ({
					member_id: index + 1,
					status: 'changed',
					changed_fields: fields,
				})),
			),
		).map((change) => toHrEvent(change, context));
		expect(events.map((event) => event.changedFields)).toEqual([...sent, ...sent]);
	});

	it('turns null changed fields into an empty list', () => {
		const [change] = changes(
			parseDelivery([{ member_id: 1, status: 'started_matching_query', changed_fields: null }]),
		);
		expect(
			toHrEvent(change, { event: 'employeeProfile', receivedAt, includeRaw: false }).changedFields,
		).toEqual([]);
	});

	it('names experience changes experience.*, including legacy v1 statuses', () => {
		const [change] = changes(parseDelivery([{ member_id: 1, status: 'changed_experience' }]));
		expect(toHrEvent(change, { event: 'experience', receivedAt, includeRaw: true })).toMatchObject({
			type: 'experience.changed',
			raw: { member_id: 1, status: 'changed_experience' },
		});
	});
});

describe('the trigger filters', () => {
	const [matching, changed, shouted] = changes(
		parseDelivery([
			{ member_id: 1, status: 'started_matching_query', changed_fields: null },
			{ member_id: 2, status: 'changed', changed_fields: ['experience.title', 'skills'] },
			{ member_id: 3, status: 'CHANGED' },
		]),
	);

	it('keep only the chosen statuses, whatever their case', () => {
		const filters = { statuses: ['changed'], changedFields: [] };
		expect([matching, changed, shouted].map((change) => passesFilters(change, filters))).toEqual([
			false,
			true,
			true,
		]);
	});

	it('keep changes that touch one of the chosen fields, including nested ones', () => {
		expect(passesFilters(changed, { statuses: [], changedFields: ['experience'] })).toBe(true);
		expect(passesFilters(changed, { statuses: [], changedFields: ['headline'] })).toBe(false);
		expect(passesFilters(matching, { statuses: [], changedFields: ['skills'] })).toBe(false);
	});
});

describe('subscription expiry dates', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');

	it('reads both of Coresignal date formats as UTC', () => {
		expect(parseCoresignalDate('2026-12-01')).toBe(Date.parse('2026-12-01T23:59:59Z'));
		expect(parseCoresignalDate('2025-10-24T12:00:00.000000')).toBe(
			Date.parse('2025-10-24T12:00:00Z'),
		);
	});

	it('knows when a subscription is expired or about to be', () => {
		expect(isExpired('2026-11-24', now)).toBe(true);
		expect(isExpired('2026-11-25', now)).toBe(false);
		expect(expiresWithinDays('2026-12-05', 14, now)).toBe(true);
		expect(expiresWithinDays('2027-02-20', 14, now)).toBe(false);
	});
});
