/**
 * The credential's Allowed HTTP Request Domains in real n8n, and a server whose totals lie.
 *
 * n8n 2.x (and 1.123) add *Allowed HTTP Request Domains* to every credential that authenticates;
 * n8n keeps them in the credential's data as `allowedHttpRequestDomains` ('all' | 'domains' |
 * 'none') and `allowedDomains` (a comma-separated list). A PG:AI credential restricted to another
 * domain must send nothing, for an operation (`n8n execute`), a list search (the editor's REST
 * call) and the trigger (its poll on activation), and fail in n8n's words; restricted to the base
 * URL's host, all of it works. The CLI runs come first: the server is started after them.
 */

import { PAGES_IN_FLIGHT } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { freePort, type OwnerAccount } from '../../scripts/lib/n8n';
import {
	LINE,
	credentialFor,
	expectSuccess,
	itemsOf,
	nodeError,
	setupLine,
	teardownLine,
	triggerWorkflow,
	workflow,
	type E2eN8n,
	type N8nRun,
	type Sandbox,
} from './helpers';

const OWNER: OwnerAccount = { email: 'domains-e2e@example.com', password: 'PgAiDomains1', firstName: 'Domains', lastName: 'E2e' };
const ELSEWHERE = { id: 'pgaiE2eElsewhere', name: 'PG:AI restricted elsewhere' };
const HERE = { id: 'pgaiE2eHere', name: 'PG:AI restricted to its host' };
const OTHER_DOMAINS = 'api.example.com, *.example.org';
/** n8n's refusal: 2.x names the host, 1.x the whole URL. */
const REFUSAL = /^Domain not allowed: This credential is restricted from accessing \S+\. Only the following domains are allowed: api\.example\.com, \*\.example\.org$/;

let n8n: E2eN8n;
let sandbox: Sandbox;

const restricted = (credential: { id: string; name: string }, allowedDomains: string) => {
	const json = credentialFor(sandbox, undefined, credential);
	return { ...json, data: { ...json.data, allowedHttpRequestDomains: 'domains', allowedDomains } };
};

const contactsWith = (credential: { id: string; name: string }) =>
	workflow([{ type: 'CUSTOM.pgAi', parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, credentials: { pgAiApi: credential } }]);

const triggerWith = (id: string, credential: { id: string; name: string }) =>
	triggerWorkflow(id, `e2e domains trigger ${id}`, { event: 'newContact', pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] }, options: { maxRetries: 0 } }, credential);
const triggerElsewhere = triggerWith('pgaiDomainsTrig1', ELSEWHERE);
const triggerHere = triggerWith('pgaiDomainsTrig2', HERE);

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine({ port: await freePort(), sandbox: { sizes: { territories: 4, accounts: 1237, contacts: 120 } } }));
	const host = new URL(sandbox.url).hostname;
	await n8n.importCredentials([restricted(ELSEWHERE, OTHER_DOMAINS), restricted(HERE, host)]);
	await n8n.importWorkflows([triggerElsewhere, triggerHere]);
});
afterAll(async () => {
	await n8n?.stop();
	await teardownLine();
});
beforeEach(() => {
	sandbox.clearRequests();
	sandbox.configure({ envelope: 'current', lyingTotals: null });
});

describe(`n8n line ${LINE}: workflows run by n8n execute`, () => {
	test('an operation with a credential restricted to another domain sends nothing and fails in n8n’s words', async () => {
		const run: N8nRun = await n8n.run(contactsWith(ELSEWHERE));
		expect(nodeError(run, 'PG:AI')?.message).toMatch(REFUSAL);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('restricted to the base URL’s host, it walks every page', async () => {
		const run = expectSuccess(await n8n.run(contactsWith(HERE)));
		expect(itemsOf(run, 'PG:AI').map((item) => item.json.id)).toEqual(sandbox.data.contacts.map((c) => c.id));
		// pages 2 and 3 were in flight together: either may arrive first
		expect(sandbox.requests.map((r) => r.query.page).sort()).toEqual(['1', '2', '3']);
	});

	test('Return All over a server whose totals lie returns every record exactly once', async () => {
		sandbox.configure({ lyingTotals: { items: 7, pages: 2 } });
		const run = expectSuccess(
			await n8n.run(workflow([{ type: 'CUSTOM.pgAi', parameters: { resource: 'account', operation: 'getAll', returnAll: true } }])),
		);
		expect(itemsOf(run, 'PG:AI').map((item) => item.json.id)).toEqual(sandbox.data.accounts.map((a) => a.id));
		// each page once; nextPage counts up, so pages went ahead of the end no total told, and those
		// in flight past it yielded nothing
		const pages = 25 + PAGES_IN_FLIGHT - 1;
		expect(sandbox.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
	});
});

describe(`n8n line ${LINE}: the editor's requests and the trigger (n8n start)`, () => {
	let cookie: string;
	beforeAll(async () => {
		await n8n.startServer();
		await n8n.setupOwner(OWNER);
		cookie = await n8n.login(OWNER.email, OWNER.password);
	});

	/** The contact list search of the Contact field, as the editor asks for it; its answer or n8n's error text. */
	async function listSearch(credential: { id: string; name: string }): Promise<{ ok: boolean; text: string; values: string[] }> {
		const res = await fetch(`http://127.0.0.1:${n8n.port}/rest/dynamic-node-parameters/resource-locator-results`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({
				path: 'parameters.contactId',
				nodeTypeAndVersion: { name: 'CUSTOM.pgAi', version: 1 },
				currentNodeParameters: { resource: 'contact', operation: 'get' },
				methodName: 'searchContacts',
				credentials: { pgAiApi: credential },
			}),
		});
		const text = await res.text();
		const values = res.ok ? (JSON.parse(text).data.results as Array<{ value: string }>).map((r) => r.value) : [];
		return { ok: res.ok, text, values };
	}

	test('a list search with a credential restricted to another domain sends nothing and fails in n8n’s words', async () => {
		const search = await listSearch(ELSEWHERE);
		expect(search.ok).toBe(false);
		expect(JSON.parse(search.text).message).toMatch(REFUSAL);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('restricted to the base URL’s host, the list search lists the contacts', async () => {
		const search = await listSearch(HERE);
		expect(search.ok).toBe(true);
		expect(search.values).toEqual(sandbox.data.contacts.slice(0, 50).map((c) => c.id));
	});

	test('the trigger with a credential restricted to another domain cannot be activated and sends nothing', async () => {
		const activation = n8n.activateWorkflow(cookie, triggerElsewhere.id);
		await expect(activation).rejects.toThrow(/Domain not allowed: This credential is restricted from accessing/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('restricted to the base URL’s host, the trigger is activated and polls', async () => {
		await n8n.activateWorkflow(cookie, triggerHere.id);
		expect(sandbox.requests.filter((r) => r.path === '/contacts').length).toBeGreaterThan(0);
	});

	test('the credential test is refused where the node is, and passes on the base URL’s host', async () => {
		const test = async (credential: ReturnType<typeof restricted>) =>
			await n8n.rest<{ status: string; message: string }>(cookie, 'POST', '/credentials/test', { credentials: credential });
		const host = new URL(sandbox.url).hostname;
		const refused = await test(restricted(ELSEWHERE, OTHER_DOMAINS));
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(REFUSAL);
		expect(sandbox.requests).toHaveLength(0);
		expect(await test(restricted(HERE, host))).toMatchObject({ status: 'OK' });
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/territories']);
	});
});
