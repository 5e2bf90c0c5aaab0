/**
 * Which pages a poll fetches. Every request goes through the shared client and the shared page
 * reader (transport/paging.ts), so retry, pacing, envelopes and errors are the action node's.
 *
 * PG:AI's documentation does not say in which order lists come, so page 1 chooses the plan, one walk
 * carries it out, and the order is checked on every page it fetches. A walk only skips pages when
 * what it saw proves them older than the poll needs:
 *
 * - tail, oldest first with a total in the envelope that page 1 does not contradict (the current
 *   API): page 1, then the last page, then backwards until a page starts before the floor. Two
 *   requests when the new records fit on the last page, whatever the size of the list. Should the
 *   tail contradict that order or the total, nothing it read is trusted: a walk of every page follows.
 * - head, newest first: forwards from page 1 until a page ends before the floor; should a later page
 *   break that order, the walk goes on to the last page.
 * - all, any other order, no total, or records without created_at: every page. Once a list was seen
 *   out of order the state says so, and later polls walk it all without reading page 1 first.
 */
import type { INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from '../transport/client';
import { hasMorePages, type Page } from '../transport/envelopes';
import { fetchPage, fetchPages, MAX_PAGE_SIZE } from '../transport/paging';
import { distinct, floorOf, timeOf, type Need } from './state';

/** Times the end of the list may move on while the tail is located, before walking it all instead. */
const MAX_END_HOPS = 5;

interface Collected {
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

	/** Newest first so far. */
	get newestFirst(): boolean {
		return this.timed && this.descending;
	}

	/** In neither created_at order. */
	get unordered(): boolean {
		return this.timed && !this.ascending && !this.descending;
	}

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

/** What every walk of one poll works with. */
interface Walk {
	client: ApiClient;
	node: INode;
	request: ApiRequest;
	need: Need;
}

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
	const walk: Walk = { client, node, request, need };
	if (unorderedBefore) return walkAll(walk);
	const firstPage = await fetchPage(client, node, request, 1, MAX_PAGE_SIZE);
	switch (planOf(firstPage)) {
		case 'head':
			return walkHead(walk, firstPage);
		case 'all':
			return walkAll(walk, firstPage);
		case 'tail': {
			const tail = await walkTail(walk, firstPage);
			// Decided once the tail walk has ended: what it read contradicts the order or the total it
			// relied on, so a walk of its own reads every page, from page 1.
			return tail ? { records: tail, unordered: false } : walkAll(walk);
		}
	}
}

/** The plan page 1 calls for (see the top of this file). */
function planOf(firstPage: Page): 'tail' | 'head' | 'all' {
	const order = new OrderCheck().add(firstPage.records);
	if (!order.timed) return 'all';
	if (order.ascending && firstPage.total !== undefined) return 'tail';
	return order.descending ? 'head' : 'all';
}

/**
 * Forwards until a page ends before the floor. A page that shows the list is not newest first after
 * all lets no later page end the walk: it goes on to the last page, and so reads every record.
 */
function walkHead(walk: Walk, firstPage: Page): Promise<Collected> {
	return walkForwards(walk, firstPage, (order, page) => {
		const oldest = last(page);
		return order.newestFirst && oldest !== undefined && (timeOf(oldest) as number) < floorOf(walk.need, order.times);
	});
}

/** Every page, forwards: after page 1 when it was read to choose the plan, else from page 1. */
function walkAll(walk: Walk, firstPage?: Page): Promise<Collected> {
	return walkForwards(walk, firstPage, () => false);
}

/** One fetchPages walk forwards from page 1 (read already, when given), ended after the page for which `enough` is true or at the end of the list. */
async function walkForwards(walk: Walk, firstPage: Page | undefined, enough: (order: OrderCheck, page: Page) => boolean): Promise<Collected> {
	const order = new OrderCheck();
	const records = await fetchPages(walk.client, walk.node, walk.request, {
		first: firstPage,
		onPage: (page) => {
			order.add(page.records);
			return !enough(order, page);
		},
	});
	return collected(records, order);
}

const collected = (records: unknown[], order: OrderCheck): Collected => ({
	records: distinct(records),
	unordered: order.unordered,
});

/**
 * From the last page backwards, for a list oldest first; page 1 alone when no page follows it.
 * Returns undefined when what it sees contradicts that order or the envelope's total, so that the
 * caller walks every page instead.
 */
async function walkTail({ client, node, request, need }: Walk, firstPage: Page): Promise<unknown[] | undefined> {
	if (!hasMorePages(firstPage, 1, MAX_PAGE_SIZE)) return distinct(firstPage.records);
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
