/**
 * The two additions to the shared paging that the trigger uses: fetchPage (one page by number) and
 * the onPage callback of fetchPages (which may end a walk early). Walks without onPage are as before.
 */
import { NodeApiError } from 'n8n-workflow';

import { fetchPage, fetchPages } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { FakeList, node } from './trigger-fake-api';

const request = { method: 'GET' as const, url: '/contacts', qs: { territory_id: 't1' } };

function list(count: number) {
	const fake = new FakeList();
	fake.add(...Array.from({ length: count }, (_, i) => i));
	return fake;
}

describe('fetchPage', () => {
	it('fetches the page asked for, with the size under both names and the request’s own query kept', async () => {
		const fake = list(120);
		const sent: Array<Record<string, unknown>> = [];
		const answer = fake.answer.bind(fake);
		fake.answer = (qs) => (sent.push(qs), answer(qs));
		const page = await fetchPage(fake.client(), node, request, 3);
		expect(sent).toEqual([{ territory_id: 't1', page: 3, per_page: 50, limit: 50 }]);
		expect(page).toMatchObject({ nextPage: null, pageSize: 50, total: 120 });
		expect(page.records).toEqual(fake.rows.slice(100));
	});

	it('reads every envelope', async () => {
		for (const envelope of ['paged', 'ranked', 'data', 'rich', 'bare', 'next'] as const) {
			const fake = list(60);
			fake.envelope = envelope;
			expect((await fetchPage(fake.client(), node, request, 2)).records).toEqual(fake.rows.slice(50));
		}
	});

	it('refuses an answer without a list', async () => {
		const fake = list(1);
		fake.answer = () => ({ statusCode: 200, headers: {}, body: { status: 'ok' } });
		await expect(fetchPage(fake.client(), node, request, 1)).rejects.toThrow(NodeApiError);
		await expect(fetchPage(fake.client(), node, request, 1)).rejects.toThrow(/without a list/);
	});
});

describe('fetchPages with onPage', () => {
	it('shows each page with its number, after its records were taken', async () => {
		const fake = list(120);
		const seen: Array<[number, number]> = [];
		const records = await fetchPages(fake.client(), node, request, {
			onPage: (page, pageNumber) => void seen.push([pageNumber, page.records.length]),
		});
		expect(seen).toEqual([[1, 50], [2, 50], [3, 20]]);
		expect(records).toEqual(fake.rows);
	});

	it('ends the walk after the page for which it returns false', async () => {
		const fake = list(300);
		const records = await fetchPages(fake.client(), node, request, { onPage: (_page, pageNumber) => pageNumber < 2 });
		expect(fake.served.map((s) => s.page)).toEqual([1, 2]);
		expect(records).toEqual(fake.rows.slice(0, 100));
	});

	it('leaves the walk alone when it returns nothing or true, and Limit still applies', async () => {
		const fake = list(130);
		expect(await fetchPages(fake.client(), node, request, { onPage: () => true })).toHaveLength(130);
		expect(await fetchPages(fake.client(), node, request, { limit: 60, onPage: () => undefined })).toEqual(fake.rows.slice(0, 60));
		expect(await fetchPages(fake.client(), node, request, {})).toHaveLength(130);
	});

	it('walks every page of a server that pages by 25 whatever is asked (the page guard counts its pages)', async () => {
		const fake = list(300);
		fake.maxPageSize = 25;
		expect(await fetchPages(fake.client(), node, request, {})).toEqual(fake.rows);
		expect(fake.served).toHaveLength(12);
	});
});
