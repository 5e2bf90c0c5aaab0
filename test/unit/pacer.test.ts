import { Pacer, RESET_MARGIN_MS, WaitTooLongError } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';

/**
 * With a maximum pause of 0, a request that would have to wait fails at once with the time it
 * would resume, so the pacing decisions are visible without waiting on a clock.
 */
async function resumeAt(pacer: Pacer): Promise<number | 'now'> {
	try {
		await pacer.acquire(0);
		return 'now';
	} catch (error) {
		if (error instanceof WaitTooLongError) return error.resumeAt;
		throw error;
	}
}

const T = 1_800_000_000_000;
const headers = (remaining: number, resetAt: number, limit = 5) => ({ limit, remaining, resetAt });

describe('pacing one key’s requests', () => {
	let now: number;
	let pacer: Pacer;
	beforeEach(() => {
		now = T;
		pacer = new Pacer(() => now);
	});

	it('lets requests through freely when the API announces no limit', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, undefined, true);
		for (let i = 0; i < 100; i++) expect(await resumeAt(pacer)).toBe('now');
	});

	it('sends one probe first, and the others wait for its answer', async () => {
		const probe = await pacer.acquire(0);
		const waiting = pacer.acquire(0);
		let admitted = false;
		void waiting.then(() => (admitted = true));
		await Promise.resolve();
		expect(admitted).toBe(false);
		pacer.settle(probe, headers(4, T + 1000), true);
		await waiting;
		expect(admitted).toBe(true);
	});

	it('spends the remaining count, then waits for the reset', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(2, T + 1000), true);
		expect(await resumeAt(pacer)).toBe('now');
		expect(await resumeAt(pacer)).toBe('now');
		expect(await resumeAt(pacer)).toBe(T + 1000);
	});

	it('starts a new window with the full limit, and learns its end from the next answer', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(0, T + 1000), true);
		now = T + 1000 + RESET_MARGIN_MS;
		const sent = [];
		for (let i = 0; i < 5; i++) sent.push(await pacer.acquire(0));
		// the window's end is unknown until an answer tells it: the sixth waits for one
		const sixth = resumeAt(pacer);
		pacer.settle(sent[0], headers(4, T + 2000), true);
		expect(await sixth).toBe(T + 2000);
	});

	it('counts requests still in flight against what an answer reports', async () => {
		const first = await pacer.acquire(0);
		pacer.settle(first, headers(4, T + 1000), true);
		const a = await pacer.acquire(0);
		await pacer.acquire(0);
		await pacer.acquire(0);
		// a's answer says 3 left, but two requests went out after a: only 1 is really left
		pacer.settle(a, headers(3, T + 1000), true);
		expect(await resumeAt(pacer)).toBe('now');
		expect(await resumeAt(pacer)).toBe(T + 1000);
	});

	it('stops everyone after a 429 until the time the server asked for', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, undefined, true);
		pacer.block(T + 2500);
		expect(await resumeAt(pacer)).toBe(T + 2500);
		now = T + 2500;
		expect(await resumeAt(pacer)).toBe('now');
	});

	it('ignores an answer from a window that is already over', async () => {
		const probe = await pacer.acquire(0);
		pacer.settle(probe, headers(0, T + 1000), true);
		now = T + 5000;
		const late = await pacer.acquire(0);
		pacer.settle(late, headers(0, T + 1000), true);
		expect(await resumeAt(pacer)).toBe('now');
	});
});
