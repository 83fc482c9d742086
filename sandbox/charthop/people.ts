/** The in-memory roster of org `acme`: what CQL filters, evaluate and custom payloads read. */
export interface Person extends Record<string, unknown> {
	id: string;
	personId: string;
	jobId: string;
	name: { first: string; last: string; full: string };
	title: string;
	department: { name: string };
	directs: number;
	base: number;
	contact: { workEmail: string };
	startDate: string;
	location: { name: string };
	managerId: string | null;
}

export interface PersonInput {
	id: string;
	first: string;
	last: string;
	title: string;
	department: string;
	directs?: number;
	base?: number;
	startDate?: string;
	location?: string;
	managerId?: string | null;
}

export function person(input: PersonInput): Person {
	const email = `${input.first}.${input.last}@acme.example`.toLowerCase();
	return {
		id: input.id,
		personId: input.id,
		jobId: `job_${input.id.replace(/^p_/, '')}`,
		name: { first: input.first, last: input.last, full: `${input.first} ${input.last}` },
		title: input.title,
		department: { name: input.department },
		directs: input.directs ?? 0,
		base: input.base ?? 120_000,
		contact: { workEmail: email },
		startDate: input.startDate ?? '2022-03-01',
		location: { name: input.location ?? 'New York' },
		managerId: input.managerId ?? null,
	};
}

export const initialPeople = (): Person[] => [
	person({
		id: 'p_1001',
		first: 'Ada',
		last: 'Okafor',
		title: 'CTO',
		department: 'Engineering',
		directs: 3,
		base: 280_000,
	}),
	person({
		id: 'p_1002',
		first: 'Bruno',
		last: 'Silva',
		title: 'Engineering Manager',
		department: 'Engineering',
		directs: 2,
		base: 210_000,
		managerId: 'p_1001',
	}),
	person({
		id: 'p_1003',
		first: 'Chen',
		last: 'Wei',
		title: 'Software Engineer',
		department: 'Engineering',
		base: 150_000,
		managerId: 'p_1002',
	}),
	person({
		id: 'p_1004',
		first: 'Dana',
		last: 'Levi',
		title: 'Account Executive',
		department: 'Sales',
		base: 110_000,
		location: 'London',
	}),
	person({
		id: 'p_1005',
		first: 'Emeka',
		last: 'Obi',
		title: 'Head of Customer Success',
		department: 'Customer Success',
		directs: 4,
		base: 170_000,
	}),
];

/** Field names the sandbox's CQL validator knows (ChartHop checks against the org's field list). */
export const KNOWN_FIELDS = [
	'id',
	'personId',
	'jobId',
	'name',
	'title',
	'department',
	'directs',
	'base',
	'contact',
	'startDate',
	'location',
	'managerId',
	'is',
	'open',
	'under',
	'status',
	'employment',
	'comp',
];
