import { evaluate, parseCql } from '../../../sandbox/charthop/cql';
import { validateCql } from '../../../sandbox/charthop/model';
import { initialPeople } from '../../../sandbox/charthop/people';

const [cto, manager, engineer, seller] = initialPeople();
const run = (expr: string, record: Record<string, unknown>) => evaluate(parseCql(expr), record);

describe('sandbox CQL: evaluation on the acme roster', () => {
	it.each([
		['department:engineering directs > 0', manager, true],
		['department:engineering directs > 0', engineer, false],
		['department:engineering directs > 0', seller, false],
		['department:eng', engineer, true],
		['department:sales,"customer success"', seller, true],
		['!department:sales,marketing', engineer, true],
		['department:*', engineer, true],
		['managerId:', cto, true],
		['managerId:', engineer, false],
		['is:manager', manager, true],
		['is:ic', engineer, true],
		['base > 200000 && title="CTO"', cto, true],
		['base > 200000 and department:sales', cto, false],
		['department:sales or directs >= 3', cto, true],
		['(department:sales || department:engineering) is:ic', engineer, true],
		['name.first="Bruno"', manager, true],
	])('%s on %s is %s', (expr, person, expected) => {
		expect(run(expr, person)).toBe(expected);
	});

	it.each([
		['contact.workEmail', engineer, 'chen.wei@acme.example'],
		['department', manager, { name: 'Engineering' }],
		['directs > 0 ? "manager" : "ic"', manager, 'manager'],
		['name.pref ?: name.first', engineer, 'Chen'],
		['base * 2 + 1', engineer, 300001],
		['length(title)', cto, 3],
	])('%s on a person gives %j', (expr, person, expected) => {
		expect(run(expr, person)).toEqual(expected);
	});
});

describe('sandbox CQL: validation messages', () => {
	it.each([
		'department:engineering directs > 0',
		'is:manager',
		"startDate < '2020-01-01'",
		'contact.workEmail',
	])('accepts %s', (expr) => {
		expect(validateCql(expr)).toEqual({ expr, isValid: true });
	});

	it.each([
		['departmnt:engineering', 'Unknown field: departmnt'],
		['is:wizard', 'Unknown built-in filter: is:wizard'],
		['directs >', 'Unexpected end of expression'],
		['(department:engineering', 'Expected ")"'],
		['title:"open', 'Unclosed " quote'],
		['nosuch(1)', 'Unknown function: nosuch()'],
		['', 'Expression is empty'],
	])('rejects %j: %s', (expr, message) => {
		expect(validateCql(expr)).toEqual({ expr, isValid: false, message });
	});
});
