import { State } from '../../sandbox/state';
import type { RecordedRequest } from '../../sandbox/types';
import { call, useSandbox } from './helpers';

const env = useSandbox();
/** Long enough that requests sent together all arrive before the first answer leaves. */
const LATENCY = { ms: 300 };
/** A window of a year: no test here can straddle two windows. */
const WINDOW = 365 * 24 * 3600 * 1000;

beforeEach(() => env.sandbox.clearRequests());
afterEach(() => env.sandbox.configure({ latency: null, keyLatency: {}, rateLimit: null }));

/** Yields until the sandbox has recorded `count` requests, i.e. they have arrived. */
async function arrived(count: number): Promise<void> {
	while (env.sandbox.requests.length < count) await new Promise((resolve) => setImmediate(resolve));
}

const answered = (entry: RecordedRequest) => entry.answeredAt!;

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

describe('latency per API key', () => {
	it("answers a request after its key's own latency, and a request with no key or an unknown one after the default", async () => {
		const { demo, readOnly } = env.sandbox.keys;
		env.sandbox.configure({ latency: LATENCY, keyLatency: { [readOnly]: { ms: 0 } } });
		const [slow, fast, none, unknown] = await Promise.all([
			call(env.sandbox, '/contacts?per_page=1', { key: demo }),
			call(env.sandbox, '/contacts?per_page=1', { key: readOnly }),
			call(env.sandbox, '/contacts?per_page=1', { key: null }),
			call(env.sandbox, '/contacts?per_page=1', { key: 'pgai-sandbox-nobody' }),
		]);
		expect([slow.status, fast.status, none.status, unknown.status]).toEqual([200, 200, 401, 401]);
		const log = env.sandbox.requests;
		const byKey = (key: string | undefined) => log.find((r) => r.apiKey === key)!;
		const lastArrival = Math.max(...log.map((r) => r.at));
		const held = [byKey(demo), byKey(undefined), byKey('pgai-sandbox-nobody')];
		// the overridden key's answer left before any of the others, which all waited out the default
		expect(held.every((r) => answered(r) > answered(byKey(readOnly)))).toBe(true);
		expect(held.every((r) => answered(r) > lastArrival)).toBe(true);
	});

	it('holds back only the key with an override when there is no default', async () => {
		const { demo, readOnly } = env.sandbox.keys;
		env.sandbox.configure({ keyLatency: { [demo]: LATENCY } });
		const slow = call(env.sandbox, '/contacts?per_page=1', { key: demo });
		await arrived(1);
		// sent after the slow one arrived, and all answered while it is still on its way
		const others = await Promise.all([call(env.sandbox, '/contacts?per_page=1', { key: readOnly }), call(env.sandbox, '/health', { key: null })]);
		expect(others.map((r) => r.status)).toEqual([200, 200]);
		expect(env.sandbox.requests[0]).toMatchObject({ apiKey: demo, status: 0 });
		expect(env.sandbox.requests[0].answeredAt).toBeUndefined();
		expect((await slow).status).toBe(200);
		const [first, ...rest] = env.sandbox.requests;
		expect(rest.every((r) => r.at >= first.at && answered(r) < answered(first))).toBe(true);
	});

	it("counts a request against the rate limit on arrival while its key's latency holds the answer back, faults included", async () => {
		const { demo } = env.sandbox.keys;
		env.sandbox.configure({ keyLatency: { [demo]: LATENCY }, rateLimit: { limit: 1, windowMs: WINDOW } });
		env.sandbox.inject({ path: '/territories', fault: { type: 'status', status: 503 } });
		const [first, second, faulted] = await Promise.all([
			call(env.sandbox, '/contacts?per_page=1', { key: demo }),
			call(env.sandbox, '/contacts?per_page=1', { key: demo }),
			call(env.sandbox, '/territories', { key: demo }),
		]);
		expect([first.status, second.status, faulted.status]).toEqual([200, 429, 503]);
		const log = env.sandbox.requests;
		const lastArrival = Math.max(...log.map((r) => r.at));
		expect(log.every((r) => r.answeredAt !== undefined && r.answeredAt > lastArrival)).toBe(true);
	});

	it('draws the delay from the override of the key, the default otherwise, jitter included', () => {
		const state = new State({ sizes: { territories: 1, accounts: 1, contacts: 1 }, latency: { ms: 100, jitterMs: 40 }, keyLatency: { 'pgai-sandbox-demo': { ms: 150, jitterMs: 50 }, 'pgai-sandbox-read-only': { ms: 0 } } });
		const random = jest.spyOn(Math, 'random');
		try {
			const draw = (apiKey: string | undefined) => state.drawLatency(apiKey);
			random.mockReturnValue(0);
			expect([draw('pgai-sandbox-demo'), draw('pgai-sandbox-read-only'), draw(undefined), draw('pgai-sandbox-nobody')]).toEqual([150, 0, 100, 100]);
			random.mockReturnValue(1);
			expect([draw('pgai-sandbox-demo'), draw('pgai-sandbox-read-only'), draw(undefined), draw('pgai-sandbox-nobody')]).toEqual([200, 0, 140, 140]);
			// a key that names a property of every object finds no override
			expect(draw('constructor')).toBe(140);
			// configuring replaces the whole map; {} leaves the default alone
			state.configure({ keyLatency: { 'pgai-sandbox-contacts-only': { ms: 7 } } });
			expect([draw('pgai-sandbox-contacts-only'), draw('pgai-sandbox-demo')]).toEqual([7, 140]);
			state.configure({ keyLatency: {}, latency: null });
			expect([draw('pgai-sandbox-contacts-only'), draw(undefined)]).toEqual([0, 0]);
		} finally {
			random.mockRestore();
		}
	});

	it('is configured like the other settings, at start and later, and refuses what it cannot honour', () => {
		const extra = new State({ sizes: { territories: 1, accounts: 1, contacts: 1 }, keys: { 'extra-key': ['*'] }, keyLatency: { 'extra-key': { ms: 5 } } });
		expect(extra.config.keyLatency).toEqual({ 'extra-key': { ms: 5 } });
		expect(() => new State({ sizes: { territories: 1, accounts: 1, contacts: 1 }, keyLatency: { 'pgai-sandbox-typo': { ms: 5 } } })).toThrow('keyLatency: unknown API key "pgai-sandbox-typo"; known keys: pgai-sandbox-demo');
		const { demo } = env.sandbox.keys;
		expect(() => env.sandbox.configure({ keyLatency: { [demo]: { ms: -1 } } })).toThrow(`keyLatency["${demo}"].ms and keyLatency["${demo}"].jitterMs must be non-negative integers`);
		expect(() => env.sandbox.configure({ keyLatency: { [demo]: { ms: 5, jitterMs: 0.5 } } })).toThrow('must be non-negative integers');
		expect(() => env.sandbox.configure({ keyLatency: { [demo]: null as never } })).toThrow('must be non-negative integers');
		expect(() => env.sandbox.configure({ keyLatency: [] as never })).toThrow('keyLatency must be an object of API key -> {ms, jitterMs}');
		expect(() => env.sandbox.configure({ keyLatency: null as never })).toThrow('keyLatency must be an object');
	});
});
