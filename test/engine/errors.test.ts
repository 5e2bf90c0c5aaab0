import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ids, runNode, type NodeRun } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { contacts: 300 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: parameters as never, credentials: env.credentials, ...extra });

/** The key must not appear anywhere in what n8n keeps of the run: items, errors, their context. */
const expectNoKey = (result: NodeRun, key: string) => expect(result.serialized).not.toContain(key);

describe('API errors become NodeApiErrors in the API’s own words', () => {
	it('400: the details are listed', async () => {
		env.sandbox.inject({
			method: 'POST',
			path: '/contacts',
			fault: { type: 'status', status: 400, body: { error: 'Validation error', details: ['Missing required field: "last_name"', 'Missing required field: "email"'] } },
		});
		const result = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.error?.message).toBe('Validation error: Missing required field: "last_name"; Missing required field: "email"');
		expect(result.error?.httpCode).toBe('400');
	});

	it('401: says the key is invalid, and never shows it', async () => {
		const key = 'pgai-live-7f3a9c1e55d0';
		const result = await run({ resource: 'contact', operation: 'getAll' }, { credentials: { ...env.credentials, apiKey: key } });
		expect(result.error?.message).toBe('Invalid API key');
		expect(result.error?.description).toMatch(/did not accept the API key/);
		expect(env.sandbox.requests).toHaveLength(1);
		expectNoKey(result, key);
	});

	it('402: says credits are exhausted, points at Get Credits, and is not retried', async () => {
		const result = await run(
			{ resource: 'contact', operation: 'search', filters: { query: 'sales' } },
			{ credentials: { ...env.credentials, apiKey: env.sandbox.keys.noCredits } },
		);
		expect(result.error?.httpCode).toBe('402');
		expect(result.error?.message).toMatch(/credit/i);
		expect(result.error?.description).toMatch(/Get Credits/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	it('403: names the missing scope', async () => {
		const result = await run(
			{ resource: 'territory', operation: 'getAll' },
			{ credentials: { ...env.credentials, apiKey: env.sandbox.keys.contactsOnly } },
		);
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('territories:read');
		expect(result.error?.description).toContain('"territories:read"');
	});

	it('404: the API’s words and the ID asked for', async () => {
		const result = await run({ resource: 'contact', operation: 'get', contactId: rl('no-such-contact') });
		expect(result.error?.message).toBe('Contact not found');
		expect(result.error?.description).toContain('/contacts/no-such-contact');
	});

	it('an HTML error page from a proxy still gives a clear message', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'html', status: 502 } });
		const result = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.error?.message).toMatch(/^PG:AI answered 502 with an HTML page/);
	});

	it('an empty error body still gives a clear message', async () => {
		env.sandbox.inject({ path: /^\/contacts\//, fault: { type: 'status', status: 418, raw: '' } });
		const result = await run({ resource: 'contact', operation: 'get', contactId: rl(env.sandbox.data.contacts[0].id) });
		expect(result.error?.message).toBe('PG:AI answered 418 with an empty body');
	});

	it('a key echoed back by the server is redacted', async () => {
		const key = env.sandbox.demoKey;
		env.sandbox.inject({ path: '/contacts', fault: { type: 'status', status: 400, body: { error: `Bad key ${key}`, details: [`key=${key}`] } } });
		const result = await run({ resource: 'contact', operation: 'getAll' });
		expect(result.error?.message).toBe('Bad key [redacted]: key=[redacted]');
		expectNoKey(result, key);
	});
});

describe('retrying failures only where it is safe', () => {
	it('a GET that gets a 500 is retried, and succeeds', async () => {
		env.sandbox.inject({ path: '/contacts', query: { page: '3' }, fault: { type: 'status', status: 500, body: { error: 'Internal error' } } });
		const { items, error } = await run({ resource: 'contact', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		// page 3 again after its 500, while later pages were in flight: each other page once
		const pages = env.sandbox.requests.map((r) => Number(r.query.page));
		expect([...pages].sort()).toEqual([1, 2, 3, 3, 4, 5, 6]);
		expect(env.sandbox.requests.filter((r) => r.query.page === '3').map((r) => r.status)).toEqual([500, 200]);
	});

	it('a GET whose connection is reset mid-body is retried', async () => {
		env.sandbox.inject({ path: /^\/contacts\//, fault: { type: 'reset' } });
		const contact = env.sandbox.data.contacts[5];
		const { items, error } = await run({ resource: 'contact', operation: 'get', contactId: rl(contact.id) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([contact]);
		expect(env.sandbox.requests).toHaveLength(2);
	});

	it('a POST that gets a 500 is not sent again', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'status', status: 500, body: { error: 'Internal error' } } });
		const result = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.error?.message).toBe('Internal error');
		expect(env.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('a POST whose connection is reset is not sent again, and the error says to check', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'reset' } });
		const result = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.error?.message).toBe('The connection to PG:AI was closed in the middle of the answer');
		expect(result.error?.description).toMatch(/not sent again/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	it('a POST that gets a 429 is sent again: the server did not process it', async () => {
		env.sandbox.inject({ method: 'POST', path: '/contacts', fault: { type: 'status', status: 429, body: { error: 'Rate limit exceeded' }, headers: { 'Retry-After': '0' } } });
		const result = await run({ resource: 'contact', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.io' });
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([429, 201]);
	});
});

describe('Continue On Fail', () => {
	it('turns a failing item into an error item and lets the others go on, all paired', async () => {
		const [a, b] = env.sandbox.data.contacts;
		const { items, error } = await run(
			{ resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') },
			{ input: [{ id: a.id }, { id: 'missing' }, { id: b.id }], settings: { continueOnFail: true } },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([a.id, 'Contact not found', b.id]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without it, the first failure stops the node with that item’s error', async () => {
		const [a] = env.sandbox.data.contacts;
		const { error } = await run(
			{ resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') },
			{ input: [{ id: a.id }, { id: 'missing' }] },
		);
		expect(error?.message).toBe('Contact not found');
	});
});

describe('bad input is refused before anything is sent', () => {
	it('an empty ID typed in: n8n itself refuses the required field', async () => {
		await expect(run({ resource: 'contact', operation: 'get', contactId: rl('') })).rejects.toThrow('Parameter "Contact" is required');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it.each([
		['an ID that an expression left empty', '={{ $json.missing ?? "" }}', 'Contact ID is empty'],
		['a blank ID', '   ', 'Contact ID is empty'],
		['a dot-dot ID', '..', '".." is not a valid Contact ID'],
	])('%s', async (_, value, message) => {
		const { error } = await run({ resource: 'contact', operation: 'get', contactId: rl(value) });
		expect(error?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('an ID with / ? # stays one path segment', async () => {
		const { error } = await run({ resource: 'contact', operation: 'get', contactId: rl('a/../b?x=1#y') });
		expect(error?.message).toBe('Contact not found');
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/contacts/a%2F..%2Fb%3Fx%3D1%23y']);
	});

	it.each([
		['ftp://api.example.com/v1', 'must start with https://'],
		['https://user:secret@api.example.com/v1', 'must not contain a user name or password'],
		['not a url', 'is not a URL'],
	])('a base URL of %s', async (baseUrl, message) => {
		const { error } = await run({ resource: 'contact', operation: 'getAll' }, { credentials: { ...env.credentials, baseUrl } });
		expect(error?.message).toContain(message);
	});

	it('a base URL with a trailing slash works', async () => {
		const { items, error } = await run({ resource: 'territory', operation: 'getAll', returnAll: true }, { credentials: { ...env.credentials, baseUrl: `${env.credentials.baseUrl}/` } });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.territories.map((t) => t.id));
	});

	it.each([0, -3, 2.5])('a Limit of %s', async (limit) => {
		const { error } = await run({ resource: 'contact', operation: 'getAll', limit });
		expect(error?.message).toBe(`Limit must be a whole number of at least 1, not ${limit}`);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('an invalid date', async () => {
		const { error } = await run({ resource: 'account', operation: 'getAll', filters: { updatedSince: 'last tuesday' } });
		expect(error?.message).toBe('Updated Since "last tuesday" is not a date');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('the API key stays with the API', () => {
	let other: Server;
	const seen: Array<string | undefined> = [];
	beforeAll(async () => {
		other = createServer((request, response) => {
			seen.push(request.headers['x-api-key'] as string | undefined);
			response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => {
		other.closeAllConnections();
		await new Promise((resolve) => other.close(resolve));
	});

	it('is not sent to another host a redirect names', async () => {
		const location = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1/contacts`;
		env.sandbox.inject({ path: '/contacts', fault: { type: 'redirect', status: 302, location } });
		const result = await run({ resource: 'contact', operation: 'getAll' });
		expect(result.error?.message).toContain('a redirect to http://127.0.0.1');
		expect(seen).toEqual([]);
		expectNoKey(result, env.sandbox.demoKey);
	});

	it('follows a redirect within the API’s own origin', async () => {
		env.sandbox.inject({ path: '/territories', fault: { type: 'redirect', status: 301, location: `${env.sandbox.url}/territories?page=1&per_page=50&limit=50` } });
		const { items, error } = await run({ resource: 'territory', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.territories.map((t) => t.id));
	});

	it('is sent as a header, never in the URL', async () => {
		await run({ resource: 'contact', operation: 'getAll', limit: 5 });
		const [request] = env.sandbox.requests;
		expect(request.apiKey).toBe(env.sandbox.demoKey);
		expect(JSON.stringify(request.query)).not.toContain(env.sandbox.demoKey);
	});
});
