/**
 * Which pages a poll fetches. Every request goes through the shared client and the shared page
 * reader (transport/paging.ts), so retry, pacing, envelopes and errors are the action node's.
 *
 * PG:AI's documentation does not say in which order lists come, so the order is checked on every
 * page fetched, and the walk only skips pages when what it saw proves them older than the poll needs:
 *
 * - oldest first, with a total in the envelope that page 1 does not contradict (the current API):
 *   page 1, then the last page, then backwards until a page starts before the floor. Two requests
 *   when the new records fit on the last page, whatever the size of the list.
 * - newest first: forwards from page 1 until a page ends before the floor.
 * - any other order, no total, or records without created_at: every page. Once a list was seen out
 *   of order the state says so, and later polls walk it all without probing first.
 */
import type { INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from '../transport/client';
import { hasMorePages, type Page } from '../transport/envelopes';
import { fetchPage, fetchPages, MAX_PAGE_SIZE } from '../transport/paging';
import { distinct, floorOf, timeOf, type Need } from './state';

/** Times the end of the list may move on while the tail is located, before walking it all instead. */
const MAX_END_HOPS = 5;

export interface Collected {
	/** Every record the poll needs (and possibly older ones), each once. */
	records: unknown[];
	/** The list was found in neither created_at order: the next poll walks it all. */
	unordered: boolean;
}

/** Follows the created_at order of records as they come, across pages. */
class OrderCheck {
	timed = true;
	ascending = true;
	descending = true;
	readonly times: number[] = [];
	private last: number | undefined;

	add(records: unknown[]): this {
		for (const record of records) {
			if (record === null || record === undefined) continue;
			const time = timeOf(record);
			if (time === undefined) {
				this.timed = false;
				continue;
			}
			if (this.last !== undefined) {
				if (time < this.last) this.ascending = false;
				if (time > this.last) this.descending = false;
			}
			this.last = time;
			this.times.push(time);
		}
		return this;
	}
}

const first = (page: Page) => page.records.find((record) => record !== null && record !== undefined);
const last = (page: Page) => [...page.records].reverse().find((record) => record !== null && record !== undefined);

/**
 * Fetches what a poll needs from a list endpoint: every record with a created_at at or after the
 * floor that `need` sets, for any order of the list. `unorderedBefore`: the state's memory that the
 * list was out of order, so this poll walks it all straight away.
 */
export async function collect(
	client: ApiClient,
	node: INode,
	request: ApiRequest,
	need: Need,
	unorderedBefore = false,
): Promise<Collected> {
	// Decided on page 1, changed by what later pages show; an object, as the callback changes it.
	const walk: { plan: 'probe' | 'tail' | 'head' | 'all'; firstPage?: Page } = { plan: unorderedBefore ? 'all' : 'probe' };
	const order = new OrderCheck();
	const records = await fetchPages(client, node, request, {
		onPage: (page, pageNumber) => {
			order.add(page.records);
			if (pageNumber === 1) {
				walk.firstPage = page;
				if (walk.plan === 'all') return;
				if (!order.timed) walk.plan = 'all';
				else if (order.ascending && page.total !== undefined) walk.plan = 'tail';
				else walk.plan = order.descending ? 'head' : 'all';
				if (walk.plan === 'tail') return false;
			}
			if (walk.plan === 'head') {
				if (!order.timed || !order.descending) {
					walk.plan = 'all';
					return;
				}
				const oldest = last(page);
				if (oldest !== undefined && (timeOf(oldest) as number) < floorOf(need, order.times)) return false;
			}
			return;
		},
	});

	const { plan, firstPage } = walk;
	if (plan === 'tail' && firstPage && hasMorePages(firstPage, 1, MAX_PAGE_SIZE)) {
		const tail = await walkTail(client, node, request, need, firstPage);
		if (tail) return { records: tail, unordered: false };
		// The tail could not be trusted: walk it all.
		const all = new OrderCheck();
		const everything = await fetchPages(client, node, request, { onPage: (page) => void all.add(page.records) });
		return { records: everything, unordered: all.timed && !all.ascending && !all.descending };
	}
	return { records, unordered: order.timed && !order.ascending && !order.descending };
}

/**
 * From the last page backwards, for a list oldest first. Returns undefined when what it sees
 * contradicts that order or the envelope's total, so that the caller walks every page instead.
 */
async function walkTail(
	client: ApiClient,
	node: INode,
	request: ApiRequest,
	need: Need,
	firstPage: Page,
): Promise<unknown[] | undefined> {
	const size = firstPage.pageSize ?? MAX_PAGE_SIZE;
	const pages = new Map<number, Page>([[1, firstPage]]);
	const fetch = async (pageNumber: number) => {
		const page = await fetchPage(client, node, request, pageNumber, MAX_PAGE_SIZE);
		pages.set(pageNumber, page);
		return page;
	};
	// Page 1 must be a whole page, or page numbers cannot be computed from the total; a total that
	// page 1 alone reaches while more pages follow is wrong.
	if (firstPage.total === undefined || firstPage.records.length !== size || firstPage.total <= size) return undefined;

	// The last page, by the total; records added meanwhile may move the end further.
	let end = Math.max(2, Math.ceil(firstPage.total / size));
	let page = await fetch(end);
	for (let hops = 0; hasMorePages(page, end, size); hops++) {
		if (hops >= MAX_END_HOPS) return undefined;
		const byTotal = page.total !== undefined ? Math.ceil(page.total / size) : 0;
		end = Math.max(end + 1, byTotal);
		page = await fetch(end);
	}

	const times = new OrderCheck().add(firstPage.records).times;
	const newestOfFirst = last(firstPage);
	for (let pageNumber = end; ; pageNumber--) {
		const current = pages.get(pageNumber) ?? (await fetch(pageNumber));
		const start = first(current);
		// An empty page at or before the end: the total was wrong or records were removed meanwhile.
		if (start === undefined) return undefined;
		const check = new OrderCheck().add(current.records);
		if (!check.timed || !check.ascending) return undefined;
		const above = pages.get(pageNumber + 1);
		const aboveStart = above && first(above);
		if (aboveStart !== undefined && (timeOf(last(current)) as number) > (timeOf(aboveStart) as number)) return undefined;
		if (newestOfFirst !== undefined && (timeOf(newestOfFirst) as number) > (timeOf(start) as number)) return undefined;
		times.push(...check.times);
		if (pageNumber === 2) break;
		if ((timeOf(start) as number) < floorOf(need, times)) break;
	}
	const walked = [...pages.entries()].sort(([a], [b]) => a - b).flatMap(([, p]) => p.records);
	return distinct(walked);
}
