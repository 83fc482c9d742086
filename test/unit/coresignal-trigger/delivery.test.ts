import { parseDelivery } from '../../../nodes/Coresignal/trigger/payload';
import { changeToEvent, passesFilters } from '../../../nodes/Coresignal/trigger/normalize';
import {
	expiresWithinDays,
	isExpired,
	parseCoresignalDate,
} from '../../../nodes/Coresignal/trigger/expiry';

const receivedAt = '2026-11-25T10:00:00.000Z';

describe('a Coresignal delivery body', () => {
	it('is an array of changes', () => {
		const changes = parseDelivery([
			{ member_id: 123, status: 'started_matching_query', changed_fields: null },
			{ member_id: 125, status: 'changed', changed_fields: ['skills', 'headline'] },
		]);
		expect(changes.map((change) => change.member_id)).toEqual([123, 125]);
	});

	it('may be a single change object', () => {
		expect(parseDelivery({ member_id: 9, status: 'changed' })).toHaveLength(1);
	});

	it('keeps unknown fields', () => {
		expect(parseDelivery([{ member_id: 1, status: 'changed', week: '2026-47' }])[0]).toMatchObject({
			week: '2026-47',
		});
	});

	it('accepts numeric strings as ids', () => {
		expect(parseDelivery([{ member_id: '42', status: 'changed' }])[0].member_id).toBe(42);
	});

	it.each([
		[undefined, 'The request body is empty'],
		['"hello"', 'must be a JSON array of changes, not a string'],
		[42, 'not a number'],
		[[{ status: 'changed' }], 'Change 0: "member_id" is missing'],
		[
			[
				{ member_id: 1, status: 'changed' },
				{ member_id: 'abc', status: 'changed' },
			],
			'Change 1: "member_id"',
		],
		[[{ member_id: 1 }], 'Change 0: "status" is missing'],
		[[{ member_id: 1, status: 'changed', changed_fields: 'skills' }], 'Change 0: "changed_fields"'],
		[[null], 'Change 0: the element'],
	])('rejects %j with a message naming the problem', (body, message) => {
		expect(() => parseDelivery(body)).toThrow(message);
	});
});

describe('a change as an HR event', () => {
	it('follows the envelope', () => {
		const [change] = parseDelivery([
			{ member_id: 125, status: 'changed', changed_fields: ['skills'] },
		]);
		expect(
			changeToEvent(change, {
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
			data: { member_id: 125, status: 'changed', changed_fields: ['skills'] },
		});
	});

	it('turns null changed fields into an empty list', () => {
		const [change] = parseDelivery([
			{ member_id: 1, status: 'started_matching_query', changed_fields: null },
		]);
		expect(
			changeToEvent(change, { event: 'employeeProfile', receivedAt, includeRaw: false })
				.changedFields,
		).toEqual([]);
	});

	it('names experience changes experience.*, including legacy v1 statuses', () => {
		const [change] = parseDelivery([{ member_id: 1, status: 'changed_experience' }]);
		expect(
			changeToEvent(change, { event: 'experience', receivedAt, includeRaw: true }),
		).toMatchObject({
			type: 'experience.changed',
			raw: { member_id: 1, status: 'changed_experience' },
		});
	});
});

describe('the trigger filters', () => {
	const [matching, changed] = parseDelivery([
		{ member_id: 1, status: 'started_matching_query', changed_fields: null },
		{ member_id: 2, status: 'changed', changed_fields: ['experience.title', 'skills'] },
	]);

	it('keep only the chosen statuses', () => {
		const filters = { statuses: ['changed'], changedFields: [] };
		expect([passesFilters(matching, filters), passesFilters(changed, filters)]).toEqual([
			false,
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
