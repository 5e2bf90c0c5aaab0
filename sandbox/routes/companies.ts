/** §5 Companies: add (asynchronous), get, relevance signals, content, contact search at a company. */
import type { Ctx } from '../context';
import { listReply } from '../envelopes';
import { fail, insufficientCredits, notFound, validationError } from '../errors';
import type { Reply } from '../http';
import { matchScore, rankByMatch, tokens } from '../match';
import { BodyReader, many, one } from '../params';
import type { Company, RelevanceItem } from '../records';
import { CONTENT_TYPES } from '../vocabulary';
import { contactsReply, findContacts, readContactFilters, requireContactCredits } from './contacts';
import { operationAccepted } from './operations';

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i;
/** Adding a company whose domain ends in this fails, so clients can test the failed-operation path. */
const FAILING_TLD = '.fail';

export function findCompany(ctx: Ctx): Company {
	return ctx.state.store.company(ctx.params.companyId) ?? fail(notFound('Company'));
}

export function addCompany(ctx: Ctx): Reply {
	const body = new BodyReader(ctx);
	const given = {
		company_name: body.string('company_name'),
		domain: body.string('domain'),
		id: body.string('id'),
		external_id: body.string('external_id'),
		source_system: body.string('source_system'),
	};
	if (!given.company_name && !given.domain && !given.id && !body.details.length) {
		body.details.push('At least one of "company_name", "domain" or "id" is required');
	}
	if (given.external_id && !given.source_system) body.details.push('Missing required field: "source_system" (required with "external_id")');
	if (given.domain && !DOMAIN.test(given.domain)) body.details.push('Invalid field: "domain" must be a domain name such as example.com');
	body.done();
	const { store } = ctx.state;
	const known = given.id === undefined ? undefined : store.company(given.id) ?? fail(notFound('Company'));
	if (ctx.org.credits.company_credits <= 0) fail(insufficientCredits('company_credits'));
	ctx.org.credits.company_credits--;
	return operationAccepted(ctx, () => {
		if (given.domain?.toLowerCase().endsWith(FAILING_TLD)) {
			return { error: { code: 'enrichment_failed', message: `Could not enrich "${given.domain}": the domain does not resolve` } };
		}
		const existing = known
			?? (given.domain ? store.companyByDomain(given.domain) : undefined)
			?? (given.company_name ? store.companyByName(given.company_name) : undefined);
		const company = existing ?? store.createCompany({ name: given.company_name, domain: given.domain });
		if (existing) store.touchCompany(existing);
		const external = given.external_id ? { external_id: given.external_id, source_system: given.source_system } : {};
		return { result: { company_id: company.id, company, ...external } };
	});
}

export function getCompany(ctx: Ctx): Reply {
	return { status: 200, body: findCompany(ctx) };
}

/** Ranked signals: by query match when `q` is given, else by score. */
export function listRelevance(ctx: Ctx): Reply {
	const company = findCompany(ctx);
	const items = ctx.state.store.data.relevance[company.id] ?? [];
	const queryTokens = tokens(one(ctx.query, 'q'));
	const ranked = queryTokens.length
		? rankByMatch(items, (item: RelevanceItem) => matchScore(queryTokens, [[item.title, 2], [item.excerpt, 1], [item.source_type, 1]]))
		: items;
	return listReply(ctx, ranked, { listName: 'relevance', current: 'ranked' });
}

export function listContent(ctx: Ctx): Reply {
	const company = findCompany(ctx);
	const types = many(ctx.query, 'type');
	const unknown = types.find((type) => !(CONTENT_TYPES as readonly string[]).includes(type));
	if (unknown !== undefined) fail(validationError([`Invalid parameter "type": "${unknown}" is not one of ${CONTENT_TYPES.join(', ')}`]));
	const items = ctx.state.store.data.content[company.id] ?? [];
	const chosen = types.length ? items.filter((item) => types.includes(item.content_type)) : items;
	// The current API really names this content list `contacts`.
	return listReply(ctx, chosen, { listName: 'contacts', current: 'rich' });
}

/** Cached results at once, or with live=true a fresh (asynchronous) search that spends a contact credit. */
export function searchCompanyContacts(ctx: Ctx): Reply {
	const company = findCompany(ctx);
	const live = one(ctx.query, 'live');
	if (live !== undefined && live !== 'true' && live !== 'false') fail(validationError(['Invalid parameter "live": must be true or false']));
	const filters = readContactFilters(ctx);
	requireContactCredits(ctx);
	if (live !== 'true') return contactsReply(ctx, findContacts(ctx, filters, company.id));
	ctx.org.credits.contact_credits--;
	return operationAccepted(ctx, () => {
		const contacts = findContacts(ctx, filters, company.id);
		return { result: { company_id: company.id, total: contacts.length, contacts } };
	});
}
