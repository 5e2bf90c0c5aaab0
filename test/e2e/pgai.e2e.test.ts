/**
 * The PG:AI node in real n8n (the packed package loaded as n8n loads a custom extension), run with
 * `n8n execute` against the sandbox: every operation, the walks, the legacy envelopes, a 429 in the
 * middle of a walk, a key without the scope, Continue On Fail, many items against a small rate
 * limit, and the API key absent from everything n8n printed or kept.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	LINE,
	credentialFor,
	expectSuccess,
	itemsOf,
	nodeError,
	setupLine,
	teardownLine,
	workflow,
	type E2eN8n,
	type N8nRun,
	type NodeDef,
	type Sandbox,
} from './helpers';

/** A key unlike anything else n8n prints, so that finding it anywhere is a leak. */
const KEY = 'pgai-live-e2e-7f3a9c1e55d0b4a2';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const ids = (run: N8nRun, node: string) => itemsOf(run, node).map((item) => item.json.id);

let n8n: E2eN8n;
let sandbox: Sandbox;
const runs: N8nRun[] = [];

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine({ sandbox: { keys: { [KEY]: ['*'] } }, apiKey: KEY }));
	await n8n.importCredentials([credentialFor(sandbox, sandbox.keys.contactsOnly, { id: 'pgaiE2eContactsOnly', name: 'PG:AI contacts only' })]);
});
afterAll(() => teardownLine());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.clearRequests();
	sandbox.configure({ envelope: 'current', rateLimit: null });
});

async function run(nodes: NodeDef[]): Promise<N8nRun> {
	const result = await n8n.run(workflow(nodes));
	runs.push(result);
	return result;
}

/** A PG:AI node that runs once, on the first item it gets. */
const once = (name: string, parameters: Record<string, unknown>): NodeDef => ({ type: 'CUSTOM.pgAi', name, parameters, executeOnce: true });

describe(`PG:AI in real n8n ${LINE === 1 ? '1.123' : '2.40'}`, () => {
	test('every operation returns exactly the sandbox’s records', async () => {
		// As they are before this workflow adds a contact and a company.
		const contactIds = sandbox.data.contacts.map((c) => c.id);
		const accountsBefore = [...sandbox.data.accounts];
		const result = expectSuccess(
			await run([
				once('Territories', { resource: 'territory', operation: 'getAll', returnAll: true }),
				once('Territory', { resource: 'territory', operation: 'get', territoryId: rl('={{ $json.id }}') }),
				once('Territory companies', { resource: 'territory', operation: 'getCompanies', territoryId: rl('={{ $json.id }}'), returnAll: true }),
				once('Accounts', { resource: 'account', operation: 'getAll', returnAll: true, filters: { territoryId: "={{ $('Territory').first().json.id }}" } }),
				once('Account', { resource: 'account', operation: 'get', accountId: rl('={{ $json.id }}') }),
				once('Account search', { resource: 'account', operation: 'search', query: 'software', limit: 20 }),
				once('Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }),
				once('Contact', { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') }),
				once('New contact', { resource: 'contact', operation: 'create', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', additionalFields: { jobTitle: 'CTO' } }),
				once('Contact search', { resource: 'contact', operation: 'search', limit: 10, filters: { seniorities: 'vp, director' } }),
				once('Company', { resource: 'company', operation: 'get', companyId: rl("={{ $('Account').first().json.company_id }}") }),
				once('Signals', { resource: 'company', operation: 'getRelevance', companyId: rl('={{ $json.id }}'), returnAll: true }),
				once('Content', { resource: 'company', operation: 'getContent', companyId: rl("={{ $('Company').first().json.id }}"), returnAll: true, options: { types: ['email'] } }),
				once('People at company', { resource: 'company', operation: 'searchContacts', companyId: rl("={{ $('Company').first().json.id }}"), limit: 5 }),
				once('Live people search', { resource: 'company', operation: 'searchContacts', companyId: rl("={{ $('Company').first().json.id }}"), options: { live: true } }),
				once('Assistant', { resource: 'company', operation: 'askAssistant', companyId: rl("={{ $('Company').first().json.id }}"), message: 'Why now?' }),
				once('Add company', { resource: 'company', operation: 'add', domain: 'e2e-newco.io', options: { waitForCompletion: false } }),
				once('Operation', { resource: 'operation', operation: 'get', operationId: rl('={{ $json.public_operation_id }}'), options: { waitForCompletion: true } }),
				once('Semantic search', { resource: 'search', operation: 'query', query: 'expansion', limit: 10 }),
				once('Credits', { resource: 'organization', operation: 'getCredits' }),
			]),
		);
		const { data } = sandbox;
		const territory = data.territories[0];
		expect(ids(result, 'Territories')).toEqual(data.territories.map((t) => t.id));
		expect(itemsOf(result, 'Territory').map((i) => i.json)).toEqual([territory]);
		expect(ids(result, 'Territory companies')).toEqual(data.territoryCompanies[territory.id].map((c) => c.id));
		const accounts = accountsBefore.filter((a) => a.territory_id === territory.id);
		expect(ids(result, 'Accounts')).toEqual(accounts.map((a) => a.id));
		expect(itemsOf(result, 'Account').map((i) => i.json)).toEqual([accounts[0]]);
		expect(itemsOf(result, 'Account search').length).toBeGreaterThan(0);
		// Return All across 100 pages of 50, every id once and in order
		expect(ids(result, 'Contacts')).toEqual(contactIds);
		expect(sandbox.requests.filter((r) => r.path === '/contacts' && r.method === 'GET')).toHaveLength(100);
		expect(itemsOf(result, 'Contact').map((i) => i.json)).toEqual([data.contacts[0]]);
		expect(itemsOf(result, 'New contact')[0].json).toMatchObject({ first_name: 'Ada', email: 'ada@analytical.example' });
		expect(itemsOf(result, 'Contact search').length).toBeGreaterThan(0);
		const company = data.companies.find((c) => c.id === accounts[0].company_id)!;
		expect(itemsOf(result, 'Company').map((i) => i.json)).toEqual([company]);
		expect([...ids(result, 'Signals')].sort()).toEqual(data.relevance[company.id].map((r) => r.id).sort());
		expect(itemsOf(result, 'Content').map((i) => i.json.content_id)).toEqual(
			data.content[company.id].filter((c) => c.content_type === 'email').map((c) => c.content_id),
		);
		expect(itemsOf(result, 'People at company').length).toBeGreaterThan(0);
		expect(itemsOf(result, 'Live people search')[0].json).toMatchObject({ status: 'completed', result: { company_id: company.id } });
		expect(itemsOf(result, 'Assistant')[0].json).toMatchObject({ message: { role: 'assistant' } });
		expect(itemsOf(result, 'Add company')[0].json).toMatchObject({ status: 'queued' });
		expect(itemsOf(result, 'Operation')[0].json).toMatchObject({ status: 'completed', result: { company: { website_domain: 'e2e-newco.io' } } });
		expect(itemsOf(result, 'Semantic search').length).toBeGreaterThan(0);
		expect(itemsOf(result, 'Credits')[0].json).toHaveProperty('credit_remaining');
	});

	test('the legacy envelopes give the same records', async () => {
		sandbox.configure({ envelope: 'legacy' });
		const territory = sandbox.data.territories[1];
		const result = expectSuccess(
			await run([
				once('Territories', { resource: 'territory', operation: 'getAll', returnAll: true }),
				once('Territory companies', { resource: 'territory', operation: 'getCompanies', territoryId: rl(territory.id), returnAll: true }),
				once('Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }),
			]),
		);
		expect(ids(result, 'Territories')).toEqual(sandbox.data.territories.map((t) => t.id));
		// the older API lists company summaries, whose id is the company's
		expect(ids(result, 'Territory companies')).toEqual(sandbox.data.territoryCompanies[territory.id].map((c) => c.company_id));
		expect(ids(result, 'Contacts')).toEqual(sandbox.data.contacts.map((c) => c.id));
	});

	test('a 429 on page 7 costs exactly one extra request: page 7 again', async () => {
		sandbox.inject({ method: 'GET', path: '/contacts', query: { page: '7' }, fault: { type: 'status', status: 429, body: { error: 'Rate limit exceeded' }, headers: { 'Retry-After': '1' } } });
		const result = expectSuccess(await run([once('Contacts', { resource: 'contact', operation: 'getAll', returnAll: true })]));
		expect(ids(result, 'Contacts')).toEqual(sandbox.data.contacts.map((c) => c.id));
		const pages = sandbox.requests.filter((r) => r.path === '/contacts').map((r) => Number(r.query.page));
		const all = Array.from({ length: Math.ceil(sandbox.data.contacts.length / 50) }, (_, i) => i + 1);
		// later pages were in flight meanwhile: each page once, page 7 again after its 429
		expect([...pages].sort((a, b) => a - b)).toEqual([...all.slice(0, 7), 7, ...all.slice(7)]);
		expect(sandbox.requests.filter((r) => r.query.page === '7').map((r) => r.status)).toEqual([429, 200]);
		// the key went to the API, as the x-api-key header, on every request
		expect(sandbox.requests.every((r) => r.apiKey === KEY)).toBe(true);
	});

	test('a key without the scope gets the 403 in the API’s words', async () => {
		const result = await run([
			{ type: 'CUSTOM.pgAi', name: 'Territories', parameters: { resource: 'territory', operation: 'getAll' }, credentials: { pgAiApi: { id: 'pgaiE2eContactsOnly', name: 'PG:AI contacts only' } } },
		]);
		const error = nodeError(result, 'Territories');
		expect(error?.message).toContain('territories:read');
		expect(error?.description).toContain('lacks the scope "territories:read"');
	});

	test('Continue On Fail: the failing item becomes an error item, the others go on, all paired', async () => {
		const [a, b] = sandbox.data.contacts;
		const result = expectSuccess(
			await run([
				{ type: 'n8n-nodes-base.code', name: 'IDs', parameters: { jsCode: `return ${JSON.stringify([a.id, 'missing', b.id])}.map((id) => ({ json: { id } }));` } },
				{ type: 'CUSTOM.pgAi', name: 'Contact', parameters: { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') }, onError: 'continueRegularOutput' },
			]),
		);
		const items = itemsOf(result, 'Contact');
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([a.id, 'Contact not found', b.id]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('300 input items into contact.get against 60 requests per second all come back, with at most a handful of 429s', async () => {
		sandbox.configure({ rateLimit: { limit: 60, windowMs: 1000 } });
		const wanted = sandbox.data.contacts.slice(0, 300).map((c) => c.id);
		const result = expectSuccess(
			await run([
				{ type: 'n8n-nodes-base.code', name: 'IDs', parameters: { jsCode: `return ${JSON.stringify(wanted)}.map((id) => ({ json: { id } }));` } },
				{ type: 'CUSTOM.pgAi', name: 'Contact', parameters: { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') } },
			]),
		);
		expect(ids(result, 'Contact')).toEqual(wanted);
		expect(sandbox.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(3);
	});

	test('faults: reads retried alone, a create never sent twice, the key never sent to another host', async () => {
		const elsewhere: Array<string | undefined> = [];
		const other = createServer((request, response) => {
			elsewhere.push(request.headers['x-api-key'] as string | undefined);
			response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		try {
			const moved = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1/territories`;
			// by page number: pages in flight arrive in no fixed order
			sandbox.inject({ method: 'GET', path: '/contacts', query: { page: '3' }, fault: { type: 'status', status: 500, body: { error: 'Upstream failure' } } });
			sandbox.inject({ method: 'GET', path: '/contacts', query: { page: '5' }, fault: { type: 'reset' } });
			sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'status', status: 500, body: { error: 'Upstream failure' } } });
			sandbox.inject({ method: 'GET', path: '/territories', fault: { type: 'redirect', status: 302, location: moved } });
			const keepGoing = { onError: 'continueRegularOutput', executeOnce: true };
			const result = expectSuccess(
				await run([
					once('Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }),
					{ ...once('New contact', { resource: 'contact', operation: 'create', firstName: 'Alan', lastName: 'Turing', email: 'alan@bletchley.example' }), ...keepGoing },
					{ ...once('Territories', { resource: 'territory', operation: 'getAll' }), ...keepGoing },
				]),
			);
			expect(ids(result, 'Contacts')).toEqual(sandbox.data.contacts.map((c) => c.id));
			const pages = sandbox.requests.filter((r) => r.path === '/contacts' && r.method === 'GET').map((r) => Number(r.query.page));
			expect(pages.filter((page) => page === 3 || page === 5).sort()).toEqual([3, 3, 5, 5]);
			expect(itemsOf(result, 'New contact').map((i) => i.json.error)).toEqual(['Upstream failure']);
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(String(itemsOf(result, 'Territories')[0].json.error)).toContain('a redirect to http://127.0.0.1');
			expect(elsewhere).toEqual([]);
		} finally {
			other.closeAllConnections();
			await new Promise((resolve) => other.close(resolve));
		}
	});

	test('the API key appears nowhere n8n printed or kept', () => {
		expect(runs.length).toBeGreaterThanOrEqual(5);
		const texts = [...runs.flatMap((r) => [r.stdoutPath, r.stderrPath]), ...n8n.logFiles()].map((path) => readFileSync(path, 'utf8'));
		expect(texts.join('').length).toBeGreaterThan(100_000);
		for (const text of texts) expect(text).not.toContain(KEY);
		for (const r of runs) expect(JSON.stringify(r.data)).not.toContain(KEY);
	});
});
