import type { INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { fetchPages, MAX_PAGES, PAGES_IN_FLIGHT } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';

const node: INode = { id: '1', name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {} };
const request: ApiRequest = { method: 'GET', url: '/contacts' };

/** A client whose server answers every page with the body `page(n)` gives. */
function serving(page: (n: number) => unknown) {
	const asked: number[] = [];
	const client = {
		request: async ({ qs }: ApiRequest) => {
			asked.push(Number(qs?.page));
			return { status: 200, headers: {}, body: page(Number(qs?.page)) };
		},
	} as unknown as ApiClient;
	return { client, asked };
}

const client = (body: unknown) => serving(() => body).client;

describe('walking pages', () => {
	it('stops a nextPage that never ends, with no total announced, after the page guard', async () => {
		const { client, asked } = serving((n) => ({ items: [{ id: `r${n}` }], nextPage: n + 1 }));
		await expect(fetchPages(client, node, request, {})).rejects.toThrow(
			`PG:AI kept announcing further pages after ${MAX_PAGES} pages of /contacts`,
		);
		expect(asked).toHaveLength(MAX_PAGES);
	});

	it('walks past totals that contradict nextPage and the records, without an error', async () => {
		const { client, asked } = serving((n) => ({
			items: Array.from({ length: 50 }, (_, i) => ({ id: `r${n}-${i}` })),
			nextPage: n < 30 ? n + 1 : null,
			perPage: 50,
			itemsTotal: 7,
			pageTotal: 2,
		}));
		expect(await fetchPages(client, node, request, {})).toHaveLength(30 * 50);
		// nextPage counts up, so pages go ahead of the end no total could tell: those in flight
		// past page 30 are asked for and their records dropped
		expect(asked).toEqual(Array.from({ length: 30 + PAGES_IN_FLIGHT - 1 }, (_, i) => i + 1));
	});

	it('walks past a total of a ranked envelope that full pages of new records prove wrong', async () => {
		const { client, asked } = serving((n) => ({ items: Array.from({ length: n < 4 ? 50 : 12 }, (_, i) => ({ id: `r${n}-${i}` })), total: 7, page: n, per_page: 50 }));
		expect(await fetchPages(client, node, request, {})).toHaveLength(3 * 50 + 12);
		expect(asked).toEqual([1, 2, 3, 4]);
	});

	it('ends with an error when a page repeats the one before while more were announced', async () => {
		const page = { items: [{ id: 'a' }, { id: 'b' }], nextPage: 2 };
		await expect(fetchPages(client(page), node, request, {})).rejects.toThrow('PG:AI answered page 2 of /contacts with the same records as the page before');
		const ranked = { items: [{ id: 'a' }, { id: 'b' }], total: 90, page: 1, per_page: 2 };
		await expect(fetchPages(client(ranked), node, request, {})).rejects.toThrow('with the same records as the page before');
	});

	it('starts at the page asked for and tells each page the one that comes next', async () => {
		const { client, asked } = serving((n) => ({ items: [{ id: `r${n}` }], nextPage: n < 5 ? n + 1 : null }));
		const seen: Array<[number, number | undefined]> = [];
		await fetchPages(client, node, request, { from: 3, onPage: (_, page, next) => void seen.push([page, next]) });
		expect(asked).toEqual([3, 4, 5]);
		expect(seen).toEqual([[3, 4], [4, 5], [5, undefined]]);
	});

	it('follows the nextPage the server names', async () => {
		const { client, asked } = serving((n) => ({ items: [{ id: `r${n}` }], nextPage: n === 1 ? 3 : null }));
		expect(await fetchPages(client, node, request, {})).toEqual([{ id: 'r1' }, { id: 'r3' }]);
		expect(asked).toEqual([1, 3]);
	});

	it('ends quietly where a server that ignores paging repeats its only page', async () => {
		const all = Array.from({ length: 60 }, (_, i) => ({ id: `t${i}` }));
		const { client, asked } = serving(() => all);
		expect(await fetchPages(client, node, request, {})).toEqual(all);
		expect(asked).toEqual([1, 2]);
	});

	it('outputs a record that shows up again on a later page only once', async () => {
		const { client } = serving((n) => ({
			data: n === 1 ? [{ id: 'a' }, { id: 'b' }] : n === 2 ? [{ id: 'b' }, { id: 'c' }] : [],
			pagination: { page: n, per_page: 2 },
		}));
		expect(await fetchPages(client, node, request, { limit: 10 })).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
	});
});

/**
 * A client whose answers arrive in an order of its own (later pages often first), counting how many
 * requests were outstanding at once.
 */
function outOfOrder(page: (n: number) => unknown) {
	const asked: number[] = [];
	const state = { outstanding: 0, most: 0 };
	const client = {
		request: async ({ qs }: ApiRequest) => {
			const n = Number(qs?.page);
			asked.push(n);
			state.most = Math.max(state.most, ++state.outstanding);
			// earlier pages take more turns of the event loop than the ones after them
			for (let turn = 0; turn < 3 + ((7 - n) % 4) * 2; turn++) await new Promise((resolve) => setImmediate(resolve));
			state.outstanding--;
			return { status: 200, headers: {}, body: page(n) };
		},
	} as unknown as ApiClient;
	return { client, asked, state };
}

const full = (n: number, size = 50) => Array.from({ length: size }, (_, i) => ({ id: `r${n}-${i}` }));

describe('pages in flight', () => {
	it('keeps up to PAGES_IN_FLIGHT pages on their way and outputs the records in the server’s order', async () => {
		const { client, asked, state } = outOfOrder((n) => ({ items: full(n), total: 500, page: n, per_page: 50 }));
		const records = await fetchPages(client, node, request, {});
		expect(records).toEqual(Array.from({ length: 10 }, (_, i) => full(i + 1)).flat());
		expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(state.most).toBe(PAGES_IN_FLIGHT);
	});

	it('fetches for a Limit only the pages it uses: Limit 120 is three pages of 50', async () => {
		const { client, asked } = outOfOrder((n) => ({ items: full(n), total: 500, page: n, per_page: 50 }));
		expect(await fetchPages(client, node, request, { limit: 120 })).toHaveLength(120);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('goes ahead by a page count without a total, and not at all where the numbers ahead are not known', async () => {
		const counted = outOfOrder((n) => ({ contacts: n <= 12 ? full(n) : [], pagination: { page: n, per_page: 50, total_pages: 12 } }));
		expect(await fetchPages(counted.client, node, request, {})).toHaveLength(600);
		expect(counted.state.most).toBe(PAGES_IN_FLIGHT);
		const unknown = outOfOrder((n) => ({ items: full(n), has_next: n < 6 }));
		expect(await fetchPages(unknown.client, node, request, {})).toHaveLength(300);
		expect([unknown.asked, unknown.state.most]).toEqual([[1, 2, 3, 4, 5, 6], 1]);
	});

	it('ends at a short page with pages in flight past it, outputting none of their records', async () => {
		const { client, asked } = outOfOrder((n) => ({ items: n === 3 ? full(n, 10) : full(n), total: 500, page: n, per_page: 50 }));
		expect(await fetchPages(client, node, request, {})).toEqual([...full(1), ...full(2), ...full(3, 10)]);
		// pages 4 to 2 + PAGES_IN_FLIGHT were on their way when page 3 ended the walk
		expect(asked).toEqual(Array.from({ length: 2 + PAGES_IN_FLIGHT }, (_, i) => i + 1));
	});

	it('fetches one page at a time for a caller that may end the walk at any page', async () => {
		const { client, state } = outOfOrder((n) => ({ items: full(n), total: 500, page: n, per_page: 50 }));
		await fetchPages(client, node, request, { onPage: (_, page) => page < 5 });
		expect(state.most).toBe(1);
	});
});
