import { call, ids, useSandbox } from './helpers';

const env = useSandbox();
const admin = async (method: string, path: string, body?: unknown) => {
	const res = await fetch(`${env.sandbox.origin}/_sandbox${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

beforeEach(() => {
	env.sandbox.clearRequests();
	env.sandbox.clearFaults();
	env.sandbox.configure({ envelope: 'current' });
});

describe('admin endpoints over HTTP', () => {
	it('lists and clears the recorded requests, which leave admin calls out', async () => {
		await call(env.sandbox, '/contacts?page=2&type=a&type=b', { key: 'some-key' });
		await call(env.sandbox, '/contacts/search', { body: { query: 'ops' } });
		const listed = await admin('GET', '/requests');
		expect(listed.body).toEqual([
			{ seq: expect.any(Number), method: 'GET', path: '/contacts', query: { page: '2', type: ['a', 'b'] }, apiKey: 'some-key', status: 401, rateLimited: false, at: expect.any(Number), answeredAt: expect.any(Number) },
			{ seq: listed.body[0].seq + 1, method: 'POST', path: '/contacts/search', query: {}, body: { query: 'ops' }, apiKey: env.sandbox.demoKey, status: 200, rateLimited: false, at: expect.any(Number), answeredAt: expect.any(Number) },
		]);
		expect(await admin('DELETE', '/requests')).toEqual({ status: 204, body: undefined });
		expect((await admin('GET', '/requests')).body).toEqual([]);
		expect(env.sandbox.requests).toEqual([]);
	});

	it('changes the configuration, and rejects a setting it does not know', async () => {
		const res = await admin('POST', '/config', { envelope: 'legacy', credits: { company_credits: 3 } });
		expect(res.body).toMatchObject({ envelope: 'legacy', credits: { company_credits: 3 } });
		expect(Array.isArray((await call(env.sandbox, '/territories')).body)).toBe(true);
		expect(await admin('POST', '/config', { envelope: 'xml' })).toEqual({ status: 400, body: { error: expect.stringContaining('envelope') } });
		expect(await admin('POST', '/config', { colour: 'blue' })).toEqual({ status: 400, body: { error: 'unknown setting "colour"' } });
		await admin('POST', '/config', { credits: { company_credits: 100 } });
	});

	it('sets latency per API key beside the default, shows it in the configuration, and refuses an unknown key', async () => {
		const demo = env.sandbox.demoKey;
		const res = await admin('POST', '/config', { latency: { ms: 1 }, keyLatency: { [demo]: { ms: 2, jitterMs: 3 } } });
		expect(res).toEqual({ status: 200, body: expect.objectContaining({ latency: { ms: 1 }, keyLatency: { [demo]: { ms: 2, jitterMs: 3 } } }) });
		expect((await admin('GET', '/config')).body.keyLatency).toEqual({ [demo]: { ms: 2, jitterMs: 3 } });
		expect(await admin('POST', '/config', { keyLatency: { 'no-such-key': { ms: 2 } } })).toEqual({ status: 400, body: { error: expect.stringContaining('keyLatency: unknown API key "no-such-key"') } });
		expect((await admin('POST', '/config', { latency: null, keyLatency: {} })).body).toMatchObject({ latency: null, keyLatency: {} });
	});

	it('sets windows that start at the first request, shows them in the configuration, and refuses another start', async () => {
		const rateLimit = { limit: 2, windowMs: 1000, windowStart: 'first-request' };
		expect(await admin('POST', '/config', { rateLimit })).toEqual({ status: 200, body: expect.objectContaining({ rateLimit }) });
		expect((await admin('GET', '/config')).body.rateLimit).toEqual(rateLimit);
		expect(await admin('POST', '/config', { rateLimit: { ...rateLimit, windowStart: 'sliding' } })).toEqual({ status: 400, body: { error: 'rateLimit.windowStart must be clock or first-request' } });
		expect((await admin('POST', '/config', { rateLimit: null })).body.rateLimit).toBeNull();
	});

	it('lists the rate-limit windows opened, per key, and none without a limit', async () => {
		await admin('POST', '/config', { rateLimit: { limit: 2, windowMs: 1000, windowStart: 'first-request' } });
		await call(env.sandbox, '/territories');
		await call(env.sandbox, '/territories', { key: env.sandbox.keys.readOnly });
		const listed = await admin('GET', '/windows');
		expect(listed).toEqual({ status: 200, body: env.sandbox.rateWindows() });
		expect(listed.body.map((w: { apiKey: string }) => w.apiKey)).toEqual([env.sandbox.demoKey, env.sandbox.keys.readOnly]);
		await admin('POST', '/config', { rateLimit: null });
		expect(await admin('GET', '/windows')).toEqual({ status: 200, body: [] });
	});

	it('queues faults, with a regular expression and times "Infinity", and clears them', async () => {
		expect((await admin('POST', '/faults', { pathRegex: '^/accounts', times: 'Infinity', fault: { type: 'status', status: 503 } })).status).toBe(201);
		expect((await call(env.sandbox, '/accounts')).status).toBe(503);
		expect((await call(env.sandbox, `/accounts/${env.sandbox.data.accounts[0].id}`)).status).toBe(503);
		expect((await call(env.sandbox, '/contacts')).status).toBe(200);
		expect((await admin('DELETE', '/faults')).status).toBe(204);
		expect((await call(env.sandbox, '/accounts')).status).toBe(200);
		expect(await admin('POST', '/faults', { fault: { type: 'nonsense' } })).toEqual({ status: 400, body: { error: expect.stringContaining('fault.type') } });
	});

	it('adds records, and serves every data collection', async () => {
		const added = await admin('POST', '/records/contact', [{ first_name: 'Added', last_name: 'Overhttp' }]);
		expect(added.status).toBe(201);
		expect(added.body[0]).toMatchObject({ first_name: 'Added', last_name: 'Overhttp', full_name: 'Added Overhttp' });
		expect(env.sandbox.data.contacts.at(-1)).toEqual(added.body[0]);
		for (const collection of ['territories', 'accounts', 'companies', 'contacts', 'territoryCompanies', 'tasks', 'workflows', 'organization']) {
			expect((await admin('GET', `/data/${collection}`)).body).toEqual(JSON.parse(JSON.stringify(env.sandbox.data[collection as keyof typeof env.sandbox.data])));
		}
		expect((await admin('GET', '/data/secrets')).status).toBe(404);
		expect(await admin('POST', '/records/planet', [{}])).toEqual({ status: 400, body: { error: expect.stringContaining('unknown record kind') } });
		expect((await admin('POST', '/records/contact', '{oops')).status).toBe(400);
	});
});

describe('addRecords', () => {
	const allContacts = async () => {
		const items = [];
		for (let page = 1; ; page++) {
			const res = await call(env.sandbox, `/contacts?per_page=50&page=${page}`);
			items.push(...res.body.items);
			if (res.body.nextPage === null) return items;
		}
	};

	it('keeps a given created_at, several records may share it, and the list stays in order', async () => {
		const at = '2023-03-01T12:00:00.000Z';
		const added = env.sandbox.addRecords('contact', [{ first_name: 'Twin', created_at: at }, { first_name: 'Twin', created_at: at }, { first_name: 'Newest' }]);
		expect(added.map((record) => record.created_at)).toEqual([at, at, expect.any(String)]);
		expect(Date.parse(added[2].created_at as string)).toBeGreaterThan(Date.parse(at));
		const listed = await allContacts();
		expect(ids(listed)).toEqual(ids(env.sandbox.data.contacts));
		const order = [...listed].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1));
		expect(ids(listed)).toEqual(ids(order));
		expect(listed.at(-1).id).toBe(added[2].id);
		const twins = listed.filter((c) => c.first_name === 'Twin' && c.created_at === at).map((c) => c.id);
		expect(twins).toEqual(added.slice(0, 2).map((r) => r.id).sort());
	});

	it('adds an account to its territory, as a new membership row there', async () => {
		const territory = env.sandbox.data.territories[1];
		const [account] = env.sandbox.addRecords('account', [{ territory_id: territory.id, name: 'Trigger Test GmbH', tier: 'A', score: 91 }]);
		expect(account).toMatchObject({ territory_id: territory.id, name: 'Trigger Test GmbH', tier: 'A', score: 91 });
		expect((await call(env.sandbox, `/accounts/${account.id}`)).body).toEqual(account);
		expect((await call(env.sandbox, `/companies/${account.company_id}`)).status).toBe(200);
		const rows = env.sandbox.data.territoryCompanies[territory.id];
		expect(rows.at(-1)).toMatchObject({ company_id: account.company_id, created_at: account.created_at });
		const res = await call(env.sandbox, `/territories/${territory.id}/companies?per_page=50&page=${Math.ceil(rows.length / 50)}`);
		expect(res.body.items.at(-1)).toEqual(rows.at(-1));
	});

	it('adds membership rows to a given territory, leaving territory_id off the record', async () => {
		const territory = env.sandbox.data.territories[2];
		const company = env.sandbox.data.companies[0];
		const [row] = env.sandbox.addRecords('territoryCompany', [{ territory_id: territory.id, company_id: company.id, status: 'Processing' }]);
		expect(row).toEqual({ id: expect.any(String), company_id: company.id, status: 'Processing', created_at: expect.any(String) });
		expect(env.sandbox.data.territoryCompanies[territory.id].at(-1)).toEqual(row);
	});

	it('adds nothing when a record names a parent that does not exist', () => {
		const before = env.sandbox.data.accounts.length;
		expect(() => env.sandbox.addRecords('account', [{ name: 'Fine' }, { territory_id: 'nowhere' }])).toThrow('unknown territory_id');
		expect(env.sandbox.data.accounts.length).toBe(before);
	});
});
