import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The fields a simplified profile keeps, in the order a table shows them. */
export const SIMPLE_PROFILE_FIELDS = [
	'id',
	'fullName',
	'headline',
	'jobTitle',
	'company',
	'companyId',
	'location',
	'country',
	'profileUrl',
	'lastUpdated',
] as const;

/**
 * The Simplify switch of every node that outputs a collected profile. Shown from node version 2
 * on, where it is on by default; version 1 keeps returning the profile as Coresignal sent it.
 */
export function simplifyProfileField(show: IDisplayOptions['show'] = {}): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data: ${SIMPLE_PROFILE_FIELDS.join(', ')}`,
		hint: 'Turn off for the full profile with experience, education, skills and every other field Coresignal has',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], ...show } },
	};
}

/** Whether a node of this version returns simplified profiles (the parameter exists from version 2). */
export function simplifyProfiles(
	typeVersion: number,
	parameter: (fallback: boolean) => unknown,
): boolean {
	return typeVersion >= 2 && parameter(true) === true;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * The first of these fields the record has. Legacy v1 prefixes every field with `member_`
 * (https://docs.coresignal.com/legacy-data/clean-employee-data/sample-clean-employee-data), so
 * that spelling is read too.
 */
function pick(record: IDataObject, ...names: string[]): unknown {
	for (const name of names) {
		if (present(record[name])) return record[name];
		if (present(record[`member_${name}`])) return record[`member_${name}`];
	}
	return null;
}

/** The position marked current (`is_current` 1), else none: a past job is not a job title. */
function currentExperience(record: IDataObject): IDataObject {
	const experience = pick(record, 'experience');
	if (!Array.isArray(experience)) return {};
	const current = experience.find(
		(entry) =>
			entry !== null &&
			typeof entry === 'object' &&
			((entry as IDataObject).is_current === 1 || (entry as IDataObject).is_current === true),
	);
	return (current as IDataObject | undefined) ?? {};
}

function fullNameOf(record: IDataObject): unknown {
	const full = pick(record, 'full_name');
	if (full !== null) return full;
	const parts = [pick(record, 'name_first', 'first_name'), pick(record, 'name_last', 'last_name')];
	const joined = parts.filter((part) => part !== null).join(' ');
	return joined === '' ? null : joined;
}

/**
 * A collected employee profile reduced to the fields an HR workflow reads first (see
 * SIMPLE_PROFILE_FIELDS). Field names follow the Clean Employee data dictionary
 * (https://docs.coresignal.com/employee-api/clean-employee-api/data-dictionary-clean-employee-api);
 * the Multi-source and Base names for the URL, location and update time are read as well
 * (https://docs.coresignal.com/employee-api/multi-source-employee-api/data-dictionary-multi-source-employee-api,
 * https://docs.coresignal.com/employee-data/base-employee-data/dictionary-base-employee-data).
 * A field the profile does not have is null.
 */
export function simplifyProfile(record: IDataObject): IDataObject {
	const current = currentExperience(record);
	return {
		id: pick(record, 'id'),
		fullName: fullNameOf(record),
		headline: pick(record, 'headline', 'generated_headline'),
		jobTitle: pick(record, 'job_title') ?? pick(current, 'title'),
		company: pick(record, 'company_name') ?? pick(current, 'company_name'),
		companyId: pick(record, 'company_id') ?? pick(current, 'company_id'),
		location: pick(record, 'location_full', 'location', 'location_raw_address'),
		country: pick(record, 'location_country', 'country'),
		profileUrl: pick(
			record,
			'websites_professional_network',
			'professional_network_url',
			'profile_url',
		),
		lastUpdated: pick(record, 'last_updated', 'updated_at'),
	} as IDataObject;
}
