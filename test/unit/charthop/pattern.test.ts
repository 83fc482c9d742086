import { codeMatches, eventMatches, parsePattern } from '../../../nodes/ChartHop/eventPattern';

function parsed(text: string) {
	const result = parsePattern(text);
	if (!result.ok) throw new Error(`expected "${text}" to parse: ${result.error}`);
	return result.pattern;
}

describe('ChartHop event patterns: parsing', () => {
	it.each([
		['change.create.hire', 'change.create.hire', undefined],
		['change.*', 'change.*', undefined],
		['*', '*', undefined],
		['person.update', 'person.update', undefined],
		['change.*.hire', 'change.*.hire', undefined],
		['Change.Create.HIRE', 'change.create.hire', undefined],
		// The documented example from docs.charthop.com/event-notifications.
		[
			'change.create.hire [department:engineering directs > 0]',
			'change.create.hire',
			'department:engineering directs > 0',
		],
		['person.* [title:"VP, ]Sales"]', 'person.*', 'title:"VP, ]Sales"'],
		['change.* [grants[0].shares > 100]', 'change.*', 'grants[0].shares > 100'],
		['form_response.submit', 'form_response.submit', undefined],
	])('reads %s as code %s with filter %s', (text, code, filter) => {
		const pattern = parsed(text);
		expect(pattern.code).toBe(code);
		expect(pattern.filter).toBe(filter);
	});

	it('writes the canonical pattern with one space before the filter', () => {
		expect(parsed('change.create.hire[ department:engineering ]').text).toBe(
			'change.create.hire [department:engineering]',
		);
	});

	it.each([
		['', 'the pattern is empty'],
		['   ', 'the pattern is empty'],
		['change..hire', 'empty segment'],
		['.change', 'empty segment'],
		['change.', 'empty segment'],
		['change.cre*te', '"cre*te" is not a valid segment'],
		['change.create-hire', 'not a valid segment'],
		['change.create hire', 'contains a space'],
		['change.create.hire [department:engineering', 'no closing "]"'],
		['change.create.hire ]', 'without an opening "["'],
		['change.create.hire []', 'filter between the brackets is empty'],
		['change.create.hire [  ]', 'filter between the brackets is empty'],
		['change.create.hire [a] b', 'unexpected text after the filter'],
		['[department:engineering]', 'event code before the filter is missing'],
		['change.* [title:"unclosed]', 'unclosed " quote'],
		['job.create [department:engineering]', 'only allows [CQL] filters on change.* and person.*'],
		['group.* [name:x]', 'only allows [CQL] filters on change.* and person.*'],
		['* [department:engineering]', 'only allows [CQL] filters on change.* and person.*'],
	])('rejects %j: %s', (text, message) => {
		const result = parsePattern(text);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain(message);
	});
});

describe('ChartHop event patterns: matching codes', () => {
	it.each([
		['*', 'change.create.hire', true],
		['*', 'person.update', true],
		['change.*', 'change.create.hire', true],
		['change.*', 'change.delete.move', true],
		['change.*', 'person.update', false],
		['change.*', 'change', false],
		['change.create.*', 'change.create.depart', true],
		['change.create.*', 'change.update.depart', false],
		['change.create.hire', 'change.create.hire', true],
		['change.create.hire', 'change.update.hire', false],
		['change.create.hire', 'change.create.hire.extra', false],
		['change.*.hire', 'change.update.hire', true],
		['change.*.hire', 'change.update.depart', false],
		['change.*.hire', 'change.update', false],
		['person.update', 'PERSON.UPDATE', true],
		['person.*', 'person.create', true],
		['user.*', 'person.create', false],
	])('%s matches %s: %s', (pattern, code, expected) => {
		expect(codeMatches(parsed(pattern), code)).toBe(expected);
	});
});

describe('ChartHop event patterns: filters on delivered events', () => {
	const managers = parsed('change.create.hire [department:engineering directs > 0]');

	it('accepts an event whose matchFilters list the filter', () => {
		expect(
			eventMatches(managers, 'change.create.hire', ['department:engineering directs > 0']),
		).toBe(true);
	});

	it('accepts matchFilters that repeat the whole pattern, with other spacing', () => {
		expect(
			eventMatches(managers, 'change.create.hire', [
				'change.create.hire [department:engineering  directs > 0]',
			]),
		).toBe(true);
	});

	it('rejects an event that did not match the filter', () => {
		expect(eventMatches(managers, 'change.create.hire', [])).toBe(false);
		expect(eventMatches(managers, 'change.create.hire', ['department:sales'])).toBe(false);
	});

	it('rejects a matching filter on another event code', () => {
		expect(
			eventMatches(managers, 'change.create.depart', ['department:engineering directs > 0']),
		).toBe(false);
	});

	it('needs no matchFilters when the pattern has no filter', () => {
		expect(eventMatches(parsed('change.*'), 'change.create.hire', [])).toBe(true);
	});
});
