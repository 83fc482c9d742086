import type { Employee } from './employees';

/**
 * A small Elasticsearch query evaluator over generated employees: enough of the DSL for realistic
 * Coresignal queries (bool, match, match_phrase, term(s), range, exists, query_string, nested,
 * match_all). Anything else is refused with the clause's name, like a 422 from Coresignal.
 */
export class QueryError extends Error {}

type Doc = Record<string, unknown>;
type Clause = Record<string, unknown>;

/** Values at a dotted path, flattening arrays (`experience.title` → every job title). */
function valuesAt(doc: unknown, path: string): unknown[] {
	let current: unknown[] = [doc];
	for (const key of path.split('.')) {
		current = current.flatMap((value) => {
			const next = value && typeof value === 'object' ? (value as Doc)[key] : undefined;
			return Array.isArray(next) ? next : [next];
		});
	}
	return current.filter((value) => value !== undefined && value !== null);
}

const words = (text: unknown) =>
	String(text)
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);

function matchText(values: unknown[], query: unknown, operator: string): boolean {
	const wanted = words(query);
	const have = new Set(values.flatMap(words));
	return operator === 'and' ? wanted.every((w) => have.has(w)) : wanted.some((w) => have.has(w));
}

function fieldAndValue(body: unknown, clause: string): [string, unknown] {
	if (!body || typeof body !== 'object') throw new QueryError(`${clause}: expected an object`);
	const entries = Object.entries(body as Doc);
	if (entries.length !== 1) throw new QueryError(`${clause}: expected exactly one field`);
	return entries[0] as [string, unknown];
}

const equals = (a: unknown, b: unknown) =>
	typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

function compare(value: unknown, bound: unknown): number {
	if (typeof value === 'number' && typeof bound === 'number') return value - bound;
	return String(value).localeCompare(String(bound));
}

function asClauses(value: unknown): Clause[] {
	if (value === undefined) return [];
	return (Array.isArray(value) ? value : [value]) as Clause[];
}

export function matches(doc: Doc, query: Clause): boolean {
	const entries = Object.entries(query ?? {});
	if (entries.length !== 1) throw new QueryError('query: expected exactly one clause per object');
	const [kind, body] = entries[0];
	switch (kind) {
		case 'match_all':
			return true;
		case 'bool': {
			const b = (body ?? {}) as Clause;
			const must = [...asClauses(b.must), ...asClauses(b.filter)];
			const should = asClauses(b.should);
			const mustNot = asClauses(b.must_not);
			if (!must.every((c) => matches(doc, c))) return false;
			if (mustNot.some((c) => matches(doc, c))) return false;
			const minimum = Number(b.minimum_should_match ?? (must.length ? 0 : should.length ? 1 : 0));
			return should.filter((c) => matches(doc, c)).length >= minimum;
		}
		case 'match':
		case 'match_phrase': {
			const [field, value] = fieldAndValue(body, kind);
			const spec = value && typeof value === 'object' ? (value as Clause) : { query: value };
			const operator =
				kind === 'match_phrase' ? 'and' : String(spec.operator ?? 'or').toLowerCase();
			return matchText(valuesAt(doc, field), spec.query, operator);
		}
		case 'term': {
			const [field, value] = fieldAndValue(body, kind);
			const wanted = value && typeof value === 'object' ? (value as Clause).value : value;
			return valuesAt(doc, field).some((v) => equals(v, wanted));
		}
		case 'terms': {
			const [field, value] = fieldAndValue(body, kind);
			if (!Array.isArray(value)) throw new QueryError('terms: expected a list of values');
			return valuesAt(doc, field).some((v) => value.some((w) => equals(v, w)));
		}
		case 'range': {
			const [field, value] = fieldAndValue(body, kind);
			const r = (value ?? {}) as Clause;
			return valuesAt(doc, field).some(
				(v) =>
					(r.gte === undefined || compare(v, r.gte) >= 0) &&
					(r.gt === undefined || compare(v, r.gt) > 0) &&
					(r.lte === undefined || compare(v, r.lte) <= 0) &&
					(r.lt === undefined || compare(v, r.lt) < 0),
			);
		}
		case 'exists':
			return valuesAt(doc, String((body as Clause)?.field)).length > 0;
		case 'query_string': {
			const b = (body ?? {}) as Clause;
			const fields = b.default_field
				? [String(b.default_field)]
				: ((b.fields as string[]) ?? ['full_name', 'headline']);
			const text = String(b.query ?? '').replace(/["()]/g, ' ');
			const operator =
				/\bAND\b/.test(text) || String(b.default_operator ?? '').toLowerCase() === 'and'
					? 'and'
					: 'or';
			const terms = text.replace(/\b(AND|OR)\b/g, ' ');
			return matchText(
				fields.flatMap((f) => valuesAt(doc, f)),
				terms,
				operator,
			);
		}
		case 'nested': {
			const b = (body ?? {}) as Clause;
			const path = String(b.path ?? '');
			const elements = valuesAt(doc, path);
			// Inside a nested query fields are written in full (`experience.title`): re-root each element.
			return elements.some((element) => matches({ [path]: element } as Doc, b.query as Clause));
		}
		default:
			throw new QueryError(`query: "${kind}" queries are not supported`);
	}
}

/** `{"query": {...}, "sort": [...]}` as Coresignal takes it; throws `QueryError` naming the problem. */
export function parseSearchBody(body: unknown): { query: Clause; sort: 'id' | 'score' } {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new QueryError('body: expected a JSON object');
	const { query, sort, aggs, aggregations } = body as Clause;
	if (!query || typeof query !== 'object') throw new QueryError('query: field required');
	if (aggs || aggregations) throw new QueryError('aggregations are not supported');
	const sorts = asClauses(sort).map((s) => (typeof s === 'string' ? s : Object.keys(s ?? {})[0]));
	return { query: query as Clause, sort: sorts.length === 0 || sorts[0] === 'id' ? 'id' : 'score' };
}

/** Ids of matching employees, ascending. */
export function matchingIds(employees: Iterable<Employee>, query: Clause): number[] {
	const ids: number[] = [];
	for (const employee of employees) if (matches(employee as Doc, query)) ids.push(employee.id);
	return ids;
}
