import type { EnvelopeMode, Sandbox } from '../../sandbox';
import { linkedinIdOf } from '../../sandbox/data';
import { call, ids, useSandbox, type ApiResponse } from './helpers';

const env = useSandbox();

type Shape = 'paged' | 'ranked' | 'data' | 'bare' | 'rich' | 'next';

interface Endpoint {
	name: string;
	listName: string;
	current: 'paged' | 'ranked' | 'rich' | 'data';
	legacy?: 'bareAll' | 'data';
	/** The data envelope's size field. */
	sizeKey?: 'per_page' | 'limit';
	size: number;
	request(sandbox: Sandbox, query: string): Promise<ApiResponse>;
	expected(sandbox: Sandbox): Array<Record<string, any>>;
	/** Checks an item of the older shape against the current record it stands for. */
	legacyItem?(item: Record<string, any>, current: Record<string, any>): void;
}

const firstTerritory = (sandbox: Sandbox) => sandbox.data.territories[0].id;
/** The company with the most contacts, so its contact list has several pages. */
let busiest: Sandbox['data']['companies'][number] | undefined;
function busiestCompany(sandbox: Sandbox) {
	if (busiest) return busiest;
	const counts = new Map<string, number>();
	for (const contact of sandbox.data.contacts) counts.set(contact.company!.linkedin_id!, (counts.get(contact.company!.linkedin_id!) ?? 0) + 1);
	busiest = [...sandbox.data.companies].sort((a, b) => (counts.get(linkedinIdOf(b)) ?? 0) - (counts.get(linkedinIdOf(a)) ?? 0))[0];
	return busiest;
}
const companyWithMostContent = (sandbox: Sandbox) =>
	[...sandbox.data.companies].sort((a, b) => sandbox.data.content[b.id].length - sandbox.data.content[a.id].length)[0];

const LEGACY_CONTACT_KEYS = ['company', 'created_at', 'email', 'first_name', 'id', 'job_title', 'last_name', 'linkedin_url', 'location', 'phone', 'updated_at'];
const legacyContact = (item: Record<string, any>, contact: Record<string, any>) => {
	expect(Object.keys(item).sort()).toEqual(LEGACY_CONTACT_KEYS);
	expect(item).toMatchObject({ id: contact.id, email: contact.email, job_title: contact.current_job_title, company: contact.company.name, phone: contact.phones[0] ?? null });
};

const ENDPOINTS: Endpoint[] = [
	{
		name: 'GET /territories',
		listName: 'territories',
		current: 'paged',
		legacy: 'bareAll',
		size: 4,
		request: (sandbox, query) => call(sandbox, `/territories?${query}`),
		expected: (sandbox) => sandbox.data.territories,
		legacyItem: (item, territory) => {
			expect(Object.keys(item).sort()).toEqual(['company_count', 'created_at', 'description', 'filters', 'id', 'name', 'owner', 'scoring_model', 'updated_at']);
			expect(item).toMatchObject({ id: territory.id, name: territory.territory_name, created_at: territory.created_at, filters: { region: expect.any(String), segment: expect.any(String) } });
			expect(item.company_count).toBe(env.sandbox.data.territoryCompanies[territory.id].length);
		},
	},
	{
		name: 'GET /territories/{id}/companies',
		listName: 'companies',
		current: 'paged',
		legacy: 'data',
		size: 4,
		request: (sandbox, query) => call(sandbox, `/territories/${firstTerritory(sandbox)}/companies?${query}`),
		expected: (sandbox) => sandbox.data.territoryCompanies[firstTerritory(sandbox)],
		legacyItem: (item, row) => {
			const company = env.sandbox.data.companies.find((c) => c.id === row.company_id)!;
			const account = env.sandbox.data.accounts.find((a) => a.company_id === row.company_id)!;
			expect(item).toEqual({ id: company.id, name: company.company_name, domain: company.website_domain, industry: company.industry, employee_count: company.employee_count, score: account.score, tier: account.tier });
		},
	},
	{
		name: 'GET /accounts',
		listName: 'accounts',
		current: 'paged',
		size: 50,
		request: (sandbox, query) => call(sandbox, `/accounts?${query}`),
		expected: (sandbox) => sandbox.data.accounts,
	},
	{
		name: 'POST /accounts/search',
		listName: 'accounts',
		current: 'paged',
		size: 50,
		request: (sandbox, query) => call(sandbox, `/accounts/search?${query}`, { body: { min_score: 0 } }),
		expected: (sandbox) => [...sandbox.data.accounts].sort((a, b) => b.score - a.score),
	},
	{
		name: 'GET /contacts',
		listName: 'contacts',
		current: 'paged',
		legacy: 'data',
		sizeKey: 'limit',
		size: 50,
		request: (sandbox, query) => call(sandbox, `/contacts?${query}`),
		expected: (sandbox) => sandbox.data.contacts,
		legacyItem: legacyContact,
	},
	{
		name: 'POST /contacts/search',
		listName: 'contacts',
		current: 'paged',
		legacy: 'data',
		sizeKey: 'limit',
		size: 50,
		request: (sandbox, query) => call(sandbox, `/contacts/search?${query}`, { body: {} }),
		expected: (sandbox) => sandbox.data.contacts,
		legacyItem: legacyContact,
	},
	{
		name: 'POST /companies/{id}/contacts/search',
		listName: 'contacts',
		current: 'paged',
		legacy: 'data',
		sizeKey: 'limit',
		size: 1,
		request: (sandbox, query) => call(sandbox, `/companies/${busiestCompany(sandbox).id}/contacts/search?live=false&${query}`, { body: {} }),
		expected: (sandbox) => sandbox.data.contacts.filter((c) => c.company?.linkedin_id === linkedinIdOf(busiestCompany(sandbox))),
		legacyItem: legacyContact,
	},
	{
		name: 'GET /tasks',
		listName: 'tasks',
		current: 'data',
		size: 50,
		request: (sandbox, query) => call(sandbox, `/tasks?${query}`),
		expected: (sandbox) => sandbox.data.tasks,
	},
	{
		name: 'GET /companies/{id}/relevance',
		listName: 'relevance',
		current: 'ranked',
		size: 3,
		request: (sandbox, query) => call(sandbox, `/companies/${sandbox.data.companies[5].id}/relevance?${query}`),
		expected: (sandbox) => sandbox.data.relevance[sandbox.data.companies[5].id],
	},
	{
		name: 'GET /companies/{id}/graph',
		listName: 'relevance',
		current: 'ranked',
		size: 3,
		request: (sandbox, query) => call(sandbox, `/companies/${sandbox.data.companies[6].id}/graph?${query}`),
		expected: (sandbox) => sandbox.data.relevance[sandbox.data.companies[6].id],
	},
	{
		name: 'GET /companies/{id}/content',
		listName: 'contacts',
		current: 'rich',
		size: 2,
		request: (sandbox, query) => call(sandbox, `/companies/${companyWithMostContent(sandbox).id}/content?${query}`),
		expected: (sandbox) => sandbox.data.content[companyWithMostContent(sandbox).id],
	},
];

/** The items of one page, after checking every count the envelope reports. */
function readPage(endpoint: Endpoint, shape: Shape, body: any, page: number, size: number, total: number): { items: any[]; more: boolean } {
	const pageTotal = Math.ceil(total / size);
	const hasNext = page < pageTotal;
	switch (shape) {
		case 'paged':
			expect(body).toEqual({
				itemsReceived: body.items.length,
				curPage: page,
				nextPage: hasNext ? page + 1 : null,
				prevPage: page > 1 ? page - 1 : null,
				offset: (page - 1) * size,
				perPage: size,
				itemsTotal: total,
				pageTotal,
				items: expect.any(Array),
			});
			return { items: body.items, more: body.nextPage !== null };
		case 'ranked':
			expect(body).toEqual({ items: expect.any(Array), total, page, per_page: size });
			return { items: body.items, more: page * body.per_page < body.total };
		case 'data': {
			const sizeKey = endpoint.sizeKey ?? 'per_page';
			expect(body).toEqual({ data: expect.any(Array), pagination: { page, [sizeKey]: size, total } });
			return { items: body.data, more: page * body.pagination[sizeKey] < body.pagination.total };
		}
		case 'bare':
			expect(Array.isArray(body)).toBe(true);
			return { items: body, more: body.length === size };
		case 'rich':
			expect(body).toEqual({
				[endpoint.listName]: expect.any(Array),
				pagination: { page, per_page: size, total, total_items: total, total_pages: pageTotal, has_next: hasNext, has_previous: page > 1 },
			});
			return { items: body[endpoint.listName], more: body.pagination.has_next };
		case 'next':
			expect(body).toEqual({ items: expect.any(Array), has_next: hasNext });
			return { items: body.items, more: body.has_next };
	}
}

/** Walks every page by the envelope's own signals; returns the items and the pages it took. */
async function walk(endpoint: Endpoint, shape: Shape, total: number): Promise<{ items: any[]; pages: number }> {
	const items: any[] = [];
	let page = 1;
	for (; page <= 1000; page++) {
		const res = await endpoint.request(env.sandbox, `page=${page}&per_page=${endpoint.size}`);
		expect(res.status).toBe(200);
		const read = readPage(endpoint, shape, res.body, page, endpoint.size, total);
		expect(read.items.length).toBeLessThanOrEqual(endpoint.size);
		items.push(...read.items);
		if (!read.more) break;
	}
	return { items, pages: page };
}

const MODES: EnvelopeMode[] = ['current', 'legacy', 'paged', 'ranked', 'data', 'bare', 'rich', 'next'];

describe.each(MODES)("envelope mode '%s'", (mode) => {
	beforeAll(() => env.sandbox.configure({ envelope: mode }));
	afterAll(() => env.sandbox.configure({ envelope: 'current' }));

	it.each(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))('%s: the pages together are the data, in order, each once', async (_name, endpoint) => {
		const expected = endpoint.expected(env.sandbox);
		expect(expected.length).toBeGreaterThan(endpoint.size);
		const legacy = mode === 'legacy' ? endpoint.legacy : undefined;

		if (legacy === 'bareAll') {
			// The older territories list: every record in a bare array, paging ignored.
			for (const page of [1, 2]) {
				const res = await endpoint.request(env.sandbox, `page=${page}&per_page=${endpoint.size}`);
				expect(ids(res.body)).toEqual(ids(expected));
				res.body.forEach((item: any, i: number) => endpoint.legacyItem!(item, expected[i]));
			}
			return;
		}

		const shape: Shape = mode === 'current' || mode === 'legacy' ? legacy ?? endpoint.current : mode;
		const { items, pages } = await walk(endpoint, shape, expected.length);
		expect(pages).toBe(Math.ceil(expected.length / endpoint.size) + (shape === 'bare' && expected.length % endpoint.size === 0 ? 1 : 0));
		if (legacy) {
			expect(items.map((item) => item.id)).toEqual(expected.map((record) => (endpoint.listName === 'companies' ? record.company_id : record.id)));
			items.forEach((item, i) => endpoint.legacyItem!(item, expected[i]));
		} else {
			expect(items).toEqual(expected);
		}
		expect(new Set(ids(items)).size).toBe(items.length);

		// A page past the end is empty and says there is nothing after it.
		const past = await endpoint.request(env.sandbox, `page=${pages + 2}&per_page=${endpoint.size}`);
		const read = readPage(endpoint, shape, past.body, pages + 2, endpoint.size, expected.length);
		expect(read).toEqual({ items: [], more: false });
	});
});

describe('search envelope', () => {
	afterEach(() => env.sandbox.configure({ envelope: 'current' }));
	const matching = () =>
		Object.values(env.sandbox.data.relevance)
			.flat()
			.filter((item) => [item.title, item.excerpt, item.company_name, item.source_type].some((text) => text.toLowerCase().includes('hiring')));

	async function walkSearch(shape: Shape) {
		const endpoint: Endpoint = {
			name: 'GET /search',
			listName: 'results',
			current: 'ranked',
			size: 20,
			request: (sandbox, query) => call(sandbox, `/search?q=hiring&${query}`),
			expected: matching,
		};
		const items: any[] = [];
		for (let page = 1; ; page++) {
			const res = await endpoint.request(env.sandbox, `page=${page}&per_page=20`);
			let body = res.body;
			if (!Array.isArray(body)) {
				const { resolved_company_count: resolved, ...rest } = body;
				expect(resolved).toBe(new Set(matching().map((item) => item.company_id)).size);
				body = rest;
			}
			const read = readPage(endpoint, shape, body, page, 20, matching().length);
			items.push(...read.items);
			if (!read.more) break;
		}
		return items;
	}

	it('ranks matching signals with resolved_company_count, and every forced envelope serves the same sequence', async () => {
		const ranked = await walkSearch('ranked');
		expect(ranked.length).toBeGreaterThan(20);
		expect(ids(ranked).sort()).toEqual(ids(matching()).sort());
		for (const mode of ['legacy', 'paged', 'data', 'bare', 'rich'] as const) {
			env.sandbox.configure({ envelope: mode });
			expect([mode, ids(await walkSearch(mode === 'legacy' ? 'ranked' : mode))]).toEqual([mode, ids(ranked)]);
		}
	});
});

describe('page size', () => {
	afterEach(() => env.sandbox.configure({ pageSizeParam: 'both' }));
	const perPage = async (query: string) => (await call(env.sandbox, `/contacts?${query}`)).body.perPage;

	it('defaults to 25 and caps at 50 under either name', async () => {
		expect(await perPage('')).toBe(25);
		expect(await perPage('per_page=500')).toBe(50);
		expect(await perPage('limit=500')).toBe(50);
		const capped = await call(env.sandbox, '/contacts?per_page=51');
		expect(capped.body.items).toHaveLength(50);
	});

	it("honours per_page, or limit when per_page is absent, by default ('both')", async () => {
		expect(await perPage('per_page=10&limit=20')).toBe(10);
		expect(await perPage('limit=20')).toBe(20);
	});

	it("ignores limit when only per_page is honoured, and the size falls back to 25", async () => {
		env.sandbox.configure({ pageSizeParam: 'per_page' });
		expect(await perPage('limit=10')).toBe(25);
		expect(await perPage('per_page=10')).toBe(10);
	});

	it('ignores per_page when only limit is honoured', async () => {
		env.sandbox.configure({ pageSizeParam: 'limit' });
		expect(await perPage('per_page=10')).toBe(25);
		expect(await perPage('limit=10')).toBe(10);
		const search = await call(env.sandbox, '/accounts/search?per_page=10', { body: { min_score: 0 } });
		expect(search.body.perPage).toBe(25);
	});

	it('applies to every list endpoint, including ranked and rich ones', async () => {
		const company = env.sandbox.data.companies[0].id;
		expect((await call(env.sandbox, `/companies/${company}/relevance?per_page=500`)).body.per_page).toBe(50);
		expect((await call(env.sandbox, `/companies/${company}/content?limit=2`)).body.pagination.per_page).toBe(2);
		expect((await call(env.sandbox, '/search?q=hiring')).body.per_page).toBe(25);
	});

	it('answers 400 for a page or size that is not a positive integer', async () => {
		for (const query of ['page=0', 'page=-1', 'page=two', 'per_page=0', 'limit=1.5']) {
			const res = await call(env.sandbox, `/contacts?${query}`);
			expect([query, res.status, res.body.error]).toEqual([query, 400, 'Validation error']);
			expect(res.body.details[0]).toMatch(/^Invalid parameter "(page|per_page|limit)"/);
		}
	});
});

describe('lying totals', () => {
	afterEach(() => env.sandbox.configure({ envelope: 'current', lyingTotals: null }));

	it('announce the configured counts in every envelope while the pages, nextPage and has_next stay true', async () => {
		env.sandbox.configure({ lyingTotals: { items: 7, pages: 2 } });
		const expected = env.sandbox.data.accounts;
		const items: any[] = [];
		for (let page = 1; ; page++) {
			const { body } = await call(env.sandbox, `/accounts?page=${page}&per_page=50`);
			expect(body).toMatchObject({ curPage: page, perPage: 50, itemsTotal: 7, pageTotal: 2 });
			expect(body.nextPage).toBe(page * 50 < expected.length ? page + 1 : null);
			items.push(...body.items);
			if (body.nextPage === null) break;
		}
		expect(items).toEqual(expected);

		const company = env.sandbox.data.companies[5].id;
		expect((await call(env.sandbox, `/companies/${company}/relevance?page=1&per_page=3`)).body).toMatchObject({ total: 7 });
		const content = (await call(env.sandbox, `/companies/${companyWithMostContent(env.sandbox).id}/content?page=1&per_page=2`)).body;
		expect(content.pagination).toMatchObject({ total: 7, total_items: 7, total_pages: 2, has_next: true });
		env.sandbox.configure({ envelope: 'data' });
		expect((await call(env.sandbox, '/contacts?page=1&limit=50')).body.pagination).toEqual({ page: 1, limit: 50, total: 7 });
	});

	it('are refused when they are not counts', () => {
		expect(() => env.sandbox.configure({ lyingTotals: { items: -1, pages: 2 } })).toThrow('lyingTotals.items and lyingTotals.pages must be non-negative integers');
	});
});
