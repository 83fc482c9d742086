import type { ChartHopEvent } from '../../../nodes/ChartHop/trigger/delivery';
import { parseDelivery, readEvent } from '../../../nodes/ChartHop/trigger/delivery';
import { toHrEvent } from '../../../nodes/ChartHop/trigger/normalize';
import { SharedLists } from '../../../nodes/shared/envelope';

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

function read(element: unknown): ChartHopEvent {
	const result = readEvent(element);
	if (!result.ok) throw new Error(result.problems.join('; '));
	return result.event;
}

function problems(element: unknown): string[] {
	const result = readEvent(element);
	if (result.ok) throw new Error(`read as ${result.event.code}`);
	return result.problems;
}

describe('ChartHop events: the event code, from whichever form is present', () => {
	it.each([
		['code', { code: 'change.create.hire' }, 'change.create.hire', 'change'],
		['code in upper case', { code: 'PERSON.UPDATE' }, 'person.update', 'person'],
		[
			'REST form: entityType + type + subtype, upper case',
			{ entityType: 'CHANGE', type: 'CREATE', subtype: 'HIRE' },
			'change.create.hire',
			'change',
		],
		[
			'REST form without subtype',
			{ entityType: 'PERSON', type: 'UPDATE' },
			'person.update',
			'person',
		],
		[
			'a dotted type that repeats entityType (never doubled)',
			{ type: 'timeoff.create', entityType: 'timeoff' },
			'timeoff.create',
			'timeoff',
		],
		['a dotted type without entityType', { type: 'timeoff.delete' }, 'timeoff.delete', 'timeoff'],
		['a dashed type', { type: 'job-create' }, 'job.create', 'job'],
		[
			'a dashed type with entityType',
			{ type: 'job-create', entityType: 'JOB' },
			'job.create',
			'job',
		],
		['eventType', { eventType: 'timeoff.create' }, 'timeoff.create', 'timeoff'],
		['event_type in upper case', { event_type: 'PERSON.UPDATE' }, 'person.update', 'person'],
		[
			'eventType + entityType',
			{ eventType: 'UPDATE', entityType: 'PERSON' },
			'person.update',
			'person',
		],
		[
			'a type holding action.subtype with entityType',
			{ type: 'create.hire', entityType: 'change' },
			'change.create.hire',
			'change',
		],
		[
			'an entity type with an underscore',
			{ type: 'SUBMIT', entityType: 'FORM_RESPONSE' },
			'form_response.submit',
			'form_response',
		],
	])('%s', (_name, fields, code, entityType) => {
		const event = read({ entityId: 'e_1', ...fields });
		expect({ code: event.code, entityType: event.entityType }).toEqual({ code, entityType });
	});

	it('prefers code over type and entityType', () => {
		expect(read(hire).code).toBe('change.create.hire');
	});

	it('reads keys in snake_case or any case', () => {
		const event = read({
			Event_Type: 'person.update',
			ENTITY_ID: 'p_7',
			match_filters: ['department:sales'],
			Payload: { title: 'VP' },
		});
		expect(event).toMatchObject({
			code: 'person.update',
			entityId: 'p_7',
			matchFilters: ['department:sales'],
			payload: { title: 'VP' },
		});
	});
});

describe('ChartHop events: what cannot be read is named', () => {
	it('a missing entityId', () => {
		expect(problems({ code: 'change.create.hire' })).toEqual(['"entityId" is missing']);
	});

	it('an entityId that is not an id', () => {
		expect(problems({ code: 'person.update', entityId: { id: 1 } })).toEqual([
			expect.stringContaining('"entityId" must be the id of the person, job or other entity'),
		]);
	});

	it('a type without the entity it belongs to', () => {
		expect(problems({ type: 'CREATE', entityId: 'x' })).toEqual([
			expect.stringContaining(
				'"entityType" is missing: "type" "CREATE" alone does not name the event',
			),
		]);
	});

	it('no code in any form, and no entityId: both problems', () => {
		expect(problems({ note: 'hello' })).toEqual([
			expect.stringContaining('"code" is missing'),
			'"entityId" is missing',
		]);
	});

	it('a code that is not entity.type[.subtype]', () => {
		expect(problems({ code: 'hire someone', entityId: 'x' })).toEqual([
			expect.stringContaining('"hire someone" is not entity.type[.subtype]'),
		]);
	});

	it('an element that is not an object', () => {
		expect(problems(42)).toEqual(['The element is a number, not a ChartHop event object']);
	});
});

describe('ChartHop deliveries: one parsed element per event', () => {
	it('reads an array element by element, a bad one among good ones', () => {
		const elements = parseDelivery([hire, { code: 'person.update' }, { ...hire, id: 'ev_2' }]);
		expect(elements.map((element) => element.ok)).toEqual([true, false, true]);
	});

	it('reads one object as one element', () => {
		expect(parseDelivery(hire)).toHaveLength(1);
	});
});

describe('ChartHop events: the HR event envelope', () => {
	const receivedAt = '2024-06-01T12:00:05.000Z';
	const options = { receivedAt, subscription: {}, includeRaw: false };

	it('maps code, entity, time, fields, filters and payload', () => {
		expect(
			toHrEvent(read(hire), {
				...options,
				subscription: { id: 'act_1', pattern: 'change.create.hire' },
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
		expect(toHrEvent(read({ ...hire, at: '2024-06-01T12:00:00Z' }), options).occurredAt).toBe(
			'2024-06-01T12:00:00.000Z',
		);
	});

	it('lists the payload keys of an update without `fields` as the changed fields', () => {
		const event = read({
			code: 'person.update',
			entityId: 'p_1',
			payload: { title: 'CTO', base: 1 },
		});
		expect(toHrEvent(event, options).changedFields).toEqual(['title', 'base']);
	});

	it('treats an empty `fields` list like no list', () => {
		const event = read({
			code: 'person.update',
			entityId: 'p_1',
			fields: [],
			payload: { title: 'CTO' },
		});
		expect(toHrEvent(event, options).changedFields).toEqual(['title']);
	});

	it('does not list the payload keys of a create event', () => {
		const event = read({ code: 'person.create', entityId: 'p_1', payload: { title: 'CTO' } });
		expect(toHrEvent(event, options).changedFields).toEqual([]);
	});

	it("does not list a custom payload's keys as changed fields", () => {
		const event = read({
			code: 'change.update.hire',
			entityId: 'c_1',
			payload: { workEmail: 'a@b' },
		});
		expect(toHrEvent(event, { ...options, customPayload: true }).changedFields).toEqual([]);
	});

	it('gives empty changedFields and matchFilters and null data when ChartHop sends none', () => {
		expect(toHrEvent(read({ code: 'person.create', entityId: 7 }), options)).toMatchObject({
			entity: { type: 'person', id: '7' },
			changedFields: [],
			matchFilters: [],
			data: null,
			occurredAt: null,
			eventId: null,
		});
	});

	it('keeps an event whose optional fields are odd, and says what it left out', () => {
		const item = toHrEvent(
			read({
				code: 'person.update',
				entityId: 'p_1',
				at: { t: 1 },
				fields: [1, 'title'],
				matchFilters: 3,
			}),
			options,
		);
		expect(item).toMatchObject({ occurredAt: null, changedFields: ['title'], matchFilters: [] });
		expect(item.warnings).toEqual([
			'"at" is an object, not a time; occurredAt is null',
			'"fields" has entries that are not text; they were left out',
			'"matchFilters" is number 3, not a list of text; it was left out',
		]);
	});

	it('gives events of a delivery with equal changed fields or match filters one shared list each', () => {
		const lists = new SharedLists();
		const [first, second, other] = [
			hire,
			{ ...hire, id: 'ev_2', fields: ['title'], matchFilters: ['department:engineering'] },
			{ ...hire, id: 'ev_3', fields: ['base'], matchFilters: [] },
		].map((element) => toHrEvent(read(element), { ...options, lists }));
		expect(second.changedFields).toBe(first.changedFields);
		expect(second.matchFilters).toBe(first.matchFilters);
		expect(second).toMatchObject({
			changedFields: ['title'],
			matchFilters: ['department:engineering'],
		});
		expect(other).toMatchObject({ changedFields: ['base'], matchFilters: [] });
	});

	it('adds the event as sent under raw when asked', () => {
		expect(toHrEvent(read(hire), { ...options, includeRaw: true }).raw).toEqual(hire);
	});
});
