/** The sandbox's list order option: by created_at (default), newest first, or by id (not by time). */
import { startSandbox, type Sandbox } from '../../sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ sizes: { territories: 3, accounts: 60, contacts: 80 } });
});

afterAll(async () => {
	await sandbox.close();
});

afterEach(() => sandbox.configure({ listOrder: 'created' }));

async function ids(path: string): Promise<string[]> {
	const all: string[] = [];
	for (let page = 1; ; page++) {
		const response = await fetch(`${sandbox.url}${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=50`, {
			headers: { 'x-api-key': sandbox.demoKey },
		});
		const body = (await response.json()) as { items: Array<{ id: string }>; nextPage: number | null };
		all.push(...body.items.map((item) => item.id));
		if (body.nextPage === null) return all;
	}
}

const byCreation = (records: Array<{ id: string; created_at: string }>) =>
	[...records].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)).map((r) => r.id);

describe('list order', () => {
	it('is by created_at, then id, by default', async () => {
		expect(await ids('/contacts')).toEqual(byCreation(sandbox.data.contacts));
	});

	it('can be newest first, across pages', async () => {
		sandbox.configure({ listOrder: 'newest' });
		expect(await ids('/contacts')).toEqual(byCreation(sandbox.data.contacts).reverse());
		const territory = sandbox.data.territories[0].id;
		expect(await ids(`/territories/${territory}/companies`)).toEqual(byCreation(sandbox.data.territoryCompanies[territory]).reverse());
	});

	it('can be by id, which is not by time, also for filtered accounts and records added later', async () => {
		sandbox.configure({ listOrder: 'id' });
		const [added] = sandbox.addRecords('contact', [{ created_at: '2030-01-01T00:00:00Z' }]);
		const listed = await ids('/contacts');
		expect(listed).toEqual(sandbox.data.contacts.map((c) => c.id).sort());
		expect(listed.indexOf(String(added.id))).toBeLessThan(listed.length - 1);
		const tierA = await ids('/accounts?tier=A');
		expect(tierA).toEqual(sandbox.data.accounts.filter((a) => a.tier === 'A').map((a) => a.id).sort());
	});

	it('leaves searches alone', async () => {
		sandbox.configure({ listOrder: 'newest' });
		const response = await fetch(`${sandbox.url}/contacts/search?per_page=50`, {
			method: 'POST',
			headers: { 'x-api-key': sandbox.demoKey, 'content-type': 'application/json' },
			body: JSON.stringify({ countries: ['Germany', 'France', 'United States', 'United Kingdom'] }),
		});
		const found = ((await response.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
		expect(found.length).toBeGreaterThan(1);
		const positions = found.map((id) => sandbox.data.contacts.findIndex((c) => c.id === id));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
	});

	it('is refused when unknown', () => {
		expect(() => sandbox.configure({ listOrder: 'random' as never })).toThrow('listOrder must be one of created, newest, id');
	});
});
