import { ids, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: parameters as never, credentials: env.credentials, ...extra });

describe('reading territories, accounts and contacts through n8n’s routing engine', () => {
	it('territory.getAll returns every territory, once each', async () => {
		const { items, error } = await run({ resource: 'territory', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.territories.map((t) => t.id));
	});

	it('territory.get returns the one territory', async () => {
		const territory = env.sandbox.data.territories[3];
		const { items } = await run({ resource: 'territory', operation: 'get', territoryId: rl(String(territory.id)) });
		expect(items.map((i) => i.json)).toEqual([territory]);
	});

	it('territory.getCompanies walks all of a territory’s companies', async () => {
		const territory = env.sandbox.data.territories[0];
		const expected = env.sandbox.data.territoryCompanies[territory.id];
		const { items, error } = await run({ resource: 'territory', operation: 'getCompanies', territoryId: rl(String(territory.id)), returnAll: true });
		expect(error).toBeUndefined();
		expect(expected.length).toBeGreaterThan(50);
		expect(ids(items)).toEqual(expected.map((c) => c.id));
	});

	it('contact.getAll with Return All walks 100 pages of 50 and returns exactly the sandbox’s contacts', async () => {
		const { items, error } = await run({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		const pages = env.sandbox.requests.filter((r) => r.path === '/contacts');
		expect(pages).toHaveLength(100);
		expect(pages.every((r) => r.query.per_page === '50' && r.query.limit === '50')).toBe(true);
	});

	it('Limit stops requesting as soon as it has enough', async () => {
		const { items } = await run({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 120 });
		expect(ids(items)).toEqual(env.sandbox.data.contacts.slice(0, 120).map((c) => c.id));
		expect(env.sandbox.requests.filter((r) => r.path === '/contacts').map((r) => r.query.page)).toEqual(['1', '2', '3']);
	});

	it('a small Limit asks for a small page', async () => {
		const { items } = await run({ resource: 'account', operation: 'getAll', limit: 7 });
		expect(items).toHaveLength(7);
		expect(env.sandbox.requests.map((r) => [r.path, r.query.per_page])).toEqual([['/accounts', '7']]);
	});

	it('account.getAll sends its filters', async () => {
		const territory = env.sandbox.data.territories[1];
		const { items, error } = await run({
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
			filters: { territoryId: territory.id, tier: 'A', minScore: 40, updatedSince: '2020-01-01T00:00:00' },
		});
		expect(error).toBeUndefined();
		const query = env.sandbox.requests[0].query;
		expect(query).toMatchObject({ territory_id: territory.id, tier: 'A', min_score: '40' });
		expect(String(query.updated_since)).toMatch(/^2020-01-01T\d\d:00:00\.000Z$/);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(item.json).toMatchObject({ territory_id: territory.id, tier: 'A' });
			expect(item.json.score as number).toBeGreaterThanOrEqual(40);
		}
	});

	it('account.get returns the account', async () => {
		const account = env.sandbox.data.accounts[10];
		const { items } = await run({ resource: 'account', operation: 'get', accountId: rl(String(account.id)) });
		expect(items.map((i) => i.json)).toEqual([account]);
	});

	it('account.search posts the query and filters, lists as arrays', async () => {
		const { items, error } = await run({
			resource: 'account',
			operation: 'search',
			query: 'software',
			returnAll: true,
			filters: { tiers: 'A, B', countries: 'US,DE', minScore: 10 },
		});
		expect(error).toBeUndefined();
		const sent = env.sandbox.requests[0];
		expect(sent.method).toBe('POST');
		expect(sent.path).toBe('/accounts/search');
		expect(sent.body).toMatchObject({ query: 'software', tiers: ['A', 'B'], countries: ['US', 'DE'], min_score: 10 });
		for (const item of items) expect(['A', 'B']).toContain(item.json.tier);
	});

	it('account.search refuses to run without any criterion, before sending anything', async () => {
		const { error } = await run({ resource: 'account', operation: 'search', query: '' });
		expect(error?.message).toBe('Enter a query or at least one filter');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('contact.get returns the contact', async () => {
		const contact = env.sandbox.data.contacts[42];
		const { items } = await run({ resource: 'contact', operation: 'get', contactId: rl(String(contact.id)) });
		expect(items.map((i) => i.json)).toEqual([contact]);
	});

	it('contact.create posts the contact once and returns the created record', async () => {
		const { items, error } = await run({
			resource: 'contact',
			operation: 'create',
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@analytical.example',
			additionalFields: { jobTitle: 'CTO', company: 'Analytical Engines' },
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/contacts', 201]]);
		expect(env.sandbox.requests[0].body).toEqual({
			first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example', job_title: 'CTO', company: 'Analytical Engines',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example' });
	});

	it('contact.create refuses an invalid email before sending anything', async () => {
		const { error } = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'not-an-email' });
		expect(error?.message).toBe('"not-an-email" is not a valid email address');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('contact.search posts its filters', async () => {
		const { error } = await run({ resource: 'contact', operation: 'search', limit: 10, filters: { jobTitles: 'VP of Sales', countries: ['US'] } });
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/contacts/search', body: { job_titles: ['VP of Sales'], countries: ['US'] } });
	});

	it('every output item is paired with the input item that produced it', async () => {
		const contacts = env.sandbox.data.contacts.slice(0, 3);
		const { items } = await run(
			{ resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') },
			{ input: contacts.map((c) => ({ id: c.id })) },
		);
		expect(ids(items)).toEqual(contacts.map((c) => c.id));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
