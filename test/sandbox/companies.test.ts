import { call, useSandbox } from './helpers';

const env = useSandbox();

afterEach(() => env.sandbox.configure({ operationPolls: 2, credits: { company_credits: 100, content_credits: 500, contact_credits: 1000 } }));

const credits = async (key?: string) => (await call(env.sandbox, '/organization/credits', { key })).body;
const poll = (id: string, key?: string) => call(env.sandbox, `/operations/${id}`, { key });

describe('GET /organization/credits', () => {
	it('reports the organisation and its remaining credits; the no-credits key has none', async () => {
		expect(await credits()).toEqual({
			organization: env.sandbox.data.organization,
			credit_remaining: { company_credits: 100, content_credits: 500, territory_credits: 20, contact_credits: 1000 },
		});
		const none = await credits(env.sandbox.keys.noCredits);
		expect(none.organization.id).not.toBe(env.sandbox.data.organization.id);
		expect(none.credit_remaining).toEqual({ company_credits: 0, content_credits: 0, territory_credits: 0, contact_credits: 0 });
	});
});

describe('POST /companies and GET /operations/{id}', () => {
	it('accepts (202), spends a credit, and completes after the configured polls', async () => {
		const res = await call(env.sandbox, '/companies', { body: { company_name: 'Fresh Robotics', domain: 'fresh-robotics.io' } });
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ public_operation_id: expect.stringMatching(/^op_[0-9a-f]+$/), status: 'queued' });
		expect(res.headers.get('retry-after')).toBe('1');
		expect((await credits()).credit_remaining.company_credits).toBe(99);

		const id = res.body.public_operation_id;
		const first = await poll(id);
		const second = await poll(id);
		const third = await poll(id);
		expect([first.body.status, second.body.status, third.body.status]).toEqual(['queued', 'running', 'completed']);
		expect([first.headers.get('retry-after'), second.headers.get('retry-after'), third.headers.get('retry-after')]).toEqual(['1', '1', null]);
		const company = third.body.result.company;
		expect(third.body).toEqual({ public_operation_id: id, status: 'completed', result: { company_id: company.id, company } });
		expect(company).toMatchObject({ company_name: 'Fresh Robotics', website_domain: 'fresh-robotics.io' });
		expect((await poll(id)).body).toEqual(third.body);
		// The new company is there to read, with its signals.
		expect((await call(env.sandbox, `/companies/${company.id}`)).body).toEqual(company);
		expect((await call(env.sandbox, `/companies/${company.id}/relevance`)).body.total).toBeGreaterThan(0);
	});

	it('completes on the first poll with operationPolls 0, and enriches a known company given by id', async () => {
		env.sandbox.configure({ operationPolls: 0 });
		const known = env.sandbox.data.companies[4];
		const res = await call(env.sandbox, '/companies', { body: { id: known.id, external_id: 'crm-42', source_system: 'hubspot' } });
		const done = await poll(res.body.public_operation_id);
		expect(done.body).toMatchObject({ status: 'completed', result: { company_id: known.id, external_id: 'crm-42', source_system: 'hubspot' } });
	});

	it('fails the operation, with a reason, for a domain ending in .fail', async () => {
		env.sandbox.configure({ operationPolls: 1 });
		const res = await call(env.sandbox, '/companies', { body: { domain: 'broken.fail' } });
		expect((await poll(res.body.public_operation_id)).body.status).toBe('running');
		const failed = await poll(res.body.public_operation_id);
		expect(failed.body).toEqual({ public_operation_id: res.body.public_operation_id, status: 'failed', error: { code: 'enrichment_failed', message: expect.stringContaining('broken.fail') } });
		expect(failed.headers.get('retry-after')).toBeNull();
	});

	it('validates the body', async () => {
		expect((await call(env.sandbox, '/companies', { body: { source_system: 'hubspot' } })).body.details).toEqual(['At least one of "company_name", "domain" or "id" is required']);
		expect((await call(env.sandbox, '/companies', { body: { company_name: 'X', external_id: '1' } })).body.details).toEqual(['Missing required field: "source_system" (required with "external_id")']);
		expect((await call(env.sandbox, '/companies', { body: { domain: 'not a domain' } })).body.details).toEqual(['Invalid field: "domain" must be a domain name such as example.com']);
		expect(await call(env.sandbox, '/companies', { body: { id: 'missing' } })).toMatchObject({ status: 404, body: { error: 'Company not found' } });
		expect((await credits()).credit_remaining.company_credits).toBe(100);
	});

	it('answers 402 naming the company credits when none are left, and spends nothing', async () => {
		env.sandbox.configure({ credits: { company_credits: 1 } });
		expect((await call(env.sandbox, '/companies', { body: { domain: 'one-more.io' } })).status).toBe(202);
		const refused = await call(env.sandbox, '/companies', { body: { domain: 'one-too-many.io' } });
		expect(refused.status).toBe(402);
		expect(refused.body).toEqual({ error: { type: 'payment_required', code: 'insufficient_credits', message: expect.stringContaining('company_credits') } });
		expect((await call(env.sandbox, '/companies', { key: env.sandbox.keys.noCredits, body: { domain: 'x.io' } })).status).toBe(402);
	});

	it("hides another organisation's operations, and answers 404 for unknown ones", async () => {
		const res = await call(env.sandbox, '/companies', { body: { domain: 'private.io' } });
		expect(await poll(res.body.public_operation_id, env.sandbox.keys.noCredits)).toMatchObject({ status: 404, body: { error: 'Operation not found' } });
		expect(await poll('op_abc123')).toMatchObject({ status: 404, body: { error: 'Operation not found' } });
	});
});

describe('company reads', () => {
	it('gets a company, and answers 404 for an unknown one', async () => {
		const company = env.sandbox.data.companies[9];
		expect((await call(env.sandbox, `/companies/${company.id}`)).body).toEqual(company);
		expect(await call(env.sandbox, '/companies/nope/relevance')).toMatchObject({ status: 404, body: { error: 'Company not found' } });
	});

	it('filters relevance by q, best match first, and serves /graph as an alias', async () => {
		const company = env.sandbox.data.companies.find((c) => env.sandbox.data.relevance[c.id].some((item) => item.source_type === 'funding'))!;
		const res = await call(env.sandbox, `/companies/${company.id}/relevance?q=raises`);
		const expected = env.sandbox.data.relevance[company.id].filter((item) => `${item.title} ${item.excerpt}`.includes('raises'));
		expect(res.body.items.map((item: any) => item.id).sort()).toEqual(expected.map((item) => item.id).sort());
		expect((await call(env.sandbox, `/companies/${company.id}/graph?q=raises`)).body).toEqual(res.body);
	});

	it('filters content by repeated or comma-separated type parameters, in a list called contacts', async () => {
		const company = env.sandbox.data.companies[3];
		const all = env.sandbox.data.content[company.id];
		const wanted = all.filter((item) => item.content_type === 'email' || item.content_type === 'notes');
		const repeated = await call(env.sandbox, `/companies/${company.id}/content?type=email&type=notes&per_page=50`);
		expect(repeated.body.contacts).toEqual(wanted);
		expect(repeated.body.pagination.total).toBe(wanted.length);
		expect((await call(env.sandbox, `/companies/${company.id}/content?type=email,notes&per_page=50`)).body.contacts).toEqual(wanted);
		expect((await call(env.sandbox, `/companies/${company.id}/content?per_page=50`)).body.contacts).toEqual(all);
		const wrong = await call(env.sandbox, `/companies/${company.id}/content?type=email&type=poem`);
		expect([wrong.status, wrong.body.details[0]]).toEqual([400, expect.stringContaining('"poem"')]);
	});

	it('every company has content of several types', () => {
		for (const company of env.sandbox.data.companies.slice(0, 40)) {
			expect(new Set(env.sandbox.data.content[company.id].map((item) => item.content_type)).size).toBeGreaterThan(1);
		}
	});
});

describe('assistant chat', () => {
	const chat = (companyId: string, body: unknown, key?: string) => call(env.sandbox, `/companies/${companyId}/assistant/chat`, { body, key });

	it('answers in markdown with sources, and continues a conversation by its id', async () => {
		const company = env.sandbox.data.companies[2];
		const first = await chat(company.id, { message: 'What changed recently?' });
		expect(first.status).toBe(200);
		expect(first.body).toEqual({
			conversation_id: expect.any(String),
			message: { role: 'assistant', content: expect.stringContaining(`**${company.company_name}**`), sources: expect.any(Array) },
			created_at: expect.any(String),
		});
		expect(first.body.message.sources[0]).toEqual({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
		const second = await chat(company.id, { message: 'And who should I call?', conversation_id: first.body.conversation_id });
		expect(second.body.conversation_id).toBe(first.body.conversation_id);
		expect(second.body.message.content).toContain('message 2');
		const other = await chat(company.id, { message: 'Hello' });
		expect(other.body.conversation_id).not.toBe(first.body.conversation_id);
	});

	it('answers 404 for an unknown conversation, 400 without a message, 402 without content credits', async () => {
		const company = env.sandbox.data.companies[2].id;
		expect(await chat(company, { message: 'Hi', conversation_id: 'conv-unknown' })).toMatchObject({ status: 404, body: { error: 'Conversation not found' } });
		expect((await chat(company, {})).body).toEqual({ error: 'Validation error', details: ['Missing required field: "message"'] });
		expect((await chat(company, { message: 'Hi' }, env.sandbox.keys.noCredits)).status).toBe(402);
	});
});

describe('POST /companies/{id}/contacts/search', () => {
	it('with live=true, accepts (202), spends a contact credit, and the operation lists the contacts', async () => {
		env.sandbox.configure({ operationPolls: 0 });
		const contact = env.sandbox.data.contacts[0];
		const company = env.sandbox.data.companies.find((c) => c.company_name === contact.company!.name)!;
		const cached = await call(env.sandbox, `/companies/${company.id}/contacts/search`, { body: {} });
		expect(cached.status).toBe(200);
		const res = await call(env.sandbox, `/companies/${company.id}/contacts/search?live=true`, { body: {} });
		expect(res.status).toBe(202);
		expect((await credits()).credit_remaining.contact_credits).toBe(999);
		const done = await poll(res.body.public_operation_id);
		expect(done.body.result).toEqual({ company_id: company.id, total: cached.body.itemsTotal, contacts: cached.body.items });
	});

	it('answers 400 for a live value other than true or false', async () => {
		const company = env.sandbox.data.companies[0].id;
		expect((await call(env.sandbox, `/companies/${company}/contacts/search?live=yes`, { body: {} })).body.details).toEqual(['Invalid parameter "live": must be true or false']);
	});
});
