import { call, useSandbox } from './helpers';

const env = useSandbox();
/** Long enough that requests sent together all arrive before the first answer leaves. */
const LATENCY = { ms: 300 };
/** A window of a year: no test here can straddle two windows. */
const WINDOW = 365 * 24 * 3600 * 1000;

beforeEach(() => env.sandbox.clearRequests());
afterEach(() => env.sandbox.configure({ latency: null, rateLimit: null }));

describe('latency', () => {
	it('holds every answer back, faults included, while the rate limiter counts each request on arrival', async () => {
		env.sandbox.configure({ latency: LATENCY, rateLimit: { limit: 1, windowMs: WINDOW } });
		env.sandbox.inject({ path: '/territories', fault: { type: 'status', status: 503 } });
		const [first, second, faulted] = await Promise.all([
			call(env.sandbox, '/contacts?per_page=1'),
			call(env.sandbox, '/contacts?per_page=1'),
			call(env.sandbox, '/territories'),
		]);
		expect([first.status, second.status, faulted.status]).toEqual([200, 429, 503]);
		const log = env.sandbox.requests;
		const lastArrival = Math.max(...log.map((r) => r.at));
		// every request was in before any answer left: the second was refused while the first was still on its way
		expect(log.every((r) => r.answeredAt !== undefined && r.answeredAt > lastArrival)).toBe(true);
	});

	it('sends nothing to a client that went away during the latency, and records it unanswered', async () => {
		env.sandbox.configure({ latency: LATENCY });
		const gone = new AbortController();
		const request = fetch(`${env.sandbox.url}/contacts`, { headers: { 'x-api-key': env.sandbox.demoKey }, signal: gone.signal });
		while (env.sandbox.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
		gone.abort();
		await expect(request).rejects.toThrow();
		env.sandbox.configure({ latency: null });
		// the next request is answered only after the abandoned one's latency ran out
		await new Promise((resolve) => setTimeout(resolve, LATENCY.ms + 100));
		expect(env.sandbox.requests.map((r) => [r.status, r.answeredAt])).toEqual([[0, undefined]]);
	});

	it('is configured like the other settings, and refuses what it cannot honour', async () => {
		env.sandbox.configure({ latency: { ms: 5, jitterMs: 10 } });
		expect((await call(env.sandbox, '/contacts?per_page=1')).status).toBe(200);
		expect(() => env.sandbox.configure({ latency: { ms: -1 } })).toThrow('latency.ms and latency.jitterMs must be non-negative integers');
		expect(() => env.sandbox.configure({ latency: { ms: 5, jitterMs: 1.5 } })).toThrow('latency.ms and latency.jitterMs');
	});
});
