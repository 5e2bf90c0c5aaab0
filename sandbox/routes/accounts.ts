/** §3 Accounts (inferred endpoints): list with filters, get, search best match first. */
import type { Ctx } from '../context';
import { inListOrder, listReply } from '../envelopes';
import { fail, notFound, validationError } from '../errors';
import type { Reply } from '../http';
import { matchScore, rankByMatch, tokens } from '../match';
import { BodyReader, dateParam, many, numberParam, one } from '../params';
import type { Account } from '../records';
import { COUNTRIES } from '../vocabulary';

const TIERS = ['A', 'B', 'C'];

const accountsSpec = { listName: 'accounts', current: 'paged' } as const;

function checkTiers(tiers: string[], name: string): string[] {
	const upper = tiers.map((tier) => tier.toUpperCase());
	const wrong = upper.filter((tier) => !TIERS.includes(tier));
	if (wrong.length) fail(validationError([`Invalid ${name} "${wrong[0]}": must be A, B or C`]));
	return upper;
}

/** A country filter value matches the account's country by name or ISO code. */
function countryMatches(wanted: string[], country: string): boolean {
	const code = COUNTRIES.find((c) => c.name === country)?.code;
	return wanted.some((value) => value.toLowerCase() === country.toLowerCase() || value.toUpperCase() === code);
}

export function listAccounts(ctx: Ctx): Reply {
	const { query } = ctx;
	const territoryId = one(query, 'territory_id');
	const tiers = checkTiers(many(query, 'tier'), 'tier');
	const minScore = numberParam(query, 'min_score');
	const industries = many(query, 'industry').map((industry) => industry.toLowerCase());
	const updatedSince = dateParam(query, 'updated_since');
	const all = ctx.state.store.data.accounts;
	const filtered = territoryId === undefined && !tiers.length && minScore === undefined && !industries.length && updatedSince === undefined
		? all
		: all.filter((account) =>
			(territoryId === undefined || account.territory_id === territoryId)
			&& (!tiers.length || tiers.includes(account.tier))
			&& (minScore === undefined || account.score >= minScore)
			&& (!industries.length || industries.includes(account.industry.toLowerCase()))
			&& (updatedSince === undefined || Date.parse(account.updated_at) >= updatedSince));
	return listReply(ctx, inListOrder(ctx, filtered), accountsSpec);
}

export function getAccount(ctx: Ctx): Reply {
	return { status: 200, body: ctx.state.store.account(ctx.params.accountId) ?? fail(notFound('Account')) };
}

export function searchAccounts(ctx: Ctx): Reply {
	const body = new BodyReader(ctx);
	const criteria = {
		query: body.string('query'),
		territory_ids: body.strings('territory_ids'),
		tiers: body.strings('tiers'),
		industries: body.strings('industries'),
		countries: body.strings('countries'),
		min_score: body.number('min_score'),
		employee_count_min: body.number('employee_count_min'),
		employee_count_max: body.number('employee_count_max'),
	};
	body.done();
	if (Object.values(criteria).every((value) => value === undefined)) fail(validationError(['At least one search criterion is required']));
	const tiers = criteria.tiers && checkTiers(criteria.tiers, 'tiers value');
	const industries = criteria.industries?.map((industry) => industry.toLowerCase());
	const { store } = ctx.state;
	const results = store.memo(`accounts-search:${JSON.stringify(criteria)}`, () => {
		const matching = store.data.accounts.filter((account) =>
			(!criteria.territory_ids || criteria.territory_ids.includes(account.territory_id))
			&& (!tiers || tiers.includes(account.tier))
			&& (!industries || industries.includes(account.industry.toLowerCase()))
			&& (!criteria.countries || countryMatches(criteria.countries, account.country))
			&& (criteria.min_score === undefined || account.score >= criteria.min_score)
			&& (criteria.employee_count_min === undefined || account.employee_count >= criteria.employee_count_min)
			&& (criteria.employee_count_max === undefined || account.employee_count <= criteria.employee_count_max));
		const queryTokens = tokens(criteria.query);
		const byScore = (a: Account, b: Account) => b.score - a.score;
		if (!queryTokens.length) return [...matching].sort(byScore);
		return rankByMatch(matching, (account) => matchScore(queryTokens, [[account.name, 3], [account.domain, 2], [account.industry, 2], [account.country, 1]]), byScore);
	});
	return listReply(ctx, results, accountsSpec);
}
