/**
 * Pagination and the list envelopes of pgai-api.md §1.4. In 'current' and 'legacy' mode each
 * endpoint answers in its own documented shape; the other modes force one shape on every list.
 */
import type { Ctx, Query } from './context';
import type { Reply } from './http';
import { positiveInt } from './params';
import type { LyingTotals, PageSizeParam } from './types';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 50;

export interface ListSpec<T> {
	/** The list field of the rich envelope. */
	listName: string;
	/** The shape of the current API for this endpoint; 'bareAll': every record in a bare array, paging ignored. */
	current: 'paged' | 'ranked' | 'rich' | 'data' | 'bareAll';
	/** The older API: every record as a bare array (paging ignored), or a data envelope; and the older record shape. */
	legacy?: { shape: 'bareAll' | 'data'; map: (item: T) => unknown };
	/** The data envelope's size field: contacts call it `limit`. */
	sizeKey?: 'per_page' | 'limit';
	/** Fields added to object envelopes, e.g. resolved_company_count on search. */
	extra?: Record<string, unknown>;
}

/** The page asked for: a size parameter the server does not honour is ignored (size then defaults). */
function readPage(query: Query, honoured: PageSizeParam): { page: number; perPage: number } {
	const page = positiveInt(query, 'page') ?? 1;
	const perPage = (honoured !== 'limit' ? positiveInt(query, 'per_page') : undefined)
		?? (honoured !== 'per_page' ? positiveInt(query, 'limit') : undefined)
		?? DEFAULT_PAGE_SIZE;
	return { page, perPage: Math.min(perPage, MAX_PAGE_SIZE) };
}

/**
 * A plain list (not a search) in the configured order: as stored, by created_at then id; newest
 * first; or by id, an order that has nothing to do with time.
 */
export function inListOrder<T extends { id?: string }>(ctx: Ctx, items: readonly T[]): readonly T[] {
	switch (ctx.state.config.listOrder) {
		case 'newest':
			return [...items].reverse();
		case 'id':
			return [...items].sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
		default:
			return items;
	}
}

/** The shape of one page: an envelope of §1.4, or `next`, items with only `has_next`. */
export type PageShape = 'paged' | 'ranked' | 'data' | 'rich' | 'bare' | 'next';

/** One page of `items` (all of them, in list order) in `shape`, as the API sends it; `announced` replaces the counts it states. */
export function pageBody<T>(
	shape: PageShape,
	items: readonly T[],
	page: number,
	perPage: number,
	spec: ListSpec<T>,
	map: (item: T) => unknown = (item) => item,
	announced?: LyingTotals | null,
): unknown {
	const offset = (page - 1) * perPage;
	const slice = items.slice(offset, offset + perPage).map(map);
	const hasNext = page < Math.ceil(items.length / perPage);
	const total = announced?.items ?? items.length;
	const pageTotal = announced?.pages ?? Math.ceil(items.length / perPage);
	const extra = spec.extra ?? {};
	switch (shape) {
		case 'bare':
			return slice;
		case 'paged':
			return {
				itemsReceived: slice.length,
				curPage: page,
				nextPage: hasNext ? page + 1 : null,
				prevPage: page > 1 ? page - 1 : null,
				offset,
				perPage,
				itemsTotal: total,
				pageTotal,
				items: slice,
				...extra,
			};
		case 'ranked':
			return { items: slice, total, page, per_page: perPage, ...extra };
		case 'data':
			return { data: slice, pagination: { page, [spec.sizeKey ?? 'per_page']: perPage, total }, ...extra };
		case 'rich':
			return {
				[spec.listName]: slice,
				pagination: { page, per_page: perPage, total, total_items: total, total_pages: pageTotal, has_next: hasNext, has_previous: page > 1 },
				...extra,
			};
		case 'next':
			return { items: slice, has_next: hasNext, ...extra };
	}
}

export function listReply<T>(ctx: Ctx, items: readonly T[], spec: ListSpec<T>): Reply {
	const mode = ctx.state.config.envelope;
	const legacy = mode === 'legacy' ? spec.legacy : undefined;
	const shape = mode === 'current' || mode === 'legacy' ? legacy?.shape ?? spec.current : mode;
	const map = legacy?.map ?? ((item: T): unknown => item);
	if (shape === 'bareAll') return { status: 200, body: items.map(map) };
	const { page, perPage } = readPage(ctx.query, ctx.state.config.pageSizeParam);
	return { status: 200, body: pageBody(shape, items, page, perPage, spec, map, ctx.state.config.lyingTotals) };
}
