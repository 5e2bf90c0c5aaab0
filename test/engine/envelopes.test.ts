import { ids, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 60, accounts: 400, contacts: 620 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const modes = ['current', 'legacy', 'paged', 'ranked', 'data', 'bare', 'rich'] as const;

describe.each(modes)('every list endpoint accepts the %s envelope', (mode) => {
	beforeEach(() => env.sandbox.configure({ envelope: mode }));

	const walk = async (parameters: Record<string, unknown>) => {
		const { items, error } = await runNode({ parameters: { returnAll: true, ...parameters } as never, credentials: env.credentials });
		expect(error).toBeUndefined();
		return ids(items);
	};

	it('territory.getAll', async () => {
		expect(await walk({ resource: 'territory', operation: 'getAll' })).toEqual(env.sandbox.data.territories.map((t) => t.id));
	});

	it('territory.getCompanies', async () => {
		const territory = env.sandbox.data.territories[2];
		// The older API lists company summaries, whose id is the company's, not the membership row's.
		const key = mode === 'legacy' ? 'company_id' : 'id';
		expect(await walk({ resource: 'territory', operation: 'getCompanies', territoryId: rl(territory.id) })).toEqual(
			env.sandbox.data.territoryCompanies[territory.id].map((c) => c[key]),
		);
	});

	it('account.getAll', async () => {
		expect(await walk({ resource: 'account', operation: 'getAll' })).toEqual(env.sandbox.data.accounts.map((a) => a.id));
	});

	it('contact.getAll', async () => {
		expect(await walk({ resource: 'contact', operation: 'getAll' })).toEqual(env.sandbox.data.contacts.map((c) => c.id));
	});

	it('account.search', async () => {
		const found = await walk({ resource: 'account', operation: 'search', filters: { tiers: 'A,B,C' } });
		expect([...found].sort()).toEqual(env.sandbox.data.accounts.map((a) => a.id).sort());
	});
});

describe('a server that honours only one page-size name', () => {
	it.each(['per_page', 'limit'] as const)('walks every page when it honours only %s', async (param) => {
		env.sandbox.configure({ pageSizeParam: param });
		const { items } = await runNode({ parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, credentials: env.credentials });
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
	});
});

describe('a page that repeats', () => {
	it('ends the walk instead of looping, without duplicates', async () => {
		env.sandbox.configure({ envelope: 'bare' });
		// A server that ignores paging answers every page with the same full list.
		env.sandbox.inject({ path: '/accounts', times: Infinity, fault: { type: 'status', status: 200, body: env.sandbox.data.accounts.slice(0, 60) } });
		const { items, error } = await runNode({ parameters: { resource: 'account', operation: 'getAll', returnAll: true }, credentials: env.credentials });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.accounts.slice(0, 60).map((a) => a.id));
		expect(env.sandbox.requests).toHaveLength(2);
	});
});
