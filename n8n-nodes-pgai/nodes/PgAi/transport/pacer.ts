import type { RateLimitHeaders } from './headers';
import { KeySharing, type PacerCounts, type Sharing, type Slot } from './sharing';
import { WindowStarts } from './windowStarts';
import { pause, whileRunning } from './wait';

/**
 * Slack added to every rate-limit pause at first: our clock and the server's are never exactly
 * equal, so arriving a little late is cheaper than a 429. It is small because it is paid once per
 * window (with 1-second windows, 50 ms was 5% of the time); a 429 on a request sent right after
 * such a pause shows the server's clock is further behind, and the margin grows (see block()).
 */
export const RESET_MARGIN_MS = 10;

/** The margin never grows past this: a server that far behind is better served by its 429s. */
export const MAX_RESET_MARGIN_MS = 1_000;

/** A single pause longer than the node's maximum wait; the caller turns it into a clear error. */
export class WaitTooLongError extends Error {
	constructor(
		readonly waitMs: number,
		/** When the server said the limit resets. */
		readonly resumeAt: number,
	) {
		super('rate-limit wait too long');
	}
}


type Mode = 'unknown' | 'unmetered' | 'metered';

interface Signal {
	promise: Promise<void>;
	fire: () => void;
}

function newSignal(): Signal {
	let fire: () => void = () => undefined;
	const promise = new Promise<void>((resolve) => (fire = resolve));
	return { promise, fire };
}

/**
 * Paces the requests of one API key within this process. n8n starts the requests of all input
 * items at once; without this, 500 items against a 60-per-window limit are 440 answers of 429.
 *
 * The first request probes: until an answer says whether the API announces its limits, the others
 * wait for it. With the headers known, each request takes a slot from the window's remaining count
 * (corrected by every answer) and waits for the reset when none is left. A 429 stops everyone
 * until the time the server asked for.
 *
 * Other processes may send with the same key (n8n workers in queue mode): until an answer proves
 * one, the pacer is exactly the one-process pacer above; what the answers prove about the others,
 * and what this process may take while it shares the key, is the sharing model's (sharing.ts).
 */
export class Pacer {
	private mode: Mode = 'unknown';
	private probing = false;
	/** The key's limit and this process's requests in flight, read by the sharing model too. */
	private readonly counts: PacerCounts = { limit: 0, inFlight: 0 };
	private remaining = 0;
	/** End of the current window in ms; undefined once it passed and no answer told the next one. */
	private resetAt: number | undefined;
	private blockedUntil = 0;
	/** Whether blockedUntil is a time the server named (Retry-After, a reset), not a guess. */
	private blockNamed = true;
	private seq = 0;
	private answered = newSignal();
	/** Current slack after a pause for a reset or a 429's wait; grows when it proves too small. */
	private marginMs = RESET_MARGIN_MS;
	private readonly sharing: Sharing = new KeySharing(this.counts);
	/** Where windows that start at their first request really end, before the reset rounded up. */
	private readonly starts = new WindowStarts();
	/** The window passed at an end that was a guess: a single request went, its answer tells the count. */
	private probingEnd = false;

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits until a request may be sent; each single pause is bounded by maxPauseMs. */
	async acquire(maxPauseMs: number, signal?: AbortSignal): Promise<Slot> {
		let pausedWithMargin: number | undefined;
		for (;;) {
			const now = this.now();
			const blocked = this.blockedUntil > now;
			const resumeAt = blocked ? this.blockedUntil : this.reserve(now);
			if (resumeAt === 0) {
				this.counts.inFlight++;
				return { seq: ++this.seq, grantedAt: now, afterPauseMargin: pausedWithMargin };
			}
			if (resumeAt === Infinity) {
				await whileRunning(this.answered.promise, signal);
				continue;
			}
			const waitMs = resumeAt - now + this.marginMs;
			if (waitMs > maxPauseMs) throw new WaitTooLongError(waitMs, resumeAt);
			// a reset, or a wait the server asked for, is a time on the server's clock; a backoff is not,
			// nor a window's end learnt from answers
			const named = blocked ? this.blockNamed : this.sharing.shared || resumeAt === this.resetAt;
			pausedWithMargin = named ? this.marginMs : undefined;
			await pause(waitMs, signal);
		}
	}

	/**
	 * 0 when a slot is taken now, the announced time to wait for (the margin is added by the
	 * caller), or Infinity to wait for the next answer.
	 */
	private reserve(now: number): number {
		if (this.mode === 'unmetered') return 0;
		if (this.mode === 'unknown') {
			if (this.probing && this.counts.inFlight > 0) return Infinity;
			this.probing = true;
			return 0;
		}
		const { sharing } = this;
		if (this.resetAt !== undefined && now >= this.endOf(this.resetAt) + this.marginMs) {
			const ended = this.resetAt;
			this.resetAt = undefined;
			// after an end that is still a guess, one request first: it tells whether a new window began
			this.probingEnd = !sharing.shared && this.starts.unsure(ended);
			if (sharing.shared) this.remaining = sharing.opening(ended);
			else this.remaining = this.probingEnd ? 1 : this.counts.limit;
		}
		const atMiddle = this.resetAt === undefined ? undefined : sharing.atMiddle(now, this.resetAt);
		if (atMiddle !== undefined) this.remaining = Math.max(this.remaining, atMiddle);
		if (this.remaining > 0) {
			this.remaining--;
			return 0;
		}
		if (this.resetAt !== undefined) return sharing.shared ? sharing.resumeAt(now, this.resetAt) : this.endOf(this.resetAt);
		// The window passed and its successor's end is not known yet: an answer will tell.
		return this.counts.inFlight > 0 ? Infinity : 0;
	}

	/** Records the answer to a slot's request (undefined headers: none sent, or no answer at all). */
	settle(slot: Slot, limits: RateLimitHeaders | undefined, answered: boolean): void {
		this.counts.inFlight--;
		if (limits && !this.over(slot, limits.resetAt)) this.learn(slot, limits);
		else {
			this.sharing.answered(slot);
			if (!limits && this.mode === 'unknown' && answered) this.mode = 'unmetered';
		}
		this.probing = false;
		const { fire } = this.answered;
		this.answered = newSignal();
		fire();
	}

	/**
	 * After a 429: nobody sends before `until` (`named`: a time the server gave, not a backoff).
	 * When the refused request was sent right after a pause for a time the server had named, the
	 * server's clock is behind ours by more than the margin: the margin doubles (at least 50 ms, at
	 * most MAX_RESET_MARGIN_MS), once per such pause; unless the 429 proved others sending.
	 */
	block(until: number, refused?: Slot, named = true): void {
		if (until >= this.blockedUntil) this.blockNamed = named;
		this.blockedUntil = Math.max(this.blockedUntil, until);
		this.remaining = 0;
		const othersProven = refused ? this.sharing.refused(refused) : false;
		if (refused?.afterPauseMargin !== undefined && !othersProven) {
			this.marginMs = Math.min(MAX_RESET_MARGIN_MS, Math.max(this.marginMs, refused.afterPauseMargin * 2, 50));
		}
	}

	/**
	 * When the window that named `resetAt` ends: its reset, or, alone, the end learnt from answers
	 * (sharing, the others' openings and middles are reckoned in resets).
	 */
	private endOf(resetAt: number): number {
		return this.sharing.shared ? resetAt : this.starts.endOf(resetAt);
	}

	/**
	 * Whether an answer is from a window already over, which tells nothing: its reset passed, or the
	 * end learnt for it for a request sent before that end (one sent after it tells the end was wrong).
	 */
	private over(slot: Slot, resetAt: number): boolean {
		const now = this.now();
		const end = this.endOf(resetAt);
		return resetAt + this.marginMs <= now || (end + this.marginMs <= now && (slot.grantedAt ?? 0) < end);
	}

	private learn(slot: Slot, limits: RateLimitHeaders): void {
		const { limit, remaining, resetAt, relative } = limits;
		this.starts.answered(slot, this.now(), limits);
		const wasMetered = this.mode === 'metered';
		this.mode = 'metered';
		this.counts.limit = limit ?? Math.max(this.counts.limit, remaining + 1);
		const { sharing } = this;
		const wasShared = sharing.shared;
		const current = sharing.answered(slot, { remaining, resetAt, relative });
		// Slots handed out after this request may not be counted in `remaining` yet.
		const estimate = Math.max(0, remaining - (this.seq - slot.seq));
		if (this.resetAt === undefined) {
			// (the count after the probe of a guessed end is all the answer's: nothing else went)
			this.remaining = wasMetered && !this.probingEnd ? Math.min(this.remaining, estimate) : estimate;
			this.resetAt = resetAt;
			this.probingEnd = false;
		} else if (resetAt > this.resetAt) {
			this.remaining = estimate;
			this.resetAt = resetAt;
		} else if (resetAt === this.resetAt) {
			this.remaining = Math.min(this.remaining, estimate);
		}
		if (current && resetAt === this.resetAt) {
			if (sharing.shared) this.remaining = sharing.budget();
			// The others gone, the window's opening allowance no longer holds: all that is left is ours,
			// less all still in flight (answers overtake one another: the estimate assumes they do not).
			else if (wasShared) this.remaining = Math.max(0, Math.min(estimate, remaining - this.counts.inFlight));
		}
	}
}

const pacers = new Map<string, Pacer>();

/** One pacer per API key and host, shared by every node and execution in this process. */
export function pacerFor(key: string): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}
