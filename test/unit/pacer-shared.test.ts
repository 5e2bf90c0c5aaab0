import { Pacer, RESET_MARGIN_MS } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';
import { RateLimiter } from '../../sandbox/rate-limit';
import { simulate, windows, type SimRun } from './shared-key-sim';

const T = 1_800_000_000_000;
const LIMIT = 20;
const RATE = { limit: LIMIT, windowMs: 1000 };
const headers = (remaining: number, resetAt: number) => ({ limit: LIMIT, remaining, resetAt });

/** Whether acquire() grants a slot without waiting (with a maximum pause of 0, a wait fails). */
async function grantsNow(pacer: Pacer): Promise<boolean> {
	let granted = false;
	void pacer.acquire(0).then(
		() => (granted = true),
		() => undefined,
	);
	for (let i = 0; i < 5; i++) await Promise.resolve();
	return granted;
}

/** How many slots are granted at once, up to `max`. */
async function grantedAtOnce(pacer: Pacer, max = 100): Promise<number> {
	let n = 0;
	while (n < max && (await grantsNow(pacer))) n++;
	return n;
}

describe('a pacer sharing a key with other processes it only knows from the answers', () => {
	let now: number;
	let pacer: Pacer;
	beforeEach(() => {
		now = T;
		pacer = new Pacer(() => now);
	});

	/** One request after the other, each answered with the remaining count the server reports. */
	async function answered(remainingCounts: number[], resetAt: number) {
		for (const remaining of remainingCounts) pacer.settle(await pacer.acquire(0), headers(remaining, resetAt), true);
	}

	/** A first window alone (the probe and two more), then the next one reached. */
	async function aloneForAWindow() {
		await answered([19, 18, 17], T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
	}

	it('alone, opens every window with the whole limit', async () => {
		await aloneForAWindow();
		expect(await grantedAtOnce(pacer)).toBe(LIMIT);
	});

	it('once an answer shows more counted than its own requests, opens the next window with no more than it had counted', async () => {
		await aloneForAWindow();
		// each answer two lower than the one before: another process sends as fast
		await answered([19, 17, 15, 13, 11, 9], T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		// 6 of its own were counted in the window that ended: the others cannot have had more than 14
		expect(await grantedAtOnce(pacer)).toBe(6);
	});

	/** Alone for 12 requests of the window, then an answer showing two requests of others. */
	const twelveThenOthers = [19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 5];

	it('opens a shared window with at most its part of the limit, less the request it keeps for after the middle', async () => {
		await aloneForAWindow();
		await answered(twelveThenOthers, T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(Math.floor((LIMIT - 1) / 2));
	});

	it('in the window it first sees others, keeps at most a quarter of the remaining count in flight', async () => {
		await aloneForAWindow();
		const first = await pacer.acquire(0);
		pacer.settle(first, headers(19, T + 2000), true);
		const second = await pacer.acquire(0);
		// 16 left: two of others counted beside its own two
		pacer.settle(second, headers(16, T + 2000), true);
		expect(await grantedAtOnce(pacer)).toBe(4);
	});

	/** A shared window whose 9 opening requests are all that is counted by their answers. */
	async function quietSharedWindow() {
		await aloneForAWindow();
		await answered(twelveThenOthers, T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		const opening = await Promise.all(Array.from({ length: 9 }, () => pacer.acquire(0)));
		opening.forEach((slot, i) => pacer.settle(slot, headers(19 - i, T + 3000), true));
	}

	it('is alone again after a window in which answers, one to a request sent after its middle, show nobody else', async () => {
		await quietSharedWindow();
		// after the middle, one request learns whether the others took the rest: nobody did
		now = T + 2500;
		pacer.settle(await pacer.acquire(0), headers(10, T + 3000), true);
		// the rest is then taken a part at a time (a third: others may read the same count)
		const rest = await Promise.all([pacer.acquire(0), pacer.acquire(0), pacer.acquire(0)]);
		rest.forEach((slot, i) => pacer.settle(slot, headers(9 - i, T + 3000), true));
		expect(await grantedAtOnce(pacer, 2)).toBe(2);
		// (their answers come after the window's end)
		// 13 of its own counted: the next window still opens as shared, with its part, of which the
		// two still in flight may be (they may be counted in the new window)
		now = T + 3000 + RESET_MARGIN_MS;
		const opening = await Promise.all(Array.from({ length: 7 }, () => pacer.acquire(0)));
		// its first answer closes the window before, which proved the others gone: the rest of the limit
		opening.forEach((slot, i) => pacer.settle(slot, headers(19 - i, T + 4000), true));
		expect(await grantedAtOnce(pacer)).toBe(LIMIT - 7 - 2);
	});

	it('stays sharing after a window whose answers all came before its middle: the others may send later', async () => {
		await quietSharedWindow();
		now = T + 3000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(9);
	});

	it('opens a shared window with its part less its requests still in flight, which may be counted in it', async () => {
		await quietSharedWindow();
		now = T + 2500;
		await pacer.acquire(0);
		now = T + 3000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(9 - 1);
	});

	it('does not count its own answers overtaking one another as someone else', async () => {
		await aloneForAWindow();
		// three requests in flight at once; the server counts b, a, c and answers in that order
		const [a, b, c] = [await pacer.acquire(0), await pacer.acquire(0), await pacer.acquire(0)];
		pacer.settle(b, headers(19, T + 2000), true);
		pacer.settle(a, headers(18, T + 2000), true);
		pacer.settle(c, headers(17, T + 2000), true);
		now = T + 2000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(LIMIT);
	});

	it('does not take what was counted before its first request for another sender', async () => {
		// a run just before used 12 of the window: the one-process pacer takes the 7 left
		await answered([7], T + 1000);
		expect(await grantedAtOnce(pacer)).toBe(7);
		now = T + 1000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(LIMIT);
	});

	it('never shares when the reset comes as seconds from now (windows cannot be told apart)', async () => {
		for (const remaining of [19, 15, 11]) pacer.settle(await pacer.acquire(0), { ...headers(remaining, now + 1000), relative: true }, true);
		now = T + 1000 + RESET_MARGIN_MS;
		expect(await grantedAtOnce(pacer)).toBe(LIMIT);
	});

	it('takes a 429 in a running window, with fewer than the limit of its own counted, for others, not for the server’s clock', async () => {
		await answered([19], T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
		const slot = await pacer.acquire(0);
		expect(slot.afterPauseMargin).toBeUndefined();
		// as if it had waited for the reset: the case where a 429 would otherwise grow the margin
		const afterPause = { ...slot, afterPauseMargin: RESET_MARGIN_MS };
		pacer.settle(afterPause, headers(0, T + 2000), true);
		pacer.block(T + 2000, afterPause, true);
		// the wait for the block is the reset plus the margin as it was, not 50 ms
		try {
			await pacer.acquire(0);
			throw new Error('granted');
		} catch (error) {
			const { waitMs, resumeAt } = error as { waitMs: number; resumeAt: number };
			expect(waitMs - (resumeAt - now)).toBe(RESET_MARGIN_MS);
		}
	});
});

/** The 429s of a run from its fourth window on. */
const lateRefusals = (run: SimRun) => windows(run).slice(3).reduce((n, w) => n + w.refused, 0);
const refusals = (run: SimRun) => run.requests.filter((r) => r.status === 429).length;

describe('processes sharing one key, each with its own pacer (simulated on a fake clock)', () => {
	beforeEach(() => jest.useFakeTimers({ now: T + 300 }));
	afterEach(() => jest.useRealTimers());

	it('alone, a process is never refused and every whole window carries the limit', async () => {
		const run = await simulate([{ name: 'A', walkers: 24, requests: 10 }], RATE);
		expect(refusals(run)).toBe(0);
		for (const w of windows(run).slice(0, -2)) expect(w.sent.A).toBe(LIMIT);
	});

	it('two processes walking pages one after the other settle on the limit without a 429', async () => {
		const run = await simulate(
			[
				{ name: 'A', walkers: 3, requests: 40 },
				{ name: 'B', walkers: 3, requests: 40 },
			],
			RATE,
		);
		expect(run.failures).toBe(0);
		expect(run.requests.filter((r) => r.status === 200)).toHaveLength(240);
		expect(refusals(run)).toBe(0);
		// while both send, both send in every window, together about the limit
		for (const w of windows(run).slice(1, -1)) {
			expect(Object.keys(w.sent).sort()).toEqual(['A', 'B']);
			expect(w.sent.A + w.sent.B).toBeGreaterThanOrEqual(LIMIT - 2);
		}
	});

	it('two processes with 24 pages in flight each, started together: the first window’s collision, then none', async () => {
		const run = await simulate(
			[
				{ name: 'A', walkers: 24, requests: 5 },
				{ name: 'B', walkers: 24, requests: 5 },
			],
			RATE,
		);
		expect(run.failures).toBe(0);
		expect(run.requests.filter((r) => r.status === 200)).toHaveLength(240);
		// both start alone and each sends what its first answer left: at most one window's worth is refused
		expect(refusals(run)).toBeLessThanOrEqual(LIMIT);
		expect(windows(run).slice(1).reduce((n, w) => n + w.refused, 0)).toBe(0);
		for (const w of windows(run).slice(1, -2)) expect(w.sent.A + w.sent.B).toBe(LIMIT);
	});

	it('a process that joins costs a few 429s; the one that stays gets the whole limit back when it leaves', async () => {
		const run = await simulate(
			[
				{ name: 'A', walkers: 3, requests: 80 },
				{ name: 'B', walkers: 3, requests: 10, startMs: 3000 },
			],
			RATE,
		);
		const all = windows(run);
		const joined = all.findIndex((w) => w.sent.B);
		const left = all.length - 1 - [...all].reverse().findIndex((w) => w.sent.B);
		for (const w of all.slice(0, joined)) expect(w.sent.A).toBeGreaterThanOrEqual(LIMIT - 2);
		expect(refusals(run)).toBeLessThanOrEqual(3);
		// both send in every window while both run
		for (const w of all.slice(joined + 1, left)) expect(Object.keys(w.sent).sort()).toEqual(['A', 'B']);
		// B gone, A is alone again one window later
		for (const w of all.slice(left + 2, -1)) expect(w.sent.A).toBeGreaterThanOrEqual(LIMIT - 2);
	});

	it('a process that learnt it shares, meeting one alone in a later run: the 429s of the meeting, none from the fourth window after it', async () => {
		const a = new Pacer();
		const b = new Pacer();
		const limiter = new RateLimiter({ ...RATE, headers: 'all' });
		// exports on both: both learn they share; B's end first, A ends alone
		await simulate(
			[
				{ name: 'A', walkers: 24, requests: 5, pacer: a },
				{ name: 'B', walkers: 24, requests: 3, pacer: b },
			],
			RATE,
			1,
			limiter,
		);
		await jest.advanceTimersByTimeAsync(5300);
		// then fan-outs, B's 1.5 s after A's
		const run = await simulate(
			[
				{ name: 'A', walkers: 600, requests: 1, pacer: a },
				{ name: 'B', walkers: 300, requests: 1, pacer: b, startMs: 1500 },
			],
			RATE,
			1,
			limiter,
		);
		expect(run.failures).toBe(0);
		expect(run.requests.filter((r) => r.status === 200)).toHaveLength(900);
		const all = windows(run);
		const met = all.findIndex((w) => w.sent.B);
		expect(refusals(run)).toBeLessThanOrEqual(8);
		expect(all.slice(met + 3).reduce((n, w) => n + w.refused, 0)).toBe(0);
		// A alone again once B is done
		const left = all.length - 1 - [...all].reverse().findIndex((w) => w.sent.B);
		for (const w of all.slice(left + 2, -1)) expect(w.sent.A).toBe(LIMIT);
	});

	it('fan-outs, with all of a window in flight at once, settle after their first window', async () => {
		const run = await simulate(
			[
				{ name: 'A', walkers: 200, requests: 1 },
				{ name: 'B', walkers: 100, requests: 1 },
			],
			RATE,
		);
		expect(run.failures).toBe(0);
		expect(run.requests.filter((r) => r.status === 200)).toHaveLength(300);
		expect(refusals(run)).toBeLessThanOrEqual(LIMIT);
		expect(lateRefusals(run)).toBe(0);
		expect(windows(run).slice(1).reduce((n, w) => n + w.refused, 0)).toBe(0);
	});
});
