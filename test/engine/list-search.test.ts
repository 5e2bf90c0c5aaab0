import { listSearch } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 12, accounts: 300, contacts: 400 } });

describe('resource locator lists, searchable in the editor', () => {
	it('lists territories by name', async () => {
		const { results, paginationToken } = await listSearch('searchTerritories', env.credentials);
		expect(results.map((r) => r.value)).toEqual(env.sandbox.data.territories.map((t) => t.id));
		expect(results[0].name).toBe(env.sandbox.data.territories[0].territory_name);
		expect(paginationToken).toBeUndefined();
	});

	it('filters territories by a part of the name', async () => {
		const target = env.sandbox.data.territories[4];
		const word = String(target.territory_name).split(' ')[0].toLowerCase();
		const { results } = await listSearch('searchTerritories', env.credentials, word.toUpperCase());
		expect(results.map((r) => r.value)).toContain(target.id);
		for (const result of results) expect(result.name.toLowerCase()).toContain(word);
	});

	it('pages through contacts with a token', async () => {
		const first = await listSearch('searchContacts', env.credentials);
		expect(first.results.map((r) => r.value)).toEqual(env.sandbox.data.contacts.slice(0, 50).map((c) => c.id));
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('searchContacts', env.credentials, undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(env.sandbox.data.contacts.slice(50, 100).map((c) => c.id));
	});

	it('finds a contact by name without spending search credits', async () => {
		const target = env.sandbox.data.contacts[333];
		const { results } = await listSearch('searchContacts', env.credentials, String(target.last_name));
		expect(results.map((r) => r.value)).toContain(target.id);
		expect(env.sandbox.requests.every((r) => r.method === 'GET' && r.path === '/contacts')).toBe(true);
	});

	it('searches accounts on the server when given a filter', async () => {
		const target = env.sandbox.data.accounts[7];
		const { results } = await listSearch('searchAccounts', env.credentials, String(target.name));
		expect(results.map((r) => r.value)).toContain(target.id);
		expect(env.sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/accounts/search', body: { query: target.name } });
	});

	it('shows the API’s error when the key lacks the scope', async () => {
		await expect(
			listSearch('searchTerritories', { ...env.credentials, apiKey: env.sandbox.keys.contactsOnly }),
		).rejects.toThrow(/territories:read/);
	});
});
