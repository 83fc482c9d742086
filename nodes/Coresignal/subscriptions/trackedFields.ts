/**
 * What `tracked_fields` accepts and `changed_fields` reports ("Fields that trigger webhooks"):
 * https://docs.coresignal.com/api/clean-employee-api-webhook-subscriptions
 */
export const TRACKABLE_FIELDS = [
	'id',
	'company_id',
	'full_name',
	'name_first',
	'name_middle',
	'name_last',
	'websites_professionnal_network',
	'description',
	'job_title',
	'management_level',
	'department',
	'is_decision_maker',
	'is_working',
	'job_description',
	'recommendations_count',
	'connections_count',
	'location_raw_address',
	'location_country',
	'location_country_iso_2',
	'location_country_iso_3',
	'location_state',
	'location_city',
	'is_deleted',
	'is_hidden',
	'follower_count',
	'headline',
	'generated_headline',
	'picture_url',
	'public_profile_id',
	'total_experience_duration',
	'total_experience_duration_months',
	'member_quality',
	'skills',
	'shorthand_names',
	'location_regions',
	'experience',
	'education',
	'languages',
	'certifications',
	'courses',
	'awards',
	'activity',
	'organizations',
	'patents',
	'publications',
	'recommendations',
] as const;

const label = (field: string) =>
	field
		.split('_')
		.map((word) => (word === 'iso' ? 'ISO' : word.charAt(0).toUpperCase() + word.slice(1)))
		.join(' ');

export const TRACKABLE_FIELD_OPTIONS = TRACKABLE_FIELDS.map((field) => ({
	name: label(field),
	value: field,
}));
