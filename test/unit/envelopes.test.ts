import { hasMorePages, readPage, recordKey } from '../../n8n-nodes-pgai/nodes/PgAi/transport/envelopes';

const records = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}` }));

describe('reading the envelopes of the contract', () => {
	it('reads the paged envelope', () => {
		const page = readPage({
			itemsReceived: 2, curPage: 1, nextPage: 2, prevPage: null, offset: 0, perPage: 2, itemsTotal: 5, pageTotal: 3,
			items: records(2),
		});
		expect(page).toEqual({ records: records(2), nextPage: 2, hasNext: undefined, pageSize: 2, total: 5, pageCount: 3 });
	});

	it('reads nextPage null as the last page', () => {
		expect(readPage({ items: records(1), nextPage: null, perPage: 50 })?.nextPage).toBeNull();
	});

	it('reads the ranked envelope', () => {
		expect(readPage({ items: records(3), total: 3, page: 1, per_page: 25, resolved_company_count: 2 })).toMatchObject({
			records: records(3), pageSize: 25, total: 3,
		});
	});

	it('reads the data envelope with per_page or limit', () => {
		expect(readPage({ data: records(2), pagination: { page: 1, per_page: 2, total: 9 } })).toMatchObject({ pageSize: 2, total: 9 });
		expect(readPage({ data: records(2), pagination: { page: 1, limit: 20, total: 9 } })).toMatchObject({ pageSize: 20 });
	});

	it('reads a bare array', () => {
		expect(readPage(records(4))).toEqual({ records: records(4) });
	});

	it('reads the rich form whose list is named after the resource', () => {
		const page = readPage({
			contacts: records(2),
			pagination: { page: 1, per_page: 2, total: 4, total_items: 4, total_pages: 2, has_next: true, has_previous: false },
		});
		expect(page).toMatchObject({ records: records(2), hasNext: true, pageSize: 2, total: 4 });
	});

	it('finds no list in an envelope without one', () => {
		expect(readPage({ status: 'ok' })).toBeUndefined();
		expect(readPage('<html></html>')).toBeUndefined();
		expect(readPage(null)).toBeUndefined();
	});
});

describe('the stop rules, in order of trust', () => {
	it('stops on nextPage null or has_next false even when the page is full', () => {
		expect(hasMorePages({ records: records(50), nextPage: null }, 1, 50)).toBe(false);
		expect(hasMorePages({ records: records(50), hasNext: false }, 1, 50)).toBe(false);
	});

	it('goes on when the server says so, even after a short page', () => {
		expect(hasMorePages({ records: records(10), nextPage: 2 }, 1, 50)).toBe(true);
		expect(hasMorePages({ records: records(10), hasNext: true }, 1, 50)).toBe(true);
	});

	it('stops on an empty page whatever the server says', () => {
		expect(hasMorePages({ records: [], nextPage: 3 }, 2, 50)).toBe(false);
	});

	it('judges a short page against the size the server reports', () => {
		// asked for 50, the server honoured another size parameter and served 25
		expect(hasMorePages({ records: records(25), pageSize: 25 }, 1, 50)).toBe(true);
		expect(hasMorePages({ records: records(25) }, 1, 50)).toBe(false);
	});

	it('stops when page × size reaches the total', () => {
		expect(hasMorePages({ records: records(20), pageSize: 20, total: 40 }, 2, 20)).toBe(false);
		expect(hasMorePages({ records: records(20), pageSize: 20, total: 41 }, 2, 20)).toBe(true);
	});

	it('goes on past a total that the records received already exceed: the total is wrong', () => {
		expect(hasMorePages({ records: records(50), pageSize: 50, total: 7 }, 1, 50)).toBe(true);
		expect(hasMorePages({ records: records(50), total: 7 }, 3, 50, 150)).toBe(true);
		expect(hasMorePages({ records: records(50), total: 100 }, 2, 50, 99)).toBe(true);
		expect(hasMorePages({ records: records(50), total: 100 }, 2, 50, 100)).toBe(false);
	});

	it('never trusts pageTotal, which the docs get wrong', () => {
		// itemsTotal 30, perPage 20, pageTotal 15: the total decides after page 2
		expect(hasMorePages(readPage({ items: records(20), perPage: 20, itemsTotal: 30, pageTotal: 15 })!, 1, 20)).toBe(true);
		expect(hasMorePages(readPage({ items: records(10), perPage: 20, itemsTotal: 30, pageTotal: 15 })!, 2, 20)).toBe(false);
	});
});

describe('record keys', () => {
	it('uses the id, else the whole record', () => {
		expect(recordKey({ id: 7 })).toBe('7');
		expect(recordKey({ content_id: 'c1' })).toBe('c1');
		expect(recordKey({ a: 1 })).toBe('{"a":1}');
	});
});
