import { Pacer, RESET_MARGIN_MS } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';
import { simulate, windows, type SimRun } from './shared-key-sim';

const T = 1_800_000_000_000;
const LIMIT = 20;
const RATE = { limit: LIMIT, windowMs: 1000 };
const headers = (remaining: number, resetAt: number) => ({ limit: LIMIT, remaining, resetAt });

/** Whether acquire() grants a slot without waiting. */
async function grantsNow(pacer: Pacer): Promise<boolean> {
	let granted = false;
	void pacer.acquire(10_000).then(() => (granted = true), () => undefined);
	for (let i = 0; i < 5; i++) await Promise.resolve();
	return granted;
}

describe('a pacer learns its part of a key shared with other processes', () => {
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

	/** Ten requests, each answered two lower than the one before: someone else sent as many. */
	const halfOfTheWindow = [18, 16, 14, 12, 10, 8, 6, 4, 2, 0];

	it('takes, in the next window, the part of the limit its own requests were when the answers prove others sent', async () => {
		await answered(halfOfTheWindow, T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
		expect(await grantsNow(pacer)).toBe(true);
		expect(pacer.share).toBe(0.5);
		for (let i = 1; i < LIMIT / 2; i++) expect(await grantsNow(pacer)).toBe(true);
		// its half of the window is spent: the next one waits
		expect(await grantsNow(pacer)).toBe(false);
	});

	it('is alone again after a window in which nobody else sent', async () => {
		await answered(halfOfTheWindow, T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
		await answered([19, 18, 17, 16], T + 2000);
		expect(pacer.share).toBe(0.5);
		now = T + 2000 + RESET_MARGIN_MS;
		expect(await grantsNow(pacer)).toBe(true);
		expect(pacer.share).toBe(1);
	});

	it('does not count its own answers overtaking one another as someone else', async () => {
		await answered([19], T + 1000);
		now = T + 1000 + RESET_MARGIN_MS;
		// three requests in flight at once; the server counts b, a, c and answers in that order
		const [a, b, c] = [await pacer.acquire(0), await pacer.acquire(0), await pacer.acquire(0)];
		pacer.settle(b, headers(19, T + 2000), true);
		pacer.settle(a, headers(18, T + 2000), true);
		pacer.settle(c, headers(17, T + 2000), true);
		// measured from b to c: the count fell by 2 for one request sent after b, which was a's doing
		now = T + 2000 + RESET_MARGIN_MS;
		expect(await grantsNow(pacer)).toBe(true);
		expect(pacer.share).toBe(1);
	});
});

/** The 429s of a run after its third window. */
const lateRefusals = (run: SimRun) => windows(run).slice(3).reduce((n, w) => n + w.refused, 0);
const refusals = (run: SimRun) => run.requests.filter((r) => r.status === 429).length;

describe('processes sharing one key, each with its own pacer (simulated on a fake clock)', () => {
	beforeEach(() => jest.useFakeTimers({ now: T + 300 }));
	afterEach(() => jest.useRealTimers());

	it('alone, a process is never refused and keeps the whole limit', async () => {
		const run = await simulate([{ name: 'A', walkers: 6, requests: 40 }], RATE);
		expect(refusals(run)).toBe(0);
		expect(new Set(run.requests.map((r) => r.share))).toEqual(new Set([1]));
	});

	it('two processes starting together settle on the limit within three windows', async () => {
		const run = await simulate(
			[
				{ name: 'A', walkers: 3, requests: 40 },
				{ name: 'B', walkers: 3, requests: 40 },
			],
			RATE,
		);
		expect(run.failures).toBe(0);
		expect(run.requests.filter((r) => r.status === 200)).toHaveLength(240);
		expect(refusals(run)).toBeLessThanOrEqual(12);
		expect(lateRefusals(run)).toBe(0);
		// while both send, each takes about half
		for (const w of windows(run).slice(2, 8)) {
			expect(Object.keys(w.sent).sort()).toEqual(['A', 'B']);
			for (const share of Object.values(w.shares)) expect(share).toBeGreaterThan(0.3);
		}
	});

	it('a process that joins gets a part of the limit, without 429s five windows on; the one that stays gets the whole limit back when it leaves', async () => {
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
		// alone at first: the whole limit
		for (const w of all.slice(0, joined)) expect(w.shares.A).toBe(1);
		// The join costs a few 429s: the newcomer's first answers can come before any of the other's and
		// look alone, and the two race once more before their parts settle. None five windows after it.
		expect(refusals(run)).toBeLessThanOrEqual(12);
		expect(all.slice(joined + 5).reduce((n, w) => n + w.refused, 0)).toBe(0);
		// both send in every window while both run
		for (const w of all.slice(joined + 1, left)) expect(Object.keys(w.sent).sort()).toEqual(['A', 'B']);
		// B gone, A is alone again one window later
		for (const w of all.slice(left + 2)) expect(w.shares.A).toBe(1);
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
		// both start alone and each sends the whole limit: one window's worth is refused, then no more
		expect(refusals(run)).toBeLessThanOrEqual(LIMIT);
		expect(windows(run).slice(1).reduce((n, w) => n + w.refused, 0)).toBe(0);
	});
});
