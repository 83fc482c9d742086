import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { toIsoTimestamp } from '../../shared/envelope';

/**
 * Whether deliveries are simplified: from version 3 the top-level Simplify, on by default;
 * versions 1 and 2 keep theirs under Options, off by default.
 */
export function simplifyDeliveries(context: IWebhookFunctions, options: IDataObject): boolean {
	const simplify =
		context.getNode().typeVersion >= 3
			? context.getNodeParameter('simplify', true)
			: options.simplify;
	return simplify === true;
}

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const trimmed = String(value).trim();
	return trimmed === '' ? null : trimmed;
}

function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value.trim().replace(',', '.'));
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

/** Human Sourcing uses 0 (and "0") for "none" in id fields. */
function refId(value: unknown): string | null {
	const id = text(value);
	return id === null || id === '0' ? null : id;
}

function object(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function names(value: unknown): string[] {
	return list(value)
		.map((entry) =>
			entry && typeof entry === 'object' ? text((entry as IDataObject).name) : text(entry),
		)
		.filter((name): name is string => name !== null);
}

function fullName(first: unknown, last: unknown): string | null {
	return text([text(first), text(last)].filter(Boolean).join(' '));
}

export function simplifyJob(job: IDataObject): IDataObject {
	const country = object(job.job_country_intl);
	return {
		id: String(job.job_id),
		reference: text(job.job_reference),
		title: text(job.job_title),
		jobType: text(job.job_type),
		description: text(job.job_description),
		profile: text(job.job_profil),
		comment: text(job.job_commentaire),
		company: text(job.job_company),
		companyDescription: text(job.job_company_description),
		customer: text(job.job_customer),
		office: text(job.job_office_name),
		officeId: refId(job.job_office_id),
		contractType: text(job.job_contract_type),
		contractStatus: text(job.job_contract_status),
		workingTime: text(job.job_working_time),
		salary: numberOrNull(job.job_salary),
		variableSalary: text(job.job_var_salary),
		educationLevel: text(job.job_education_level),
		experienceLevel: text(job.job_experience_level),
		openings: numberOrNull(job.job_nb_cand_to_recruit),
		address: text(job.job_address),
		city: text(job.job_city) ?? text(job.job_city_intl),
		country: text(country.name),
		countryCode: text(country.iso2),
		regions: names(job.job_regions),
		departments: names(job.job_departments),
		// 999999999 "~Autres Familles" (other families) is a category like any other, as the documented examples show.
		category: text(job.job_category_name),
		subCategory: text(job.job_sub_category_name),
		sector: text(job.job_secteur_name),
		contact: text(job.job_interlocutor_name),
		startDate: toIsoTimestamp(job.job_jobstart),
		missionStart: toIsoTimestamp(job.job_mission_start),
		publishedAt: toIsoTimestamp(job.job_published_at),
		updatedAt: toIsoTimestamp(job.job_updated_at),
		applicationUrl: text(job.job_form_url),
		logo: text(job.job_logo),
	};
}

interface SimpleAction extends IDataObject {
	code: string | null;
	date: string | null;
	jobId: string | null;
	jobTitle: string | null;
	consultant: string | null;
}

function simplifyAction(action: IDataObject): SimpleAction {
	const consultant = object(action.consultant);
	const poste = object(action.poste);
	return {
		code: text(action.code),
		date: toIsoTimestamp(action.date),
		jobId: refId(poste.id),
		jobTitle: text(poste.title),
		consultant: fullName(consultant.first_name, consultant.last_name),
	};
}

export function simplifyCandidate(candidate: IDataObject): IDataObject {
	const actions = list(candidate.action).map((entry) => object(entry));
	const simpleActions = actions.map(simplifyAction);

	let latest: SimpleAction | null = null;
	for (const action of simpleActions) {
		if (action.date !== null && (latest === null || (latest.date ?? '') < action.date))
			latest = action;
	}

	const jobs = new Map<string, IDataObject>();
	const attachments: IDataObject[] = [];
	const answers: IDataObject = {};
	for (let index = 0; index < actions.length; index++) {
		const { jobId, jobTitle } = simpleActions[index];
		if (jobId !== null && !jobs.has(jobId)) jobs.set(jobId, { id: jobId, title: jobTitle });
		for (const attachment of list(actions[index].attachment)) {
			const file = object(attachment);
			attachments.push({
				id: text(file.id),
				filename: text(file.filename),
				mimeType: text(file.mimetype),
			});
		}
		for (const input of list(object(actions[index].form).input)) {
			const { question, answer } = object(input);
			const key = text(question);
			// Actions are listed newest first, so the first answer to a question is the current one.
			if (key !== null && !(key in answers)) answers[key] = text(answer);
		}
	}

	return {
		id: String(candidate.id),
		companyId: refId(candidate.id_company),
		firstName: text(candidate.first_name),
		lastName: text(candidate.last_name),
		fullName: fullName(candidate.first_name, candidate.last_name),
		email: text(candidate.email),
		mobilePhone: text(candidate.tel_mobile),
		landlinePhone: text(candidate.tel_landline),
		tags: names(candidate.tags),
		latestActionAt: toIsoTimestamp(candidate.latest_action) ?? latest?.date ?? null,
		latestAction: latest,
		actionCount: actions.length,
		jobs: [...jobs.values()],
		attachments,
		formAnswers: answers,
	};
}

export function simplifyDeleted(id: string): IDataObject {
	return { id };
}
