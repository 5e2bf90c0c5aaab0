import { PAGES_IN_FLIGHT } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { ids, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { contacts: 1000 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const walkContacts = async () =>
	await runNode({ parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, credentials: env.credentials });

/** The pages requested, in order, as the sandbox saw them. */
const pagesRequested = () => env.sandbox.requests.filter((r) => r.path === '/contacts').map((r) => Number(r.query.page));

const sorted = (pages: number[]) => [...pages].sort((a, b) => a - b);

const TOO_MANY = { error: 'Rate limit exceeded' };
/** The page the 429s below hit, by its number: pages in flight arrive in no fixed order. */
const PAGE_7 = { page: '7' };

describe('a 429 in the middle of a walk retries only the failed page', () => {
	const expectOneRetryOfPage7 = async () => {
		const { items, error } = await walkContacts();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		// later pages were in flight meanwhile: each page once, page 7 again after its 429
		const pages = Array.from({ length: 20 }, (_, i) => i + 1);
		expect(sorted(pagesRequested())).toEqual(sorted([...pages, 7]));
		expect(env.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(1);
		expect(env.sandbox.requests.filter((r) => r.query.page === '7').map((r) => r.status)).toEqual([429, 200]);
	};

	it('waits as Retry-After says', async () => {
		env.sandbox.inject({ path: '/contacts', query: PAGE_7, fault: { type: 'status', status: 429, body: TOO_MANY, headers: { 'Retry-After': '1' } } });
		await expectOneRetryOfPage7();
		const [failed, retried] = env.sandbox.requests.filter((r) => r.query.page === '7');
		expect(retried.at - failed.at).toBeGreaterThanOrEqual(1000);
	});

	it('waits as X-RateLimit-Reset says when it is the only hint', async () => {
		const reset = Math.floor(Date.now() / 1000) + 2;
		env.sandbox.inject({
			path: '/contacts',
			query: PAGE_7,
			fault: { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) } },
		});
		await expectOneRetryOfPage7();
		const retried = env.sandbox.requests.filter((r) => r.query.page === '7')[1];
		expect(retried.at).toBeGreaterThanOrEqual(reset * 1000);
	});

	it('accepts a reset given in milliseconds', async () => {
		const reset = Date.now() + 800;
		env.sandbox.inject({ path: '/contacts', query: PAGE_7, fault: { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Reset': String(reset) } } });
		await expectOneRetryOfPage7();
		expect(env.sandbox.requests.filter((r) => r.query.page === '7')[1].at).toBeGreaterThanOrEqual(reset);
	});

	it('backs off when the 429 carries no hint at all', async () => {
		env.sandbox.inject({ path: '/contacts', query: PAGE_7, fault: { type: 'status', status: 429, body: TOO_MANY } });
		await expectOneRetryOfPage7();
	});

	it('gives up after Max Retries with the API’s words and how often it tried', async () => {
		env.sandbox.inject({ path: '/contacts', skip: 2, times: Infinity, fault: { type: 'status', status: 429, body: TOO_MANY, headers: { 'Retry-After': '0' } } });
		const { error } = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, options: { maxRetries: 2 } },
			credentials: env.credentials,
		});
		expect(error?.message).toBe('Rate limit exceeded');
		expect(error?.description).toContain('retried 2 times');
		// the walk fails at page 3, tried three times; the pages in flight after it were tried at most as often
		const tries = (page: number) => pagesRequested().filter((p) => p === page).length;
		expect([tries(1), tries(2), tries(3)]).toEqual([1, 1, 3]);
		expect(pagesRequested().every((page) => page <= 2 + PAGES_IN_FLIGHT && tries(page) <= 3)).toBe(true);
	});

	it('stops with the reset time when the limit resets later than Max Wait allows', async () => {
		const reset = Math.floor(Date.now() / 1000) + 3600;
		env.sandbox.inject({ path: '/contacts', fault: { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Reset': String(reset) } } });
		const { error } = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, options: { maxWaitSeconds: 60 } },
			credentials: env.credentials,
		});
		expect(error?.message).toContain(`resets at ${new Date(reset * 1000).toISOString()}`);
		expect(error?.description).toContain('Max Wait');
		expect(env.sandbox.requests).toHaveLength(1);
	});
});

describe('pacing by the rate-limit headers', () => {
	it('walks 20 pages against 8 requests per window without a single 429', async () => {
		env.sandbox.configure({ rateLimit: { limit: 8, windowMs: 1000 } });
		const { items, error } = await walkContacts();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		expect(env.sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
		// each page once; pages in flight together may arrive in any order
		expect(sorted(pagesRequested())).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
	});

	it('runs 240 input items against 60 requests per window with at most a handful of 429s', async () => {
		env.sandbox.configure({ rateLimit: { limit: 60, windowMs: 1000 } });
		const contacts = env.sandbox.data.contacts.slice(0, 240);
		const { items, error } = await runNode({
			parameters: { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') },
			input: contacts.map((c) => ({ id: c.id })),
			credentials: env.credentials,
		});
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(contacts.map((c) => c.id));
		expect(items.map((i) => i.pairedItem)).toEqual(contacts.map((_, item) => ({ item })));
		expect(env.sandbox.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(3);
	});
});
