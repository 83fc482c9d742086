/**
 * A small CQL ("Carrot") parser and evaluator covering the documented subset the sandbox needs:
 * `field:value` fuzzy matching (comma any-of, `:*`, empty), `=` `!=` `<` `<=` `>` `>=`, `&&` `||`
 * `and` `or`, whitespace as implicit AND, `!`, arithmetic, parentheses, `a ? b : c`, `a ?: b`,
 * dotted and indexed fields, a few functions and the `is:` built-in filters.
 * Source: docs.charthop.com/carrot-reference (operators, precedence, match, keywords, cheat sheet).
 */

export type Node =
	| { k: 'lit'; v: unknown }
	| { k: 'field'; name: string }
	| { k: 'member'; obj: Node; name: string }
	| { k: 'index'; obj: Node; index: Node }
	| { k: 'call'; name: string; args: Node[] }
	| { k: 'match'; left: Node; values: string[] | '*' | '' }
	| { k: 'is'; name: string }
	| { k: 'bin'; op: string; l: Node; r: Node }
	| { k: 'not'; e: Node }
	| { k: 'tern'; c: Node; a: Node; b: Node }
	| { k: 'elvis'; a: Node; b: Node };

export class CqlError extends Error {}

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
	today: () => new Date().toISOString().slice(0, 10),
	date: (value) => (value === undefined ? new Date().toISOString().slice(0, 10) : String(value)),
	length: (value) => (Array.isArray(value) || typeof value === 'string' ? value.length : 0),
	string: (value) => (value === null || value === undefined ? '' : String(value)),
	number: (value) => Number(value),
	abs: (value) => Math.abs(Number(value)),
	round: (value) => Math.round(Number(value)),
	min: (...values) => Math.min(...values.map(Number)),
	max: (...values) => Math.max(...values.map(Number)),
	lower: (value) => String(value ?? '').toLowerCase(),
};

export const BUILT_IN_FILTERS = [
	'person',
	'manager',
	'ic',
	'open',
	'hire',
	'hiring',
	'depart',
	'departing',
	'recenthire',
];

const STOP_WORDS = new Set(['and', 'or']);

class Parser {
	private pos = 0;

	private colonIsMatch = true;

	constructor(private readonly text: string) {}

	parse(): Node {
		this.skip();
		if (this.pos >= this.text.length) throw new CqlError('Expression is empty');
		const node = this.expr();
		this.skip();
		if (this.pos < this.text.length) throw this.unexpected();
		return node;
	}

	private skip(): void {
		while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
	}

	private peek(token: string): boolean {
		this.skip();
		return this.text.startsWith(token, this.pos);
	}

	private eat(token: string): boolean {
		if (!this.peek(token)) return false;
		this.pos += token.length;
		return true;
	}

	private peekWord(): string | undefined {
		this.skip();
		return /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
	}

	private unexpected(): CqlError {
		this.skip();
		if (this.pos >= this.text.length) return new CqlError('Unexpected end of expression');
		return new CqlError(`Unexpected "${this.text[this.pos]}" at position ${this.pos + 1}`);
	}

	private expr(): Node {
		const condition = this.or();
		if (this.eat('?:')) return { k: 'elvis', a: condition, b: this.expr() };
		if (this.eat('?')) {
			const saved = this.colonIsMatch;
			this.colonIsMatch = false;
			const a = this.expr();
			this.colonIsMatch = saved;
			if (!this.eat(':')) throw new CqlError('Expected ":" in a ? b : c');
			return { k: 'tern', c: condition, a, b: this.expr() };
		}
		return condition;
	}

	private or(): Node {
		let left = this.and();
		for (;;) {
			if (this.eat('||')) left = { k: 'bin', op: '||', l: left, r: this.and() };
			else if (this.peekWord()?.toLowerCase() === 'or') {
				this.pos += 2;
				left = { k: 'bin', op: '||', l: left, r: this.and() };
			} else return left;
		}
	}

	private startsOperand(): boolean {
		this.skip();
		const char = this.text[this.pos];
		if (char === undefined) return false;
		const word = this.peekWord();
		if (word) return !STOP_WORDS.has(word.toLowerCase());
		return /[0-9"'(!]/.test(char) && !this.text.startsWith('!=', this.pos);
	}

	private and(): Node {
		let left = this.unary();
		for (;;) {
			if (this.eat('&&')) left = { k: 'bin', op: '&&', l: left, r: this.unary() };
			else if (this.peekWord()?.toLowerCase() === 'and') {
				this.pos += 3;
				left = { k: 'bin', op: '&&', l: left, r: this.unary() };
			} else if (this.startsOperand()) {
				// Whitespace between clauses is an implicit AND.
				left = { k: 'bin', op: '&&', l: left, r: this.unary() };
			} else return left;
		}
	}

	private unary(): Node {
		if (this.peek('!') && !this.peek('!=')) {
			this.pos++;
			return { k: 'not', e: this.unary() };
		}
		return this.compare();
	}

	private compare(): Node {
		const left = this.additive();
		for (const op of ['!=', '<=', '>=', '=', '<', '>']) {
			if (this.eat(op)) return { k: 'bin', op, l: left, r: this.additive() };
		}
		if (this.colonIsMatch && this.peek(':') && !this.peek('?:')) {
			this.pos++;
			if (left.k === 'field' && left.name.toLowerCase() === 'is') {
				const name = this.peekWord();
				if (!name) throw new CqlError('Expected a built-in filter name after "is:"');
				this.pos += name.length;
				return { k: 'is', name: name.toLowerCase() };
			}
			if (left.k !== 'field' && left.k !== 'member' && left.k !== 'index') {
				throw new CqlError('Only a field can be matched with ":"');
			}
			return { k: 'match', left, values: this.matchList() };
		}
		return left;
	}

	/** After `:` anything is a string: barewords or "quoted", separated by commas. */
	private matchList(): string[] | '*' | '' {
		if (this.text[this.pos] === '*') {
			this.pos++;
			return '*';
		}
		const values: string[] = [];
		do {
			const char = this.text[this.pos];
			if (char === '"' || char === "'") values.push(this.quoted());
			else {
				const bare = /^[^\s,()&|]+/.exec(this.text.slice(this.pos))?.[0];
				if (!bare) {
					if (values.length === 0) return '';
					throw new CqlError(`Expected a value after "," at position ${this.pos + 1}`);
				}
				this.pos += bare.length;
				values.push(bare);
			}
		} while (this.text[this.pos] === ',' && ++this.pos);
		return values;
	}

	private quoted(): string {
		const quote = this.text[this.pos];
		let value = '';
		for (let i = this.pos + 1; i < this.text.length; i++) {
			if (this.text[i] === '\\') value += this.text[++i] ?? '';
			else if (this.text[i] === quote) {
				this.pos = i + 1;
				return value;
			} else value += this.text[i];
		}
		throw new CqlError(`Unclosed ${quote} quote`);
	}

	private additive(): Node {
		let left = this.multiplicative();
		for (;;) {
			const op = this.peek('+') ? '+' : this.peek('-') ? '-' : undefined;
			if (!op) return left;
			this.pos++;
			left = { k: 'bin', op, l: left, r: this.multiplicative() };
		}
	}

	private multiplicative(): Node {
		let left = this.postfix();
		for (;;) {
			const op = ['*', '/', '%'].find((candidate) => this.peek(candidate));
			if (!op) return left;
			this.pos++;
			left = { k: 'bin', op, l: left, r: this.postfix() };
		}
	}

	private postfix(): Node {
		let node = this.primary();
		for (;;) {
			if (this.text[this.pos] === '.') {
				this.pos++;
				const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
				if (!name) throw this.unexpected();
				this.pos += name.length;
				node = { k: 'member', obj: node, name };
			} else if (this.text[this.pos] === '[') {
				this.pos++;
				const index = this.nested();
				if (!this.eat(']')) throw new CqlError('Expected "]"');
				node = { k: 'index', obj: node, index };
			} else return node;
		}
	}

	private nested(): Node {
		const saved = this.colonIsMatch;
		this.colonIsMatch = true;
		const node = this.expr();
		this.colonIsMatch = saved;
		return node;
	}

	private primary(): Node {
		this.skip();
		const rest = this.text.slice(this.pos);
		const number = /^\d+(\.\d+)?/.exec(rest)?.[0];
		if (number) {
			this.pos += number.length;
			return { k: 'lit', v: Number(number) };
		}
		if (rest[0] === '"' || rest[0] === "'") return { k: 'lit', v: this.quoted() };
		if (this.eat('(')) {
			const node = this.nested();
			if (!this.eat(')')) throw new CqlError('Expected ")"');
			return node;
		}
		const word = this.peekWord();
		if (!word || STOP_WORDS.has(word.toLowerCase())) throw this.unexpected();
		this.pos += word.length;
		const lower = word.toLowerCase();
		if (lower === 'true' || lower === 'false') return { k: 'lit', v: lower === 'true' };
		if (lower === 'null') return { k: 'lit', v: null };
		if (this.text[this.pos] === '(') {
			this.pos++;
			const args: Node[] = [];
			if (!this.eat(')')) {
				do args.push(this.nested());
				while (this.eat(','));
				if (!this.eat(')')) throw new CqlError(`Expected ")" after the arguments of ${word}()`);
			}
			if (!(lower in FUNCTIONS)) throw new CqlError(`Unknown function: ${word}()`);
			return { k: 'call', name: lower, args };
		}
		if (this.text[this.pos] === '{')
			throw new CqlError('Aggregators such as sum{} are not supported here');
		return { k: 'field', name: word };
	}
}

export function parseCql(text: string): Node {
	return new Parser(text).parse();
}

/** Root field names an expression reads, for "unknown field" checks. */
export function fieldsOf(node: Node): string[] {
	switch (node.k) {
		case 'field':
			return [node.name];
		case 'member':
			return fieldsOf(node.obj);
		case 'index':
			return [...fieldsOf(node.obj), ...fieldsOf(node.index)];
		case 'call':
			return node.args.flatMap(fieldsOf);
		case 'match':
			return fieldsOf(node.left);
		case 'bin':
			return [...fieldsOf(node.l), ...fieldsOf(node.r)];
		case 'not':
			return fieldsOf(node.e);
		case 'tern':
			return [...fieldsOf(node.c), ...fieldsOf(node.a), ...fieldsOf(node.b)];
		case 'elvis':
			return [...fieldsOf(node.a), ...fieldsOf(node.b)];
		default:
			return [];
	}
}

export function builtInsOf(node: Node): string[] {
	if (node.k === 'is') return [node.name];
	return Object.values(node).flatMap((child) =>
		child && typeof child === 'object' && 'k' in (child as object) ? builtInsOf(child as Node) : [],
	);
}

function lookup(record: unknown, name: string): unknown {
	if (!record || typeof record !== 'object') return undefined;
	const key = Object.keys(record).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : (record as Record<string, unknown>)[key];
}

/** A record's display text: `{name: "Engineering"}` matches like "Engineering". */
function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object' && !Array.isArray(value)) {
		const name = lookup(value, 'name') ?? lookup(value, 'label');
		if (name !== undefined) return text(name);
	}
	return Array.isArray(value) ? value.map(text).join(',') : String(value);
}

const isEmpty = (value: unknown) =>
	value === null ||
	value === undefined ||
	value === '' ||
	(Array.isArray(value) && value.length === 0);

const truthy = (value: unknown) => !isEmpty(value) && value !== false && value !== 0;

function comparable(value: unknown): number | string {
	if (typeof value === 'number') return value;
	const t = text(value);
	return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t;
}

export function evaluate(node: Node, record: Record<string, unknown>): unknown {
	const ev = (child: Node) => evaluate(child, record);
	switch (node.k) {
		case 'lit':
			return node.v;
		case 'field':
			return lookup(record, node.name);
		case 'member':
			return lookup(ev(node.obj), node.name);
		case 'index': {
			const obj = ev(node.obj);
			const index = ev(node.index);
			return Array.isArray(obj) ? obj[Number(index)] : lookup(obj, String(index));
		}
		case 'call':
			return FUNCTIONS[node.name](...node.args.map(ev));
		case 'is':
			return builtIn(node.name, record);
		case 'match': {
			const value = ev(node.left);
			if (node.values === '*') return !isEmpty(value);
			if (node.values === '') return isEmpty(value);
			const haystack = text(value).toLowerCase();
			return node.values.some((needle) => haystack.includes(needle.toLowerCase()));
		}
		case 'not':
			return !truthy(ev(node.e));
		case 'tern':
			return truthy(ev(node.c)) ? ev(node.a) : ev(node.b);
		case 'elvis': {
			const value = ev(node.a);
			return isEmpty(value) ? ev(node.b) : value;
		}
		case 'bin':
			return binary(node.op, node.l, node.r, ev);
	}
}

function binary(op: string, l: Node, r: Node, ev: (node: Node) => unknown): unknown {
	if (op === '&&') return truthy(ev(l)) && truthy(ev(r));
	if (op === '||') return truthy(ev(l)) || truthy(ev(r));
	const a = comparable(ev(l));
	const b = comparable(ev(r));
	switch (op) {
		case '=':
			return a === b;
		case '!=':
			return a !== b;
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '+':
			return typeof a === 'number' && typeof b === 'number' ? a + b : `${a}${b}`;
		case '-':
			return Number(a) - Number(b);
		case '*':
			return Number(a) * Number(b);
		case '/':
			return Number(a) / Number(b);
		case '%':
			return Number(a) % Number(b);
	}
	throw new CqlError(`Unknown operator ${op}`);
}

function builtIn(name: string, record: Record<string, unknown>): boolean {
	const directs = Number(lookup(record, 'directs') ?? 0);
	switch (name) {
		case 'person':
			return lookup(record, 'personId') !== undefined || lookup(record, 'name') !== undefined;
		case 'manager':
			return directs > 0;
		case 'ic':
			return directs === 0;
		case 'open':
			return isEmpty(lookup(record, 'personId'));
		case 'hire':
		case 'hiring':
		case 'recenthire':
			return Boolean(lookup(record, 'recentHire'));
		default:
			return false;
	}
}
