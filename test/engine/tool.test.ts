/**
 * The node as n8n runs it for an AI Agent (the derived `CUSTOM.pgAiTool` type): PG:AI's refusals
 * come back as the answer, records are simplified unless the tool turns Simplify off; and the
 * action node as before, Continue On Fail items carrying the same report.
 */
import { runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: parameters as never, credentials: env.credentials, ...extra });
const asTool = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await run(parameters, { asTool: true, ...extra });

const search = { resource: 'account', operation: 'search', query: 'software', limit: 10 };

describe('as an AI Agent tool, a refusal by PG:AI is the answer, in the API’s words with the node’s advice', () => {
	it('403: names the missing scope', async () => {
		const result = await asTool(search, { credentials: { ...env.credentials, apiKey: env.sandbox.keys.contactsOnly } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{
				error: 'Access denied. Required scope: accounts:read',
				status: 403,
				code: 'forbidden',
				retryable: false,
				advice: 'The API key lacks the scope "accounts:read". Give the key that scope in PG:AI’s API key settings, or use a key that has it.',
			},
		]);
		expect(result.serialized).not.toContain(env.sandbox.keys.contactsOnly);
	});

	it('404: names what was not found', async () => {
		const result = await asTool({ resource: 'contact', operation: 'get', contactId: rl('no-such-contact') });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ error: 'Contact not found', status: 404, retryable: false, advice: expect.stringContaining('GET /contacts/no-such-contact') },
		]);
	});

	it('400: names the fields', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'status', status: 400, body: { error: 'Validation error', details: ['Missing required field: "last_name"'] } } });
		const result = await asTool({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ error: 'Validation error: Missing required field: "last_name"', status: 400, retryable: false }),
		]);
	});

	it('401 and 402: what the key or the credits need', async () => {
		const invalid = await asTool(search, { credentials: { ...env.credentials, apiKey: 'pgai-not-a-key-31b7' } });
		expect(invalid.items[0].json).toMatchObject({ error: 'Invalid API key', status: 401, retryable: false, advice: expect.stringMatching(/API key/) });
		expect(invalid.serialized).not.toContain('pgai-not-a-key-31b7');
		const spent = await asTool(
			{ resource: 'contact', operation: 'search', filters: { query: 'sales' } },
			{ credentials: { ...env.credentials, apiKey: env.sandbox.keys.noCredits } },
		);
		expect(spent.items[0].json).toMatchObject({ status: 402, code: 'insufficient_credits', retryable: false, advice: expect.stringMatching(/credits are used up/) });
	});

	it('429 past Max Wait, and a 5xx after the retries: the model is told it may try again', async () => {
		env.sandbox.inject({ method: 'POST', path: '/accounts/search', fault: { type: 'status', status: 429, body: { error: 'Rate limit exceeded' }, headers: { 'Retry-After': '3600' } } });
		const limited = await asTool({ ...search, options: { maxWaitSeconds: 1 } });
		expect(limited.items[0].json).toMatchObject({ error: expect.stringMatching(/rate limit resets at .* longer than this request may wait/), status: 429, retryable: true });
		env.sandbox.inject({ method: 'GET', path: '/accounts', fault: { type: 'status', status: 503, body: { error: 'Service unavailable' } }, times: Infinity });
		const down = await asTool({ resource: 'account', operation: 'getAll', limit: 5, options: { maxRetries: 1 } });
		expect(down.items[0].json).toMatchObject({ error: 'Service unavailable', status: 503, retryable: true, advice: expect.stringMatching(/retried 1 time/) });
	});

	it('a misconfigured credential still fails the run: it is for the workflow’s builder, not the model', async () => {
		const result = await asTool(search, { credentials: { ...env.credentials, baseUrl: 'ftp://pgai.example' } });
		expect(result.error?.message).toMatch(/Base URL must start with https/);
	});
});

describe('as an AI Agent tool, input the node refuses before sending is the answer too, and nothing is sent', () => {
	it.each([
		[
			'an empty ID',
			{ resource: 'contact', operation: 'get', contactId: rl('  ') },
			{ error: 'Contact ID is empty', advice: 'Enter the Contact ID, or pick the record from the list.' },
		],
		[
			'a malformed email',
			{ resource: 'contact', operation: 'create', firstName: 'Ada', lastName: 'Lovelace', email: 'ada-at-example' },
			{ error: '"ada-at-example" is not a valid email address', advice: 'Enter an address such as jane.doe@example.com.' },
		],
		[
			'no search criteria',
			{ resource: 'account', operation: 'search', query: ' ' },
			{ error: 'Enter a query or at least one filter', advice: 'The search needs at least one criterion.' },
		],
	])('%s', async (_, parameters, expected) => {
		const result = await asTool(parameters);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ ...expected, retryable: false }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('the action node still fails on it', async () => {
		// blank but not empty: an empty required field stops n8n before the node runs
		const result = await run({ resource: 'contact', operation: 'get', contactId: rl('  ') });
		expect(result.error?.message).toBe('Contact ID is empty');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Simplify', () => {
	it('is on for a tool: ten accounts are each one’s ID, company ID, name, domain, tier and score', async () => {
		const whole = await run(search);
		const tool = await asTool(search);
		expect(tool.items).toHaveLength(10);
		expect(tool.items.map((item) => item.json)).toEqual(
			whole.items.map(({ json: a }) => ({ id: a.id, company_id: a.company_id, name: a.name, domain: a.domain, tier: a.tier, score: a.score })),
		);
		// as n8n hands a tool's answer to the model: the items' JSON as one text
		expect(JSON.stringify(tool.items.map((item) => item.json)).length).toBeLessThanOrEqual(2000);
		expect(JSON.stringify(whole.items.map((item) => item.json)).length).toBeGreaterThan(3000);
	});

	it('is off on the action node unless turned on, so saved workflows keep whole records', async () => {
		const whole = await run({ resource: 'account', operation: 'get', accountId: rl(env.sandbox.data.accounts[0].id) });
		expect(whole.items[0].json).toEqual(env.sandbox.data.accounts[0]);
		const simple = await run({ resource: 'account', operation: 'get', accountId: rl(env.sandbox.data.accounts[0].id), simplify: true });
		expect(Object.keys(simple.items[0].json)).toEqual(['id', 'company_id', 'name', 'domain', 'tier', 'score']);
		const toolWhole = await asTool({ ...search, simplify: false });
		expect(toolWhole.items[0].json).toHaveProperty('created_at');
	});

	it('gives contacts of both shapes the same fields', async () => {
		const contact = env.sandbox.data.contacts[0];
		const current = await run({ resource: 'contact', operation: 'get', contactId: rl(contact.id), simplify: true });
		env.sandbox.configure({ envelope: 'legacy' });
		const older = await run({ resource: 'contact', operation: 'get', contactId: rl(contact.id), simplify: true });
		const expected = { id: contact.id, name: contact.full_name, title: contact.current_job_title, email: contact.email, company: contact.company?.name };
		expect(current.items[0].json).toMatchObject(expected);
		expect(older.items[0].json).toMatchObject(expected);
	});

	it('leaves an accepted asynchronous operation whole', async () => {
		const company = env.sandbox.data.companies[0];
		const result = await asTool({ resource: 'company', operation: 'searchContacts', companyId: rl(company.id), options: { live: true, waitForCompletion: false } });
		expect(result.items[0].json).toMatchObject({ public_operation_id: expect.any(String), status: expect.any(String) });
	});
});

describe('Continue On Fail on the action node', () => {
	it('keeps n8n’s error text and adds what an IF node can branch on: credits used up is not “not found”', async () => {
		const settings = { continueOnFail: true };
		const spent = await run(
			{ resource: 'contact', operation: 'search', filters: { query: 'sales' } },
			{ settings, credentials: { ...env.credentials, apiKey: env.sandbox.keys.noCredits } },
		);
		const missing = await run({ resource: 'contact', operation: 'get', contactId: rl('no-such-contact') }, { settings });
		expect(spent.items[0].json).toMatchObject({ error: expect.stringMatching(/credits/i), status: 402, code: 'insufficient_credits', retryable: false });
		expect(missing.items[0].json).toMatchObject({ error: 'Contact not found', status: 404, retryable: false });
	});

	it('without it the action node still fails on a refusal', async () => {
		const result = await run(search, { credentials: { ...env.credentials, apiKey: env.sandbox.keys.contactsOnly } });
		expect(result.error?.message).toBe('Access denied. Required scope: accounts:read');
	});
});
