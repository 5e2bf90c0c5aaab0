import { Pacer, RESET_MARGIN_MS, WaitTooLongError } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';
import { RateLimiter } from '../../sandbox/rate-limit';
import { simulate } from './shared-key-sim';

/** As pacer.test.ts: with a maximum pause of 0, a request that would wait fails with the time it would resume. */
async function resumeAt(pacer: Pacer): Promise<number | 'now'> {
	try {
		await pacer.acquire(0);
		return 'now';
	} catch (error) {
		if (error instanceof WaitTooLongError) return error.resumeAt;
		throw error;
	}
}

/** Lets a waiting acquire() run as far as it can without a timer. */
const ticks = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A whole second, as the resets below are. */
const T = 1_800_000_000_000;
const LIMIT = 5;
const headers = (remaining: number, resetAt: number) => ({ limit: LIMIT, remaining, resetAt });

describe('windows that start at their first request, their reset rounded up to a whole second', () => {
	let now: number;
	let pacer: Pacer;
	beforeEach(() => {
		now = T + 300;
		pacer = new Pacer(() => now);
		// the pause before a guessed end runs on jest's clock, in step with `now`
		jest.useFakeTimers();
	});
	afterEach(() => jest.useRealTimers());

	/** A window opened at `now`: its first request answered 5 ms later with the window's reset, then the rest of the limit. */
	async function spendWindow(resetAt: number): Promise<void> {
		const first = await pacer.acquire(0);
		now += 5;
		pacer.settle(first, headers(LIMIT - 1, resetAt), true);
		const rest = [];
		for (let i = 1; i < LIMIT; i++) rest.push(await pacer.acquire(0));
		rest.forEach((slot, i) => pacer.settle(slot, headers(LIMIT - 2 - i, resetAt), true));
	}

	/** Two windows whose first requests both suggest 1-second windows: one that began 300 ms into a second, one 10 ms. */
	async function twoWindowsOfOneSecond() {
		await spendWindow(T + 2000);
		expect(await resumeAt(pacer)).toBe(T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		// started at T + 2010, ended at T + 3010: the reset says T + 4000
		await spendWindow(T + 4000);
	}

	it('aims the next window at the first request’s answer plus the length two windows agreed on; the first time with one request alone', async () => {
		await twoWindowsOfOneSecond();
		const aim = T + 2015 + 1000;
		expect(await resumeAt(pacer)).toBe(aim);
		now = aim + RESET_MARGIN_MS;
		const probe = await pacer.acquire(0);
		// the others wait for its answer
		let admitted = false;
		const next = pacer.acquire(0).then((slot) => ((admitted = true), slot));
		await ticks();
		expect(admitted).toBe(false);
		now += 5;
		pacer.settle(probe, headers(4, T + 5000), true);
		await next;
		// it opened a new window: the rest of the limit goes at once, and the length holds from now on
		for (let i = 0; i < LIMIT - 2; i++) expect(await resumeAt(pacer)).toBe('now');
		expect(await resumeAt(pacer)).toBe(now + 1000);
		now += 1000 + RESET_MARGIN_MS;
		for (let i = 0; i < LIMIT; i++) expect(await resumeAt(pacer)).toBe('now');
	});

	it('takes a refusal of that one request as the window lasting longer, tries no length as short again, and keeps its margin', async () => {
		// windows of 2 s aligned to the clock look alike: first requests just after a whole second
		await spendWindow(T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		await spendWindow(T + 4000);
		const aim = T + 2015 + 1000;
		const waiting = pacer.acquire(10_000);
		const pauseMs = aim + RESET_MARGIN_MS - now;
		now += pauseMs;
		await jest.advanceTimersByTimeAsync(pauseMs);
		const probe = await waiting;
		expect(probe.afterPauseMargin).toBeUndefined();
		pacer.settle(probe, headers(0, T + 4000), true);
		pacer.block(T + 4000, probe, true);
		expect(await resumeAt(pacer)).toBe(T + 4000);
		// the margin is not the server clock's fault: still the first one
		await expect(pacer.acquire(0)).rejects.toMatchObject({ waitMs: T + 4000 - now + RESET_MARGIN_MS });
		now = T + 4000 + RESET_MARGIN_MS;
		await spendWindow(T + 6000);
		now = T + 6000 + RESET_MARGIN_MS;
		await spendWindow(T + 8000);
		expect(await resumeAt(pacer)).toBe(T + 8000);
	});

	it('learns nothing from 1-second windows aligned to the clock: their first requests suggest no length', async () => {
		await spendWindow(T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
		await spendWindow(T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		await spendWindow(T + 3000);
		expect(await resumeAt(pacer)).toBe(T + 3000);
	});

	it('with per-minute windows aligned to the clock, sends one request early once, then waits for each reset', async () => {
		await spendWindow(T + 60_000);
		now = T + 60_000 + RESET_MARGIN_MS;
		await spendWindow(T + 120_000);
		// the guess: 59-s windows that start at their first request
		const aim = T + 60_015 + 59_000;
		expect(await resumeAt(pacer)).toBe(aim);
		now = aim + RESET_MARGIN_MS;
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(0, T + 120_000), true);
		pacer.block(T + 120_000, probe, true);
		for (const resetAt of [T + 180_000, T + 240_000, T + 300_000]) {
			now = resetAt - 60_000 + RESET_MARGIN_MS;
			await spendWindow(resetAt);
			expect(await resumeAt(pacer)).toBe(resetAt);
		}
	});

	it('learns nothing from resets given as seconds from now, nor from resets in milliseconds, which are exact', async () => {
		const relative = (remaining: number, resetAt: number) => ({ ...headers(remaining, resetAt), relative: true as const });
		for (const resetAt of [T + 2000, T + 4000]) {
			const first = await pacer.acquire(0);
			now += 5;
			pacer.settle(first, relative(LIMIT - 1, resetAt), true);
			const rest = [];
			for (let i = 1; i < LIMIT; i++) rest.push(await pacer.acquire(0));
			rest.forEach((slot, i) => pacer.settle(slot, relative(LIMIT - 2 - i, resetAt), true));
			expect(await resumeAt(pacer)).toBe(resetAt);
			now = resetAt + RESET_MARGIN_MS;
		}
		const exact = new Pacer(() => now);
		pacer = exact;
		await spendWindow(now + 1000);
		expect(await resumeAt(pacer)).toBe(now - 5 + 1000);
	});

	it('drops an answer of the window before to a request sent before the end it aimed at, once that end passed', async () => {
		await spendWindow(T + 2000);
		now = T + 2000 + RESET_MARGIN_MS;
		const first = await pacer.acquire(0);
		now += 5;
		pacer.settle(first, headers(LIMIT - 1, T + 4000), true);
		const rest = [];
		for (let i = 1; i < LIMIT; i++) rest.push(await pacer.acquire(0));
		const late = rest.pop()!;
		rest.forEach((slot, i) => pacer.settle(slot, headers(LIMIT - 2 - i, T + 4000), true));
		now = T + 2015 + 1000 + RESET_MARGIN_MS;
		const probe = await pacer.acquire(0);
		let admitted = false;
		const next = pacer.acquire(0).then(() => (admitted = true));
		// the last request of the window before, answered only now: the pacer still waits for the probe's answer
		pacer.settle(late, headers(0, T + 4000), true);
		await ticks();
		expect(admitted).toBe(false);
		pacer.settle(probe, headers(4, T + 5000), true);
		await next;
		for (let i = 0; i < LIMIT - 2; i++) expect(await resumeAt(pacer)).toBe('now');
	});
});

describe('one process fanning out against request-started windows (simulated on a fake clock)', () => {
	beforeEach(() => jest.useFakeTimers({ now: T + 300 }));
	afterEach(() => jest.useRealTimers());

	it('120 requests at once fill 6 windows without a 429, each opened before the reset announced for the one before but the two it learns in', async () => {
		const rate = { limit: 20, windowMs: 1000 };
		const limiter = new RateLimiter({ ...rate, windowStart: 'first-request', headers: 'all' });
		const run = await simulate([{ name: 'A', walkers: 120, requests: 1 }], rate, 1, limiter);
		expect(run.failures).toBe(0);
		expect(run.requests.map((r) => r.status)).toEqual(Array(120).fill(200));
		const opened = limiter.opened;
		expect(opened).toHaveLength(120 / rate.limit);
		// the reset announced for a window is its end rounded up to a whole second
		const afterAnnounced = opened.filter((w, i) => i > 0 && w.start >= Math.ceil(opened[i - 1].end / 1000) * 1000);
		// the second window's first request tells the length; the third's requests were waiting for its reset by then
		expect(afterAnnounced).toEqual([opened[1], opened[2]]);
	});
});
