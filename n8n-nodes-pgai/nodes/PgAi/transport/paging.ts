import type { INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from './client';
import { hasMorePages, readPage, recordKey, type Page } from './envelopes';
import { endlessList, notAList, repeatedPage } from './errors';

/** The API's largest page; asking for more is refused or silently capped. */
export const MAX_PAGE_SIZE = 50;

/**
 * A walk that never ends is a server bug; stop it with a clear error rather than loop forever. The
 * guard is a page that repeats the one before and this cap, never the announced total: a total is
 * the signal PG:AI's documentation trusts least, and a wrong one must not cost the user the records.
 */
export const MAX_PAGES = 10_000;

/**
 * Pages one walk keeps in flight at most while earlier ones arrive. Over the internet an answer takes
 * 100–200 ms, and n8n adds its own work to each request (about 60 ms on a loaded machine): one page
 * at a time caps a walk at about 5 pages a second, whatever the rate limit allows. Four would just
 * reach 20 requests a second at 150 ms and spend every window's budget over the whole window; eight
 * spend it in half a window, with room for slower answers (PG:AI's documented plans allow 1–2 a
 * second). Few enough that a walk stays a small share of the key's budget and of a server's
 * connections, holds at most eight pages beyond its records, and fetches at most seven past an end
 * no envelope announced. The pacer still decides when each may leave.
 */
export const PAGES_IN_FLIGHT = 8;

interface PageWalk {
	/** Undefined: every record (Return All). */
	limit?: number;
	/** The page to start at (a list search's token); 1 by default. */
	from?: number;
	/** Page `from`, already read by the caller (the trigger chose its walk by it): not fetched again. */
	first?: Page;
	/**
	 * Called with each page as the server sent it, after its records were taken (not with a page
	 * that repeats the previous one, which ends the walk), and the page that would come next
	 * (undefined after the last); returning false ends the walk there. As it may end the walk at any
	 * page, a walk with this callback fetches its pages one at a time: none is fetched unused.
	 */
	onPage?: (page: Page, pageNumber: number, next: number | undefined) => boolean | void;
}

/**
 * Fetches one page of a list and reads whichever envelope it came in; a body without a list is an
 * error. The size goes under both names: the API's endpoints disagree on which one they honour.
 */
export async function fetchPage(
	client: ApiClient,
	node: INode,
	request: ApiRequest,
	pageNumber: number,
	size: number = MAX_PAGE_SIZE,
	until?: AbortSignal,
): Promise<Page> {
	const response = await client.request(
		{
			...request,
			qs: { ...request.qs, page: pageNumber, per_page: size, limit: size },
		},
		until,
	);
	const page = readPage(response.body);
	if (!page) {
		const keys = response.body && typeof response.body === 'object' ? Object.keys(response.body) : [];
		throw notAList(node, { path: request.url, status: response.status, keys });
	}
	return page;
}

/** Whether `page` said more records follow: by nextPage / has_next when it has them, else by its total. */
function announcesMore(page: Page, received: number): boolean {
	if (page.nextPage !== undefined || page.hasNext !== undefined) return typeof page.nextPage === 'number' || page.hasNext === true;
	return page.total !== undefined && page.total > received;
}

/**
 * The last page `page` lets the walk fetch ahead: by the total (or the page count) it announces, or
 * without an end when its nextPage counts up. Undefined when the numbers ahead are not known.
 */
function lastPageAhead(page: Page, pageNumber: number, pageSize: number): number | undefined {
	if (typeof page.nextPage === 'number' && page.nextPage !== pageNumber + 1) return undefined;
	const last = page.total !== undefined ? Math.ceil(page.total / pageSize) : page.pageCount;
	if (last !== undefined && last > pageNumber) return last;
	return page.nextPage === pageNumber + 1 ? Infinity : undefined;
}

/**
 * Fetches a list page by page with one shared client, so that a retry repeats only the page that
 * failed. Records are returned once each, in the server's order. Where the page numbers ahead are
 * known, up to PAGES_IN_FLIGHT pages are on their way while earlier ones arrive; pages are still
 * read strictly in order, by the same stop rules, and those in flight past the end are dropped.
 */
export async function fetchPages(
	client: ApiClient,
	node: INode,
	request: ApiRequest,
	{ limit, from = 1, first, onPage }: PageWalk,
): Promise<unknown[]> {
	const size = Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE);
	const depth = onPage ? 1 : PAGES_IN_FLIGHT;
	const records: unknown[] = [];
	const seen = new Set<string>();
	const inFlight = new Map<number, Promise<Page>>();
	let requested = 0;
	// Aborted when the walk ends: a page in flight past the end is neither retried nor waited for.
	const ended = new AbortController();
	const ask = (pageNumber: number) => {
		if (inFlight.has(pageNumber)) return;
		const pending = first && pageNumber === from ? Promise.resolve(first) : fetchPage(client, node, request, pageNumber, size, ended.signal);
		// read in order below, or dropped when the walk ends first: never an unhandled rejection
		pending.catch(() => undefined);
		inFlight.set(pageNumber, pending);
		requested++;
	};
	let previous: { signature: string; page: Page } | undefined;
	let pageNumber = from;
	try {
		for (let fetched = 0; ; fetched++) {
			if (fetched >= MAX_PAGES) {
				throw endlessList(node, { path: request.url, pages: fetched });
			}
			ask(pageNumber);
			const page = await inFlight.get(pageNumber)!;
			inFlight.delete(pageNumber);
			const keys = page.records.map(recordKey);
			const signature = keys.join('\n');
			if (previous && keys.length > 0 && signature === previous.signature) {
				// The same page again: a server that ignores paging ends here with nothing lost, but one
				// that announced more records would lose them silently.
				if (announcesMore(previous.page, records.length)) {
					throw repeatedPage(node, { path: request.url, page: pageNumber, received: records.length, total: previous.page.total });
				}
				break;
			}
			previous = { signature, page };
			page.records.forEach((record, index) => {
				if (record === null || record === undefined || seen.has(keys[index])) return;
				seen.add(keys[index]);
				records.push(record);
			});
			// Pages before `from` count as full: a list search goes on where its last page ended.
			const next = hasMorePages(page, pageNumber, size, (from - 1) * size + records.length)
				? typeof page.nextPage === 'number' && page.nextPage > pageNumber
					? page.nextPage
					: pageNumber + 1
				: undefined;
			const stop = onPage?.(page, pageNumber, next) === false;
			if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
			if (stop || next === undefined) return records;
			// Ahead: the pages this walk reads if none before them ends it, none that Limit would not use.
			const pageSize = page.pageSize && page.pageSize > 0 ? page.pageSize : size;
			const needed = limit === undefined ? Infinity : next - 1 + Math.ceil((limit - records.length) / pageSize);
			const last = Math.min(lastPageAhead(page, pageNumber, pageSize) ?? next, needed, next + depth - 1);
			for (let ahead = next; ahead <= last && requested < MAX_PAGES; ahead++) ask(ahead);
			pageNumber = next;
		}
		return records;
	} finally {
		// Pages still in flight past the end are not retried, and the walk returns once they are
		// answered: no request of it outlives the node's run.
		ended.abort();
		await Promise.allSettled(inFlight.values());
	}
}
