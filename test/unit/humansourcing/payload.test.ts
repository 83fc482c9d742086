import { parseDelivery } from '../../../nodes/HumanSourcing/payload';
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

function rejection(body: unknown): string {
	const result = parseDelivery(body);
	if (result.ok) throw new Error('expected the delivery to be rejected');
	return result.message;
}

describe('parseDelivery', () => {
	it.each(EXAMPLE_NAMES)('accepts the documented %s example', (name) => {
		const result = parseDelivery(exampleDelivery(name));
		expect(result).toMatchObject({
			ok: true,
			events: [{ type: name.split('.')[0], event: name.split('.')[1] }],
		});
	});

	it('reads the id of a job from job_id and of a candidate from id, as strings', () => {
		const result = parseDelivery([
			...exampleDelivery('job.delete'),
			...exampleDelivery('candidate.delete'),
		]);
		expect(result.ok && result.events.map((event) => event.id)).toEqual(['126751', '12121']);
	});

	it('accepts a single {event, type, data} object as a one-element delivery', () => {
		const result = parseDelivery(job());
		expect(result.ok && result.events).toHaveLength(1);
	});

	it('accepts numeric string ids', () => {
		const result = parseDelivery([{ event: 'delete', type: 'candidate', data: { id: ' 42 ' } }]);
		expect(result.ok && result.events[0].id).toBe('42');
	});

	it('keeps unknown fields of the element and of the data', () => {
		const element = { ...job({ job_id: 5, job_new_field: { deep: [1] } }), delivery_id: 'abc' };
		const result = parseDelivery([element]);
		expect(result.ok && result.events[0].data).toEqual({ job_id: 5, job_new_field: { deep: [1] } });
		expect(result.ok && result.events[0].raw).toEqual(element);
	});

	it('takes changed fields from changed_fields or changedFields, else none', () => {
		const result = parseDelivery([
			{ ...job(), event: 'update', changed_fields: ['job_title'] },
			{ ...job(), event: 'update', changedFields: ['job_city'] },
			{ ...job(), event: 'update' },
		]);
		expect(result.ok && result.events.map((event) => event.changedFields)).toEqual([
			['job_title'],
			['job_city'],
			[],
		]);
	});

	it('ignores changed fields that are not a list of names instead of rejecting the element', () => {
		const result = parseDelivery([
			{ ...job(), event: 'update', changed_fields: null },
			{ ...job(), event: 'update', changed_fields: 'job_title' },
			{ ...job(), event: 'update', changed_fields: ['job_title', 3] },
		]);
		expect(result.ok && result.events.map((event) => event.changedFields)).toEqual([
			[],
			[],
			['job_title'],
		]);
	});

	it.each([
		['null', null, 'The body is empty'],
		['a number', 42, 'The body must be a JSON array'],
		['a string', 'hello', 'The body must be a JSON array'],
		['an array of numbers', [1], 'element 0: must be an object {event, type, data}'],
		['a nested array', [[job()]], 'element 0: must be an object {event, type, data}'],
		['no event', [{ type: 'job', data: { job_id: 1 } }], 'element 0: "event" is missing'],
		[
			'an unknown event',
			[{ ...job(), event: 'archive' }],
			'element 0: "event" must be one of "creation", "update", "delete" (got "archive")',
		],
		['no type', [{ event: 'update', data: { id: 1 } }], 'element 0: "type" is missing'],
		[
			'an unknown type',
			[{ ...job(), type: 'offer' }],
			'element 0: "type" must be one of "job", "candidate" (got "offer")',
		],
		['no data', [{ event: 'delete', type: 'job' }], 'element 0: "data" is missing'],
		[
			'data as an array',
			[{ ...job(), data: [] }],
			'element 0: "data" must be an object (got array)',
		],
		[
			'a job without job_id',
			[job({ id: 3 })],
			'element 0: "data.job_id" is missing (a job needs its id)',
		],
		[
			'a candidate without id',
			[{ event: 'update', type: 'candidate', data: { job_id: 3 } }],
			'element 0: "data.id" is missing (a candidate needs its id)',
		],
		[
			'a non-numeric id',
			[{ event: 'delete', type: 'candidate', data: { id: 'abc' } }],
			'element 0: "data.id" must be a number or a numeric string (got "abc")',
		],
		[
			'a negative id',
			[job({ job_id: -4 })],
			'element 0: "data.job_id" must be a number or a numeric string (got -4)',
		],
	])('rejects %s', (_label, body, message) => {
		expect(rejection(body)).toContain(message);
	});

	it('names the index of the bad element and rejects the whole batch', () => {
		const message = rejection([job(), job(), { ...job(), type: 'offer' }, job()]);
		expect(message).toBe(
			'Rejected the whole delivery (1 of 4 elements invalid): element 2: "type" must be one of "job", "candidate" (got "offer")',
		);
	});

	it('lists the first five invalid elements and counts the rest', () => {
		const body = Array.from({ length: 8 }, (_, index) =>
			job({ job_id: index % 2 === 0 ? 'x' : index }),
		);
		const message = rejection(body);
		expect(message).toMatch(
			/^Rejected the whole delivery \(4 of 8 elements invalid\): element 0: .*element 6: /,
		);
		expect(message).not.toContain('and');
		const many = rejection(Array.from({ length: 9 }, () => job({})));
		expect(many).toContain('element 4: ');
		expect(many).not.toContain('element 5: ');
		expect(many).toMatch(/; and 4 more invalid elements$/);
	});

	it('accepts an empty array as a delivery without events', () => {
		expect(parseDelivery([])).toEqual({ ok: true, events: [] });
	});

	it('parses a 5,000-element batch of deep records', () => {
		const result = parseDelivery(randomDelivery({ count: 5000, candidateActions: 10 }));
		expect(result.ok && result.events).toHaveLength(5000);
	});
});
