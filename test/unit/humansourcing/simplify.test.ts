import { simplifyCandidate, simplifyJob } from '../../../nodes/HumanSourcing/trigger/simplify';

describe('simplifyJob', () => {
	it('turns numbers sent as strings into numbers', () => {
		const job = simplifyJob({ job_id: 1, job_salary: '42000', job_nb_cand_to_recruit: '3' });
		expect(job).toMatchObject({ salary: 42000, openings: 3 });
	});

	it('reads a decimal comma as a decimal point', () => {
		expect(simplifyJob({ job_id: 1, job_salary: '1850,50' }).salary).toBe(1850.5);
	});

	it('gives null for a salary that is not a number', () => {
		expect(simplifyJob({ job_id: 1, job_salary: 'selon profil' }).salary).toBeNull();
	});

	it('keeps category 999999999, "~Autres Familles", as the real category it is', () => {
		const job = simplifyJob({
			job_id: 1,
			job_category_id: 999999999,
			job_category_name: '~Autres Familles',
		});
		expect(job.category).toBe('~Autres Familles');
	});

	it('names the category of a job', () => {
		expect(
			simplifyJob({ job_id: 1, job_category_id: 12, job_category_name: 'Commerce' }).category,
		).toBe('Commerce');
	});

	it('lists region and department names whether sent as objects or strings', () => {
		const job = simplifyJob({
			job_id: 1,
			job_regions: [{ name: 'Bretagne' }, 'Normandie'],
			job_departments: ['Finistère'],
		});
		expect(job).toMatchObject({ regions: ['Bretagne', 'Normandie'], departments: ['Finistère'] });
	});

	it('falls back to the international city name', () => {
		expect(simplifyJob({ job_id: 1, job_city: '', job_city_intl: 'Genève' }).city).toBe('Genève');
	});

	it('gives null for dates it cannot read instead of a wrong date', () => {
		expect(simplifyJob({ job_id: 1, job_updated_at: 'soon' }).updatedAt).toBeNull();
	});

	it('tolerates a record with only an id', () => {
		expect(simplifyJob({ job_id: 9 })).toMatchObject({
			id: '9',
			title: null,
			regions: [],
			country: null,
		});
	});
});

describe('simplifyCandidate', () => {
	it('takes the newest action as the latest, whatever the order', () => {
		const candidate = simplifyCandidate({
			id: 1,
			action: [
				{ code: 'CAND', date: '2020-01-01T10:00:00+0100', poste: { id: '7', title: 'Old' } },
				{ code: 'ENT', date: '2021-03-04T10:00:00+0100', poste: { id: '8', title: 'New' } },
			],
		});
		expect(candidate.latestAction).toMatchObject({ code: 'ENT', jobId: '8', jobTitle: 'New' });
		expect(candidate.latestActionAt).toBe('2021-03-04T09:00:00.000Z');
	});

	it('keeps the first answer to a repeated form question', () => {
		const candidate = simplifyCandidate({
			id: 1,
			action: [
				{ form: { input: [{ question: 'Anglais', answer: 'Courant' }] } },
				{ form: { input: [{ question: 'Anglais', answer: 'Scolaire' }] } },
			],
		});
		expect(candidate.formAnswers).toEqual({ Anglais: 'Courant' });
	});

	it('lists each job applied to once', () => {
		const poste = { id: '5', title: 'Vendeur' };
		expect(simplifyCandidate({ id: 1, action: [{ poste }, { poste }] }).jobs).toEqual([
			{ id: '5', title: 'Vendeur' },
		]);
	});

	it('tolerates a candidate without actions', () => {
		expect(simplifyCandidate({ id: 3, first_name: 'Zoé' })).toMatchObject({
			id: '3',
			fullName: 'Zoé',
			latestAction: null,
			latestActionAt: null,
			actionCount: 0,
			jobs: [],
			attachments: [],
			formAnswers: {},
		});
	});
});
