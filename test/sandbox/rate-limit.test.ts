import type { RateLimitOptions } from '../../sandbox';
import { RateLimiter } from '../../sandbox/rate-limit';
import { call, useSandbox } from './helpers';

const env = useSandbox();
/** A window of a year: no test here can straddle two windows. */
const WINDOW = 365 * 24 * 3600 * 1000;
const windowEnd = (at: number) => Math.floor(at / WINDOW) * WINDOW + WINDOW;

function limit(options: Partial<RateLimitOptions> = {}) {
	env.sandbox.configure({ rateLimit: { limit: 3, windowMs: WINDOW, ...options } });
	env.sandbox.clearRequests();
}

const rateHeaders = (res: { headers: Headers }) => ({
	limit: res.headers.get('x-ratelimit-limit'),
	remaining: res.headers.get('x-ratelimit-remaining'),
	reset: res.headers.get('x-ratelimit-reset'),
});

afterEach(() => env.sandbox.configure({ rateLimit: null }));

describe('rate limiting', () => {
	it('counts down X-RateLimit-Remaining, reports the window end in seconds, then answers 429', async () => {
		limit();
		const seen = [];
		for (let i = 0; i < 4; i++) seen.push(await call(env.sandbox, '/contacts?per_page=1'));
		const reset = String(Math.ceil(windowEnd(env.sandbox.requests[0].at) / 1000));
		expect(seen.map((res) => [res.status, rateHeaders(res)])).toEqual([
			[200, { limit: '3', remaining: '2', reset }],
			[200, { limit: '3', remaining: '1', reset }],
			[200, { limit: '3', remaining: '0', reset }],
			[429, { limit: '3', remaining: '0', reset }],
		]);
		expect(seen[3].body).toEqual({ error: 'Rate limit exceeded' });
		expect(seen[3].headers.get('retry-after')).toBeNull();
		expect(env.sandbox.requests.map((r) => [r.status, r.rateLimited])).toEqual([[200, false], [200, false], [200, false], [429, true]]);
	});

	it('counts every authenticated endpoint per key, and neither /health nor /_sandbox nor rejected keys', async () => {
		limit({ limit: 2 });
		await call(env.sandbox, '/health', { key: null });
		await call(env.sandbox, '/contacts', { key: 'unknown' });
		await fetch(`${env.sandbox.origin}/_sandbox/requests`);
		expect((await call(env.sandbox, '/territories')).status).toBe(200);
		expect((await call(env.sandbox, '/no-such-path')).status).toBe(404);
		expect((await call(env.sandbox, '/accounts')).status).toBe(429);
		// Another key has its own window.
		const other = await call(env.sandbox, '/accounts', { key: env.sandbox.keys.readOnly });
		expect([other.status, rateHeaders(other).remaining]).toEqual([200, '1']);
		// A 403 counts too: the key was valid.
		const forbidden = await call(env.sandbox, '/accounts', { key: env.sandbox.keys.contactsOnly });
		expect([forbidden.status, rateHeaders(forbidden).remaining]).toEqual([403, '1']);
	});

	it('does not process a request it refuses: nothing created, no credit spent', async () => {
		const { sandbox } = env;
		const contactsBefore = sandbox.data.contacts.length;
		const credits = async () => (await call(sandbox, '/organization/credits')).body.credit_remaining.company_credits;
		const creditsBefore = await credits();
		limit({ limit: 1 });
		expect((await call(sandbox, '/health')).status).toBe(200);
		expect((await call(sandbox, '/territories')).status).toBe(200);
		const created = await call(sandbox, '/contacts', { body: { first_name: 'Rate', last_name: 'Limited', email: 'rate@limited.io' } });
		const added = await call(sandbox, '/companies', { body: { domain: 'rate-limited.io' } });
		expect([created.status, added.status]).toEqual([429, 429]);
		sandbox.configure({ rateLimit: null });
		expect(sandbox.data.contacts.length).toBe(contactsBefore);
		expect(await credits()).toBe(creditsBefore);
	});

	it("sends no rate-limit headers with headers: 'none'", async () => {
		limit({ limit: 1, headers: 'none' });
		const ok = await call(env.sandbox, '/territories');
		const refused = await call(env.sandbox, '/territories');
		expect([ok.status, refused.status]).toEqual([200, 429]);
		expect([rateHeaders(ok), rateHeaders(refused)]).toEqual([
			{ limit: null, remaining: null, reset: null },
			{ limit: null, remaining: null, reset: null },
		]);
	});

	it("sends them on successes but not on 429s with headers: 'no-429'", async () => {
		limit({ limit: 1, headers: 'no-429' });
		const ok = await call(env.sandbox, '/territories');
		const refused = await call(env.sandbox, '/territories');
		expect([ok.status, refused.status]).toEqual([200, 429]);
		expect(rateHeaders(ok).remaining).toBe('0');
		expect(rateHeaders(refused)).toEqual({ limit: null, remaining: null, reset: null });
	});

	it('adds Retry-After in whole seconds up to the window end when asked', async () => {
		limit({ limit: 1, retryAfter: true });
		const ok = await call(env.sandbox, '/territories');
		const before = Date.now();
		const refused = await call(env.sandbox, '/territories');
		const after = Date.now();
		expect(ok.headers.get('retry-after')).toBeNull();
		const retryAfter = refused.headers.get('retry-after')!;
		expect(retryAfter).toMatch(/^\d+$/);
		const end = windowEnd(env.sandbox.requests[1].at);
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(Math.ceil((end - after) / 1000));
		expect(Number(retryAfter)).toBeLessThanOrEqual(Math.ceil((end - before) / 1000));
	});

	it("reports the reset in milliseconds with resetUnit: 'ms'", async () => {
		limit({ resetUnit: 'ms' });
		const res = await call(env.sandbox, '/territories');
		expect(rateHeaders(res).reset).toBe(String(windowEnd(env.sandbox.requests[0].at)));
	});

	it('starts counting afresh when reconfigured, and stops limiting with rateLimit: null', async () => {
		limit({ limit: 1 });
		await call(env.sandbox, '/territories');
		expect((await call(env.sandbox, '/territories')).status).toBe(429);
		limit({ limit: 1 });
		expect((await call(env.sandbox, '/territories')).status).toBe(200);
		env.sandbox.configure({ rateLimit: null });
		const free = await call(env.sandbox, '/territories');
		expect([free.status, rateHeaders(free).limit]).toEqual([200, null]);
	});

	it('rejects settings it cannot honour', () => {
		expect(() => env.sandbox.configure({ rateLimit: { limit: 0, windowMs: 1000 } })).toThrow('rateLimit.limit');
		expect(() => env.sandbox.configure({ rateLimit: { limit: 1, windowMs: 1000, headers: 'some' as never } })).toThrow('rateLimit.headers');
		expect(() => env.sandbox.configure({ rateLimit: { limit: 1, windowMs: 1000, windowStart: 'sliding' as never } })).toThrow('rateLimit.windowStart must be clock or first-request');
	});

	it('records the windows it opens, per key, clock-aligned by default', async () => {
		limit({ limit: 1 });
		await call(env.sandbox, '/territories');
		await call(env.sandbox, '/territories');
		await call(env.sandbox, '/territories', { key: env.sandbox.keys.readOnly });
		const start = windowEnd(env.sandbox.requests[0].at) - WINDOW;
		expect(env.sandbox.rateWindows()).toEqual([
			{ apiKey: env.sandbox.demoKey, start, end: start + WINDOW },
			{ apiKey: env.sandbox.keys.readOnly, start, end: start + WINDOW },
		]);
		env.sandbox.configure({ rateLimit: null });
		expect(env.sandbox.rateWindows()).toEqual([]);
	});
});

describe('windows that start at the first request', () => {
	/** The windows opened, each checked to have started with the first request of its key: after it arrived, before it was answered. */
	const windowsOpenedBy = (...firsts: Array<{ at: number; answeredAt?: number }>) => {
		const opened = env.sandbox.rateWindows();
		expect(opened.map((w, i) => w.end === w.start + WINDOW && firsts[i].at <= w.start && w.start <= firsts[i].answeredAt!)).toEqual(firsts.map(() => true));
		return opened;
	};

	it('start each key’s window with its first request, and report its end rounded up to the next whole second', async () => {
		limit({ windowStart: 'first-request' });
		const seen = [];
		for (let i = 0; i < 4; i++) seen.push(await call(env.sandbox, '/contacts?per_page=1'));
		const other = await call(env.sandbox, '/territories', { key: env.sandbox.keys.readOnly });
		const [first, , , , otherFirst] = env.sandbox.requests;
		const [window, otherWindow] = windowsOpenedBy(first, otherFirst);
		expect([window.apiKey, otherWindow.apiKey]).toEqual([env.sandbox.demoKey, env.sandbox.keys.readOnly]);
		const reset = String(Math.ceil(window.end / 1000));
		expect(seen.map((res) => [res.status, rateHeaders(res)])).toEqual([
			[200, { limit: '3', remaining: '2', reset }],
			[200, { limit: '3', remaining: '1', reset }],
			[200, { limit: '3', remaining: '0', reset }],
			[429, { limit: '3', remaining: '0', reset }],
		]);
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([200, 200, 200, 429, 200]);
		expect(rateHeaders(other)).toEqual({ limit: '3', remaining: '2', reset: String(Math.ceil(otherWindow.end / 1000)) });
	});

	it('reports the exact end with resetUnit: ms, and Retry-After in whole seconds up to it', async () => {
		limit({ limit: 1, windowStart: 'first-request', resetUnit: 'ms', retryAfter: true });
		const ok = await call(env.sandbox, '/territories');
		const refused = await call(env.sandbox, '/territories');
		const [first, second] = env.sandbox.requests;
		const [{ end }] = windowsOpenedBy(first);
		expect([rateHeaders(ok).reset, rateHeaders(refused).reset]).toEqual([String(end), String(end)]);
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil((end - second.answeredAt!) / 1000));
		expect(retryAfter).toBeLessThanOrEqual(Math.ceil((end - second.at) / 1000));
	});

	/** The limiter alone, on times given to it: 2 requests per 1-second window. */
	const timeline = (windowStart: RateLimitOptions['windowStart']) => {
		const limiter = new RateLimiter({ limit: 2, windowMs: 1000, windowStart });
		const T = Date.UTC(2026, 10, 26, 12, 0, 0);
		const answers = [300, 400, 900, 1300, 1350, 2299, 2300, 5000].map((ms) => {
			const decision = limiter.hit('key', T + ms);
			const { 'X-RateLimit-Remaining': remaining, 'X-RateLimit-Reset': reset } = limiter.headers(decision, decision.allowed ? 200 : 429);
			return [ms, decision.allowed ? 200 : 429, Number(remaining), Number(reset) * 1000 - T];
		});
		return { answers, windows: limiter.opened.map((w) => [w.start - T, w.end - T]) };
	};

	it('open the next window with the first request after the one before ended, not at a whole second; a refused request opens none', () => {
		expect(timeline('first-request')).toEqual({
			answers: [
				[300, 200, 1, 2000],
				[400, 200, 0, 2000],
				[900, 429, 0, 2000],
				// the first window ended at 1300: the reset said 2000
				[1300, 200, 1, 3000],
				[1350, 200, 0, 3000],
				[2299, 429, 0, 3000],
				[2300, 200, 1, 4000],
				[5000, 200, 1, 6000],
			],
			windows: [
				[300, 1300],
				[1300, 2300],
				[2300, 3300],
				[5000, 6000],
			],
		});
	});

	it('differ from clock-aligned windows, which start at whole multiples of their length', () => {
		expect(timeline('clock')).toEqual({
			answers: [
				[300, 200, 1, 1000],
				[400, 200, 0, 1000],
				[900, 429, 0, 1000],
				[1300, 200, 1, 2000],
				[1350, 200, 0, 2000],
				[2299, 200, 1, 3000],
				[2300, 200, 0, 3000],
				[5000, 200, 1, 6000],
			],
			windows: [
				[0, 1000],
				[1000, 2000],
				[2000, 3000],
				[5000, 6000],
			],
		});
	});
});
