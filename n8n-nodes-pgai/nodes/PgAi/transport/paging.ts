import { NodeApiError, type INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from './client';
import { hasMorePages, readPage, recordKey, type Page } from './envelopes';

/** The API's largest page; asking for more is refused or silently capped. */
export const MAX_PAGE_SIZE = 50;

/**
 * A walk that never ends is a server bug; stop it with a clear error rather than loop forever. The
 * guard is a page that repeats the one before and this cap, never the announced total: a total is
 * the signal PG:AI's documentation trusts least, and a wrong one must not cost the user the records.
 */
export const MAX_PAGES = 10_000;

export interface PageWalk {
	/** Undefined: every record (Return All). */
	limit?: number;
	/** The page to start at (a list search's token); 1 by default. */
	from?: number;
	/**
	 * Called with each page as the server sent it, after its records were taken (not with a page
	 * that repeats the previous one, which ends the walk), and the page that would come next
	 * (undefined after the last); returning false ends the walk there.
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
): Promise<Page> {
	const response = await client.request({
		...request,
		qs: { ...request.qs, page: pageNumber, per_page: size, limit: size },
	});
	const page = readPage(response.body);
	if (!page) {
		const keys = response.body && typeof response.body === 'object' ? Object.keys(response.body) : [];
		throw new NodeApiError(node, { status: response.status }, {
			message: `PG:AI answered ${request.url} without a list`,
			description: `Expected a list of records (items, data, or an array); the answer had ${
				keys.length ? `the fields ${keys.slice(0, 10).join(', ')}` : 'no fields'
			}.`,
			httpCode: String(response.status),
		});
	}
	return page;
}

/** Whether `page` said more records follow: by nextPage / has_next when it has them, else by its total. */
function announcesMore(page: Page, received: number): boolean {
	if (page.nextPage !== undefined || page.hasNext !== undefined) return typeof page.nextPage === 'number' || page.hasNext === true;
	return page.total !== undefined && page.total > received;
}

function repeatedPage(node: INode, request: ApiRequest, pageNumber: number, received: number, previous: Page) {
	const of = previous.total !== undefined ? ` of ${previous.total}` : '';
	return new NodeApiError(node, { page: pageNumber }, {
		message: `PG:AI answered page ${pageNumber} of ${request.url} with the same records as the page before`,
		description: `The walk was stopped after ${received}${of} records to avoid a loop; the rest could not be read. Run the node again later.`,
	});
}

/**
 * Fetches a list page by page with one shared client, so that a retry repeats only the page that
 * failed. Records are returned once each, in the server's order.
 */
export async function fetchPages(
	client: ApiClient,
	node: INode,
	request: ApiRequest,
	{ limit, from = 1, onPage }: PageWalk,
): Promise<unknown[]> {
	const size = Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE);
	const records: unknown[] = [];
	const seen = new Set<string>();
	let previous: { signature: string; page: Page } | undefined;
	let pageNumber = from;
	for (let fetched = 0; ; fetched++) {
		if (fetched >= MAX_PAGES) {
			throw new NodeApiError(node, { pages: fetched }, {
				message: `PG:AI kept announcing further pages after ${fetched} pages of ${request.url}`,
				description: 'The walk was stopped to avoid an endless loop. Narrow the request with filters or a Limit.',
			});
		}
		const page = await fetchPage(client, node, request, pageNumber, size);
		const keys = page.records.map(recordKey);
		const signature = keys.join('\n');
		if (previous && keys.length > 0 && signature === previous.signature) {
			// The same page again: a server that ignores paging ends here with nothing lost, but one
			// that announced more records would lose them silently.
			if (announcesMore(previous.page, records.length)) throw repeatedPage(node, request, pageNumber, records.length, previous.page);
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
		pageNumber = next;
	}
	return records;
}
