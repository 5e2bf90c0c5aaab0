/**
 * Pages in flight over a network with latency: the sandbox holds every answer back, so the request
 * log shows which pages were on their way together. Order, counts and request sequences only.
 */
import { PAGES_IN_FLIGHT } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { ids, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { contacts: 1000 } });
/** Long enough that pages sent together all arrive before the first of them is answered. */
const LATENCY = { ms: 150 };

beforeEach(() => env.sandbox.configure({ latency: LATENCY }));

const walk = async (parameters: Record<string, unknown> = { returnAll: true }, cancelWhen?: () => boolean) =>
	await runNode({ parameters: { resource: 'contact', operation: 'getAll', ...parameters }, credentials: env.credentials, cancelWhen });

const contactPages = () => env.sandbox.requests.filter((r) => r.path === '/contacts');
const page = (n: number) => contactPages().filter((r) => r.query.page === String(n));
/** How many requests were on their way (arrived, not answered) when each request arrived, itself included. */
const inFlightAtArrival = () =>
	contactPages().map((r) => contactPages().filter((o) => o.at <= r.at && (o.answeredAt === undefined || o.answeredAt > r.at)).length);

describe('pages in flight', () => {
	it('asks for the next pages while earlier ones are on their way, and outputs every record once, in order', async () => {
		const { items, error } = await walk();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		expect(contactPages().map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		// page 1 alone (it tells the total); then pages 2 to 1 + PAGES_IN_FLIGHT together: page k+1 leaves before page k's answer arrives
		expect(page(2)[0].at).toBeGreaterThanOrEqual(page(1)[0].answeredAt!);
		for (let n = 2; n < 1 + PAGES_IN_FLIGHT; n++) expect(page(n + 1)[0].at).toBeLessThan(page(n)[0].answeredAt!);
		// page k + PAGES_IN_FLIGHT leaves only once page k was read: never more on their way
		expect(Math.max(...inFlightAtArrival())).toBe(PAGES_IN_FLIGHT);
	});

	it('asks a Limit only for the pages it uses: Limit 120 is exactly three pages of 50', async () => {
		const { items } = await walk({ limit: 120 });
		expect(ids(items)).toEqual(env.sandbox.data.contacts.slice(0, 120).map((c) => c.id));
		expect(contactPages().map((r) => [r.query.page, r.query.per_page])).toEqual([['1', '50'], ['2', '50'], ['3', '50']]);
	});

	it('repeats only the page in flight that got a 429, and keeps the order', async () => {
		env.sandbox.inject({ path: '/contacts', query: { page: '3' }, fault: { type: 'status', status: 429, body: { error: 'Rate limit exceeded' }, headers: { 'Retry-After': '1' } } });
		const { items, error } = await walk();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		expect(page(3).map((r) => r.status)).toEqual([429, 200]);
		expect(contactPages().filter((r) => r.query.page !== '3')).toHaveLength(19);
		// pages after it were in flight when page 3 was refused
		expect(page(4)[0].at).toBeLessThan(page(3)[0].answeredAt!);
	});

	it('ends at a short page with pages in flight past it, outputting none of their records', async () => {
		const short = { itemsReceived: 10, curPage: 3, nextPage: null, prevPage: 2, offset: 100, perPage: 50, itemsTotal: 110, pageTotal: 3, items: env.sandbox.data.contacts.slice(100, 110) };
		env.sandbox.inject({ path: '/contacts', query: { page: '3' }, fault: { type: 'status', status: 200, body: short } });
		const { items, error } = await walk();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.slice(0, 110).map((c) => c.id));
		// pages 4 to 1 + PAGES_IN_FLIGHT left with page 3, one more once page 2 was read; the walk waited
		// for their answers and dropped them
		const past = contactPages().filter((r) => Number(r.query.page) > 3);
		expect(past.map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual(Array.from({ length: PAGES_IN_FLIGHT - 1 }, (_, i) => i + 4));
		expect(past.filter((r) => Number(r.query.page) <= 1 + PAGES_IN_FLIGHT).every((r) => r.at < page(3)[0].answeredAt!)).toBe(true);
		expect(past.every((r) => r.answeredAt !== undefined)).toBe(true);
	});

	it('leaves within the rate limit’s budget: no 429 at 8 requests per window', async () => {
		env.sandbox.configure({ rateLimit: { limit: 8, windowMs: 1000 } });
		const { items, error } = await walk();
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		expect(contactPages().map((r) => r.status)).toEqual(Array(20).fill(200));
	});

	it('stops every request in flight when the execution is cancelled', async () => {
		env.sandbox.configure({ latency: { ms: 2_000 } });
		const { error } = await walk({ returnAll: true }, () => contactPages().length >= 1 + PAGES_IN_FLIGHT);
		expect(error?.message).toBe('The execution was cancelled manually');
		const sent = contactPages().length;
		expect(sent).toBe(1 + PAGES_IN_FLIGHT);
		// the pages in flight were abandoned, not answered; nothing more is asked for afterwards
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(contactPages().slice(1).map((r) => r.answeredAt)).toEqual(Array(PAGES_IN_FLIGHT).fill(undefined));
		expect(contactPages()).toHaveLength(sent);
	});
});
