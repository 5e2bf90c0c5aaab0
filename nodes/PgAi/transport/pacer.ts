import type { RateLimitHeaders } from './headers';
import { pause, whileRunning } from './wait';

/**
 * Slack added to every rate-limit pause: resets are in whole seconds and our clock and the
 * server's are never exactly equal, so arriving a little late is cheaper than a 429.
 */
export const RESET_MARGIN_MS = 50;

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

export interface Slot {
	readonly seq: number;
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
 */
export class Pacer {
	private mode: Mode = 'unknown';
	private probing = false;
	private limit = 0;
	private remaining = 0;
	/** End of the current window in ms; undefined once it passed and no answer told the next one. */
	private resetAt: number | undefined;
	private blockedUntil = 0;
	private seq = 0;
	private inFlight = 0;
	private answered = newSignal();

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits until a request may be sent; each single pause is bounded by maxPauseMs. */
	async acquire(maxPauseMs: number, signal?: AbortSignal): Promise<Slot> {
		for (;;) {
			const now = this.now();
			const resumeAt = this.blockedUntil > now ? this.blockedUntil : this.reserve(now);
			if (resumeAt === 0) {
				this.inFlight++;
				return { seq: ++this.seq };
			}
			if (resumeAt === Infinity) {
				await whileRunning(this.answered.promise, signal);
				continue;
			}
			const waitMs = resumeAt - now + RESET_MARGIN_MS;
			if (waitMs > maxPauseMs) throw new WaitTooLongError(waitMs, resumeAt);
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
			if (this.probing && this.inFlight > 0) return Infinity;
			this.probing = true;
			return 0;
		}
		if (this.resetAt !== undefined && now >= this.resetAt + RESET_MARGIN_MS) {
			this.resetAt = undefined;
			this.remaining = this.limit;
		}
		if (this.remaining > 0) {
			this.remaining--;
			return 0;
		}
		if (this.resetAt !== undefined) return this.resetAt;
		// The window passed and its successor's end is not known yet: an answer will tell.
		return this.inFlight > 0 ? Infinity : 0;
	}

	/** Records the answer to a slot's request (undefined headers: none sent, or no answer at all). */
	settle(slot: Slot, limits: RateLimitHeaders | undefined, answered: boolean): void {
		this.inFlight--;
		if (limits) this.learn(slot, limits);
		else if (this.mode === 'unknown' && answered) this.mode = 'unmetered';
		this.probing = false;
		const { fire } = this.answered;
		this.answered = newSignal();
		fire();
	}

	/** After a 429: nobody sends before `until`. */
	block(until: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, until);
		this.remaining = 0;
	}

	private learn(slot: Slot, { limit, remaining, resetAt }: RateLimitHeaders): void {
		const now = this.now();
		if (resetAt + RESET_MARGIN_MS <= now) return; // an answer from a window already over
		const wasMetered = this.mode === 'metered';
		this.mode = 'metered';
		this.limit = limit ?? Math.max(this.limit, remaining + 1);
		// Slots handed out after this request may not be counted in `remaining` yet.
		const estimate = Math.max(0, remaining - (this.seq - slot.seq));
		if (this.resetAt === undefined) {
			this.remaining = wasMetered ? Math.min(this.remaining, estimate) : estimate;
			this.resetAt = resetAt;
		} else if (resetAt > this.resetAt) {
			this.remaining = estimate;
			this.resetAt = resetAt;
		} else if (resetAt === this.resetAt) {
			this.remaining = Math.min(this.remaining, estimate);
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
