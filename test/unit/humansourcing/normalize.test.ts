import {
	parseDelivery,
	type HumanSourcingEvent,
} from '../../../nodes/HumanSourcing/trigger/delivery';
import { toHrEvent, type NormalizeOptions } from '../../../nodes/HumanSourcing/trigger/normalize';
import { SharedLists } from '../../../nodes/shared/envelope';
import { exampleDelivery, type HsExampleName } from '../../../sandbox/humansourcing/deliveries';

const receivedAt = '2024-05-02T08:00:00.000Z';
const asSent: NormalizeOptions = { receivedAt, simplify: false, includeRaw: false };
const simplified: NormalizeOptions = { receivedAt, simplify: true, includeRaw: false };

function read(element: unknown): HumanSourcingEvent {
	const [result] = parseDelivery([element]);
	if (!result.ok) throw new Error(result.problems.join('; '));
	return result.event;
}

function event(name: HsExampleName): HumanSourcingEvent {
	return read(exampleDelivery(name)[0]);
}

describe('toHrEvent on the documented examples', () => {
	it.each([
		['job.creation', 'job', '126751', '2019-07-19T14:57:17.000Z'],
		['job.update', 'job', '126751', '2019-08-29T15:16:11.000Z'],
		['job.delete', 'job', '126751', null],
		['candidate.creation', 'candidate', '1234567876', '2016-01-20T13:27:00.000Z'],
		['candidate.update', 'candidate', '1234567876', '2016-01-20T13:27:00.000Z'],
		['candidate.delete', 'candidate', '12121', null],
	] as const)(
		'%s becomes a %s event with id %s that occurred at %s',
		(name, entityType, id, occurredAt) => {
			expect(toHrEvent(event(name), asSent)).toEqual({
				source: 'humansourcing',
				type: name,
				entity: { type: entityType, id },
				changedFields: [],
				occurredAt,
				receivedAt,
				subscription: {},
				data: exampleDelivery(name)[0].data,
			});
		},
	);

	it('dates a job creation by its publication and a job update by its last update', () => {
		expect(toHrEvent(event('job.creation'), asSent).occurredAt).toBe('2019-07-19T14:57:17.000Z');
		expect(toHrEvent(event('job.update'), asSent).occurredAt).toBe('2019-08-29T15:16:11.000Z');
	});

	it('adds the element exactly as sent under raw when asked', () => {
		const item = toHrEvent(event('candidate.delete'), { ...asSent, includeRaw: true });
		expect(item.raw).toEqual(exampleDelivery('candidate.delete')[0]);
	});

	it('gives the items of a delivery one shared subscription and one list per distinct changed fields', () => {
		const shared = { lists: new SharedLists(), subscription: {} };
		const changed = (fields: string[]) =>
			read({ ...exampleDelivery('job.update')[0], changed_fields: fields });
		const [first, second, other] = [
			changed(['job_title']),
			changed(['job_title']),
			changed([]),
		].map((element) => toHrEvent(element, { ...asSent, shared }));
		expect(second.subscription).toBe(first.subscription);
		expect(second.changedFields).toBe(first.changedFields);
		expect(first.changedFields).toEqual(['job_title']);
		expect(other).toMatchObject({ changedFields: [], subscription: {} });
	});

	it('leaves raw out by default', () => {
		expect(toHrEvent(event('job.update'), asSent)).not.toHaveProperty('raw');
	});

	it('reports the fields an update names as changed', () => {
		const [element] = exampleDelivery('job.update');
		const updated = read({ ...element, changed_fields: ['job_title', 'job_city'] });
		expect(toHrEvent(updated, asSent).changedFields).toEqual(['job_title', 'job_city']);
	});
});

describe('toHrEvent with Simplify', () => {
	it('flattens a job into readable fields', () => {
		expect(toHrEvent(event('job.creation'), simplified).data).toEqual({
			id: '126751',
			reference: 'REF',
			title: 'Candidature Spontanée',
			jobType: 'spont',
			description: null,
			profile: null,
			comment: null,
			company: null,
			companyDescription: null,
			customer: null,
			office: null,
			officeId: null,
			contractType: null,
			contractStatus: null,
			workingTime: null,
			salary: 0,
			variableSalary: null,
			educationLevel: null,
			experienceLevel: null,
			openings: 1,
			address: 'Adresse complète',
			city: null,
			country: 'France',
			countryCode: 'FR',
			regions: [],
			departments: [],
			category: '~Autres Familles',
			subCategory: null,
			sector: null,
			contact: null,
			startDate: '2019-07-18T22:00:00.000Z',
			missionStart: '2019-07-18T22:00:00.000Z',
			publishedAt: '2019-07-19T14:57:17.000Z',
			updatedAt: '2019-08-29T15:16:11.000Z',
			applicationUrl: 'URL_FORM',
			logo: null,
		});
	});

	it('flattens a candidate into contact details, latest action, jobs, files and form answers', () => {
		expect(toHrEvent(event('candidate.update'), simplified).data).toEqual({
			id: '1234567876',
			companyId: '11111',
			firstName: 'Candidate Firstname',
			lastName: 'Candidate Last Name',
			fullName: 'Candidate Firstname Candidate Last Name',
			email: exampleDelivery('candidate.update')[0].data.email,
			mobilePhone: null,
			landlinePhone: null,
			tags: [],
			latestActionAt: '2016-01-20T13:27:00.000Z',
			latestAction: {
				code: 'CLO',
				date: '2016-01-20T13:27:00.000Z',
				jobId: '186226',
				jobTitle: 'Attaché(e) commercial h/f',
				consultant: 'Vanessa DURANT',
			},
			actionCount: 4,
			jobs: [
				{ id: '186226', title: 'Attaché(e) commercial h/f' },
				{ id: '53634', title: 'Conseiller Clientèle H/F' },
			],
			attachments: [
				{
					id: '367481',
					filename: 'ENVOI : Accusé de réception automatique.txt',
					mimeType: 'TEXT/PLAIN',
				},
				{ id: '367479', filename: 'cv-31144169.pdf', mimeType: 'application/pdf' },
				{ id: '367480', filename: 'Documentsanstitre (1).pdf', mimeType: 'application/pdf' },
				{ id: '127165', filename: 'texte.txt', mimeType: 'TEXT/PLAIN' },
			],
			formAnswers: {
				Civilité: 'Monsieur',
				Nom: 'Lastname value',
				Prénom: 'Firstname Value',
				'E-mail': exampleDelivery('candidate.update')[0].data.email,
				'Mobilité professionnelle': 'France',
				Fonction: 'Vente terrain',
				'Prétentions salariales': 'de X à X KEuros',
				Anglais: 'Opérationel',
			},
		});
	});

	it('keeps only the id of a deleted record', () => {
		expect(toHrEvent(event('job.delete'), simplified).data).toEqual({ id: '126751' });
		expect(toHrEvent(event('candidate.delete'), simplified).data).toEqual({ id: '12121' });
	});
});
