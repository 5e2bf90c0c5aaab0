import { MAX_RESET_MARGIN_MS, Pacer, RESET_MARGIN_MS, WaitTooLongError } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';

/** As pacer.test.ts: with a maximum pause of 0, a request that would wait fails with its resume time. */
async function waitMs(pacer: Pacer, now: number): Promise<number | 'now'> {
	try {
		await pacer.acquire(0);
		return 'now';
	} catch (error) {
		if (error instanceof WaitTooLongError) return error.waitMs - (error.resumeAt - now);
		throw error;
	}
}

const T = 1_800_000_000_000;
const headers = (remaining: number, resetAt: number, limit = 5) => ({ limit, remaining, resetAt });

describe('the margin after a reset', () => {
	let now: number;
	let pacer: Pacer;
	beforeEach(() => {
		now = T;
		pacer = new Pacer(() => now);
		// pauses use n8n's sleep (a timer): run them on jest's clock, in step with `now`
		jest.useFakeTimers();
	});
	afterEach(() => jest.useRealTimers());

	/** acquire() with its pause for the reset run to the end on the fake clock. */
	async function acquireAfterPause(until: number) {
		const waiting = pacer.acquire(10_000);
		const ms = until - now;
		now = until;
		await jest.advanceTimersByTimeAsync(ms);
		return await waiting;
	}

	it('starts small: a 1-second window loses about 1% to it', async () => {
		expect(RESET_MARGIN_MS).toBeLessThanOrEqual(10);
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(0, T + 1000), true);
		expect(await waitMs(pacer, now)).toBe(RESET_MARGIN_MS);
	});

	it('grows when a request sent right after the reset is refused: the server’s clock is behind', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(0, T + 1000), true);
		// the pause for the reset, as acquire() takes it: pause, then a slot in the new window
		const slot = await acquireAfterPause(T + 1000 + RESET_MARGIN_MS);
		expect(slot.afterPauseMargin).toBe(RESET_MARGIN_MS);
		pacer.settle(slot, undefined, true);
		pacer.block(T + 2000, slot, true);
		expect(await waitMs(pacer, now)).toBe(50);
		// several refusals after the same pause raise it once
		pacer.block(T + 2000, slot, true);
		expect(await waitMs(pacer, now)).toBe(50);
	});

	it('doubles up to its cap when the server stays behind', async () => {
		let margin = RESET_MARGIN_MS;
		for (let i = 0; i < 20; i++) {
			pacer.block(T + 1000, { seq: i, afterPauseMargin: margin }, true);
			margin = (await waitMs(pacer, now)) as number;
		}
		expect(margin).toBe(MAX_RESET_MARGIN_MS);
	});

	it('does not grow for a request that did not wait, nor after a backoff it guessed', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, undefined, true);
		const free = await pacer.acquire(0);
		expect(free.afterPauseMargin).toBeUndefined();
		pacer.block(T + 500, free, false);
		// the retry after a guessed backoff, refused again: nothing learnt about the server's clock
		const retry = await acquireAfterPause(T + 500 + RESET_MARGIN_MS);
		expect(retry.afterPauseMargin).toBeUndefined();
		pacer.block(T + 1000, retry, false);
		expect(await waitMs(pacer, now)).toBe(RESET_MARGIN_MS);
	});
});
