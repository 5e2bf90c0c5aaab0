/** §4 Contacts: list, get, create with validation, search (also used by the company contacts search). */
import type { Ctx } from '../context';
import { inListOrder, listReply, type ListSpec } from '../envelopes';
import { fail, insufficientCredits, notFound } from '../errors';
import type { Reply } from '../http';
import { matchScore, rankByMatch, tokens } from '../match';
import { BodyReader } from '../params';
import { legacyContact, type Contact } from '../records';
import type { NewContact } from '../store';
import { JOB_TITLES, type Seniority } from '../vocabulary';

const contactsSpec: ListSpec<Contact> = { listName: 'contacts', current: 'paged', legacy: { shape: 'data', map: legacyContact }, sizeKey: 'limit' };
const SENIORITIES: Seniority[] = ['c_suite', 'vp', 'director', 'head', 'manager', 'senior', 'entry'];
const SENIORITY_OF_TITLE = new Map(JOB_TITLES);
/** For titles outside the generated list (contacts created through the API). */
const SENIORITY_KEYWORDS: Array<[RegExp, Seniority]> = [
	[/\b(chief|ceo|cto|cfo|coo|cro|founder)\b/i, 'c_suite'],
	[/\b(vp|vice president)\b/i, 'vp'],
	[/\bdirector\b/i, 'director'],
	[/\bhead\b/i, 'head'],
	[/\bmanager\b/i, 'manager'],
	[/\b(senior|lead|principal|architect)\b/i, 'senior'],
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function seniorityOf(title: string | null): Seniority {
	if (!title) return 'entry';
	return SENIORITY_OF_TITLE.get(title) ?? SENIORITY_KEYWORDS.find(([pattern]) => pattern.test(title))?.[1] ?? 'entry';
}

function shown(ctx: Ctx, contact: Contact): unknown {
	return ctx.state.config.envelope === 'legacy' ? legacyContact(contact) : contact;
}

export function contactsReply(ctx: Ctx, contacts: readonly Contact[]): Reply {
	return listReply(ctx, contacts, contactsSpec);
}

export function listContacts(ctx: Ctx): Reply {
	return contactsReply(ctx, inListOrder(ctx, ctx.state.store.data.contacts));
}

export function getContact(ctx: Ctx): Reply {
	const contact = ctx.state.store.contact(ctx.params.contactId) ?? fail(notFound('Contact'));
	return { status: 200, body: shown(ctx, contact) };
}

export function createContact(ctx: Ctx): Reply {
	const body = new BodyReader(ctx);
	const input = {
		first_name: body.string('first_name', true),
		last_name: body.string('last_name', true),
		email: body.string('email', true),
		job_title: body.string('job_title'),
		company: body.string('company'),
		linkedin_url: body.string('linkedin_url'),
		phone: body.string('phone'),
		location: body.string('location'),
	};
	if (input.email !== undefined && !EMAIL.test(input.email)) body.details.push('Invalid field: "email" must be a valid email address');
	body.done(); // answers 400 unless the required fields are there
	const contact = ctx.state.store.createContact(input as NewContact);
	return { status: 201, body: shown(ctx, contact) };
}

export interface ContactFilters {
	query?: string;
	job_titles?: string[];
	company_ids?: string[];
	countries?: string[];
	seniorities?: string[];
}

export function readContactFilters(ctx: Ctx): ContactFilters {
	const body = new BodyReader(ctx);
	const filters: ContactFilters = {
		query: body.string('query'),
		job_titles: body.strings('job_titles'),
		company_ids: body.strings('company_ids'),
		countries: body.strings('countries'),
		seniorities: body.strings('seniorities'),
	};
	const wrong = filters.seniorities?.find((value) => !SENIORITIES.includes(value as Seniority));
	if (wrong !== undefined) body.details.push(`Invalid seniority "${wrong}": must be one of ${SENIORITIES.join(', ')}`);
	body.done();
	return filters;
}

/** Searches spend the plan's contact credits; with none left the API answers 402. */
export function requireContactCredits(ctx: Ctx): void {
	if (ctx.org.credits.contact_credits <= 0) fail(insufficientCredits('contact_credits'));
}

/** Contacts matching the filters, best match first when there is a query, else in list order. */
export function findContacts(ctx: Ctx, filters: ContactFilters, companyId?: string): Contact[] {
	const { store } = ctx.state;
	return store.memo(`contacts-search:${companyId ?? ''}:${JSON.stringify(filters)}`, () => {
		const titles = filters.job_titles?.map((title) => title.toLowerCase());
		const countries = filters.countries?.map((country) => country.toLowerCase());
		const matching = store.data.contacts.filter((contact) => {
			const company = store.companyIdOfContact(contact.id);
			return (companyId === undefined || company === companyId)
				&& (!filters.company_ids || (company !== undefined && filters.company_ids.includes(company)))
				&& (!titles || titles.some((title) => contact.current_job_title?.toLowerCase().includes(title)))
				&& (!countries || countries.includes(contact.country?.toLowerCase() ?? '') || countries.includes(contact.country_code?.toLowerCase() ?? ''))
				&& (!filters.seniorities || filters.seniorities.includes(seniorityOf(contact.current_job_title)));
		});
		const queryTokens = tokens(filters.query);
		if (!queryTokens.length) return matching;
		return rankByMatch(matching, (contact) => matchScore(queryTokens, [
			[contact.full_name, 3],
			[contact.current_job_title, 2],
			[contact.company?.name, 2],
			[contact.headline, 1],
			[contact.email, 1],
			[contact.skills.join(' '), 1],
		]));
	});
}

export function searchContacts(ctx: Ctx): Reply {
	const filters = readContactFilters(ctx);
	requireContactCredits(ctx);
	return contactsReply(ctx, findContacts(ctx, filters));
}
