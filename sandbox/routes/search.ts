/** §5 Semantic search over the relevance signals of the organisation or of chosen companies. */
import type { Ctx } from '../context';
import { byScore } from '../data';
import { listReply } from '../envelopes';
import { fail, validationError } from '../errors';
import type { Reply } from '../http';
import { matchScore, rankByMatch, tokens } from '../match';
import { dateParam, isDateOnly, many, one, positiveInt } from '../params';
import type { RelevanceItem } from '../records';

const SCOPES = ['organisation', 'companies'];
const DAY = 86_400_000;

export function search(ctx: Ctx): Reply {
	const { query } = ctx;
	const scope = one(query, 'scope') ?? 'organisation';
	const q = one(query, 'q')?.trim();
	const companyIds = many(query, 'company_ids');
	const details: string[] = [];
	if (!SCOPES.includes(scope)) details.push(`Invalid parameter "scope": must be one of ${SCOPES.join(', ')}`);
	if (!q) details.push('Missing required parameter: "q"');
	if (scope === 'companies' && !companyIds.length) details.push('Missing required parameter: "company_ids" (required when scope is "companies")');
	if (details.length) fail(validationError(details));
	const from = dateParam(query, 'date_from');
	const to = dateParam(query, 'date_to');
	// Inclusive; a date without a time means the whole day.
	const before = to === undefined ? undefined : to + (isDateOnly(one(query, 'date_to')) ? DAY : 1);
	const perSource = positiveInt(query, 'per_source');

	const { store } = ctx.state;
	const known = scope === 'companies' ? companyIds.filter((id) => store.company(id)) : undefined;
	const results = store.memo(`search:${JSON.stringify([scope, q, known, from, before, perSource])}`, () => {
		const pool: RelevanceItem[] = known
			? known.flatMap((id) => store.data.relevance[id] ?? [])
			: store.data.companies.flatMap((company) => store.data.relevance[company.id] ?? []);
		const inPeriod = pool.filter((item) => {
			const date = Date.parse(item.date);
			return (from === undefined || date >= from) && (before === undefined || date < before);
		});
		const queryTokens = tokens(q);
		const ranked = rankByMatch(inPeriod, (item) => matchScore(queryTokens, [[item.title, 2], [item.excerpt, 1], [item.company_name, 1], [item.source_type, 1]]), byScore);
		if (perSource === undefined) return ranked;
		const taken = new Map<string, number>();
		return ranked.filter((item) => {
			const count = taken.get(item.source_type) ?? 0;
			taken.set(item.source_type, count + 1);
			return count < perSource;
		});
	});
	const resolved = known ? known.length : new Set(results.map((item) => item.company_id)).size;
	return listReply(ctx, results, { listName: 'results', current: 'ranked', extra: { resolved_company_count: resolved } });
}
