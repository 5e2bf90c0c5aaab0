/** Record shapes of pgai-api.md: the current API's, and the older ones that 'legacy' mode serves. */
import type { TaskPriority, TaskStatus } from './vocabulary';

export interface Territory {
	id: string;
	territory_name: string;
	status: string;
	created_at: string;
}

export interface TerritoryCompany {
	/** The membership row's id, not the company's. */
	id: string;
	company_id: string;
	status: string;
	created_at: string;
}

export interface Account {
	id: string;
	company_id: string;
	name: string;
	domain: string;
	industry: string;
	employee_count: number;
	country: string;
	score: number;
	tier: 'A' | 'B' | 'C';
	territory_id: string;
	owner: string;
	created_at: string;
	updated_at: string;
}

export interface Company {
	id: string;
	company_name: string;
	website_domain: string;
	industry: string;
	employee_count: number;
	hq_country: string;
	linkedin_url: string;
	description: string;
	technologies: string[];
	created_at: string;
	updated_at: string;
}

export interface Contact {
	id: string;
	full_name: string;
	first_name: string;
	last_name: string;
	current_job_title: string | null;
	email: string;
	emails: string[];
	phones: string[];
	linkedin_url: string | null;
	location: string | null;
	country: string | null;
	country_code: string | null;
	headline: string | null;
	summary: string | null;
	image_url: string | null;
	skills: string[];
	company: { name: string; linkedin_id: string | null } | null;
	experience: Array<{ title: string; company: string; start_date: string; end_date: string | null; is_current: boolean }>;
	education: Array<{ school: string; degree: string; field_of_study: string; start_year: number; end_year: number }>;
	created_at: string;
	updated_at: string;
}

export interface RelevanceItem {
	id: string;
	company_id: string;
	company_name: string;
	source_type: string;
	title: string;
	excerpt: string;
	date: string;
	score: number;
}

export interface ContentItem {
	content_id: string;
	company_id: string;
	content_type: string;
	content_setting_id: string;
	title: string;
	content: string;
	ref_content_template_id: string;
	created_at: string;
	updated_at: string;
}

/** §7: statuses and priorities are the values the docs name ("e.g."); the sandbox knows no others. */
export interface Task {
	id: string;
	title: string;
	description: string | null;
	status: TaskStatus;
	priority: TaskPriority;
	company_id: string | null;
	assignee_id: string | null;
	/** YYYY-MM-DD */
	due_date: string | null;
	created_at: string;
	updated_at: string;
}

/** §8: the list's documented fields; status "active" or, for one seeded workflow, "inactive". */
export interface Workflow {
	id: string;
	name: string;
	description: string;
	status: string;
	created_at: string;
}

/** What the older Territory shape has beyond the current one. */
export interface TerritoryDetails {
	region: string;
	segment: string;
	description: string;
	owner: string;
	scoring_model: string;
	updated_at: string;
}

export function legacyTerritory(territory: Territory, details: TerritoryDetails, companyCount: number) {
	return {
		id: territory.id,
		name: territory.territory_name,
		description: details.description,
		company_count: companyCount,
		owner: details.owner,
		scoring_model: details.scoring_model,
		filters: { region: details.region, segment: details.segment },
		created_at: territory.created_at,
		updated_at: details.updated_at,
	};
}

/** The older territory-companies list summarised the company itself; its id is the company's. */
export function legacyCompanySummary(company: Company, account: Account | undefined) {
	return {
		id: company.id,
		name: company.company_name,
		domain: company.website_domain,
		industry: company.industry,
		employee_count: company.employee_count,
		score: account?.score ?? null,
		tier: account?.tier ?? null,
	};
}

export function legacyContact(contact: Contact) {
	return {
		id: contact.id,
		first_name: contact.first_name,
		last_name: contact.last_name,
		email: contact.email,
		job_title: contact.current_job_title,
		company: contact.company?.name ?? null,
		linkedin_url: contact.linkedin_url,
		location: contact.location,
		phone: contact.phones[0] ?? null,
		created_at: contact.created_at,
		updated_at: contact.updated_at,
	};
}

/** List order of every collection: created_at ascending, ties by id. */
function byCreation(a: { created_at: string; id?: string; content_id?: string }, b: typeof a): number {
	const diff = Date.parse(a.created_at) - Date.parse(b.created_at);
	if (diff !== 0) return diff;
	const idA = a.id ?? a.content_id ?? '';
	const idB = b.id ?? b.content_id ?? '';
	return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** Sorts in list order, parsing each timestamp once rather than at every comparison. */
export function sortByCreation<T extends { created_at: string; id?: string; content_id?: string }>(list: T[]): T[] {
	const keyed = list.map((record) => ({ record, ms: Date.parse(record.created_at), id: record.id ?? record.content_id ?? '' }));
	keyed.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (let i = 0; i < keyed.length; i++) list[i] = keyed[i].record;
	return list;
}

/** Inserts keeping list order, so records added at run time with an old created_at land in place. */
export function insertInOrder<T extends { created_at: string; id?: string; content_id?: string }>(list: T[], record: T): void {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (byCreation(list[mid], record) <= 0) low = mid + 1;
		else high = mid;
	}
	list.splice(low, 0, record);
}
