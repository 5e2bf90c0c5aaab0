import { KeySharing, type PacerCounts } from '../../n8n-nodes-pgai/nodes/PgAi/transport/sharing';

/**
 * The sharing model on its own: answers go in as the pacer hands them over (its requests in flight
 * already less the one answered), and what it proves and allows comes out. No clock: the times are
 * the grant times of the slots and the reset times of the answers.
 */
const T = 1_800_000_000_000;
const LIMIT = 20;

describe('what the answers prove about other processes sending with the same key', () => {
	let counts: PacerCounts;
	let sharing: KeySharing;
	let seq: number;
	beforeEach(() => {
		counts = { limit: LIMIT, inFlight: 0 };
		sharing = new KeySharing(counts);
		seq = 0;
	});

	const slot = (grantedAt = T) => ({ seq: ++seq, grantedAt });
	/** One answer to a new slot; returns the slot. */
	const answer = (remaining: number, resetAt: number, grantedAt?: number) => {
		const sent = slot(grantedAt);
		sharing.answered(sent, { remaining, resetAt });
		return sent;
	};
	const answers = (remainingCounts: number[], resetAt: number, grantedAt?: number) => remainingCounts.forEach((remaining) => answer(remaining, resetAt, grantedAt));
	/** A first window alone, then one whose answers show two requests of others beside its own two (windows 1 s long). */
	const provenInSecondWindow = () => {
		answers([19, 18, 17], T + 1000);
		answers([19, 16], T + 2000, T + 1010);
	};

	it('sees nobody else while its own requests explain every remaining count, and tells an answer of the latest window', () => {
		expect(sharing.answered(slot(), { remaining: 19, resetAt: T + 1000 })).toBe(true);
		answers([18, 17, 16], T + 1000);
		expect(sharing.shared).toBe(false);
		// an answer of the window before the latest tells nothing more
		answer(19, T + 2000);
		expect(sharing.answered(slot(), { remaining: 3, resetAt: T + 1000 })).toBe(false);
		expect(sharing.shared).toBe(false);
	});

	it('counts its requests in flight: its own answers overtaking one another are not someone else', () => {
		answers([19], T + 1000);
		// three in flight; the server counted b, a, c and they are answered in that order
		counts.inFlight = 2;
		answer(19, T + 2000);
		counts.inFlight = 1;
		answer(18, T + 2000);
		counts.inFlight = 0;
		answer(17, T + 2000);
		expect(sharing.shared).toBe(false);
	});

	it('does not take requests counted before its first answer ever for another sender (a run just before)', () => {
		answers([7, 6], T + 1000);
		expect(sharing.shared).toBe(false);
		// from the next window on, everything counted beyond its own is someone else's
		answers([19, 17], T + 2000);
		expect(sharing.shared).toBe(true);
	});

	it('shares once a remaining count is lower than its own requests explain; in that window, keeps a quarter of it in flight', () => {
		provenInSecondWindow();
		expect(sharing.shared).toBe(true);
		expect(sharing.budget()).toBe(4);
		counts.inFlight = 3;
		expect(sharing.budget()).toBe(1);
	});

	it('never shares when resets come as seconds from now: windows cannot be told apart', () => {
		for (const remaining of [19, 15, 11]) expect(sharing.answered(slot(), { remaining, resetAt: T + 1000, relative: true })).toBe(false);
		answers([19, 10], T + 2000);
		expect(sharing.shared).toBe(false);
	});

	it('opens the next window with its own count of the one that ended, at most its part of the limit less one, less its requests in flight', () => {
		answers([19, 18, 17], T + 1000);
		answers([19, 17, 15, 13, 11, 9], T + 2000);
		expect(sharing.opening(T + 2000)).toBe(6);
		answers([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 5], T + 3000);
		// 12 of its own counted: its part of the limit, less the request it keeps for after the middle
		expect(sharing.opening(T + 3000)).toBe(Math.floor((LIMIT - 1) / 2));
		counts.inFlight = 2;
		expect(sharing.opening(T + 3000)).toBe(9 - 2);
		// nothing of its own counted in the window that ended: one request, to learn the count, unless one in flight will tell
		expect(sharing.opening(T + 5000)).toBe(0);
		counts.inFlight = 0;
		expect(sharing.opening(T + 5000)).toBe(1);
	});

	it('takes a 429 for others while the window did not count the whole limit of its own, for the server’s clock once it did', () => {
		answers([19], T + 1000);
		answers([18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], T + 1000);
		// 19 of its own counted, the 20th answered 0 and refused: someone else took a slot
		const refused = answer(0, T + 1000);
		expect(sharing.shared).toBe(false);
		expect(sharing.refused(refused)).toBe(true);
		expect(sharing.shared).toBe(true);

		const alone = new KeySharing(counts);
		const own = Array.from({ length: LIMIT }, (_, i) => alone.answered(slot(), { remaining: LIMIT - 1 - i, resetAt: T + 1000 }));
		expect(own.every(Boolean)).toBe(true);
		// the whole limit of its own counted: a 21st refused proves nobody else
		const late = slot();
		alone.answered(late, { remaining: 0, resetAt: T + 1000 });
		expect(alone.refused(late)).toBe(false);
		expect(alone.shared).toBe(false);
	});

	it('judges a 429 only for the answer just recorded', () => {
		const earlier = answer(19, T + 1000);
		sharing.answered(slot());
		expect(sharing.refused(earlier)).toBe(false);
		expect(sharing.shared).toBe(false);
	});

	it('refused in a window it took only its part of from the start: the parts overlap, it takes a smaller part', () => {
		provenInSecondWindow();
		answers([19, 18, 17, 16, 15, 14, 13, 12, 11, 10], T + 3000, T + 2010);
		const refused = answer(0, T + 3000, T + 2010);
		expect(sharing.refused(refused)).toBe(true);
		expect(sharing.opening(T + 3000)).toBe(Math.floor((LIMIT - 1) / 3));
	});

	it('waits for an answer while one is in flight, else for the window’s middle, where it may take more once, else for the reset', () => {
		provenInSecondWindow();
		counts.inFlight = 1;
		expect(sharing.resumeAt(T + 1200, T + 2000)).toBe(Infinity);
		counts.inFlight = 0;
		expect(sharing.resumeAt(T + 1200, T + 2000)).toBe(T + 1500);
		expect(sharing.atMiddle(T + 1200, T + 2000)).toBeUndefined();
		// at the middle: what is surely free beside the others' openings, a part at a time
		expect(sharing.atMiddle(T + 1500, T + 2000)).toBe(4);
		expect(sharing.atMiddle(T + 1600, T + 2000)).toBeUndefined();
		expect(sharing.resumeAt(T + 1600, T + 2000)).toBe(T + 2000);
	});

	/** A shared window in which 12 answers of its own account for every request counted. */
	const quietSharedWindow = (grantedAt: number) => {
		provenInSecondWindow();
		answers([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8], T + 3000, grantedAt);
	};

	it('is alone again after a shared window whose answers, one to a request sent after its middle, show nobody else beside more than its part', () => {
		quietSharedWindow(T + 2500);
		expect(sharing.shared).toBe(true);
		answer(19, T + 4000);
		expect(sharing.shared).toBe(false);
	});

	it('stays sharing after a quiet window whose answers all came to requests sent before its middle: the others may send later', () => {
		quietSharedWindow(T + 2400);
		answer(19, T + 4000);
		expect(sharing.shared).toBe(true);
	});
});
