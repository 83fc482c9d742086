import { Random } from '../core/random';
import seedExamples from './seed-examples.json';

export const HS_TYPES = ['job', 'candidate'] as const;
export const HS_EVENTS = ['creation', 'update', 'delete'] as const;

export type HsType = (typeof HS_TYPES)[number];
export type HsEvent = (typeof HS_EVENTS)[number];
/** `job.creation`, `candidate.delete`, … : the six examples of the documentation. */
export type HsExampleName = `${HsType}.${HsEvent}`;

export interface HsElement {
	event: string;
	type: string;
	data: Record<string, unknown>;
	[extra: string]: unknown;
}

export const EXAMPLE_NAMES = Object.keys(seedExamples) as HsExampleName[];

/** A fresh copy of one documented example delivery (a one-element array), safe to mutate. */
export function exampleDelivery(name: HsExampleName): HsElement[] {
	const delivery = (seedExamples as Record<string, HsElement[]>)[name];
	if (!delivery)
		throw new Error(
			`Unknown Human Sourcing example "${name}"; use one of ${EXAMPLE_NAMES.join(', ')}`,
		);
	return structuredClone(delivery);
}

const CITIES = [
	{ city: 'Paris', region: 'Île-de-France', department: 'Paris' },
	{ city: 'Lyon', region: 'Auvergne-Rhône-Alpes', department: 'Rhône' },
	{ city: 'Bordeaux', region: 'Nouvelle-Aquitaine', department: 'Gironde' },
	{ city: 'Lille', region: 'Hauts-de-France', department: 'Nord' },
	{ city: 'Nantes', region: 'Pays de la Loire', department: 'Loire-Atlantique' },
];
const TITLES = [
	'Attaché(e) commercial h/f',
	'Conseiller Clientèle H/F',
	'Développeur Full Stack H/F',
	'Chargé(e) de recrutement',
	'Comptable fournisseurs H/F',
	'Technicien de maintenance H/F',
];
const CONTRACTS = ['CDI', 'CDD', 'Intérim', 'Stage', 'Alternance'];
const FIRST_NAMES = [
	'Camille',
	'Léa',
	'Hugo',
	'Manon',
	'Lucas',
	'Chloé',
	'Nathan',
	'Inès',
	'Louis',
	'Zoé',
];
const LAST_NAMES = [
	'Martin',
	'Bernard',
	'Dubois',
	'Thomas',
	'Robert',
	'Richard',
	'Petit',
	'Durand',
	'Leroy',
];
const ACTION_CODES = ['CAND', 'AR_a', 'ENT', 'CLO', 'PROP'];
const CONSULTANTS = [
	{ id: '3144', office: '128', first_name: 'Vanessa', last_name: 'DURANT' },
	{ id: '4021', office: '131', first_name: 'Julien', last_name: 'MOREAU' },
];

/** Human Sourcing's date style: ISO 8601 with an offset without a colon (`+0200`). */
function hsDate(random: Random, from = Date.UTC(2019, 0, 1), spanDays = 900): string {
	const millis = from + random.int(0, spanDays * 86_400) * 1000;
	return new Date(millis).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function randomJob(random: Random, id: number): Record<string, unknown> {
	const place = random.pick(CITIES);
	const published = hsDate(random);
	const job = exampleDelivery('job.creation')[0].data;
	return {
		...job,
		job_id: id,
		job_reference: `REF-${id}`,
		job_title: random.pick(TITLES),
		job_type: 'offre',
		job_description: 'Rejoignez une équipe en croissance.',
		job_contract_type: random.pick(CONTRACTS),
		job_salary: String(random.int(24, 60) * 1000),
		job_city: place.city,
		job_regions: [{ name: place.region }],
		job_departments: [{ name: place.department }],
		job_nb_cand_to_recruit: random.int(1, 5),
		job_published_at: published,
		job_updated_at: hsDate(random, Date.parse(published), 60),
	};
}

function randomAction(random: Random, jobId: number, jobTitle: string): Record<string, unknown> {
	const consultant = random.pick(CONSULTANTS);
	return {
		id: String(random.int(10_000_000, 19_999_999)),
		type: '11668',
		default_type: '4',
		media: null,
		rating: random.pick([0, '-1', '1']),
		pastille: null,
		code: random.pick(ACTION_CODES),
		emailing: false,
		date: hsDate(random),
		consultant,
		poste: {
			id: String(jobId),
			title: jobTitle,
			status: '2043',
			pastille: null,
			customer: '0',
			consultant: { id: consultant.id, office: consultant.office },
		},
		attachment: [
			{
				id: random.int(100_000, 999_999),
				type: 10,
				mimetype: 'application/pdf',
				text: 'CV',
				filename: `cv-${random.int(1000, 9999)}.pdf`,
				uniqfilename: null,
			},
		],
	};
}

function randomCandidate(random: Random, id: number, depth: number): Record<string, unknown> {
	const first = random.pick(FIRST_NAMES);
	const last = random.pick(LAST_NAMES);
	const actions = Array.from({ length: depth }, () =>
		randomAction(random, random.int(100_000, 199_999), random.pick(TITLES)),
	).sort((a, b) => String(b.date).localeCompare(String(a.date)));
	return {
		id,
		id_company: '11111',
		first_name: first,
		last_name: last,
		email: `${first}.${last}.${id}@example.com`.toLowerCase(),
		tel_landline: null,
		tel_mobile: `+33 6 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
		tags: [],
		action: actions,
		latest_action: actions[0]?.date ?? null,
	};
}

export interface RandomDeliveryOptions {
	count: number;
	seed?: number;
	types?: HsType[];
	events?: HsEvent[];
	/** Actions per candidate (default 3): raise it for deep records. */
	candidateActions?: number;
}

/** `count` valid elements of random types and events, reproducible for a given seed. */
export function randomDelivery(options: RandomDeliveryOptions): HsElement[] {
	const random = new Random(options.seed ?? 7);
	const types = options.types ?? [...HS_TYPES];
	const events = options.events ?? [...HS_EVENTS];
	const elements: HsElement[] = [];
	for (let index = 0; index < options.count; index++) {
		const type = random.pick(types);
		const event = random.pick(events);
		const id = 200_000 + index;
		let data: Record<string, unknown>;
		if (event === 'delete') data = type === 'job' ? { job_id: id } : { id };
		else
			data =
				type === 'job'
					? randomJob(random, id)
					: randomCandidate(random, id, options.candidateActions ?? 3);
		elements.push({ event, type, data });
	}
	return elements;
}

export interface HsDeliveryRequest {
	/** Documented examples to include, in order. */
	examples?: HsExampleName[];
	/** Random valid elements appended after the examples. */
	random?: RandomDeliveryOptions;
}

export function buildDelivery(request: HsDeliveryRequest): HsElement[] {
	const elements: HsElement[] = [];
	for (const name of request.examples ?? []) elements.push(...exampleDelivery(name));
	if (request.random) elements.push(...randomDelivery(request.random));
	return elements;
}
