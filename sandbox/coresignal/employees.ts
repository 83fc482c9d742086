import { hash32, Random } from '../core/random';

/**
 * Deterministic Clean Employee records: a pure function of (id, seed), so any number of employees
 * costs no memory and the same id always gives the same person. Field names follow the Clean
 * Employee data dictionary (https://docs.coresignal.com/employee-api/clean-employee-api/data-dictionary-clean-employee-api).
 */

const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lina', 'Marco', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Yara', 'Zoe'];
const LAST_NAMES = ['Andersen', 'Baptiste', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jansen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Rossi', 'Schmidt', 'Tanaka', 'Uddin', 'Varga', 'Weber', 'Yilmaz', 'Zhang'];
const TITLES = [
	['Software Engineer', 'Engineering', 'Specialist'],
	['Senior Software Engineer', 'Engineering', 'Senior'],
	['Engineering Manager', 'Engineering', 'Manager'],
	['Product Manager', 'Product', 'Manager'],
	['Data Scientist', 'Data', 'Specialist'],
	['HR Business Partner', 'Human Resources', 'Specialist'],
	['Talent Acquisition Lead', 'Human Resources', 'Senior'],
	['Account Executive', 'Sales', 'Specialist'],
	['Head of Sales', 'Sales', 'Director'],
	['Marketing Manager', 'Marketing', 'Manager'],
	['Financial Analyst', 'Finance', 'Specialist'],
	['Chief Technology Officer', 'C-Suite', 'C-Level'],
	['Project Manager', 'Operations', 'Manager'],
	['Scrum Master', 'Operations', 'Specialist'],
] as const;
const COMPANIES = [
	['Northwind Labs', 'Software Development', 'northwindlabs.io'],
	['Bluepeak Analytics', 'IT Services and IT Consulting', 'bluepeak.ai'],
	['Helix Health', 'Hospitals and Health Care', 'helixhealth.org'],
	['Orbital Freight', 'Transportation, Logistics, Supply Chain and Storage', 'orbitalfreight.com'],
	['Verdant Energy', 'Renewable Energy Semiconductor Manufacturing', 'verdant.energy'],
	['Quill & Ledger', 'Financial Services', 'quillledger.com'],
	['Atlas Retail Group', 'Retail', 'atlasretail.com'],
	['Lumen Education', 'E-Learning Providers', 'lumen.education'],
] as const;
const PLACES = [
	['Berlin', 'Berlin', 'Germany', 'DE', 'DEU', 'EMEA'],
	['London', 'England', 'United Kingdom', 'GB', 'GBR', 'EMEA'],
	['Vilnius', 'Vilnius County', 'Lithuania', 'LT', 'LTU', 'EMEA'],
	['Austin', 'Texas', 'United States', 'US', 'USA', 'AMER'],
	['Toronto', 'Ontario', 'Canada', 'CA', 'CAN', 'AMER'],
	['Singapore', 'Singapore', 'Singapore', 'SG', 'SGP', 'APAC'],
] as const;
const SKILLS = ['TypeScript', 'Python', 'SQL', 'People Management', 'Recruiting', 'Stakeholder Management', 'Kubernetes', 'Machine Learning', 'Negotiation', 'Financial Modeling', 'Agile Methodologies', 'Public Speaking', 'Data Analysis', 'Employer Branding'];
const SCHOOLS = [
	['Technical University of Munich', 'Computer Science'],
	['University of Toronto', 'Economics'],
	['Vilnius University', 'Mathematics'],
	['National University of Singapore', 'Business Administration'],
	['University of Texas at Austin', 'Psychology'],
] as const;
const LANGUAGES = ['English', 'German', 'French', 'Spanish', 'Lithuanian', 'Mandarin'];

export interface Employee {
	id: number;
	full_name: string;
	shorthand_names: string[];
	[key: string]: unknown;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day = 1) => `${year}-${pad(month)}-${pad(day)}`;
const monthName = (month: number) =>
	['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1];

export function shorthandName(first: string, last: string, id: number): string {
	return `${first}-${last}-${id.toString(36)}`.toLowerCase();
}

export function profileUrl(shorthand: string): string {
	return `https://www.linkedin.com/in/${shorthand}`;
}

export function generateEmployee(id: number, seed: number): Employee {
	const r = new Random(hash32(`employee:${id}`, seed));
	const first = r.pick(FIRST_NAMES);
	const last = r.pick(LAST_NAMES);
	const shorthand = shorthandName(first, last, id);
	const place = r.pick(PLACES);
	const jobs = r.int(1, 4);

	// Most recent first, like Coresignal; the first job is current for most people.
	let year = 2025;
	let month = r.int(1, 12);
	const experience = Array.from({ length: jobs }, (_, i) => {
		const [title, department, level] = r.pick(TITLES);
		const [company, industry, domain] = r.pick(COMPANIES);
		const months = r.int(6, 60);
		const current = i === 0 && r.next() < 0.85;
		const endYear = year;
		const endMonth = month;
		const startTotal = endYear * 12 + (endMonth - 1) - months;
		const startYear = Math.floor(startTotal / 12);
		const startMonth = (startTotal % 12) + 1;
		year = startYear;
		month = startMonth;
		return {
			id: hash32(`experience:${id}:${i}`, seed),
			company_id: hash32(company) % 10_000_000,
			company_name: company,
			company_industry: industry,
			company_website: `https://${domain}`,
			title,
			department,
			management_level: level,
			location: `${place[0]}, ${place[2]}`,
			date_from: `${monthName(startMonth)} ${startYear}`,
			date_from_year: startYear,
			date_from_month: startMonth,
			date_to: current ? null : `${monthName(endMonth)} ${endYear}`,
			date_to_year: current ? null : endYear,
			date_to_month: current ? null : endMonth,
			duration_months: months,
			is_current: current ? 1 : 0,
			description: null,
		};
	});
	const current = experience[0];
	const totalMonths = experience.reduce((sum, e) => sum + e.duration_months, 0);
	const [school, major] = r.pick(SCHOOLS);
	const graduation = year - r.int(0, 3);

	return {
		id,
		created: ymd(2019 + r.int(0, 3), r.int(1, 12), r.int(1, 28)),
		last_updated: ymd(2025, r.int(1, 9), r.int(1, 28)),
		is_deleted: 0,
		is_hidden: 0,
		public_profile_id: hash32(`public:${id}`, seed),
		full_name: `${first} ${last}`,
		name_first: first,
		name_middle: null,
		name_last: last,
		websites_professional_network: profileUrl(shorthand),
		shorthand_names: [shorthand],
		picture_url: null,
		headline: `${current.title} at ${current.company_name}`,
		generated_headline: `${current.title} at ${current.company_name}`,
		job_title: current.is_current ? current.title : null,
		description: null,
		management_level: current.management_level,
		department: current.department,
		is_decision_maker: ['Director', 'C-Level'].includes(current.management_level) ? 1 : 0,
		is_working: current.is_current,
		company_id: current.is_current ? current.company_id : null,
		company_name: current.is_current ? current.company_name : null,
		location_full: `${place[0]}, ${place[1]}, ${place[2]}`,
		location_raw_address: `${place[0]}, ${place[1]}, ${place[2]}`,
		location_city: place[0],
		location_state: place[1],
		location_country: place[2],
		location_country_iso_2: place[3],
		location_country_iso_3: place[4],
		location_regions: [place[5]],
		connections_count: r.int(20, 500),
		follower_count: r.int(20, 5000),
		recommendations_count: r.int(0, 5),
		member_quality: r.int(1, 10),
		total_experience_duration: `${Math.floor(totalMonths / 12)} years ${totalMonths % 12} months`,
		total_experience_duration_months: totalMonths,
		skills: r.sample(SKILLS, r.int(2, 6)),
		experience,
		education: [
			{
				id: hash32(`education:${id}`, seed),
				title: school,
				major,
				date_from: String(graduation - 4),
				date_to: String(graduation),
				description: null,
				activities_and_societies: null,
			},
		],
		languages: r.sample(LANGUAGES, r.int(1, 3)).map((language, i) => ({
			id: hash32(`language:${id}:${i}`, seed),
			language,
			proficiency: i === 0 ? 'Native or bilingual proficiency' : 'Professional working proficiency',
		})),
		certifications: [],
		courses: [],
		awards: [],
		activity: [],
		organizations: [],
		patents: [],
		publications: [],
		recommendations: [],
	};
}

/** The employee directory of one sandbox: which ids exist and how to find one by id, slug or URL. */
export class EmployeeDirectory {
	constructor(
		private readonly range: () => { first: number; count: number },
		private readonly seed: number,
	) {}

	exists(id: number): boolean {
		const { first, count } = this.range();
		return Number.isInteger(id) && id >= first && id < first + count;
	}

	byId(id: number): Employee | undefined {
		return this.exists(id) ? generateEmployee(id, this.seed) : undefined;
	}

	/** A numeric id, a shorthand name, or a profile URL (already URL-decoded). */
	find(key: string): Employee | undefined {
		const trimmed = key.trim();
		if (/^\d+$/.test(trimmed)) return this.byId(Number(trimmed));
		let slug = trimmed;
		if (/^https?:\/\//i.test(trimmed)) {
			const match = /\/in\/([^/?#]+)/i.exec(trimmed);
			if (!match) return undefined;
			slug = decodeURIComponent(match[1]);
		}
		const id = parseInt(slug.split('-').pop() ?? '', 36);
		const employee = this.byId(id);
		return employee && employee.shorthand_names.includes(slug.toLowerCase()) ? employee : undefined;
	}

	/** A random existing id. */
	randomId(random: Random): number {
		const { first, count } = this.range();
		return random.int(first, first + count - 1);
	}
}
