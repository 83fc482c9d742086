import type { IDataObject } from 'n8n-workflow';

import { SIMPLE_PROFILE_FIELDS, simplifyProfile } from '../../../nodes/Coresignal/profile/simplify';
import { generateEmployee } from '../../../sandbox/coresignal/employees';

/** A Clean Employee record as Coresignal's data dictionary spells it, with everything around the few fields kept. */
const cleanProfile = {
	id: 125,
	full_name: 'Jane Doe',
	name_first: 'Jane',
	name_last: 'Doe',
	headline: 'Head of People at Northwind Labs',
	job_title: 'Head of People',
	company_id: 4242,
	company_name: 'Northwind Labs',
	location_full: 'Berlin, Berlin, Germany',
	location_country: 'Germany',
	websites_professional_network: 'https://www.linkedin.com/in/jane-doe',
	last_updated: '2025-06-01',
	skills: ['Recruiting'],
	experience: [{ title: 'Head of People', company_name: 'Northwind Labs', is_current: 1 }],
	education: [{ title: 'Vilnius University' }],
};

describe('simplifyProfile', () => {
	it('keeps the documented fields under readable names', () => {
		expect(simplifyProfile(cleanProfile)).toEqual({
			id: 125,
			fullName: 'Jane Doe',
			headline: 'Head of People at Northwind Labs',
			jobTitle: 'Head of People',
			company: 'Northwind Labs',
			companyId: 4242,
			location: 'Berlin, Berlin, Germany',
			country: 'Germany',
			profileUrl: 'https://www.linkedin.com/in/jane-doe',
			lastUpdated: '2025-06-01',
		});
	});

	it('has exactly the fields the Simplify description lists, whatever the profile holds', () => {
		const profile = generateEmployee(100_001, 1) as IDataObject;
		expect(Object.keys(profile).length).toBeGreaterThan(40);
		expect(Object.keys(simplifyProfile(profile))).toEqual([...SIMPLE_PROFILE_FIELDS]);
	});

	it('reads legacy v1 profiles, whose fields start with member_', () => {
		const v1 = Object.fromEntries(
			Object.entries(cleanProfile).map(([key, value]) => [`member_${key}`, value]),
		);
		expect(simplifyProfile(v1)).toEqual(simplifyProfile(cleanProfile));
	});

	it('takes the job title and company from the current position when the top level has none', () => {
		const profile = simplifyProfile({
			id: 7,
			experience: [
				{ title: 'Recruiter', company_name: 'Atlas Retail Group', company_id: 9, is_current: 0 },
				{ title: 'Talent Lead', company_name: 'Helix Health', company_id: 8, is_current: 1 },
			],
		});
		expect(profile).toMatchObject({
			jobTitle: 'Talent Lead',
			company: 'Helix Health',
			companyId: 8,
		});
	});

	it('gives no job title for someone whose positions have all ended', () => {
		const profile = simplifyProfile({
			id: 7,
			job_title: null,
			experience: [{ title: 'Recruiter', company_name: 'Atlas Retail Group', is_current: 0 }],
		});
		expect(profile).toMatchObject({ jobTitle: null, company: null });
	});

	it('reads the Multi-source and Base spellings of the profile URL, location and update time', () => {
		expect(
			simplifyProfile({
				id: 187293831,
				first_name: 'John',
				last_name: 'Doe',
				professional_network_url: 'https://www.linkedin.com/in/john-doe',
				location: 'San Francisco, California, United States',
				updated_at: '2024-10-23T05:50:09.000',
			}),
		).toMatchObject({
			fullName: 'John Doe',
			profileUrl: 'https://www.linkedin.com/in/john-doe',
			location: 'San Francisco, California, United States',
			lastUpdated: '2024-10-23T05:50:09.000',
		});
	});

	it('gives null for every field a profile does not have', () => {
		expect(simplifyProfile({ id: 3 })).toEqual({
			id: 3,
			fullName: null,
			headline: null,
			jobTitle: null,
			company: null,
			companyId: null,
			location: null,
			country: null,
			profileUrl: null,
			lastUpdated: null,
		});
	});
});
