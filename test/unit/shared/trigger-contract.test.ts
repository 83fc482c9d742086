import type { INodeExecutionData } from 'n8n-workflow';

import {
	acknowledgement,
	MAX_FLAGGED_ITEMS,
	readElements,
	UnrecognizedItems,
	type ParsedElement,
} from '../../../nodes/shared/delivery';
import { cutDepth, exceedsDepth, MAX_DEPTH } from '../../../nodes/shared/depth';
import { buildHrEvent, unrecognizedEvent } from '../../../nodes/shared/envelope';

const nested = (levels: number): unknown => {
	let value: unknown = 'bottom';
	for (let i = 0; i < levels; i++) value = { level: value };
	return value;
};

const readId = (element: unknown): ParsedElement<string> =>
	typeof (element as { id?: unknown })?.id === 'string'
		? { ok: true, event: (element as { id: string }).id }
		: { ok: false, raw: element, problems: ['"id" is missing'] };

describe('reading a delivery element by element', () => {
	it('reads every element of an array on its own, in order', () => {
		const elements = readElements(
			{ ok: true, body: [{ id: 'a' }, { nope: 1 }, { id: 'c' }] },
			readId,
		);
		expect(elements).toEqual([
			{ ok: true, event: 'a' },
			{ ok: false, raw: { nope: 1 }, problems: ['"id" is missing'] },
			{ ok: true, event: 'c' },
		]);
	});

	it('reads a single object as a delivery of one', () => {
		expect(readElements({ ok: true, body: { id: 'a' } }, readId)).toEqual([
			{ ok: true, event: 'a' },
		]);
	});

	it('reads an empty array as a delivery of nothing', () => {
		expect(readElements({ ok: true, body: [] }, readId)).toEqual([]);
	});

	it('turns an empty body into one unrecognized element', () => {
		expect(readElements({ ok: true, body: undefined }, readId)).toEqual([
			{ ok: false, raw: null, problems: ['The body is empty'] },
		]);
	});

	it('turns a body that is not JSON into one unrecognized element that keeps the text', () => {
		const [element] = readElements(
			{ ok: false, message: 'The body is not valid JSON: Unexpected token', text: 'hello' },
			readId,
		);
		expect(element).toEqual({
			ok: false,
			raw: 'hello',
			problems: ['The body is not valid JSON: Unexpected token'],
		});
	});

	it('turns a JSON scalar into one unrecognized element', () => {
		const [element] = readElements({ ok: true, body: 42 }, readId);
		expect(element).toMatchObject({ ok: false, raw: 42 });
		expect((element as { problems: string[] }).problems[0]).toMatch(/JSON number/);
	});
});

describe('the acknowledgement a sender gets', () => {
	it('always has every count, zero when not given', () => {
		expect(acknowledgement({ received: 3, emitted: 2, ignored: 1 })).toEqual({
			status: 'accepted',
			received: 3,
			emitted: 2,
			unrecognized: 0,
			ignored: 1,
			duplicates: 0,
		});
	});
});

describe('unrecognized items', () => {
	it('keep the raw element and say what could not be read, in the shared envelope', () => {
		const event = unrecognizedEvent({
			source: 'charthop',
			raw: { type: '???' },
			problems: ['"entityId" is missing'],
			receivedAt: '2026-01-01T00:00:00.000Z',
		});
		expect(event).toEqual({
			source: 'charthop',
			type: 'charthop.unrecognized',
			entity: { type: 'unknown', id: '' },
			changedFields: [],
			occurredAt: null,
			receivedAt: '2026-01-01T00:00:00.000Z',
			subscription: {},
			data: null,
			raw: { type: '???' },
			problems: ['"entityId" is missing'],
		});
	});

	it('wrap a raw value that is not an object under "body"', () => {
		const event = unrecognizedEvent({
			source: 'coresignal',
			raw: 'plain text',
			problems: ['x'],
			receivedAt: 'now',
		});
		expect(event.raw).toEqual({ body: 'plain text' });
	});
});

describe('depth bound on stored items', () => {
	it('finds nesting deeper than the limit and nothing shallower', () => {
		expect(exceedsDepth(nested(10), 10)).toBe(false);
		expect(exceedsDepth(nested(11), 10)).toBe(true);
		expect(exceedsDepth([[[1]]], 3)).toBe(false);
		expect(exceedsDepth([[[[1]]]], 3)).toBe(true);
	});

	it('checks 10,000 levels without overflowing the stack', () => {
		expect(exceedsDepth(nested(10_000))).toBe(true);
	});

	it('cuts below the limit, leaving a note, and leaves the input alone', () => {
		const input = nested(5);
		expect(cutDepth(input, 2)).toEqual({ level: { level: '[cut: nested deeper than 2 levels]' } });
		expect(exceedsDepth(input, 4)).toBe(true);
	});

	it('cuts an event whose data nests 10,000 levels and says so in warnings', () => {
		const event = buildHrEvent({
			source: 'humansourcing',
			type: 'job.update',
			entityType: 'job',
			entityId: 1,
			receivedAt: 'now',
			data: nested(10_000) as never,
		});
		expect(exceedsDepth(event, MAX_DEPTH + 1)).toBe(false);
		expect(event.warnings).toEqual([
			expect.stringMatching(/"data" was nested more than 64 levels/),
		]);
		expect(JSON.stringify(event)).toContain('[cut: nested deeper than');
	});

	it('leaves ordinary events untouched and without warnings', () => {
		const data = { a: { b: { c: [1, 2, { d: 'x' }] } } };
		const event = buildHrEvent({
			source: 'charthop',
			type: 'person.update',
			entityType: 'person',
			entityId: 'p1',
			receivedAt: 'now',
			data,
		});
		expect(event.data).toBe(data);
		expect(event.warnings).toBeUndefined();
	});
});

describe('many unreadable elements in one delivery', () => {
	const bad = (n: number) => ({ raw: n, problems: [`element ${n} is a number`] });

	it('get an item each up to the limit, in order', () => {
		const items: INodeExecutionData[] = [];
		const collector = new UnrecognizedItems('humansourcing', 'now');
		for (let n = 0; n < MAX_FLAGGED_ITEMS; n++) collector.add(bad(n), items);
		collector.finish(items);
		expect(items).toHaveLength(MAX_FLAGGED_ITEMS);
		expect(items[0].json.raw).toEqual({ body: 0 });
		expect(collector.count).toBe(MAX_FLAGGED_ITEMS);
	});

	it('share one last item beyond the limit, which keeps every element in order', () => {
		const items: INodeExecutionData[] = [];
		const collector = new UnrecognizedItems('coresignal', 'now', { id: 'sub-1' });
		for (let n = 0; n < MAX_FLAGGED_ITEMS + 1000; n++) collector.add(bad(n), items);
		collector.finish(items);
		expect(items).toHaveLength(MAX_FLAGGED_ITEMS + 1);
		const last = items[items.length - 1].json;
		expect(last).toMatchObject({ type: 'coresignal.unrecognized', subscription: { id: 'sub-1' } });
		expect((last.raw as { body: number[] }).body).toEqual(
			Array.from({ length: 1000 }, (_, i) => MAX_FLAGGED_ITEMS + i),
		);
		expect(last.problems).toEqual([
			`1000 more elements could not be read; they are kept in order under "raw.body" (the first: element ${MAX_FLAGGED_ITEMS} is a number)`,
		]);
		expect(collector.count).toBe(MAX_FLAGGED_ITEMS + 1000);
	});
});
