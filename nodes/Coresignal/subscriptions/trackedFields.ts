import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * What `tracked_fields` accepts and `changed_fields` reports
 * (https://docs.coresignal.com/api-introduction/webhooks/employee-webhooks), with the label the
 * editor shows. Values are Coresignal's field names as the API spells them ("professionnal" too).
 */
const FIELD_LABELS: Record<string, string> = {
	activity: 'Activity',
	awards: 'Awards',
	certifications: 'Certifications',
	company_id: 'Company ID',
	connections_count: 'Connections Count',
	courses: 'Courses',
	department: 'Department',
	description: 'Description',
	education: 'Education',
	experience: 'Experience',
	follower_count: 'Follower Count',
	full_name: 'Full Name',
	generated_headline: 'Generated Headline',
	headline: 'Headline',
	id: 'ID',
	is_decision_maker: 'Is Decision Maker',
	is_deleted: 'Is Deleted',
	is_hidden: 'Is Hidden',
	is_working: 'Is Working',
	job_description: 'Job Description',
	job_title: 'Job Title',
	languages: 'Languages',
	location_city: 'Location: City',
	location_country: 'Location: Country',
	location_country_iso_2: 'Location: Country ISO 2',
	location_country_iso_3: 'Location: Country ISO 3',
	location_raw_address: 'Location: Raw Address',
	location_regions: 'Location: Regions',
	location_state: 'Location: State',
	management_level: 'Management Level',
	member_quality: 'Member Quality',
	name_first: 'Name: First',
	name_last: 'Name: Last',
	name_middle: 'Name: Middle',
	organizations: 'Organizations',
	patents: 'Patents',
	picture_url: 'Picture URL',
	public_profile_id: 'Public Profile ID',
	publications: 'Publications',
	recommendations: 'Recommendations',
	recommendations_count: 'Recommendations Count',
	shorthand_names: 'Shorthand Names',
	skills: 'Skills',
	total_experience_duration: 'Total Experience Duration',
	total_experience_duration_months: 'Total Experience Duration (Months)',
	websites_professionnal_network: 'Websites: Professional Network',
};

/** The editor's choices, sorted by label. */
export const TRACKABLE_FIELD_OPTIONS: INodePropertyOptions[] = Object.entries(FIELD_LABELS)
	.map(([value, name]) => ({ name, value }))
	.sort((a, b) => a.name.localeCompare(b.name));
