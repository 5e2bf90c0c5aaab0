import { call, ids, useSandbox } from './helpers';

const env = useSandbox();

const search = (query: string) => call(env.sandbox, `/search?${query}`);
async function all(query: string) {
	const items = [];
	for (let page = 1; ; page++) {
		const res = await search(`${query}&per_page=50&page=${page}`);
		expect(res.status).toBe(200);
		items.push(...res.body.items);
		if (page * res.body.per_page >= res.body.total) return { items, body: res.body };
	}
}
const signals = () => Object.values(env.sandbox.data.relevance).flat();
const mentions = (word: string) => (item: { title: string; excerpt: string; company_name: string; source_type: string }) =>
	[item.title, item.excerpt, item.company_name, item.source_type].some((text) => text.toLowerCase().includes(word));

describe('GET /search', () => {
	it('validates scope, q and company_ids, naming each problem', async () => {
		expect((await search('scope=organisation')).body).toEqual({ error: 'Validation error', details: ['Missing required parameter: "q"'] });
		expect((await search('q=%20%20')).status).toBe(400);
		expect((await search('scope=everything&q=x')).body.details).toEqual(['Invalid parameter "scope": must be one of organisation, companies']);
		expect((await search('scope=companies')).body.details).toEqual([
			'Missing required parameter: "q"',
			'Missing required parameter: "company_ids" (required when scope is "companies")',
		]);
		expect((await search('q=x&date_from=soon')).body.details).toEqual(['Invalid parameter "date_from": must be an ISO 8601 date']);
	});

	it('searches the whole organisation: matching signals only, best match first, ranked envelope', async () => {
		const { items, body } = await all('scope=organisation&q=partnership%20snowflake');
		const expected = signals().filter((item) => mentions('partnership')(item) || mentions('snowflake')(item));
		expect(ids(items).sort()).toEqual(ids(expected).sort());
		expect(body.resolved_company_count).toBe(new Set(expected.map((item) => item.company_id)).size);
		// Signals matching both words come before those matching one.
		const both = (item: { title: string }) => /partnership/i.test(item.title) && /snowflake/i.test(item.title);
		const count = items.filter(both).length;
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(items.length);
		expect(items.slice(0, count).every(both)).toBe(true);
	});

	it('searches chosen companies, counting the ids it resolved', async () => {
		const [a, b] = env.sandbox.data.companies;
		const { items, body } = await all(`scope=companies&q=${encodeURIComponent(a.company_name)}&company_ids=${a.id},${b.id},unknown-id`);
		expect(body.resolved_company_count).toBe(2);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => item.company_id === a.id || item.company_id === b.id)).toBe(true);
	});

	it('keeps signals dated within date_from and date_to (a whole day when no time is given)', async () => {
		const expected = signals().filter(mentions('hiring')).filter((item) => item.date >= '2024-01-01' && item.date < '2024-07-01');
		const { items } = await all('q=hiring&date_from=2024-01-01&date_to=2024-06-30');
		expect(ids(items).sort()).toEqual(ids(expected).sort());
	});

	it('caps the results of each source type with per_source', async () => {
		const { items } = await all('q=the&per_source=2');
		const perType = new Map<string, number>();
		for (const item of items) perType.set(item.source_type, (perType.get(item.source_type) ?? 0) + 1);
		expect(perType.size).toBeGreaterThan(1);
		expect([...perType.values()].every((count) => count === 2)).toBe(true);
	});
});
