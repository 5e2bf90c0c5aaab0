import { ids, listSearch, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { accounts: 120, contacts: 600 }, operationPolls: 1, assistantDelayMs: 50 });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: parameters as never, credentials: env.credentials, ...extra });

const company = () => env.sandbox.data.companies[3];
const requestsTo = (path: string | RegExp) =>
	env.sandbox.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));

describe('company.add: asynchronous, and never sent twice', () => {
	beforeEach(() => env.sandbox.configure({ credits: { company_credits: 100 } }));

	it('waits for the operation and returns the finished operation', async () => {
		const { items, error } = await run({ resource: 'company', operation: 'add', companyName: 'Nimbus Freight', domain: 'nimbusfreight.io' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'completed', result: { company: { website_domain: 'nimbusfreight.io' } } });
		expect(requestsTo('/companies').map((r) => [r.method, r.status])).toEqual([['POST', 202]]);
		expect(requestsTo(/^\/operations\//).length).toBeGreaterThanOrEqual(1);
		expect(requestsTo('/companies')[0].body).toEqual({ company_name: 'Nimbus Freight', domain: 'nimbusfreight.io' });
	});

	it('returns the accepted operation at once when Wait for Completion is off', async () => {
		const { items } = await run({ resource: 'company', operation: 'add', domain: 'quickreturn.io', options: { waitForCompletion: false } });
		expect(items[0].json).toMatchObject({ status: 'queued' });
		expect(String(items[0].json.public_operation_id)).not.toBe('');
		expect(requestsTo(/^\/operations\//)).toHaveLength(0);
	});

	it('reports a failed operation with the API’s reason', async () => {
		const { error } = await run({ resource: 'company', operation: 'add', domain: 'broken.fail' });
		expect(error?.message).toMatch(/^PG:AI operation op_\S+ failed: Could not enrich "broken.fail"/);
	});

	it('a 402 says which credits ran out, points at Get Credits, and is not retried', async () => {
		env.sandbox.configure({ credits: { company_credits: 0 } });
		const { error } = await run({ resource: 'company', operation: 'add', domain: 'nocredit.io' });
		expect(error?.httpCode).toBe('402');
		expect(error?.message).toContain('company_credits');
		expect(error?.description).toContain('Get Credits');
		expect(requestsTo('/companies')).toHaveLength(1);
	});

	it('is not sent again when the connection breaks, whatever the network does', async () => {
		env.sandbox.inject({ method: 'POST', path: '/companies', fault: { type: 'reset' } });
		const { error } = await run({ resource: 'company', operation: 'add', domain: 'flaky.io' });
		expect(error?.description).toMatch(/not sent again/);
		expect(requestsTo('/companies')).toHaveLength(1);
	});

	it('refuses to send without a name, domain or ID, or an external ID without its system', async () => {
		expect((await run({ resource: 'company', operation: 'add' })).error?.message).toBe('Enter a Company Name, a Domain or a Company ID');
		expect((await run({ resource: 'company', operation: 'add', domain: 'x.io', additionalFields: { externalId: '42' } })).error?.message).toBe(
			'An External ID needs a Source System',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('gives up waiting after the Completion Timeout and says how to fetch the result later', async () => {
		env.sandbox.configure({ operationPolls: 50 });
		const { error } = await run({ resource: 'company', operation: 'add', domain: 'slowpoke.io', options: { completionTimeoutSeconds: 2 } });
		env.sandbox.configure({ operationPolls: 1 });
		expect(error?.message).toMatch(/^PG:AI operation op_\S+ is still (queued|running) after 2 s$/);
		expect(error?.description).toContain('Async Operation → Get');
	});
});

describe('company intelligence', () => {
	it('get returns the company', async () => {
		const { items } = await run({ resource: 'company', operation: 'get', companyId: rl(company().id) });
		expect(items.map((i) => i.json)).toEqual([company()]);
	});

	it('getRelevance walks the ranked signals and sends the query', async () => {
		const expected = env.sandbox.data.relevance[company().id];
		const { items } = await run({ resource: 'company', operation: 'getRelevance', companyId: rl(company().id), returnAll: true });
		expect([...ids(items)].sort()).toEqual(expected.map((r) => r.id).sort());
		await run({ resource: 'company', operation: 'getRelevance', companyId: rl(company().id), options: { query: 'hiring' } });
		expect(env.sandbox.requests.at(-1)?.query.q).toBe('hiring');
	});

	it('getContent outputs one item per content piece, types sent as repeated parameters', async () => {
		const { items, error } = await run({
			resource: 'company',
			operation: 'getContent',
			companyId: rl(company().id),
			returnAll: true,
			options: { types: ['email', 'notes'] },
		});
		expect(error).toBeUndefined();
		const expected = env.sandbox.data.content[company().id].filter((c) => ['email', 'notes'].includes(c.content_type));
		expect(items.map((i) => i.json.content_id)).toEqual(expected.map((c) => c.content_id));
		expect(env.sandbox.requests[0].query.type).toEqual(['email', 'notes']);
	});

	it('searchContacts pages through cached results', async () => {
		const { items, error } = await run({ resource: 'company', operation: 'searchContacts', companyId: rl(company().id), returnAll: true });
		expect(error).toBeUndefined();
		for (const item of items) expect((item.json.company as { name: string }).name).toBe(company().company_name);
		expect(requestsTo(/contacts\/search$/).every((r) => (r.query.live ?? 'false') === 'false')).toBe(true);
	});

	it('searchContacts live waits for the operation', async () => {
		const { items, error } = await run({ resource: 'company', operation: 'searchContacts', companyId: rl(company().id), options: { live: true } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'completed', result: { company_id: company().id } });
		expect(requestsTo(/contacts\/search$/).map((r) => r.query.live)).toEqual(['true']);
	});

	it('askAssistant answers and continues a conversation', async () => {
		const first = await run({ resource: 'company', operation: 'askAssistant', companyId: rl(company().id), message: 'What matters to them now?' });
		expect(first.error).toBeUndefined();
		const conversation = String(first.items[0].json.conversation_id);
		expect(first.items[0].json.message).toMatchObject({ role: 'assistant' });
		const second = await run({
			resource: 'company',
			operation: 'askAssistant',
			companyId: rl(company().id),
			message: 'And who should I call?',
			options: { conversationId: conversation },
		});
		expect(second.items[0].json.conversation_id).toBe(conversation);
		expect(env.sandbox.requests.at(-1)?.body).toEqual({ message: 'And who should I call?', conversation_id: conversation });
	});

	it('askAssistant stops at its own timeout and does not ask twice', async () => {
		env.sandbox.inject({ method: 'POST', path: /assistant\/chat$/, fault: { type: 'delay', ms: 2500 } });
		const { error } = await run({ resource: 'company', operation: 'askAssistant', companyId: rl(company().id), message: 'Hi', options: { timeoutSeconds: 1 } });
		expect(error?.message).toBe('PG:AI did not answer within the timeout');
		expect(requestsTo(/assistant\/chat$/)).toHaveLength(1);
	});

	it('companies are listed for the resource locator by their company_id', async () => {
		const { results } = await listSearch('searchCompanies', env.credentials);
		expect(results.map((r) => r.value)).toEqual(env.sandbox.data.accounts.slice(0, 50).map((a) => a.company_id));
	});
});

describe('semantic search', () => {
	it('searches the organisation, walking the ranked pages', async () => {
		const { items, error } = await run({ resource: 'search', operation: 'query', query: 'expansion', returnAll: true, options: { perSource: 2 } });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(env.sandbox.requests[0].query).toMatchObject({ scope: 'organisation', q: 'expansion', per_source: '2' });
	});

	it('searches chosen companies, IDs joined, dates as ISO', async () => {
		const [a, b] = env.sandbox.data.companies;
		const { error } = await run({
			resource: 'search',
			operation: 'query',
			searchScope: 'companies',
			query: 'funding',
			companyIds: [a.id, b.id],
			limit: 5,
			options: { dateFrom: '2020-01-01T00:00:00.000Z', dateTo: '2030-01-01' },
		});
		expect(error).toBeUndefined();
		expect(env.sandbox.requests[0].query).toMatchObject({
			scope: 'companies',
			company_ids: `${a.id},${b.id}`,
			date_from: '2020-01-01T00:00:00.000Z',
			date_to: '2030-01-01T00:00:00.000Z',
		});
	});

	it('refuses a companies search without company IDs before any request', async () => {
		const { error } = await run({ resource: 'search', operation: 'query', searchScope: 'companies', query: 'x', companyIds: '={{ "" }}' });
		expect(error?.message).toBe('Searching chosen companies needs at least one Company ID');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('credits and operations', () => {
	it('organization.getCredits returns the balance as a map', async () => {
		env.sandbox.configure({ credits: { company_credits: 7 } });
		const { items } = await run({ resource: 'organization', operation: 'getCredits' });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ credit_remaining: { company_credits: 7 } });
	});

	it('operation.get looks at an operation, and can wait for it', async () => {
		env.sandbox.configure({ credits: { company_credits: 10 }, operationPolls: 2 });
		const accepted = await run({ resource: 'company', operation: 'add', domain: 'later.io', options: { waitForCompletion: false } });
		const id = String(accepted.items[0].json.public_operation_id);
		const look = await run({ resource: 'operation', operation: 'get', operationId: rl(id) });
		expect(look.items[0].json).toMatchObject({ public_operation_id: id });
		expect(look.items[0].json.status).not.toBe('completed');
		const waited = await run({ resource: 'operation', operation: 'get', operationId: rl(id), options: { waitForCompletion: true } });
		expect(waited.items[0].json).toMatchObject({ public_operation_id: id, status: 'completed' });
		env.sandbox.configure({ operationPolls: 1 });
	});
});
