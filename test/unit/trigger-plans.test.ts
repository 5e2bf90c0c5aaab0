/**
 * The pages each plan of the trigger's walk asks for, in order: page 1 chooses the plan and one walk
 * carries it out; only a tail that cannot be trusted is followed by a second walk, of every page.
 * Pinned so that no change adds a walk, or a page, unnoticed.
 */
import { collect } from '../../n8n-nodes-pgai/nodes/PgAi/trigger/walk';
import type { Need } from '../../n8n-nodes-pgai/nodes/PgAi/trigger/state';
import { at, FakeList, node, type Envelope, type Order } from './trigger-fake-api';

const request = { method: 'GET' as const, url: '/contacts' };
const since = (second: number): Need => ({ since: Date.parse(at(second)) });
const ids = (records: unknown[]) => records.map((record) => (record as { id: string }).id);
const pagesUpTo = (last: number) => Array.from({ length: last }, (_, i) => i + 1);

/** `count` records one second apart from second 0, listed in `order`. */
function listOf(count: number, order: Order = 'asc', envelope: Envelope = 'paged') {
	const list = new FakeList();
	list.order = order;
	list.envelope = envelope;
	list.add(...Array.from({ length: count }, (_, i) => i));
	return list;
}

/** A list served in exactly this order of created_at seconds, 50 to a page. */
function arranged(seconds: number[]) {
	const list = new FakeList();
	const rows = list.add(...seconds);
	list.listed = () => [...rows];
	return list;
}

/** One collect(): what it returned, and the pages it asked for, in order. */
async function walk(list: FakeList, need: Need, unorderedBefore = false) {
	const before = list.served.length;
	const collected = await collect(list.client(), node, request, need, unorderedBefore);
	return { ...collected, pages: list.served.slice(before).map((served) => served.page) };
}

describe('tail: oldest first with a total', () => {
	it('page 1, the last page, then backwards until a page starts before the floor', async () => {
		const list = listOf(260); // pages 1–5 full, page 6 holds seconds 250–259
		expect((await walk(list, since(255))).pages).toEqual([1, 6]);
		const deeper = await walk(list, since(240));
		expect(deeper.pages).toEqual([1, 6, 5]);
		expect(ids(deeper.records)).toEqual(ids([...list.rows.slice(0, 50), ...list.rows.slice(200)]));
		expect(deeper.unordered).toBe(false);
	});

	it('page 1 alone when it is the whole list', async () => {
		expect((await walk(listOf(30), since(0))).pages).toEqual([1]);
	});

	it('a tail out of order: one more walk, of every page from page 1, and no other', async () => {
		// Oldest first on page 1 and within each page, but page 5 ends after page 6 starts.
		const seconds = Array.from({ length: 260 }, (_, i) => i);
		seconds[249] = 1000;
		const list = arranged(seconds);
		const result = await walk(list, since(245));
		expect(result.pages).toEqual([1, 6, 5, ...pagesUpTo(6)]);
		expect(ids(result.records)).toEqual(ids(list.rows));
		expect(result.unordered).toBe(true);
	});

	it('a last page out of order in itself: the walk of every page follows right after it', async () => {
		const seconds = Array.from({ length: 260 }, (_, i) => i);
		seconds[255] = 1;
		const result = await walk(arranged(seconds), since(255));
		expect(result.pages).toEqual([1, 6, ...pagesUpTo(6)]);
		expect(result.records).toHaveLength(260);
	});
});

describe('head: newest first', () => {
	it('forwards from page 1 until a page ends before the floor', async () => {
		const list = listOf(260, 'desc'); // page 1 holds seconds 259–210, page 3 ends at 110
		expect((await walk(list, since(230))).pages).toEqual([1]);
		const result = await walk(list, since(150));
		expect(result.pages).toEqual([1, 2, 3]);
		expect(ids(result.records)).toEqual(ids(list.listed().slice(0, 150)));
	});

	it('a page that breaks the order: on to the last page in the same walk, every record once', async () => {
		// Newest first on page 1; page 2, which ends before the floor, holds one record newer than page 1.
		const seconds = Array.from({ length: 260 }, (_, i) => 1000 - i);
		seconds[60] = 2000;
		const list = arranged(seconds);
		const result = await walk(list, since(920));
		expect(result.pages).toEqual(pagesUpTo(6));
		expect(ids(result.records)).toEqual(ids(list.rows));
		expect(result.unordered).toBe(true);
	});
});

describe('all: any other order, no total, or no created_at', () => {
	it('not by time: every page, page 1 read once', async () => {
		const result = await walk(listOf(260, 'id'), since(255));
		expect(result.pages).toEqual(pagesUpTo(6));
		expect(result.records).toHaveLength(260);
		expect(result.unordered).toBe(true);
	});

	it('oldest first without a total: every page', async () => {
		expect((await walk(listOf(260, 'asc', 'next'), since(255))).pages).toEqual(pagesUpTo(6));
	});

	it('records without created_at: every page', async () => {
		const list = listOf(120, 'asc', 'data');
		list.rows.forEach((row) => delete row.created_at);
		const result = await walk(list, since(0));
		expect(result.pages).toEqual(pagesUpTo(3));
		expect(ids(result.records)).toEqual(ids(list.rows));
		expect(result.unordered).toBe(false);
	});

	it('remembered as unordered: every page from page 1, with no page read beforehand', async () => {
		expect((await walk(listOf(260), since(255), true)).pages).toEqual(pagesUpTo(6));
	});

	it('a server that ignores paging and sends every record at once: page 2 repeats page 1 and ends the walk', async () => {
		const list = listOf(120, 'id', 'bare');
		const answer = list.answer.bind(list);
		list.answer = (qs) => ({ ...answer(qs), body: list.listed() });
		const result = await walk(list, since(0));
		expect(result.pages).toEqual([1, 2]);
		expect(result.records).toHaveLength(120);
	});

	it('pages of 25 that only a total ends: the walk goes on after page 1 without reading it again, and reaches the last page', async () => {
		// Counting page 1 as 50 records would reach the total of 125 after page 4 and stop before page 5.
		const list = listOf(125, 'id', 'ranked');
		list.maxPageSize = 25;
		const result = await walk(list, since(0));
		expect(result.pages).toEqual(pagesUpTo(5));
		expect(ids(result.records).sort()).toEqual(ids(list.rows).sort());
	});
});
