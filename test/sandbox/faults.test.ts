import { call, useSandbox } from './helpers';

const env = useSandbox();

beforeEach(() => {
	env.sandbox.clearFaults();
	env.sandbox.clearRequests();
});

describe('faults', () => {
	it('answers with a status and its default body, recorded with the fault', async () => {
		env.sandbox.inject({ fault: { type: 'status', status: 500 } });
		const res = await call(env.sandbox, '/contacts');
		expect([res.status, res.body]).toEqual([500, { error: 'Internal Server Error' }]);
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/contacts', status: 500, fault: 'status', rateLimited: false });
		expect((await call(env.sandbox, '/contacts')).status).toBe(200);
	});

	it('sends a given body and headers, such as a 429 with Retry-After', async () => {
		env.sandbox.inject({ fault: { type: 'status', status: 429, body: { error: 'Slow down' }, headers: { 'Retry-After': '7', 'X-RateLimit-Remaining': '0' } } });
		const res = await call(env.sandbox, '/contacts');
		expect([res.status, res.body, res.headers.get('retry-after'), res.headers.get('x-ratelimit-remaining')]).toEqual([429, { error: 'Slow down' }, '7', '0']);
	});

	it('sends a raw body as is: an HTML page, or nothing at all', async () => {
		env.sandbox.inject({ fault: { type: 'status', status: 502, raw: '<html><body>Bad gateway</body></html>' } });
		env.sandbox.inject({ fault: { type: 'status', status: 200, raw: '' } });
		const html = await call(env.sandbox, '/contacts');
		expect([html.status, html.text, html.headers.get('content-type')]).toEqual([502, '<html><body>Bad gateway</body></html>', 'text/html; charset=utf-8']);
		const empty = await call(env.sandbox, '/contacts');
		expect([empty.status, empty.text, empty.headers.get('content-type')]).toEqual([200, '', 'application/json; charset=utf-8']);
	});

	it('sends malformed JSON labelled as JSON', async () => {
		env.sandbox.inject({ fault: { type: 'malformedJson' } });
		env.sandbox.inject({ fault: { type: 'malformedJson', status: 503 } });
		const first = await call(env.sandbox, '/contacts');
		expect([first.status, first.text, first.body, first.headers.get('content-type')]).toEqual([200, '{"items": [ ', undefined, 'application/json; charset=utf-8']);
		expect((await call(env.sandbox, '/contacts')).status).toBe(503);
	});

	it("sends a proxy's HTML error page", async () => {
		env.sandbox.inject({ fault: { type: 'html', status: 504 } });
		const res = await call(env.sandbox, '/contacts');
		expect(res.status).toBe(504);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(res.text).toContain('<title>504 Gateway Timeout</title>');
	});

	it('answers normally after a delay', async () => {
		env.sandbox.inject({ fault: { type: 'delay', ms: 50 } });
		const res = await call(env.sandbox, '/contacts?per_page=2');
		expect(res.status).toBe(200);
		expect(res.body.items).toEqual(env.sandbox.data.contacts.slice(0, 2));
		expect(env.sandbox.requests[0]).toMatchObject({ status: 200, fault: 'delay' });
	});

	it('cuts the connection after half a body', async () => {
		env.sandbox.inject({ fault: { type: 'reset' } });
		await expect(fetch(`${env.sandbox.url}/contacts`, { headers: { 'x-api-key': env.sandbox.demoKey } }).then((res) => res.text())).rejects.toThrow();
		expect(env.sandbox.requests[0]).toMatchObject({ fault: 'reset', status: 200 });
		expect((await call(env.sandbox, '/contacts')).status).toBe(200);
	});

	it('redirects, with 302 unless told otherwise', async () => {
		env.sandbox.inject({ fault: { type: 'redirect', location: 'http://elsewhere.invalid/v1/contacts' } });
		env.sandbox.inject({ fault: { type: 'redirect', status: 307, location: '/v1/accounts' } });
		const first = await call(env.sandbox, '/contacts');
		expect([first.status, first.headers.get('location')]).toEqual([302, 'http://elsewhere.invalid/v1/contacts']);
		const second = await call(env.sandbox, '/contacts');
		expect([second.status, second.headers.get('location')]).toEqual([307, '/v1/accounts']);
	});

	it('skips the first matching requests and faults the next `times`', async () => {
		env.sandbox.inject({ path: '/contacts', skip: 2, times: 2, fault: { type: 'status', status: 503 } });
		const statuses = [];
		for (let i = 0; i < 3; i++) {
			statuses.push((await call(env.sandbox, '/contacts')).status);
			statuses.push((await call(env.sandbox, '/accounts')).status);
		}
		statuses.push((await call(env.sandbox, '/contacts')).status);
		statuses.push((await call(env.sandbox, '/contacts')).status);
		expect(statuses).toEqual([200, 200, 200, 200, 503, 200, 503, 200]);
	});

	it('matches the query parameters it names, whatever else the request carries', async () => {
		env.sandbox.inject({ path: '/contacts', query: { page: '2' }, fault: { type: 'status', status: 503 } });
		expect((await call(env.sandbox, '/contacts?page=3&per_page=5')).status).toBe(200);
		expect((await call(env.sandbox, '/contacts?per_page=5&page=2')).status).toBe(503);
		expect((await call(env.sandbox, '/contacts?page=2')).status).toBe(200);
		expect(() => env.sandbox.inject({ query: { page: 2 } as never, fault: { type: 'status', status: 503 } })).toThrow('query must map parameter names to strings');
	});

	it('matches the body fields it names, whatever else the body carries', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', body: { email: 'second@items.io' }, fault: { type: 'status', status: 503 } });
		const person = (email: string) => ({ first_name: 'Item', last_name: 'Person', email, job_title: 'CTO' });
		expect((await call(env.sandbox, '/contacts', { body: person('first@items.io') })).status).toBe(201);
		expect((await call(env.sandbox, '/contacts', { body: person('second@items.io') })).status).toBe(503);
		expect((await call(env.sandbox, '/contacts', { body: person('second@items.io') })).status).toBe(201);
		expect(() => env.sandbox.inject({ body: ['email'] as never, fault: { type: 'status', status: 503 } })).toThrow('body must map field names to values');
	});

	it('answers a processed request with the fault: the record is stored all the same', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', processed: true, fault: { type: 'status', status: 500 } });
		const before = env.sandbox.data.contacts.length;
		const res = await call(env.sandbox, '/contacts', { body: { first_name: 'Stored', last_name: 'Anyway', email: 'stored@anyway.io' } });
		expect([res.status, res.body]).toEqual([500, { error: 'Internal Server Error' }]);
		expect(env.sandbox.data.contacts.length).toBe(before + 1);
		expect(env.sandbox.data.contacts.at(-1)).toMatchObject({ email: 'stored@anyway.io' });
		expect(() => env.sandbox.inject({ processed: true, fault: { type: 'delay', ms: 5 } })).toThrow('processed is for the other faults');
	});

	it('keeps faulting with times: Infinity until cleared', async () => {
		env.sandbox.inject({ times: Infinity, fault: { type: 'status', status: 500 } });
		for (let i = 0; i < 5; i++) expect((await call(env.sandbox, '/territories')).status).toBe(500);
		env.sandbox.clearFaults();
		expect((await call(env.sandbox, '/territories')).status).toBe(200);
	});

	it('matches by method, exact path and regular expression', async () => {
		const contact = env.sandbox.data.contacts[0].id;
		env.sandbox.inject({ method: 'post', path: '/contacts/search', fault: { type: 'status', status: 500 } });
		env.sandbox.inject({ path: /^\/contacts\/[0-9a-f-]+$/, fault: { type: 'status', status: 502 } });
		expect((await call(env.sandbox, '/contacts/search', { method: 'GET' })).status).toBe(404);
		expect((await call(env.sandbox, '/contacts')).status).toBe(200);
		expect((await call(env.sandbox, `/contacts/${contact}`)).status).toBe(502);
		expect((await call(env.sandbox, '/contacts/search', { body: {} })).status).toBe(500);
	});

	it('comes before the key check, and the faulted request is not processed', async () => {
		env.sandbox.inject({ fault: { type: 'status', status: 503 } });
		expect((await call(env.sandbox, '/contacts', { key: null })).status).toBe(503);
		env.sandbox.inject({ fault: { type: 'status', status: 500 } });
		const before = env.sandbox.data.contacts.length;
		const res = await call(env.sandbox, '/contacts', { body: { first_name: 'Never', last_name: 'Stored', email: 'never@stored.io' } });
		expect(res.status).toBe(500);
		expect(env.sandbox.data.contacts.length).toBe(before);
	});

	it('comes before rate limiting: a faulted request does not count', async () => {
		env.sandbox.configure({ rateLimit: { limit: 1, windowMs: 365 * 24 * 3600 * 1000 } });
		try {
			env.sandbox.inject({ times: 3, fault: { type: 'status', status: 502 } });
			for (let i = 0; i < 3; i++) await call(env.sandbox, '/contacts');
			const res = await call(env.sandbox, '/contacts');
			expect([res.status, res.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
		} finally {
			env.sandbox.configure({ rateLimit: null });
		}
	});

	it('applies to /health too, so a credential test meets the proxy', async () => {
		env.sandbox.inject({ path: '/health', fault: { type: 'html', status: 502 } });
		expect((await call(env.sandbox, '/health', { key: null })).status).toBe(502);
	});

	it('rejects a rule it cannot apply', () => {
		expect(() => env.sandbox.inject({ fault: { type: 'status', status: 1000 } })).toThrow('status');
		expect(() => env.sandbox.inject({ fault: { type: 'teleport' } as never })).toThrow('fault.type');
		expect(() => env.sandbox.inject({ skip: -1, fault: { type: 'reset' } })).toThrow('skip');
	});
});
