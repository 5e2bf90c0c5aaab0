/**
 * A server whose envelopes announce totals that contradict its pages (pgai-api.md's own examples
 * have inconsistent counts): paging follows nextPage / has_next and the records themselves, so a
 * wrong total neither cuts a walk short nor ends it with an error.
 */
import type { IDataObject } from 'n8n-workflow';

import { PAGES_IN_FLIGHT } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { ids, listSearch, poll, runNode, TRIGGER_NODE } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 3, accounts: 1237, contacts: 120 } });
const LIES = { items: 7, pages: 2 };

beforeEach(() => env.sandbox.configure({ lyingTotals: LIES }));

describe('Return All over totals that lie', () => {
	it.each(['current', 'ranked', 'data', 'rich'] as const)('returns every account exactly once (%s envelope)', async (envelope) => {
		env.sandbox.configure({ envelope });
		const { items, error } = await runNode({ parameters: { resource: 'account', operation: 'getAll', returnAll: true }, credentials: env.credentials });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.accounts.map((a) => a.id));
		// 24 full pages and one of 37: each asked for once; where nextPage counts up (the current
		// envelope) pages go ahead of an end no total tells, and those in flight past it yield nothing
		const pages = envelope === 'current' ? 25 + PAGES_IN_FLIGHT - 1 : 25;
		expect(env.sandbox.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
	});

	it('Limit past the announced total still gets its records', async () => {
		const { items } = await runNode({ parameters: { resource: 'account', operation: 'getAll', limit: 120 }, credentials: env.credentials });
		expect(ids(items)).toEqual(env.sandbox.data.accounts.slice(0, 120).map((a) => a.id));
	});
});

describe('the other walks over totals that lie', () => {
	it('a list search hands out a token for the next page', async () => {
		const first = await listSearch('searchAccounts', env.credentials);
		expect(first.results.map((r) => r.value)).toEqual(env.sandbox.data.accounts.slice(0, 50).map((a) => a.id));
		expect(first.paginationToken).toBe('2');
	});

	it('the trigger emits an account added after activation', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'newAccount' };
		expect((await poll({ parameters, credentials: env.credentials, staticData, tick: 'activation' })).emitted).toBe(false);
		const newest = env.sandbox.data.accounts.map((a) => Date.parse(a.created_at)).reduce((a, b) => Math.max(a, b));
		const [added] = env.sandbox.addRecords('account', [{ created_at: new Date(newest + 1000).toISOString() }]);
		const next = await poll({ parameters, credentials: env.credentials, staticData });
		expect(next.error).toBeUndefined();
		expect(next.items.map((item) => item.json.id)).toEqual([added.id]);
		expect(staticData[`node:${TRIGGER_NODE}`]).toBeDefined();
	});
});
