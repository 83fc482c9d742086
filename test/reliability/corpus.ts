import type { TriggerHandle } from '../../dev/harness';
import type { TriggerKind } from './env';

export type DeliverRequest = Parameters<TriggerHandle['deliver']>[0];

/**
 * How a bad input must end:
 * - `rejected`: 400 with a message containing `message`, no execution;
 * - `parser`: n8n's own body parser answers 422 before the node runs (malformed JSON sent as JSON);
 * - `accepted`: 200 and one execution whose items are valid HR events for `ids`, in order;
 * - `ignored`: 200 and no execution (nothing in the delivery to act on);
 * - `flagged`: 200 and one execution whose items have the entity ids `ids`, in order, where `''` is
 *   a `<source>.unrecognized` item; one of them names `problem` (the per-element trigger contract).
 * - `unrecognized`: 200 and one execution whose items are all `<source>.unrecognized`, the first
 *   naming `message` among its problems (the trigger contract for what a trigger cannot read).
 * In `accepted` ids, `UNRECOGNIZED_ID` stands for a flagged `<source>.unrecognized` item.
 */
export type Outcome =
	| { kind: 'rejected'; message: string }
	| { kind: 'parser' }
	| { kind: 'accepted'; ids: string[]; data?: (index: number) => unknown }
	| { kind: 'ignored' }
	| { kind: 'flagged'; problem: string; ids: string[] }
	| { kind: 'unrecognized'; message: string };

/** The entity id of a `<source>.unrecognized` item. */
export const UNRECOGNIZED_ID = '';

export interface BadInput {
	name: string;
	request: DeliverRequest;
	expect: Outcome;
}

const rejected = (message: string): Outcome => ({ kind: 'rejected', message });
const unrecognized = (message: string): Outcome => ({ kind: 'unrecognized', message });

/** Triggers that follow the trigger contract: what they cannot read reaches the workflow flagged. */
const EMITS_UNRECOGNIZED = new Set<TriggerKind>(['charthop']);
const accepted = (ids: Array<string | number>, data?: (index: number) => unknown): Outcome => ({
	kind: 'accepted',
	ids: ids.map(String),
	data,
});

/** Reached the workflow flagged: `count` unrecognized items, or the entity ids in order ('' = flagged). */
const flagged = (problem: string, ids: string[] | number = 1): Outcome => ({
	kind: 'flagged',
	problem,
	ids: typeof ids === 'number' ? Array.from({ length: ids }, () => '') : ids,
});

const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain' };

/** `{"a":{"a":…1…}}` nested `depth` levels, as JSON text (built as text: no recursion needed). */
export function deepJson(depth: number, leaf = '1'): string {
	return '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

const TEN_MB = 10 * 1024 * 1024;
const PADDING = 'é'.repeat(5 * 1024); // 10 KB in UTF-8

/** ~10 MB of numbers: the right container, nothing the trigger can use. */
function tenMegabytesOfNumbers(): string {
	const count = Math.ceil(TEN_MB / 6);
	return `[${new Array(count).fill('12345').join(',')}]`;
}

/** Names a French HR team really types, and the rest of Unicode that tends to break things. */
export const UNICODE_NAMES = {
	french: 'Élodie Lefèvre-Ñúñez, Chargé(e) de clientèle à Besançon, Œuvre Ça',
	cjk: '李小龙 さくら 김민준',
	rtl: 'مرحبا بالعالم שלום',
	emoji: '👩🏽‍💻 🇫🇷 ✅',
	combining: 'e\u0301te\u0301 Zoë\u200b',
	control: 'line\nbreak\ttab\u0000nul',
};

interface Shapes {
	/** One valid element with this id. */
	valid(id: number, extra?: Record<string, unknown>): Record<string, unknown>;
	/** The id the item's `entity.id` shows for `valid(id)`. */
	idOf(id: number): string;
	/** Where `extra` fields end up in the item: data of the element, or the element itself. */
	dataOf(element: Record<string, unknown>): unknown;
}

const SHAPES: Record<TriggerKind, Shapes> = {
	coresignal: {
		valid: (id, extra = {}) => ({
			member_id: id,
			status: 'changed',
			changed_fields: ['headline'],
			...extra,
		}),
		idOf: String,
		// The envelope carries member_id, status and changed_fields; data keeps the rest of the change.
		dataOf: (element) =>
			Object.fromEntries(
				Object.entries(element).filter(
					([key]) => !['member_id', 'status', 'changed_fields'].includes(key),
				),
			),
	},
	humansourcing: {
		valid: (id, extra = {}) => ({
			event: 'update',
			type: 'candidate',
			data: { id, firstname: 'Camille', lastname: 'Martin', ...extra },
		}),
		idOf: String,
		dataOf: (element) => element.data,
	},
	charthop: {
		valid: (id, extra = {}) => ({
			id: `ev_${id}`,
			code: 'person.update',
			entityType: 'PERSON',
			entityId: `p_${id}`,
			at: 1717243200000,
			fields: ['title'],
			payload: { name: 'Camille Martin', ...extra },
		}),
		idOf: (id) => `p_${id}`,
		dataOf: (element) => element.payload,
	},
};

/** How each trigger documents the generic bad inputs: the message (part) of its 400, or another outcome. */
const MESSAGES: Record<
	TriggerKind,
	{
		empty: string;
		notJson: string;
		scalar: string;
		/** The 400 for `[12345, …]`: element 0 is not an object. */
		notObject: string;
		emptyArray: Outcome;
		emptyObject: Outcome;
		/** What a body with a foreign content type ends as. */
		foreignContentType: (ids: string[]) => Outcome;
		/** The 400 for an object without the id field. */
		missingId: string;
	}
> = {
	coresignal: {
		empty: 'The request body is empty',
		notJson: 'The body is not valid JSON',
		scalar: 'must be a JSON array of changes',
		notObject: 'Change 0: the element must be a change object',
		emptyArray: { kind: 'ignored' },
		emptyObject: rejected('Change 0: "member_id" is missing'),
		foreignContentType: (ids) => accepted(ids),
		missingId: '"member_id" is missing',
	},
	humansourcing: {
		empty: 'The body is empty',
		notJson: 'The body is not valid JSON',
		scalar: 'not an event object or a list of events',
		notObject: 'not an {event, type, data} object',
		emptyArray: { kind: 'ignored' },
		emptyObject: rejected('element 0: "event" is missing'),
		foreignContentType: (ids) => accepted(ids),
		missingId: '"event" is missing',
	},
	charthop: {
		empty: 'The body is empty',
		notJson: 'not valid JSON',
		scalar: 'not an event object or a list of events',
		notObject: 'not a ChartHop event object',
		emptyArray: { kind: 'ignored' },
		emptyObject: unrecognized('"entityId" is missing'),
		foreignContentType: (ids) => accepted(ids),
		missingId: '"entityId" is missing',
	},
};

/** The bad inputs every trigger must survive, with what each must end as for `kind`. */
export function genericCorpus(kind: TriggerKind): BadInput[] {
	const flags = FLAGGED[kind] ?? {};
	return genericBodies(kind).map((entry) => ({
		...entry,
		expect: flags[entry.name] ?? entry.expect,
	}));
}

/**
 * Triggers on the per-element contract (issue 13): what they answered 400 now reaches the workflow
 * as `<source>.unrecognized` items. By entry name; entries not listed end as in genericBodies.
 */
const FLAGGED: Partial<Record<TriggerKind, Record<string, Outcome>>> = {
	coresignal: {
		'an empty body': flagged('The body is empty'),
		'an empty body without content type': flagged('The body is empty'),
		'whitespace only, as text': flagged('The body is empty'),
		'the JSON literal null': flagged('The body is empty'),
		'plain text': flagged('The body is not valid JSON'),
		'truncated JSON, as text': flagged('The body is not valid JSON'),
		'NaN in JSON, as text': flagged('The body is not valid JSON'),
		'a UTF-8 byte order mark before JSON, as text': flagged('The body is not valid JSON'),
		'bytes that are not UTF-8, as text': flagged('The body is not valid JSON'),
		'a JSON string': flagged('The body is a JSON string'),
		'a JSON number': flagged('The body is a JSON number'),
		'a JSON boolean': flagged('The body is a JSON boolean'),
		'an empty object': flagged('"member_id" is missing'),
		'an array of numbers': flagged('The element is a number, not a change object', 3),
		'an array of nulls': flagged('The element is null, not a change object', 2),
		'an array of strings': flagged('The element is a string, not a change object', 2),
		'an array inside the array': flagged('The element is a list, not a change object'),
		'an object without the id field': flagged('"member_id" is missing'),
		'a form-encoded body': flagged('"member_id" is missing'),
		// 1.7 million numbers: 100 items of their own, the rest together in one last item.
		'10 MB of numbers': flagged('more elements could not be read', 101),
		'an object nested 10,000 levels deep': flagged('"member_id" is missing'),
		'a __proto__ key as the whole body': flagged('"member_id" is missing'),
		'one bad element after 999 good ones': flagged('The element is a string, not a change object', [
			...Array.from({ length: 999 }, (_, i) => String(i + 1)),
			'',
		]),
	},
};

function genericBodies(kind: TriggerKind): BadInput[] {
	const shape = SHAPES[kind];
	const m = MESSAGES[kind];
	// What the trigger cannot read: flagged items under the trigger contract, else a 400.
	const bad = EMITS_UNRECOGNIZED.has(kind) ? unrecognized : rejected;
	const valid = (id: number, extra?: Record<string, unknown>) => shape.valid(id, extra);
	const ids = (...list: number[]) => list.map(shape.idOf);
	const raw = (body: string, headers: Record<string, string> = JSON_TYPE): DeliverRequest => ({
		rawBody: body,
		headers,
	});

	const bigElements = Array.from({ length: 1000 }, (_, i) => valid(200000 + i, { notes: PADDING }));
	const unicodeElement = valid(300001, { ...UNICODE_NAMES });
	const deepElement = JSON.stringify(valid(300002)).replace(/}$/, `,"deep":${deepJson(10_000)}}`);
	const protoElement = JSON.stringify(valid(300003)).replace(
		/}$/,
		',"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
	);
	const protoInData =
		kind === 'coresignal'
			? protoElement
			: JSON.stringify(valid(300004)).replace(
					kind === 'humansourcing' ? /"data":\{/ : /"payload":\{/,
					(open) => `${open}"__proto__":{"polluted":"yes"},"toString":"x",`,
				);

	return [
		{ name: 'an empty body', request: raw(''), expect: bad(m.empty) },
		{ name: 'an empty body without content type', request: { rawBody: '' }, expect: bad(m.empty) },
		{ name: 'whitespace only, as text', request: raw('  \n\t ', TEXT_TYPE), expect: bad(m.empty) },
		{ name: 'the JSON literal null', request: { body: null }, expect: bad(m.empty) },
		{ name: 'plain text', request: raw('member changed', TEXT_TYPE), expect: bad(m.notJson) },
		{ name: 'truncated JSON, as text', request: raw('[{"a":', TEXT_TYPE), expect: bad(m.notJson) },
		{
			name: 'NaN in JSON, as text',
			request: raw('[{"id": NaN}]', TEXT_TYPE),
			expect: bad(m.notJson),
		},
		{
			name: 'a UTF-8 byte order mark before JSON, as text',
			request: raw(`\ufeff${JSON.stringify([valid(1)])}`, TEXT_TYPE),
			expect: bad(m.notJson),
		},
		{
			name: 'bytes that are not UTF-8, as text',
			request: { rawBody: Buffer.from([0xff, 0xfe, 0x00, 0x5b]), headers: TEXT_TYPE },
			expect: bad(m.notJson),
		},
		{ name: 'truncated JSON sent as JSON', request: raw('[{"a":'), expect: { kind: 'parser' } },
		{ name: 'NaN sent as JSON', request: raw('{"id": NaN}'), expect: { kind: 'parser' } },
		{ name: 'a JSON string', request: { body: 'changed' }, expect: bad(m.scalar) },
		{ name: 'a JSON number', request: { body: 42 }, expect: bad(m.scalar) },
		{ name: 'a JSON boolean', request: { body: true }, expect: bad(m.scalar) },
		{ name: 'an empty array', request: { body: [] }, expect: m.emptyArray },
		{ name: 'an empty object', request: { body: {} }, expect: m.emptyObject },
		{ name: 'an array of numbers', request: { body: [1, 2, 3] }, expect: bad(m.notObject) },
		{ name: 'an array of nulls', request: { body: [null, null] }, expect: bad(m.notObject) },
		{ name: 'an array of strings', request: { body: ['a', 'b'] }, expect: bad(m.notObject) },
		{
			name: 'an array inside the array',
			request: { body: [[valid(1)]] },
			expect: bad(m.notObject),
		},
		{
			name: 'an object without the id field',
			request: { body: { note: 'no id' } },
			expect: bad(m.missingId),
		},
		{
			name: 'a single element instead of an array',
			request: { body: valid(7) },
			expect: accepted(ids(7)),
		},
		{
			name: 'JSON sent as text/plain',
			request: raw(JSON.stringify([valid(8)]), TEXT_TYPE),
			expect: accepted(ids(8)),
		},
		{
			name: 'JSON sent as application/xml',
			request: raw(JSON.stringify([valid(9)]), { 'content-type': 'application/xml' }),
			expect: m.foreignContentType(ids(9)),
		},
		{
			name: 'JSON sent without a content type',
			request: { rawBody: JSON.stringify([valid(10)]) },
			expect: m.foreignContentType(ids(10)),
		},
		{
			name: 'a form-encoded body',
			request: raw('a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' }),
			expect: bad(m.missingId),
		},
		{
			name: 'JSON with charset and vendor suffix',
			request: raw(JSON.stringify([valid(11)]), {
				'content-type': 'application/vnd.api+json; charset=utf-8',
			}),
			expect: accepted(ids(11)),
		},
		{ name: '10 MB of numbers', request: raw(tenMegabytesOfNumbers()), expect: bad(m.notObject) },
		{
			name: 'a 10 MB array of 1,000 valid elements',
			request: { body: bigElements },
			expect: accepted(
				bigElements.map((_, i) => shape.idOf(200000 + i)),
				(i) => shape.dataOf(bigElements[i]),
			),
		},
		{
			name: 'an object nested 10,000 levels deep',
			request: raw(deepJson(10_000)),
			expect: bad(m.missingId),
		},
		{
			name: 'an element carrying an object nested 10,000 levels deep',
			request: raw(`[${deepElement}]`),
			expect: accepted(ids(300002)),
		},
		{
			name: '__proto__ and constructor keys in an element',
			request: raw(`[${protoElement}]`),
			expect: accepted(ids(300003)),
		},
		{
			name: '__proto__ and toString keys in the entity data',
			request: raw(`[${protoInData}]`),
			expect: accepted(kind === 'coresignal' ? ids(300003) : ids(300004)),
		},
		{
			name: 'a __proto__ key as the whole body',
			request: raw('{"__proto__":{"polluted":"yes"}}'),
			expect: bad(m.missingId),
		},
		{
			name: 'French accents, CJK, RTL, emoji and control characters in names',
			request: { body: [unicodeElement] },
			expect: accepted(ids(300001), () => shape.dataOf(unicodeElement)),
		},
		{
			name: 'the same element twice',
			request: { body: [valid(12), valid(12)] },
			expect: accepted(ids(12, 12)),
		},
		{
			name: 'a duplicated key (the last one wins, as in JSON.parse)',
			request: raw(JSON.stringify([valid(13)]).replace(/^\[\{/, '[{"x":1,"x":2,')),
			expect: accepted(ids(13)),
		},
		{
			name: 'one bad element after 999 good ones',
			request: { body: [...Array.from({ length: 999 }, (_, i) => valid(i + 1)), 'oops'] },
			expect: EMITS_UNRECOGNIZED.has(kind)
				? accepted([...Array.from({ length: 999 }, (_, i) => shape.idOf(i + 1)), UNRECOGNIZED_ID])
				: rejected(kind === 'coresignal' ? 'Change 999' : 'element 999'),
		},
	];
}

/** The trigger's own bad ids, types and values. */
export function specificCorpus(kind: TriggerKind): BadInput[] {
	const shape = SHAPES[kind];
	if (kind === 'coresignal') {
		const change = (fields: Record<string, unknown>) => ({
			body: [{ status: 'changed', ...fields }],
		});
		return [
			{
				name: 'member_id as a word',
				request: change({ member_id: 'abc' }),
				expect: flagged('"member_id" must be a numeric employee ID'),
			},
			{
				name: 'member_id null',
				request: change({ member_id: null }),
				expect: flagged('"member_id" must be a numeric employee ID'),
			},
			{
				name: 'member_id as an object',
				request: change({ member_id: { id: 1 } }),
				expect: flagged('"member_id" must be a numeric employee ID'),
			},
			{
				name: 'member_id as an array',
				request: change({ member_id: [1] }),
				expect: flagged('"member_id" must be a numeric employee ID'),
			},
			{
				name: 'member_id zero',
				request: change({ member_id: 0 }),
				expect: flagged('"member_id" must be positive'),
			},
			{
				name: 'a negative member_id',
				request: change({ member_id: -5 }),
				expect: flagged('"member_id" must be positive'),
			},
			{
				name: 'a fractional member_id',
				request: change({ member_id: 1.5 }),
				expect: flagged('"member_id" must be a whole number'),
			},
			{
				name: 'member_id beyond 2^53',
				request: {
					rawBody: '[{"member_id": 9007199254740993, "status": "changed"}]',
					headers: JSON_TYPE,
				},
				expect: flagged('"member_id" is too large'),
			},
			{
				name: 'member_id 1e400 (Infinity once parsed)',
				request: { rawBody: '[{"member_id": 1e400, "status": "changed"}]', headers: JSON_TYPE },
				expect: flagged('"member_id"'),
			},
			{
				name: 'a 400-digit member_id string',
				request: change({ member_id: '9'.repeat(400) }),
				expect: flagged('"member_id"'),
			},
			{
				name: 'member_id in full-width digits',
				request: change({ member_id: '１２３' }),
				expect: flagged('"member_id" must be a numeric employee ID'),
			},
			{
				name: 'member_id as a numeric string',
				request: change({ member_id: '100004' }),
				expect: accepted(['100004']),
			},
			{
				name: 'no status',
				request: { body: [{ member_id: 1 }] },
				expect: flagged('"status" is missing'),
			},
			{
				name: 'an empty status',
				request: change({ member_id: 1, status: '' }),
				expect: flagged('"status" must not be empty'),
			},
			{
				name: 'a numeric status',
				request: change({ member_id: 1, status: 5 }),
				expect: flagged('"status" must be a string'),
			},
			{
				name: 'changed_fields as a string',
				request: change({ member_id: 1, changed_fields: 'skills' }),
				expect: flagged('"changed_fields" must be a list of field names or null'),
			},
			{
				name: 'changed_fields with numbers',
				request: change({ member_id: 1, changed_fields: [1, 2] }),
				expect: flagged('"changed_fields.0" must list field names'),
			},
			{
				name: 'changed_fields null',
				request: change({ member_id: 14, changed_fields: null }),
				expect: accepted(['14']),
			},
			{
				name: 'an unknown status',
				request: change({ member_id: 15, status: 'teleported' }),
				expect: accepted(['15']),
			},
		];
	}
	if (kind === 'humansourcing') {
		const element = (fields: Record<string, unknown>) => ({
			body: [{ event: 'update', type: 'candidate', data: { id: 1 }, ...fields }],
		});
		return [
			{
				name: 'no event',
				request: element({ event: undefined }),
				expect: rejected('element 0: "event" is missing'),
			},
			{
				name: 'an unknown event',
				request: element({ event: 'archived' }),
				expect: rejected('"event" must be one of "creation", "update", "delete" (got "archived")'),
			},
			{
				name: 'a past-tense event (read as its documented name)',
				request: element({ event: 'Created' }),
				expect: accepted(['1']),
			},
			{
				name: 'event as a number',
				request: element({ event: 1 }),
				expect: rejected('element 0: "event"'),
			},
			{
				name: 'no type',
				request: element({ type: undefined }),
				expect: rejected('element 0: "type" is missing'),
			},
			{
				name: 'an unknown type',
				request: element({ type: 'offer' }),
				expect: rejected('"type" must be one of "job", "candidate" (got "offer")'),
			},
			{
				name: 'no data',
				request: element({ data: undefined }),
				expect: rejected('element 0: "data" is missing'),
			},
			{
				name: 'data null',
				request: element({ data: null }),
				expect: rejected('element 0: "data"'),
			},
			{
				name: 'data as an array',
				request: element({ data: [1] }),
				expect: rejected('element 0: "data" must be an object'),
			},
			{
				name: 'data as a string',
				request: element({ data: 'x' }),
				expect: rejected('element 0: "data" must be an object'),
			},
			{
				name: 'a candidate without id',
				request: element({ data: { name: 'x' } }),
				expect: rejected('"data.id" is missing'),
			},
			{
				name: 'a job without job_id',
				request: element({ type: 'job', data: { id: 3 } }),
				expect: rejected('"data.job_id" is missing'),
			},
			{
				name: 'a candidate id as a word',
				request: element({ data: { id: 'x-1' } }),
				expect: rejected('"data.id" must be a number or a numeric string (got "x-1")'),
			},
			{
				name: 'a negative candidate id',
				request: element({ data: { id: -1 } }),
				expect: rejected('"data.id" must be a number or a numeric string'),
			},
			{
				name: 'a fractional candidate id',
				request: element({ data: { id: 1.5 } }),
				expect: rejected('"data.id" must be a number or a numeric string'),
			},
			{
				name: 'a candidate id beyond 2^53',
				request: {
					rawBody: '[{"event":"update","type":"candidate","data":{"id":9007199254740993}}]',
					headers: JSON_TYPE,
				},
				expect: rejected('"data.id" must be a number or a numeric string'),
			},
			{
				name: 'a candidate id 1e400',
				request: {
					rawBody: '[{"event":"update","type":"candidate","data":{"id":1e400}}]',
					headers: JSON_TYPE,
				},
				expect: rejected('"data.id" must be a number or a numeric string (got Infinity)'),
			},
			{
				name: 'a candidate id as an object',
				request: element({ data: { id: { v: 1 } } }),
				expect: rejected('"data.id" must be a number or a numeric string'),
			},
			{
				name: 'a candidate id as a numeric string',
				request: element({ data: { id: ' 42 ' } }),
				expect: accepted(['42']),
			},
			{
				name: 'a job id as a numeric string',
				request: element({ type: 'job', data: { job_id: '126751' } }),
				expect: accepted(['126751']),
			},
			{
				name: 'six invalid elements: the first five are named, the rest counted',
				request: { body: Array.from({ length: 6 }, () => ({ event: 'x', type: 'job', data: {} })) },
				expect: rejected('; and 1 more'),
			},
		];
	}
	const event = (fields: Record<string, unknown>) => ({ body: { ...shape.valid(1), ...fields } });
	return [
		{
			name: 'no entityId',
			request: event({ entityId: undefined }),
			expect: unrecognized('"entityId" is missing'),
		},
		{
			name: 'entityId null',
			request: event({ entityId: null }),
			expect: unrecognized('"entityId" must be the id of the person, job or other entity'),
		},
		{
			name: 'an empty entityId',
			request: event({ entityId: '' }),
			expect: unrecognized('"entityId"'),
		},
		{
			name: 'entityId as an object',
			request: event({ entityId: { id: 1 } }),
			expect: unrecognized('"entityId" must be the id'),
		},
		{
			name: 'entityId as an array',
			request: event({ entityId: ['p_1'] }),
			expect: unrecognized('"entityId" must be the id'),
		},
		{
			name: 'neither code nor entityType and type',
			request: event({ code: undefined, entityType: undefined }),
			expect: unrecognized('"code" is missing'),
		},
		{
			name: 'an empty code and a type without entityType',
			request: event({ code: '', entityType: undefined, type: 'UPDATE' }),
			expect: unrecognized('"entityType" is missing'),
		},
		{
			name: 'code as a number',
			request: event({ code: 7, entityType: undefined }),
			expect: unrecognized('"code" is number 7'),
		},
		{
			name: 'a code that is no event code',
			request: event({ code: 'person updated!' }),
			expect: unrecognized('is not entity.type[.subtype]'),
		},
		{
			name: 'an empty code with entityType and type',
			request: event({ code: '', type: 'UPDATE' }),
			expect: accepted(['p_1']),
		},
		{ name: 'fields as a string', request: event({ fields: 'title' }), expect: accepted(['p_1']) },
		{ name: 'fields with numbers', request: event({ fields: [1] }), expect: accepted(['p_1']) },
		{
			name: 'matchFilters as a number',
			request: event({ matchFilters: 3 }),
			expect: accepted(['p_1']),
		},
		{
			name: 'payload as an array',
			request: event({ payload: [1, 2] }),
			expect: accepted(['p_1'], () => ({ value: [1, 2] })),
		},
		{ name: 'at as an object', request: event({ at: { t: 1 } }), expect: accepted(['p_1']) },
		{
			name: 'entityId as a number',
			request: event({ entityId: 12345 }),
			expect: accepted(['12345']),
		},
		{
			name: 'code in upper case',
			request: event({ code: 'PERSON.UPDATE' }),
			expect: accepted(['p_1']),
		},
		{
			name: 'an unparseable date',
			request: event({ at: 'yesterday-ish' }),
			expect: accepted(['p_1']),
		},
		{
			name: 'at beyond any real date',
			request: {
				rawBody: JSON.stringify(shape.valid(1)).replace('1717243200000', '1e400'),
				headers: JSON_TYPE,
			},
			expect: accepted(['p_1']),
		},
		{
			name: 'entityType and type instead of code',
			request: event({ code: undefined, type: 'UPDATE' }),
			expect: accepted(['p_1']),
		},
		{
			name: 'an array of events in one body',
			request: { body: [shape.valid(1), shape.valid(2)] },
			expect: accepted(['p_1', 'p_2']),
		},
	];
}
