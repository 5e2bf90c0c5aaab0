import type { INode } from 'n8n-workflow';

import type { ApiClient, ApiRequest } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { fetchPages, MAX_PAGES } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';

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
		expect(asked).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
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
