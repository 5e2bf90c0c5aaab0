/**
 * The node's light versions in real n8n: the editor gives a new PG:AI node version 1.1, which
 * answers with each record's essentials; a workflow saved with version 1 returns exactly the
 * records it returned before; a filter added and left untouched narrows nothing; a filter's
 * territory is picked from the list n8n's editor loads.
 */
import { freePort } from '../../scripts/lib/n8n';
import { DEMO_OWNER } from '../../scripts/demo';
import { CREDENTIAL, LINE, expectSuccess, itemsOf, setupLine, teardownLine, workflow, type E2eN8n, type N8nRun, type NodeDef, type Sandbox } from './helpers';

let n8n: E2eN8n;
let sandbox: Sandbox;

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine({ port: await freePort() }));
});
afterAll(() => teardownLine());
beforeEach(() => sandbox.clearRequests());

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const json = (run: N8nRun, node: string) => itemsOf(run, node).map((item) => item.json);

/** The same reads, as PG:AI nodes of one version, each run once. */
function reads(typeVersion: number): NodeDef[] {
	const node = (name: string, parameters: Record<string, unknown>): NodeDef => ({ type: 'CUSTOM.pgAi', name, parameters, typeVersion, executeOnce: true });
	return [
		node('Account', { resource: 'account', operation: 'get', accountId: rl(sandbox.data.accounts[0].id) }),
		node('Contacts', { resource: 'contact', operation: 'getAll', limit: 5 }),
		node('Territories', { resource: 'territory', operation: 'getAll', returnAll: true }),
	];
}

describe(`node versions in real n8n ${LINE === 1 ? '1.123' : '2.40'}`, () => {
	test('a workflow saved with version 1 returns the whole records, exactly as the API sent them', async () => {
		const run = expectSuccess(await n8n.run(workflow(reads(1))));
		expect(json(run, 'Account')).toEqual([sandbox.data.accounts[0]]);
		expect(json(run, 'Contacts')).toEqual(sandbox.data.contacts.slice(0, 5));
		expect(json(run, 'Territories')).toEqual(sandbox.data.territories);
	});

	test('version 1.1 returns each record’s essentials by default', async () => {
		const run = expectSuccess(await n8n.run(workflow(reads(1.1))));
		const { id, company_id, name, domain, tier, score } = sandbox.data.accounts[0];
		expect(json(run, 'Account')).toEqual([{ id, company_id, name, domain, tier, score }]);
		expect(json(run, 'Contacts').map((contact) => Object.keys(contact))).toEqual(
			sandbox.data.contacts.slice(0, 5).map(() => expect.arrayContaining(['id', 'name', 'email'])),
		);
		expect(json(run, 'Contacts').every((contact) => !('first_name' in contact))).toBe(true);
		expect(json(run, 'Territories')).toEqual(
			sandbox.data.territories.map((t) => ({ id: t.id, name: t.territory_name, status: t.status })),
		);
	});

	test('Account → Search: Employee Count Max added and left at 0 returns the records the search returns without it (1.1)', async () => {
		const search = (name: string, typeVersion: number, filters: Record<string, unknown>): NodeDef => ({
			type: 'CUSTOM.pgAi',
			name,
			typeVersion,
			executeOnce: true,
			parameters: { resource: 'account', operation: 'search', query: 'software', limit: 20, filters },
		});
		const run = expectSuccess(
			await n8n.run(
				workflow([
					search('Without', 1.1, {}),
					search('Untouched', 1.1, { employeeCountMax: 0 }),
					// version 1 sends the 0 as saved, as it always did
					search('Saved with version 1', 1, { employeeCountMax: 0 }),
				]),
			),
		);
		expect(json(run, 'Without').length).toBeGreaterThan(0);
		expect(json(run, 'Untouched')).toEqual(json(run, 'Without'));
		const bodies = sandbox.requests.filter((r) => r.path === '/accounts/search').map((r) => r.body);
		expect(bodies).toEqual([{ query: 'software' }, { query: 'software' }, { query: 'software', employee_count_max: 0 }]);
		expect(json(run, 'Saved with version 1')).toEqual([]);
	});

	test('the editor offers version 1.1 for new nodes, and a filter’s territory picked from the list it loads works', async () => {
		await n8n.startServer();
		await n8n.setupOwner(DEMO_OWNER);
		const cookie = await n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
		const types: Array<{ name: string; version: number | number[]; defaultVersion?: number }> = await (
			await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie } })
		).json();
		expect(types.find((t) => t.name === 'CUSTOM.pgAi')).toMatchObject({ version: [1, 1.1], defaultVersion: 1.1 });
		// what the editor asks for when the Territory filter's list opens
		const options = await n8n.rest<Array<{ name: string; value: string }>>(cookie, 'POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: 'CUSTOM.pgAi', version: 1.1 },
			path: 'filters.territoryId',
			methodName: 'getTerritories',
			currentNodeParameters: { resource: 'account', operation: 'getAll', filters: {} },
			credentials: { pgAiApi: { ...CREDENTIAL } },
		});
		await n8n.stop();
		expect(options.map((o) => o.value).sort()).toEqual(sandbox.data.territories.map((t) => t.id).sort());
		const picked = options[options.length - 1];
		expect(picked.name).toBe(sandbox.data.territories.find((t) => t.id === picked.value)?.territory_name);

		const run = expectSuccess(
			await n8n.run(
				workflow([
					{ type: 'CUSTOM.pgAi', name: 'Accounts', typeVersion: 1.1, parameters: { resource: 'account', operation: 'getAll', returnAll: true, filters: { territoryId: picked.value } } },
				]),
			),
		);
		const expected = sandbox.data.accounts.filter((a) => a.territory_id === picked.value);
		expect(expected.length).toBeGreaterThan(0);
		expect(json(run, 'Accounts').map((a) => a.id)).toEqual(expected.map((a) => a.id));
	});
});
