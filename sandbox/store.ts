/** The workspace's records with their lookups, and every way records are added while running. */
import { generateData, linkedinIdOf, type DataSizes, type Generated, type HiddenFacts, type Intelligence, type RecordFactory, type SandboxData } from './data';
import { insertInOrder, type Account, type Company, type Contact, type Task, type TerritoryCompany, type TerritoryDetails } from './records';
import type { RecordKind } from './types';
import { COUNTRIES } from './vocabulary';

export interface NewContact {
	first_name: string;
	last_name: string;
	email: string;
	job_title?: string;
	company?: string;
	linkedin_url?: string;
	phone?: string;
	location?: string;
}

/** POST /tasks, validated. */
export type NewTask = Pick<Task, 'title'> & Partial<Pick<Task, 'description' | 'company_id' | 'assignee_id' | 'due_date' | 'priority'>>;

/** Searches that rank or filter the whole collection are cached per body: paging through them stays cheap. */
const MEMO_ENTRIES = 32;

export class Store {
	readonly data: SandboxData;
	private readonly hidden: HiddenFacts;
	private readonly factory: RecordFactory;
	private readonly intelligence: Intelligence;
	private readonly territoriesById = new Map<string, SandboxData['territories'][number]>();
	private readonly accountsById = new Map<string, Account>();
	private readonly accountsByCompany = new Map<string, Account>();
	private readonly companiesById = new Map<string, Company>();
	private readonly contactsById = new Map<string, Contact>();
	private readonly tasksById = new Map<string, Task>();
	private readonly memos = new Map<string, unknown>();

	/** `now` is the sandbox's clock: records added while running are stamped with it. */
	constructor(seed: number, sizes: DataSizes, private readonly now: () => number) {
		const generated: Generated = generateData(seed, sizes);
		this.data = generated.data;
		this.hidden = generated.hidden;
		this.factory = generated.runtime;
		this.intelligence = generated.intelligence;
		for (const territory of this.data.territories) this.territoriesById.set(territory.id, territory);
		for (const account of this.data.accounts) this.indexAccount(account);
		for (const company of this.data.companies) this.companiesById.set(company.id, company);
		for (const contact of this.data.contacts) this.contactsById.set(contact.id, contact);
		for (const task of this.data.tasks) this.tasksById.set(task.id, task);
	}

	territory(id: string) {
		return this.territoriesById.get(id);
	}

	territoryDetails(id: string): TerritoryDetails | undefined {
		return this.hidden.territoryDetails.get(id);
	}

	account(id: string): Account | undefined {
		return this.accountsById.get(id);
	}

	accountOfCompany(companyId: string): Account | undefined {
		return this.accountsByCompany.get(companyId);
	}

	company(id: string): Company | undefined {
		return this.companiesById.get(id);
	}

	companyByDomain(domain: string): Company | undefined {
		const wanted = domain.toLowerCase();
		return this.data.companies.find((company) => company.website_domain === wanted);
	}

	companyByName(name: string): Company | undefined {
		const wanted = name.trim().toLowerCase();
		return this.data.companies.find((company) => company.company_name.toLowerCase() === wanted);
	}

	contact(id: string): Contact | undefined {
		return this.contactsById.get(id);
	}

	task(id: string): Task | undefined {
		return this.tasksById.get(id);
	}

	companyIdOfContact(contactId: string): string | undefined {
		return this.hidden.contactCompany.get(contactId);
	}

	uuid(): string {
		return this.factory.uuid();
	}

	hex(length: number): string {
		return this.factory.hex(length);
	}

	/** A computed list cached until the data changes. */
	memo<T>(key: string, compute: () => T): T {
		if (this.memos.has(key)) return this.memos.get(key) as T;
		const value = compute();
		if (this.memos.size >= MEMO_ENTRIES) this.memos.delete(this.memos.keys().next().value as string);
		this.memos.set(key, value);
		return value;
	}

	/** POST /contacts: the current Contact shape, with what the request did not say left empty. */
	createContact(input: NewContact): Contact {
		const now = this.isoNow();
		const company = input.company ? this.companyByName(input.company) : undefined;
		const country = COUNTRIES.find((c) => input.location?.split(',').pop()?.trim().toLowerCase() === c.name.toLowerCase());
		const title = input.job_title ?? null;
		const contact: Contact = {
			id: this.factory.uuid(),
			full_name: `${input.first_name} ${input.last_name}`,
			first_name: input.first_name,
			last_name: input.last_name,
			current_job_title: title,
			email: input.email,
			emails: [input.email],
			phones: input.phone ? [input.phone] : [],
			linkedin_url: input.linkedin_url ?? null,
			location: input.location ?? null,
			country: country?.name ?? null,
			country_code: country?.code ?? null,
			headline: title && input.company ? `${title} at ${input.company}` : title,
			summary: null,
			image_url: null,
			skills: [],
			company: input.company ? { name: input.company, linkedin_id: company ? linkedinIdOf(company) : null } : null,
			experience: title && input.company ? [{ title, company: input.company, start_date: now.slice(0, 7), end_date: null, is_current: true }] : [],
			education: [],
			created_at: now,
			updated_at: now,
		};
		this.insertContact(contact, company?.id);
		return contact;
	}

	/** POST /tasks: a new task is pending; what the request did not say is empty, priority medium (inferred). */
	createTask(input: NewTask): Task {
		const now = this.isoNow();
		const task: Task = {
			id: this.factory.uuid(),
			title: input.title,
			description: input.description ?? null,
			status: 'pending',
			priority: input.priority ?? 'medium',
			company_id: input.company_id ?? null,
			assignee_id: input.assignee_id ?? null,
			due_date: input.due_date ?? null,
			created_at: now,
			updated_at: now,
		};
		this.insertTask(task);
		return task;
	}

	/** A company added through POST /companies, with signals and content generated for it. */
	createCompany(given: { name?: string; domain?: string }): Company {
		const company = this.factory.company(this.now(), given);
		this.insertCompany(company);
		return company;
	}

	/** Re-enrichment of a known company: only its updated_at moves. */
	touchCompany(company: Company): void {
		company.updated_at = this.isoNow();
		this.changed();
	}

	/**
	 * addRecords: each record is generated, then overlaid with the given fields; a given created_at
	 * is kept. Accounts also join their territory; `territory_id` and `company_id` pick the parent
	 * (otherwise a generated one) and are not stored on contacts or membership rows; a task keeps its
	 * company_id, and company_id null makes it a task about no company.
	 */
	addRecords(kind: RecordKind, records: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
		if (!Array.isArray(records)) throw new Error('records must be an array of objects');
		const adders = { contact: this.addContact, account: this.addAccount, territoryCompany: this.addMembership, task: this.addTask };
		if (!Object.hasOwn(adders, kind)) throw new Error(`unknown record kind "${kind}": expected contact, account, territoryCompany or task`);
		const add = adders[kind];
		// Check every parent first, so a bad record adds nothing.
		for (const record of records) this.parents(kind, record);
		return records.map((record) => add.call(this, record));
	}

	private parents(kind: RecordKind, record: Record<string, unknown>): { company?: Company; territoryId?: string } {
		if (typeof record !== 'object' || record === null) throw new Error('each record must be an object');
		const { company_id: companyId, territory_id: territoryId } = record;
		const named = companyId !== undefined && companyId !== null;
		const company = named ? this.company(String(companyId)) : undefined;
		if (named && !company) throw new Error(`unknown company_id "${companyId}"`);
		if (kind === 'contact' || kind === 'task') return { company };
		if (territoryId !== undefined && !this.territory(String(territoryId))) throw new Error(`unknown territory_id "${territoryId}"`);
		if (territoryId === undefined && this.data.territories.length === 0) throw new Error('there are no territories to add to');
		return { company, territoryId: territoryId === undefined ? undefined : String(territoryId) };
	}

	private addContact(record: Record<string, unknown>): Record<string, unknown> {
		const { company_id: _companyId, ...given } = record;
		const named = (given.company as { name?: unknown } | null | undefined)?.name;
		const company = this.parents('contact', record).company
			?? (typeof named === 'string' ? this.companyByName(named) : undefined)
			?? this.factory.pick(this.data.companies);
		if (!company) throw new Error('there are no companies to add contacts to');
		const contact = overlay(this.factory.contact(company, this.now()), given, this.isoNow()) as Contact;
		if (!('full_name' in given) && ('first_name' in given || 'last_name' in given)) contact.full_name = `${contact.first_name} ${contact.last_name}`;
		if (!('emails' in given) && 'email' in given) contact.emails = [contact.email];
		this.insertContact(contact, company.id);
		return contact as unknown as Record<string, unknown>;
	}

	private addAccount(record: Record<string, unknown>): Record<string, unknown> {
		const { company: given, territoryId } = this.parents('account', record);
		const territory = territoryId ?? this.factory.pick(this.data.territories).id;
		const company = given ?? this.factory.company(this.now(), { name: record.name as string | undefined, domain: record.domain as string | undefined });
		const account = overlay(this.factory.account(company, territory), record, this.isoNow()) as Account;
		if (!given) {
			company.created_at = account.created_at;
			this.insertCompany(company);
		}
		insertInOrder(this.data.accounts, account);
		this.indexAccount(account);
		const membership = this.factory.membership(company.id, Date.parse(account.created_at));
		membership.created_at = account.created_at;
		insertInOrder(this.data.territoryCompanies[account.territory_id], membership);
		this.changed();
		return account as unknown as Record<string, unknown>;
	}

	private addMembership(record: Record<string, unknown>): Record<string, unknown> {
		const { company: given, territoryId } = this.parents('territoryCompany', record);
		const { territory_id: _territoryId, ...fields } = record;
		const territory = territoryId ?? this.factory.pick(this.data.territories).id;
		const company = given ?? this.factory.company(this.now());
		if (!given) this.insertCompany(company);
		const row = overlay(this.factory.membership(company.id, this.now()), fields, this.isoNow()) as TerritoryCompany;
		insertInOrder(this.data.territoryCompanies[territory], row);
		this.changed();
		return row as unknown as Record<string, unknown>;
	}

	private addTask(record: Record<string, unknown>): Record<string, unknown> {
		const { companies } = this.data;
		const about = this.parents('task', record).company
			?? (record.company_id === null || companies.length === 0 ? undefined : this.factory.pick(companies));
		const task = overlay(this.factory.task(about, this.now(), this.hidden.assigneeIds), record, this.isoNow()) as Task;
		this.insertTask(task);
		return task as unknown as Record<string, unknown>;
	}

	private insertTask(task: Task): void {
		insertInOrder(this.data.tasks, task);
		this.tasksById.set(task.id, task);
	}

	private insertContact(contact: Contact, companyId: string | undefined): void {
		insertInOrder(this.data.contacts, contact);
		this.contactsById.set(contact.id, contact);
		if (companyId) this.hidden.contactCompany.set(contact.id, companyId);
		this.changed();
	}

	private insertCompany(company: Company): void {
		insertInOrder(this.data.companies, company);
		this.companiesById.set(company.id, company);
		this.intelligence.add(company);
		this.changed();
	}

	private indexAccount(account: Account): void {
		this.accountsById.set(account.id, account);
		this.accountsByCompany.set(account.company_id, account);
	}

	private isoNow(): string {
		return new Date(this.now()).toISOString();
	}

	private changed(): void {
		this.memos.clear();
	}
}

/** The generated record with the given fields on top; created_at is `now` unless given. */
function overlay<T extends { created_at?: string; updated_at?: string }>(base: T, given: Record<string, unknown>, now: string): T {
	const record = { ...base, created_at: now, updated_at: now, ...given } as T;
	if (!('updated_at' in base) && !('updated_at' in given)) delete record.updated_at;
	else if (!('updated_at' in given)) record.updated_at = record.created_at;
	return record;
}
