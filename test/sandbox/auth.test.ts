import { call, useSandbox } from './helpers';

const env = useSandbox({ keys: { 'custom-insights-key': ['insights:*'], 'custom-companies-key': ['companies:read'] } });

describe('authentication', () => {
	it('answers /health without a key', async () => {
		const res = await call(env.sandbox, '/health', { key: null });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'ok' });
	});

	it('answers 401 in the structured shape when the key is missing', async () => {
		const res = await call(env.sandbox, '/contacts', { key: null });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ error: { type: 'authentication_error', code: 'unauthorized', message: expect.stringContaining('x-api-key') } });
	});

	it('answers 401 with a plain error string when the key is unknown', async () => {
		const res = await call(env.sandbox, '/contacts', { key: 'not-a-key' });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ error: 'Invalid API key' });
	});

	it('does not accept the key in the query string', async () => {
		const res = await call(env.sandbox, `/contacts?api_key=${env.sandbox.demoKey}`, { key: null });
		expect(res.status).toBe(401);
	});

	it('checks the key before telling an unknown path', async () => {
		expect((await call(env.sandbox, '/nowhere', { key: null })).status).toBe(401);
		expect(await call(env.sandbox, '/nowhere')).toMatchObject({ status: 404, body: { error: 'Not found' } });
		expect(await call(env.sandbox, '/contacts', { method: 'DELETE' })).toMatchObject({ status: 405, body: { error: 'Method not allowed' } });
	});
});

describe('scopes', () => {
	const forbidden = (scope: string) => ({
		error: { type: 'authorization_error', code: 'forbidden', message: `Access denied. Required scope: ${scope}` },
	});

	it('answers 403 naming the scope, in the structured shape', async () => {
		const { keys } = env.sandbox;
		expect(await call(env.sandbox, '/territories', { key: keys.contactsOnly })).toMatchObject({ status: 403, body: forbidden('territories:read') });
		expect(await call(env.sandbox, '/accounts', { key: keys.contactsOnly })).toMatchObject({ status: 403, body: forbidden('accounts:read') });
		expect(await call(env.sandbox, '/organization/credits', { key: keys.noScopes })).toMatchObject({ status: 403, body: forbidden('org_settings:read') });
		expect((await call(env.sandbox, '/contacts', { key: keys.contactsOnly })).status).toBe(200);
	});

	it('gives the read-only key every read and no write', async () => {
		const { keys, data } = env.sandbox;
		const company = data.companies[0].id;
		for (const path of ['/territories', '/accounts', '/contacts', `/companies/${company}`, `/companies/${company}/content`, '/organization/credits', '/search?q=hiring', '/tasks', '/workflows']) {
			expect([path, (await call(env.sandbox, path, { key: keys.readOnly })).status]).toEqual([path, 200]);
		}
		const create = await call(env.sandbox, '/contacts', { key: keys.readOnly, body: { first_name: 'A', last_name: 'B', email: 'a@b.io' } });
		expect(create).toMatchObject({ status: 403, body: forbidden('contacts:write') });
		const add = await call(env.sandbox, '/companies', { key: keys.readOnly, body: { domain: 'example.org' } });
		expect(add).toMatchObject({ status: 403, body: forbidden('insights:write') });
	});

	it('lets insights:* grant insights:read and insights:write, and nothing else', async () => {
		const company = env.sandbox.data.companies[0].id;
		for (const key of ['custom-insights-key', env.sandbox.keys.insightsOnly]) {
			expect((await call(env.sandbox, `/companies/${company}/content`, { key })).status).toBe(200);
			expect((await call(env.sandbox, '/companies', { key, body: { domain: 'insights-wildcard.io' } })).status).toBe(202);
			expect(await call(env.sandbox, `/companies/${company}`, { key })).toMatchObject({ status: 403, body: forbidden('companies:read') });
		}
	});

	it('lets accounts:read cover territories, as older keys did', async () => {
		const key = env.sandbox.keys.accountsOnly;
		const territory = env.sandbox.data.territories[0].id;
		expect((await call(env.sandbox, '/territories', { key })).status).toBe(200);
		expect((await call(env.sandbox, `/territories/${territory}/companies`, { key })).status).toBe(200);
		expect((await call(env.sandbox, '/contacts', { key })).status).toBe(403);
	});

	it('lets * reach every endpoint', async () => {
		const company = env.sandbox.data.companies[0].id;
		const res = await call(env.sandbox, `/companies/${company}/relevance`, { key: env.sandbox.keys.noCredits });
		expect(res.status).toBe(200);
	});

	it('honours extra keys given at start', async () => {
		const company = env.sandbox.data.companies[0].id;
		expect((await call(env.sandbox, `/companies/${company}`, { key: 'custom-companies-key' })).status).toBe(200);
		expect((await call(env.sandbox, '/contacts', { key: 'custom-companies-key' })).status).toBe(403);
	});
});
