import { eventCode, parseDelivery, toHrEvent } from '../../../nodes/ChartHop/trigger/delivery';

const hire = {
	id: 'ev_1',
	orgId: 'org_1',
	userId: 'u_1',
	code: 'change.create.hire',
	type: 'CREATE',
	subtype: 'HIRE',
	entityType: 'CHANGE',
	entityId: 'chg_9',
	at: 1717243200000,
	fields: ['title'],
	matchFilters: ['department:engineering'],
	payload: { personId: 'p_1' },
};

function events(body: unknown) {
	const result = parseDelivery(body);
	if (!result.ok) throw new Error(result.error);
	return result.events;
}

describe('ChartHop deliveries: parsing', () => {
	it('accepts one event', () => {
		expect(events(hire)).toHaveLength(1);
	});

	it('accepts an array of events', () => {
		expect(events([hire, { ...hire, id: 'ev_2' }]).map((e) => e.id)).toEqual(['ev_1', 'ev_2']);
	});

	it('keeps fields it does not know', () => {
		expect(events({ ...hire, scenarioId: 's_1' })[0]).toMatchObject({ scenarioId: 's_1' });
	});

	it.each([
		[undefined, 'body is empty'],
		[{}, 'body is empty'],
		[[], 'empty array'],
		['text', 'not a JSON object'],
		[[hire, 42], 'event [1] is not a JSON object'],
		[{ ...hire, entityId: undefined }, '"entityId" must be the id'],
		[{ ...hire, code: undefined, type: undefined }, '"code" needs "code"'],
		[{ ...hire, fields: 'title' }, '"fields"'],
		[[hire, { ...hire, at: {} }], 'event [1] is not a ChartHop event: "at"'],
	])('rejects %j with a message naming the problem', (body, message) => {
		const result = parseDelivery(body);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain(message);
	});
});

describe('ChartHop deliveries: the HR event envelope', () => {
	const receivedAt = '2024-06-01T12:00:05.000Z';

	it('maps code, entity, time, fields, filters and payload', () => {
		expect(
			toHrEvent(events(hire)[0], {
				receivedAt,
				subscription: { id: 'act_1', pattern: 'change.create.hire' },
				includeRaw: false,
			}),
		).toEqual({
			source: 'charthop',
			type: 'change.create.hire',
			entity: { type: 'change', id: 'chg_9' },
			changedFields: ['title'],
			occurredAt: '2024-06-01T12:00:00.000Z',
			receivedAt,
			subscription: { id: 'act_1', pattern: 'change.create.hire' },
			data: { personId: 'p_1' },
			eventId: 'ev_1',
			matchFilters: ['department:engineering'],
		});
	});

	it('reads an ISO `at`', () => {
		const item = toHrEvent(events({ ...hire, at: '2024-06-01T12:00:00Z' })[0], {
			receivedAt,
			subscription: {},
			includeRaw: false,
		});
		expect(item.occurredAt).toBe('2024-06-01T12:00:00.000Z');
	});

	it('builds the code from upper-case entityType, type and subtype when `code` is missing', () => {
		expect(eventCode(events({ ...hire, code: undefined })[0])).toBe('change.create.hire');
	});

	it('gives empty changedFields and matchFilters and null data when ChartHop sends none', () => {
		const item = toHrEvent(events({ code: 'person.create', entityId: 7 })[0], {
			receivedAt,
			subscription: {},
			includeRaw: false,
		});
		expect(item).toMatchObject({
			entity: { type: 'person', id: '7' },
			changedFields: [],
			matchFilters: [],
			data: null,
			occurredAt: null,
			eventId: null,
		});
	});

	it('adds the event as sent under raw when asked', () => {
		const item = toHrEvent(events(hire)[0], { receivedAt, subscription: {}, includeRaw: true });
		expect(item.raw).toEqual(hire);
	});
});
