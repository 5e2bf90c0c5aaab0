/**
 * The node's light versions: a workflow saved with version 1 sends and returns what it did; a new
 * node (1.1) answers compactly by default, sends nothing for a filter added and left untouched, and
 * takes the IDs of its filters from lists, while text with commas from before still works.
 */
import { ids, loadOptions, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 12, accounts: 300, contacts: 400 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const run = async (typeVersion: number, parameters: Record<string, unknown>) =>
	await runNode({ parameters: parameters as never, credentials: env.credentials, typeVersion });
/** The body of the one POST the sandbox received. */
const sentBody = () => {
	const posts = env.sandbox.requests.filter((request) => request.method === 'POST');
	expect(posts).toHaveLength(1);
	return posts[0].body as Record<string, unknown>;
};

describe('Simplify', () => {
	const account = () => env.sandbox.data.accounts[0];

	it('a new node (1.1) returns each record’s essentials', async () => {
		const { items } = await run(1.1, { resource: 'account', operation: 'get', accountId: rl(account().id) });
		const { id, company_id, name, domain, tier, score } = account();
		expect(items.map((item) => item.json)).toEqual([{ id, company_id, name, domain, tier, score }]);
	});

	it('a workflow saved with version 1 keeps the whole record', async () => {
		const { items } = await run(1, { resource: 'account', operation: 'get', accountId: rl(account().id) });
		expect(items.map((item) => item.json)).toEqual([account()]);
	});

	it('1.1 with Simplify turned off returns the whole records of a list', async () => {
		const whole = await run(1.1, { resource: 'account', operation: 'getAll', limit: 5, simplify: false });
		expect(whole.items.map((item) => item.json)).toEqual(env.sandbox.data.accounts.slice(0, 5));
	});
});

describe('Account → Search: a number filter added and left at 0', () => {
	const search = (typeVersion: number, filters: Record<string, unknown>) => run(typeVersion, { resource: 'account', operation: 'search', query: 'software', limit: 20, filters });

	it('1.1: sends nothing and finds what the search finds without it', async () => {
		const without = await search(1.1, {});
		const body = sentBody();
		env.sandbox.clearRequests();
		const untouched = await search(1.1, { employeeCountMax: 0, employeeCountMin: 0, minScore: 0 });
		expect(sentBody()).toEqual(body);
		expect(ids(untouched.items)).toEqual(ids(without.items));
		expect(untouched.items.length).toBeGreaterThan(0);
	});

	it('1.1: a value other than 0 is sent', async () => {
		await search(1.1, { employeeCountMax: 500 });
		expect(sentBody()).toMatchObject({ employee_count_max: 500 });
	});

	it('1.1: only untouched filters and no query are no criteria', async () => {
		const { error } = await run(1.1, { resource: 'account', operation: 'search', filters: { employeeCountMax: 0 } });
		expect(error?.message).toBe('Enter a query or at least one filter');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('version 1: is sent as saved, 0 included', async () => {
		const { items } = await search(1, { employeeCountMax: 0 });
		expect(sentBody()).toMatchObject({ query: 'software', employee_count_max: 0 });
		expect(items).toEqual([]);
	});
});

describe('filters whose values are picked from lists', () => {
	it('the territories to pick from: every territory, by name, its ID the value', async () => {
		const options = await loadOptions('getTerritories', env.credentials);
		const territories = env.sandbox.data.territories;
		expect([...options].sort((a, b) => String(a.value).localeCompare(String(b.value)))).toEqual(
			[...territories].sort((a, b) => a.id.localeCompare(b.id)).map((t) => ({ name: t.territory_name, value: t.id })),
		);
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('the companies to pick from: the tracked accounts’ companies', async () => {
		const options = await loadOptions('getCompanies', env.credentials);
		expect(options.map((o) => o.value).sort()).toEqual(env.sandbox.data.accounts.map((a) => a.company_id).sort());
		const first = env.sandbox.data.accounts[0];
		expect(options).toContainEqual({ name: `${first.name} (${first.domain})`, value: first.company_id });
	});

	it('Account → Get Many: a territory picked from its list', async () => {
		const [territory] = await loadOptions('getTerritories', env.credentials);
		env.sandbox.clearRequests();
		const { items } = await run(1.1, { resource: 'account', operation: 'getAll', returnAll: true, simplify: false, filters: { territoryId: territory.value } });
		expect(env.sandbox.requests[0].query).toMatchObject({ territory_id: territory.value });
		expect(ids(items)).toEqual(env.sandbox.data.accounts.filter((a) => a.territory_id === territory.value).map((a) => a.id));
	});

	it('Account → Search (1.1): territories and tiers picked from lists are sent as arrays', async () => {
		const [a, b] = env.sandbox.data.territories;
		await run(1.1, { resource: 'account', operation: 'search', filters: { territoryIds: [a.id, b.id], tiers: ['A', 'B'] } });
		expect(sentBody()).toEqual({ query: '', territory_ids: [a.id, b.id], tiers: ['A', 'B'] });
	});

	it.each([1, 1.1])('Account → Search (version %s): a saved "A,B" still sends ["A","B"]', async (typeVersion) => {
		await run(typeVersion, { resource: 'account', operation: 'search', filters: { tiers: 'A,B', territoryIds: ' t-1 , t-2 ' } });
		expect(sentBody()).toEqual({ query: '', tiers: ['A', 'B'], territory_ids: ['t-1', 't-2'] });
	});

	it('Contact → Search (1.1): companies picked from the list, or given as text with commas', async () => {
		const [a, b] = env.sandbox.data.accounts;
		await run(1.1, { resource: 'contact', operation: 'search', limit: 5, filters: { companyIds: [a.company_id, b.company_id] } });
		expect(sentBody()).toEqual({ company_ids: [a.company_id, b.company_id] });
		env.sandbox.clearRequests();
		await run(1.1, { resource: 'contact', operation: 'search', limit: 5, filters: { companyIds: `${a.company_id},${b.company_id}` } });
		expect(sentBody()).toEqual({ company_ids: [a.company_id, b.company_id] });
	});

	it('Signal → Search (1.1): the chosen companies go as one comma-separated query parameter, as in version 1', async () => {
		const [a, b] = env.sandbox.data.accounts;
		const picked = await run(1.1, { resource: 'search', operation: 'query', query: 'expansion', searchScope: 'companies', companyIds: [a.company_id, b.company_id], limit: 5 });
		expect(picked.error).toBeUndefined();
		const saved = await run(1, { resource: 'search', operation: 'query', query: 'expansion', searchScope: 'companies', companyIds: `${a.company_id}, ${b.company_id}`, limit: 5 });
		const queries = env.sandbox.requests.map((request) => request.query.company_ids);
		expect(queries).toEqual([`${a.company_id},${b.company_id}`, `${a.company_id},${b.company_id}`]);
		const titles = (items: typeof picked.items) => items.map((item) => item.json.title);
		expect(titles(picked.items)).toEqual(titles(saved.items));
		expect(picked.items.length).toBeGreaterThan(0);
	});
});
