/**
 * The seeded workspace: territories, accounts (one company each), territory memberships, contacts,
 * tasks, relevance signals and generated content; and the workflows. Everything derives from the seed; timestamps fall in a
 * fixed past period so the data does not change with the clock.
 */
import { createRng, type Rng } from './prng';
import { WORKFLOWS } from './workflows';
import {
	sortByCreation,
	type Account,
	type Company,
	type Contact,
	type ContentItem,
	type RelevanceItem,
	type Task,
	type Territory,
	type TerritoryCompany,
	type TerritoryDetails,
	type Workflow,
} from './records';
import {
	COMPANY_STEMS,
	COMPANY_TASK_TITLES,
	COMPANY_SUFFIXES,
	CONTENT_TITLES,
	CONTENT_TYPES,
	COUNTRIES,
	DEGREES,
	FIELDS_OF_STUDY,
	FIRST_NAMES,
	INDUSTRIES,
	JOB_TITLES,
	LAST_NAMES,
	LEGAL_FORMS,
	REGIONS,
	SALES_REPS,
	SCHOOLS,
	SCORING_MODELS,
	SEEDED_TASK_PRIORITIES,
	SEEDED_TASK_STATUSES,
	SEGMENTS,
	SIGNAL_TEMPLATES,
	SKILLS,
	SOURCE_TYPES,
	TASK_DESCRIPTIONS,
	TECHNOLOGIES,
	TERRITORY_COMPANY_STATUSES,
	TERRITORY_STATUSES,
	WORKSPACE_TASK_TITLES,
	type ContentType,
	type Country,
} from './vocabulary';

export interface DataSizes {
	territories: number;
	accounts: number;
	contacts: number;
	tasks: number;
}

/** The records as the API serves them in 'current' shape, arrays in list order. */
export interface SandboxData {
	organization: { id: string; name: string };
	territories: Territory[];
	/** Membership rows by territory id, in list order. */
	territoryCompanies: Record<string, TerritoryCompany[]>;
	accounts: Account[];
	companies: Company[];
	contacts: Contact[];
	tasks: Task[];
	/** PG:AI's workflows: a fixed catalogue, not seeded. */
	workflows: Workflow[];
	/** Relevance signals by company id, best score first (the order without a query). */
	relevance: Record<string, RelevanceItem[]>;
	/** Content items by company id, in list order. */
	content: Record<string, ContentItem[]>;
}

/** Facts the served records do not carry but the API needs (filters, older shapes). */
export interface HiddenFacts {
	territoryDetails: Map<string, TerritoryDetails>;
	/** Contact id -> company id: contacts name their company, searches filter by its id. */
	contactCompany: Map<string, string>;
	/** The users tasks are assigned to: no endpoint lists them, tasks only point at them. */
	assigneeIds: string[];
}

const PERIOD_START = Date.UTC(2022, 0, 1);
const PERIOD_END = Date.UTC(2025, 5, 30);
const DAY = 86_400_000;
const TLD_BY_COUNTRY: Record<string, string> = {
	DE: 'de', GB: 'co.uk', FR: 'fr', NL: 'nl', SE: 'se', ES: 'es', IT: 'it', CH: 'ch', CA: 'ca', PL: 'pl', DK: 'dk', IE: 'ie', AT: 'at', JP: 'jp',
};
const EMPLOYEE_RANGES: ReadonlyArray<readonly [number, number]> = [[11, 50], [51, 200], [201, 1000], [1001, 5000], [5001, 60000]];

function isoSeconds(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function between(rng: Rng, from: number, to: number): number {
	return from + Math.floor(rng.next() * Math.max(0, to - from));
}

export function slug(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function fill(template: string, company: string, detail = ''): string {
	return template.replace(/\{c\}/g, company).replace(/\{x\}/g, detail);
}

function tierOf(score: number): 'A' | 'B' | 'C' {
	return score >= 70 ? 'A' : score >= 40 ? 'B' : 'C';
}

/** The numeric LinkedIn id a contact's company carries, derived from the company id. */
export function linkedinIdOf(company: Company): string {
	return String(parseInt(company.id.replace(/-/g, '').slice(0, 7), 16));
}

/** Per-organisation ids the content items point at: one content setting and one template per type. */
export interface ContentSettings {
	settingIds: Record<ContentType, string>;
	templateIds: Record<ContentType, string>;
}

/**
 * Builds single records. The seeded generation and run-time additions (addRecords, companies added
 * through the API) share one factory per stream, and one register of taken domains and emails.
 */
export class RecordFactory {
	constructor(
		private readonly rng: Rng,
		private readonly taken: { domains: Set<string>; emails: Set<string> },
		private readonly settings: ContentSettings,
	) {}

	uuid(): string {
		return this.rng.uuid();
	}

	hex(length: number): string {
		return this.rng.hex(length);
	}

	pick<T>(items: readonly T[]): T {
		return this.rng.pick(items);
	}

	company(createdAt: number, given: { name?: string; domain?: string } = {}): Company {
		const rng = this.rng;
		const country = rng.pick(COUNTRIES);
		const base = `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_SUFFIXES)}`;
		const name = given.name ?? base + rng.pick(LEGAL_FORMS);
		const domain = given.domain?.toLowerCase() ?? this.freeDomain(slug(given.name ?? base).replace(/-/g, ''), country);
		this.taken.domains.add(domain);
		const industry = rng.pick(INDUSTRIES);
		const [low, high] = rng.pick(EMPLOYEE_RANGES);
		const employees = rng.int(low, high);
		return {
			id: rng.uuid(),
			company_name: name,
			website_domain: domain,
			industry,
			employee_count: employees,
			hq_country: country.name,
			linkedin_url: `https://www.linkedin.com/company/${slug(name)}`,
			description: `${name} is ${/^[aeiou]/i.test(industry) ? 'an' : 'a'} ${industry.toLowerCase()} company headquartered in ${rng.pick(country.cities)}, ${country.name}, with about ${employees} employees.`,
			technologies: rng.sample(TECHNOLOGIES, rng.int(2, 6)),
			created_at: isoSeconds(createdAt),
			updated_at: isoSeconds(between(rng, createdAt, Math.max(createdAt, PERIOD_END))),
		};
	}

	account(company: Company, territoryId: string): Account {
		const score = this.rng.int(0, 100);
		const country = COUNTRIES.find((c) => c.name === company.hq_country) ?? COUNTRIES[0];
		return {
			id: this.rng.uuid(),
			company_id: company.id,
			name: company.company_name,
			domain: company.website_domain,
			industry: company.industry,
			employee_count: company.employee_count,
			country: country.name,
			score,
			tier: tierOf(score),
			territory_id: territoryId,
			owner: this.rng.pick(SALES_REPS),
			created_at: company.created_at,
			updated_at: company.updated_at,
		};
	}

	membership(companyId: string, createdAt: number): TerritoryCompany {
		return {
			id: this.rng.uuid(),
			company_id: companyId,
			status: this.rng.pick(TERRITORY_COMPANY_STATUSES),
			created_at: isoSeconds(createdAt),
		};
	}

	contact(company: Company, createdAt: number): Contact {
		const rng = this.rng;
		const first = rng.pick(FIRST_NAMES);
		const last = rng.pick(LAST_NAMES);
		const [title] = rng.pick(JOB_TITLES);
		const companyCountry = COUNTRIES.find((c) => c.name === company.hq_country);
		const country: Country = companyCountry && rng.chance(0.75) ? companyCountry : rng.pick(COUNTRIES);
		const email = this.freeEmail(`${first}.${last}`.toLowerCase(), company.website_domain);
		const skills = rng.sample(SKILLS, rng.int(3, 6));
		const years = rng.int(2, 25);
		const startYear = 2024 - rng.int(0, 8);
		const pastJobs = rng.int(0, 2);
		const experience: Contact['experience'] = [
			{ title, company: company.company_name, start_date: `${startYear}-${String(rng.int(1, 12)).padStart(2, '0')}`, end_date: null, is_current: true },
		];
		let end = startYear;
		for (let i = 0; i < pastJobs; i++) {
			const start = end - rng.int(1, 5);
			experience.push({
				title: rng.pick(JOB_TITLES)[0],
				company: `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_SUFFIXES)}`,
				start_date: `${start}-${String(rng.int(1, 12)).padStart(2, '0')}`,
				end_date: `${end}-${String(rng.int(1, 12)).padStart(2, '0')}`,
				is_current: false,
			});
			end = start;
		}
		const graduated = end - rng.int(0, 3);
		const id = rng.uuid();
		return {
			id,
			full_name: `${first} ${last}`,
			first_name: first,
			last_name: last,
			current_job_title: title,
			email,
			emails: rng.chance(0.3) ? [email, `${first}${last}${rng.int(1, 99)}@gmail.com`.toLowerCase()] : [email],
			phones: rng.chance(0.7) ? [`${country.dial} ${rng.int(100, 999)} ${rng.int(1000000, 9999999)}`] : [],
			linkedin_url: `https://www.linkedin.com/in/${first}-${last}-${rng.hex(6)}`.toLowerCase(),
			location: `${rng.pick(country.cities)}, ${country.name}`,
			country: country.name,
			country_code: country.code,
			headline: `${title} at ${company.company_name}`,
			summary: `${title} with ${years} years of experience in ${company.industry.toLowerCase()}. Focused on ${skills[0]} and ${skills[1]}.`,
			image_url: rng.chance(0.8) ? `https://images.example.com/contacts/${rng.hex(16)}.jpg` : null,
			skills,
			company: { name: company.company_name, linkedin_id: linkedinIdOf(company) },
			experience,
			education: [
				{ school: rng.pick(SCHOOLS), degree: rng.pick(DEGREES), field_of_study: rng.pick(FIELDS_OF_STUDY), start_year: graduated - 4, end_year: graduated },
			],
			created_at: isoSeconds(createdAt),
			updated_at: isoSeconds(between(rng, createdAt, Math.max(createdAt, PERIOD_END))),
		};
	}

	/** A task, about `company` when there is one; due a few weeks after it was created, if at all. */
	task(company: Company | undefined, createdAt: number, assigneeIds: readonly string[]): Task {
		const rng = this.rng;
		return {
			id: rng.uuid(),
			title: company ? fill(rng.pick(COMPANY_TASK_TITLES), company.company_name) : rng.pick(WORKSPACE_TASK_TITLES),
			description: rng.chance(0.7) ? rng.pick(TASK_DESCRIPTIONS) : null,
			status: rng.pick(SEEDED_TASK_STATUSES),
			priority: rng.pick(SEEDED_TASK_PRIORITIES),
			company_id: company?.id ?? null,
			assignee_id: assigneeIds.length > 0 && rng.chance(0.9) ? rng.pick(assigneeIds) : null,
			due_date: rng.chance(0.85) ? new Date(createdAt + rng.int(1, 45) * DAY).toISOString().slice(0, 10) : null,
			created_at: isoSeconds(createdAt),
			updated_at: isoSeconds(between(rng, createdAt, Math.max(createdAt, PERIOD_END))),
		};
	}

	/** Relevance signals of one company, best score first. */
	signals(company: Company): RelevanceItem[] {
		const rng = this.rng;
		const from = Date.parse(company.created_at) - 365 * DAY;
		const to = Math.max(Date.parse(company.updated_at), PERIOD_END);
		const items: RelevanceItem[] = [];
		const count = rng.int(4, 10);
		for (let i = 0; i < count; i++) {
			const sourceType = rng.pick(SOURCE_TYPES);
			const template = SIGNAL_TEMPLATES[sourceType];
			const detail = rng.pick(template.details);
			items.push({
				id: rng.uuid(),
				company_id: company.id,
				company_name: company.company_name,
				source_type: sourceType,
				title: fill(template.title, company.company_name, detail),
				excerpt: fill(template.excerpt, company.company_name, detail),
				date: isoSeconds(between(rng, from, to)),
				score: Math.round((0.3 + rng.next() * 0.69) * 1000) / 1000,
			});
		}
		return items.sort(byScore);
	}

	/** Generated content of one company: one or two emails and two to five other types; in list order. */
	content(company: Company): ContentItem[] {
		const rng = this.rng;
		const items: ContentItem[] = [];
		const from = Date.parse(company.created_at);
		const others = rng.sample(CONTENT_TYPES.filter((type) => type !== 'email'), rng.int(2, CONTENT_TYPES.length - 1));
		for (const type of ['email', ...others] as ContentType[]) {
			const copies = type === 'email' ? rng.int(1, 2) : 1;
			for (let i = 0; i < copies; i++) {
				const created = between(rng, from, Math.max(from, PERIOD_END));
				items.push({
					content_id: rng.uuid(),
					company_id: company.id,
					content_type: type,
					content_setting_id: this.settings.settingIds[type],
					title: fill(CONTENT_TITLES[type], company.company_name),
					content: contentBody(type, company, rng.pick(FIRST_NAMES)),
					ref_content_template_id: this.settings.templateIds[type],
					created_at: isoSeconds(created),
					updated_at: isoSeconds(between(rng, created, Math.max(created, PERIOD_END))),
				});
			}
		}
		return sortByCreation(items);
	}

	private freeDomain(stem: string, country: Country): string {
		const tld = TLD_BY_COUNTRY[country.code] ?? 'com';
		let domain = `${stem}.${tld}`;
		for (let n = 2; this.taken.domains.has(domain); n++) domain = `${stem}${n}.${tld}`;
		this.taken.domains.add(domain);
		return domain;
	}

	private freeEmail(local: string, domain: string): string {
		let email = `${local}@${domain}`;
		for (let n = 2; this.taken.emails.has(email); n++) email = `${local}${n}@${domain}`;
		this.taken.emails.add(email);
		return email;
	}
}

export function byScore(a: RelevanceItem, b: RelevanceItem): number {
	return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function contentBody(type: ContentType, company: Company, firstName: string): string {
	const name = company.company_name;
	const industry = company.industry.toLowerCase();
	switch (type) {
		case 'email':
			return `Subject: Helping ${name} scale\n\nHi ${firstName},\n\nTeams in ${industry} like ${name} use us to cut manual work in their pipeline. Would a 20-minute call next week make sense?\n\nBest regards`;
		case 'notes':
			return `## ${name}\n\n- Industry: ${company.industry}\n- Employees: ${company.employee_count}\n- Stack: ${company.technologies.join(', ')}\n- Next step: book a discovery call`;
		case 'call_script':
			return `1. Open: reference ${name}'s recent news.\n2. Ask how they handle pipeline reporting today.\n3. Qualify budget and timeline.\n4. Propose a tailored demo.`;
		case 'document':
			return `# Account brief: ${name}\n\n${company.description}\n\n## Opportunities\n\nConsolidating tools across ${company.technologies.slice(0, 2).join(' and ')}.`;
		case 'value_pyramid':
			return `**Business value:** faster revenue growth for ${name}\n\n**Capabilities:** automated research and outreach\n\n**Features:** signals, content, assistant`;
		case 'three_whys':
			return `**Why anything?** ${name} is growing in ${industry}.\n\n**Why us?** We understand ${industry} buyers.\n\n**Why now?** Budget planning starts this quarter.`;
	}
}

function contentSettings(seed: number): ContentSettings {
	const rng = createRng(seed, 'content-settings');
	const settingIds = {} as Record<ContentType, string>;
	const templateIds = {} as Record<ContentType, string>;
	for (const type of CONTENT_TYPES) {
		settingIds[type] = rng.uuid();
		templateIds[type] = rng.uuid();
	}
	return { settingIds, templateIds };
}

export interface Generated {
	data: SandboxData;
	hidden: HiddenFacts;
	/** The factory for records added while running; deterministic too. */
	runtime: RecordFactory;
	intelligence: Intelligence;
}

export function generateData(seed: number, sizes: DataSizes): Generated {
	const taken = { domains: new Set<string>(), emails: new Set<string>() };
	const settings = contentSettings(seed);
	const factory = (stream: string) => new RecordFactory(createRng(seed, stream), taken, settings);
	const orgRng = createRng(seed, 'organization');
	const organization = { id: orgRng.uuid(), name: `${orgRng.pick(COMPANY_STEMS)} Sales Workspace` };

	const territoryRng = createRng(seed, 'territories');
	const territoryDetails = new Map<string, TerritoryDetails>();
	const territories: Territory[] = [];
	for (let i = 0; i < sizes.territories; i++) {
		const region = REGIONS[i % REGIONS.length];
		const segment = SEGMENTS[Math.floor(i / REGIONS.length) % SEGMENTS.length];
		const round = Math.floor(i / (REGIONS.length * SEGMENTS.length));
		const name = `${region} ${segment}${round ? ` ${round + 1}` : ''}`;
		const created = between(territoryRng, PERIOD_START, PERIOD_START + 180 * DAY);
		const territory = { id: territoryRng.uuid(), territory_name: name, status: territoryRng.pick(TERRITORY_STATUSES), created_at: isoSeconds(created) };
		territories.push(territory);
		territoryDetails.set(territory.id, {
			region,
			segment,
			description: `${segment} accounts in ${region}.`,
			owner: territoryRng.pick(SALES_REPS),
			scoring_model: territoryRng.pick(SCORING_MODELS),
			updated_at: isoSeconds(between(territoryRng, created, PERIOD_END)),
		});
	}
	sortByCreation(territories);

	const companyFactory = factory('companies');
	const accountRng = createRng(seed, 'account-territories');
	const companies: Company[] = [];
	const accounts: Account[] = [];
	const territoryCompanies: Record<string, TerritoryCompany[]> = Object.fromEntries(territories.map((t) => [t.id, []]));
	for (let i = 0; i < sizes.accounts; i++) {
		const company = companyFactory.company(between(accountRng, PERIOD_START + 90 * DAY, PERIOD_END - 7 * DAY));
		companies.push(company);
		if (territories.length === 0) continue;
		const territory = accountRng.pick(territories);
		accounts.push(companyFactory.account(company, territory.id));
		territoryCompanies[territory.id].push(companyFactory.membership(company.id, Date.parse(company.created_at) + accountRng.int(0, 6 * 3600) * 1000));
	}
	sortByCreation(companies);
	sortByCreation(accounts);
	for (const rows of Object.values(territoryCompanies)) sortByCreation(rows);

	const contactFactory = factory('contacts');
	const contactRng = createRng(seed, 'contact-companies');
	const contactCompany = new Map<string, string>();
	const contacts: Contact[] = [];
	for (let i = 0; i < sizes.contacts && companies.length > 0; i++) {
		const company = contactRng.pick(companies);
		const contact = contactFactory.contact(company, between(contactRng, Date.parse(company.created_at), PERIOD_END));
		contacts.push(contact);
		contactCompany.set(contact.id, company.id);
	}
	sortByCreation(contacts);

	const taskFactory = factory('tasks');
	const taskRng = createRng(seed, 'task-companies');
	const userRng = createRng(seed, 'users');
	const assigneeIds = SALES_REPS.map(() => userRng.uuid());
	const tasks: Task[] = [];
	for (let i = 0; i < sizes.tasks; i++) {
		const company = companies.length > 0 && taskRng.chance(0.85) ? taskRng.pick(companies) : undefined;
		const from = company ? Date.parse(company.created_at) : PERIOD_START + 90 * DAY;
		tasks.push(taskFactory.task(company, between(taskRng, from, PERIOD_END), assigneeIds));
	}
	sortByCreation(tasks);

	const relevance: Record<string, RelevanceItem[]> = {};
	const content: Record<string, ContentItem[]> = {};
	const intelligence = new Intelligence(seed, taken, settings, relevance, content);
	for (const company of companies) intelligence.add(company);

	return {
		data: { organization, territories, territoryCompanies, accounts, companies, contacts, tasks, workflows: WORKFLOWS.map(({ record }) => ({ ...record })), relevance, content },
		hidden: { territoryDetails, contactCompany, assigneeIds },
		runtime: factory('runtime'),
		intelligence,
	};
}

/**
 * Relevance signals and content, generated per company on first read from the company's own
 * stream: start-up pays only for what is read, and the result does not depend on reading order.
 */
export class Intelligence {
	constructor(
		private readonly seed: number,
		private readonly taken: { domains: Set<string>; emails: Set<string> },
		private readonly settings: ContentSettings,
		private readonly relevance: Record<string, RelevanceItem[]>,
		private readonly content: Record<string, ContentItem[]>,
	) {}

	add(company: Company): void {
		const factory = () => new RecordFactory(createRng(this.seed, `intelligence:${company.id}`), this.taken, this.settings);
		defineLazy(this.relevance, company.id, () => factory().signals(company));
		defineLazy(this.content, company.id, () => factory().content(company));
	}
}

function defineLazy<T>(target: Record<string, T>, key: string, make: () => T): void {
	Object.defineProperty(target, key, {
		configurable: true,
		enumerable: true,
		get() {
			const value = make();
			Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
			return value;
		},
	});
}
