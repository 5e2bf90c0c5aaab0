import { startSandbox, type Sandbox } from '../../sandbox';
import { call, ids } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const inListOrder = (records: Array<{ id?: string; content_id?: string; created_at: string }>) =>
	records.every((record, i) => {
		if (i === 0) return true;
		const previous = records[i - 1];
		const diff = Date.parse(previous.created_at) - Date.parse(record.created_at);
		return diff < 0 || (diff === 0 && (previous.id ?? previous.content_id)! < (record.id ?? record.content_id)!);
	});

describe('seeded data', () => {
	it('has the default sizes: 12 territories, 2000 accounts, 5000 contacts', () => {
		expect([sandbox.data.territories.length, sandbox.data.accounts.length, sandbox.data.contacts.length]).toEqual([12, 2000, 5000]);
	});

	it('derives everything from the seed', async () => {
		const same = await startSandbox({ sizes: { territories: 12, accounts: 50, contacts: 80 } });
		const again = await startSandbox({ sizes: { territories: 12, accounts: 50, contacts: 80 } });
		const other = await startSandbox({ seed: 7, sizes: { territories: 12, accounts: 50, contacts: 80 } });
		try {
			expect(JSON.stringify(again.data)).toBe(JSON.stringify(same.data));
			expect(again.data.relevance[again.data.companies[10].id]).toEqual(same.data.relevance[same.data.companies[10].id]);
			expect(ids(other.data.contacts)).not.toEqual(ids(same.data.contacts));
			// More contacts do not change the territories or accounts.
			expect(same.data.territories).toEqual(sandbox.data.territories);
		} finally {
			await Promise.all([same.close(), again.close(), other.close()]);
		}
	});

	it('keeps every list in created_at order, ties by id, with UUID ids and past ISO timestamps', () => {
		const { territories, accounts, companies, contacts, territoryCompanies, content } = sandbox.data;
		for (const list of [territories, accounts, companies, contacts, ...Object.values(territoryCompanies), content[companies[0].id]]) {
			expect(inListOrder(list)).toBe(true);
		}
		const wrong = [...territories, ...accounts, ...contacts].filter(
			(record) => !UUID.test(record.id) || new Date(record.created_at).toISOString() !== record.created_at || Date.parse(record.created_at) >= Date.now(),
		);
		expect(wrong).toEqual([]);
	});

	it('links every account to a company and a territory, and the territory companies are those accounts', () => {
		const { accounts, companies, territories, territoryCompanies } = sandbox.data;
		const companyIds = new Set(companies.map((c) => c.id));
		const territoryIds = new Set(territories.map((t) => t.id));
		const wrong = accounts.filter(
			(account) =>
				!companyIds.has(account.company_id) ||
				!territoryIds.has(account.territory_id) ||
				account.tier !== (account.score >= 70 ? 'A' : account.score >= 40 ? 'B' : 'C') ||
				!(account.score >= 0 && account.score <= 100),
		);
		expect(wrong).toEqual([]);
		for (const territory of territories) {
			const members = territoryCompanies[territory.id].map((row) => row.company_id).sort();
			expect(members).toEqual(accounts.filter((a) => a.territory_id === territory.id).map((a) => a.company_id).sort());
		}
		expect(new Set(accounts.map((a) => a.tier))).toEqual(new Set(['A', 'B', 'C']));
	});

	it('gives contacts the full current shape and a company of the workspace', () => {
		const names = new Set(sandbox.data.companies.map((c) => c.company_name));
		const keys = ['company', 'country', 'country_code', 'created_at', 'education', 'email', 'emails', 'experience', 'first_name', 'full_name', 'headline', 'id', 'image_url', 'last_name', 'linkedin_url', 'location', 'phones', 'skills', 'summary', 'current_job_title', 'updated_at'].sort();
		const wrong = sandbox.data.contacts.filter(
			(contact) => JSON.stringify(Object.keys(contact).sort()) !== JSON.stringify(keys) || !names.has(contact.company!.name) || !/^[^@\s]+@[^@\s]+\.[a-z.]+$/.test(contact.email),
		);
		expect(wrong).toEqual([]);
		expect(new Set(sandbox.data.contacts.map((c) => c.email)).size).toBe(sandbox.data.contacts.length);
	});

	it('serves the records as they are in sandbox.data', async () => {
		const contacts = [];
		for (let page = 1; ; page++) {
			const res = await call(sandbox, `/contacts?per_page=50&page=${page}`);
			contacts.push(...res.body.items);
			if (res.body.nextPage === null) break;
		}
		// Compared as JSON: jest's deep equality is slow on 5,000 nested records.
		expect(JSON.stringify(contacts)).toBe(JSON.stringify(sandbox.data.contacts));
		const territory = sandbox.data.territories[0];
		expect((await call(sandbox, `/territories/${territory.id}`)).body).toEqual(territory);
	});

	it('records requests with what the type promises, nothing more', async () => {
		sandbox.clearRequests();
		await call(sandbox, '/contacts?per_page=50');
		expect(Object.keys(sandbox.requests[0]).sort()).toEqual(['answeredAt', 'apiKey', 'at', 'body', 'method', 'path', 'query', 'rateLimited', 'seq', 'status']);
	});
});
