import type { ParsedElement } from '../../../nodes/shared/delivery';
import {
	parseDelivery,
	readDelivery,
	type HumanSourcingEvent,
} from '../../../nodes/HumanSourcing/trigger/delivery';
import {
	exampleDelivery,
	EXAMPLE_NAMES,
	randomDelivery,
} from '../../../sandbox/humansourcing/deliveries';

const job = (data: Record<string, unknown> = { job_id: 1 }) => ({
	event: 'creation',
	type: 'job',
	data,
});

function events(body: unknown): HumanSourcingEvent[] {
	return parseDelivery(body).map((element) => {
		if (!element.ok) throw new Error(`unexpected problems: ${element.problems.join('; ')}`);
		return element.event;
	});
}

function problems(element: unknown): string[] {
	const [result] = parseDelivery([element]);
	if (result.ok) throw new Error('expected the element to be unrecognized');
	return result.problems;
}

const verdicts = (elements: Array<ParsedElement<HumanSourcingEvent>>) =>
	elements.map((element) => (element.ok ? element.event.id : 'unrecognized'));

describe('reading the documented form', () => {
	it.each(EXAMPLE_NAMES)('reads the documented %s example', (name) => {
		const [type, event] = name.split('.');
		expect(events(exampleDelivery(name))).toMatchObject([{ type, event }]);
	});

	it('reads the id of a job from job_id and of a candidate from id, as strings', () => {
		const body = [...exampleDelivery('job.delete'), ...exampleDelivery('candidate.delete')];
		expect(events(body).map((event) => event.id)).toEqual(['126751', '12121']);
	});

	it('reads a single {event, type, data} object as a one-element delivery', () => {
		expect(events(job())).toHaveLength(1);
	});

	it('reads ids sent as numeric strings', () => {
		expect(events([{ event: 'delete', type: 'candidate', data: { id: ' 42 ' } }])[0].id).toBe('42');
	});

	it('keeps unknown fields of the element and of the data', () => {
		const element = { ...job({ job_id: 5, job_new_field: { deep: [1] } }), delivery_id: 'abc' };
		const [event] = events([element]);
		expect(event.data).toEqual({ job_id: 5, job_new_field: { deep: [1] } });
		expect(event.raw).toEqual(element);
	});

	it('takes changed fields from changed_fields or changedFields, else none', () => {
		const body = [
			{ ...job(), event: 'update', changed_fields: ['job_title'] },
			{ ...job(), event: 'update', changedFields: ['job_city'] },
			{ ...job(), event: 'update' },
		];
		expect(events(body).map((event) => event.changedFields)).toEqual([
			['job_title'],
			['job_city'],
			[],
		]);
	});

	it('ignores changed fields that are not a list of names instead of refusing the element', () => {
		const body = [
			{ ...job(), event: 'update', changed_fields: null },
			{ ...job(), event: 'update', changed_fields: 'job_title' },
			{ ...job(), event: 'update', changed_fields: ['job_title', 3] },
		];
		expect(events(body).map((event) => event.changedFields)).toEqual([[], [], ['job_title']]);
	});

	it('reads an empty array as a delivery without events', () => {
		expect(parseDelivery([])).toEqual([]);
	});

	it('reads a 5,000-element batch of deep records', () => {
		expect(events(randomDelivery({ count: 5000, candidateActions: 10 }))).toHaveLength(5000);
	});
});

describe('reading variants a real sender might send', () => {
	it.each([
		['create', 'creation'],
		['created', 'creation'],
		['updated', 'update'],
		['deleted', 'delete'],
		['deletion', 'delete'],
	])('reads event "%s" as "%s"', (sent, read) => {
		expect(events([{ ...job(), event: sent }])[0].event).toBe(read);
	});

	it.each([
		['Update', 'JOB', 'update', 'job'],
		['CREATION', 'Candidate', 'creation', 'candidate'],
		[' deleted ', ' job ', 'delete', 'job'],
	])('reads event %j and type %j in any case as %s / %s', (event, type, readEvent, readType) => {
		const [read] = events([{ event, type, data: { id: 7, job_id: 7 } }]);
		expect([read.event, read.type]).toEqual([readEvent, readType]);
	});

	it('reads a list wrapped as {"data": [...]} when its elements are events', () => {
		const list = [job({ job_id: 1 }), job({ job_id: 2 })];
		expect(events({ data: list }).map((event) => event.id)).toEqual(['1', '2']);
	});

	it('reads {"data": []} as an empty delivery', () => {
		expect(parseDelivery({ data: [] })).toEqual([]);
	});

	it('does not unwrap a "data" list that holds no events', () => {
		expect(verdicts(parseDelivery({ data: [{ job_id: 1 }] }))).toEqual(['unrecognized']);
	});

	it('does not unwrap an element that has its own event and type', () => {
		expect(problems({ event: 'update', type: 'job', data: [job()] })).toEqual([
			'"data" must be an object (got array)',
		]);
	});
});

describe('elements that cannot be read are named, not dropped', () => {
	it.each([
		['a number', 1, 'The element is a number, not an {event, type, data} object'],
		['null', null, 'The element is null, not an {event, type, data} object'],
		['a nested array', [job()], 'The element is a list, not an {event, type, data} object'],
		['no event', { type: 'job', data: { job_id: 1 } }, '"event" is missing'],
		[
			'an unknown event',
			{ ...job(), event: 'archive' },
			'"event" must be one of "creation", "update", "delete" (got "archive")',
		],
		['event as a number', { ...job(), event: 1 }, '"event" must be a string (got number)'],
		['no type', { event: 'update', data: { id: 1 } }, '"type" is missing'],
		[
			'an unknown type',
			{ ...job(), type: 'offer' },
			'"type" must be one of "job", "candidate" (got "offer")',
		],
		['no data', { event: 'delete', type: 'job' }, '"data" is missing'],
		['data null', { ...job(), data: null }, '"data" must be an object (got null)'],
		['data as an array', { ...job(), data: [] }, '"data" must be an object (got array)'],
		['a job without job_id', job({ id: 3 }), '"data.job_id" is missing'],
		[
			'a candidate without id',
			{ event: 'update', type: 'candidate', data: { job_id: 3 } },
			'"data.id" is missing',
		],
		[
			'a non-numeric id',
			{ event: 'delete', type: 'candidate', data: { id: 'abc' } },
			'"data.id" must be a number or a numeric string (got "abc")',
		],
		[
			'a negative id',
			job({ job_id: -4 }),
			'"data.job_id" must be a number or a numeric string (got -4)',
		],
		[
			'a fractional id',
			job({ job_id: 1.5 }),
			'"data.job_id" must be a number or a numeric string (got 1.5)',
		],
	])('names the problem of %s', (_label, element, problem) => {
		expect(problems(element)).toEqual([problem]);
	});

	it('lists every problem of an element', () => {
		expect(problems({ event: 'archive', type: 'job', data: {} })).toEqual([
			'"event" must be one of "creation", "update", "delete" (got "archive")',
			'"data.job_id" is missing',
		]);
	});

	it('keeps the element as sent', () => {
		const element = { event: 'update', type: 'job', data: { title: 'x' } };
		const [result] = parseDelivery([element]);
		expect(result).toEqual({ ok: false, raw: element, problems: ['"data.job_id" is missing'] });
	});

	it('reads the good elements around a bad one, in order', () => {
		const body = [
			job({ job_id: 1 }),
			{ event: 'update', type: 'job', data: {} },
			job({ job_id: 3 }),
		];
		expect(verdicts(parseDelivery(body))).toEqual(['1', 'unrecognized', '3']);
	});

	it('turns a body that is not JSON into one unrecognized element that keeps the text', () => {
		const elements = readDelivery({
			ok: false,
			message: 'The body is not valid JSON',
			text: 'x=1',
		});
		expect(elements).toEqual([{ ok: false, raw: 'x=1', problems: ['The body is not valid JSON'] }]);
	});

	it('turns an empty body into one unrecognized element', () => {
		expect(readDelivery({ ok: true, body: undefined })).toEqual([
			{ ok: false, raw: null, problems: ['The body is empty'] },
		]);
	});
});
