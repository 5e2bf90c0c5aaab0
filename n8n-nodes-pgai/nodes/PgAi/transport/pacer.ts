import type { RateLimitHeaders } from './headers';
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

export interface Slot {
	readonly seq: number;
	/** The margin this slot waited out after a pause for a time the server named; undefined if it did not wait. */
	readonly afterPauseMargin?: number;
}

type Mode = 'unknown' | 'unmetered' | 'metered';

/** What one window's answers showed of the requests counted in it: how many, and how many were others'. */
interface WindowMeter {
	resetAt: number;
	/** seq before the first slot that can count in this window: slots after it, less the refused, are at most ours counted */
	seqFloor: number;
	refused: number;
	/** the most requests of others an answer proved: counted beyond all that ours can be */
	others: number;
	/** the lowest remaining count answered: limit − lowest were counted by then */
	lowest: number;
	/** the window this pacer started in: what was counted in it before its probe is not others' rate */
	first: boolean;
}

/** Weight of the windows before in the share: halves with every window measured. */
const SHARE_DECAY = 0.5;

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
 * until the time the server asked for. Other processes sending with the same key (n8n workers in
 * queue mode) are seen in how fast the remaining count falls: each window, this process takes the
 * part of the limit its own requests were of that fall (learnShare()).
 */
export class Pacer {
	private mode: Mode = 'unknown';
	private probing = false;
	private limit = 0;
	private remaining = 0;
	/** End of the current window in ms; undefined once it passed and no answer told the next one. */
	private resetAt: number | undefined;
	private blockedUntil = 0;
	/** Whether blockedUntil is a time the server named (Retry-After, a reset), not a guess. */
	private blockNamed = true;
	private seq = 0;
	private inFlight = 0;
	private answered = newSignal();
	/** Current slack after a pause for a reset or a 429's wait; grows when it proves too small. */
	private marginMs = RESET_MARGIN_MS;
	/** This process's part of the key's requests (1: alone); see learnShare(). */
	private ownShare = 1;
	private ownSum = 0;
	private countedSum = 0;
	private meter: WindowMeter | undefined;
	/** Length of the API's windows, from two successive resets; 0 until known. */
	private windowMs = 0;
	private lastResetAt = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Waits until a request may be sent; each single pause is bounded by maxPauseMs. */
	async acquire(maxPauseMs: number, signal?: AbortSignal): Promise<Slot> {
		let pausedWithMargin: number | undefined;
		for (;;) {
			const now = this.now();
			const blocked = this.blockedUntil > now;
			const resumeAt = blocked ? this.blockedUntil : this.reserve(now);
			if (resumeAt === 0) {
				this.inFlight++;
				return { seq: ++this.seq, afterPauseMargin: pausedWithMargin };
			}
			if (resumeAt === Infinity) {
				await whileRunning(this.answered.promise, signal);
				continue;
			}
			const waitMs = resumeAt - now + this.marginMs;
			if (waitMs > maxPauseMs) throw new WaitTooLongError(waitMs, resumeAt);
			// a reset, or a wait the server asked for, is a time on the server's clock; a backoff is not
			pausedWithMargin = !blocked || this.blockNamed ? this.marginMs : undefined;
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
		if (this.resetAt !== undefined && now >= this.resetAt + this.marginMs) {
			this.resetAt = undefined;
			this.closeWindow();
			this.remaining = this.allowance();
		}
		// The window's last slot waits for its middle: a process whose requests all reach the server
		// before another's would otherwise never see that other in its answers (learnShare()).
		// (a window's end is known from its answers, or follows the last one known)
		const end = this.resetAt ?? (this.lastResetAt > now ? this.lastResetAt : this.lastResetAt + this.windowMs);
		const middle = this.windowMs ? end - this.windowMs / 2 : 0;
		if (this.remaining === 1) {
			if (now < middle) return middle;
			// Sharing, it is sent only when the others' last slots fit beside it: a window's
			// parts add up to about the limit, and the last slot of each is where they overlap.
			if (this.ownShare < 1 && this.meter && this.meter.lowest < 2) this.remaining = 0;
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

	/**
	 * After a 429: nobody sends before `until` (`named`: a time the server gave, not a backoff).
	 * When the refused request was sent right after a pause for a time the server had named, the
	 * server's clock is behind ours by more than the margin: the margin doubles (at least 50 ms, at
	 * most MAX_RESET_MARGIN_MS), once per such pause.
	 */
	block(until: number, refused?: Slot, named = true): void {
		if (until >= this.blockedUntil) this.blockNamed = named;
		this.blockedUntil = Math.max(this.blockedUntil, until);
		this.remaining = 0;
		// A refused request was not counted: if this process had not sent the whole limit, others did,
		// and the refusal says nothing about the server's clock.
		let othersSent = false;
		if (refused && this.meter) {
			this.meter.refused++;
			this.countOthers(this.meter, 0);
			othersSent = this.meter.others > 0;
		}
		if (refused?.afterPauseMargin !== undefined && !othersSent) {
			this.marginMs = Math.min(MAX_RESET_MARGIN_MS, Math.max(this.marginMs, refused.afterPauseMargin * 2, 50));
		}
	}

	/** The part of the key's limit this process takes in a window (for tests and diagnostics). */
	get share(): number {
		return this.ownShare;
	}

	/** Slots of a new window: this process's share of the limit, at least one. */
	private allowance(): number {
		return Math.max(1, Math.floor(this.limit * this.ownShare));
	}

	/**
	 * Other processes using the same key (n8n workers) leave no trace here but in the answers: a
	 * window's remaining count falls with everyone's requests. When more was counted than this
	 * process can have had counted (its slots of the window, less those refused), others sent. Then
	 * the next window's allowance is the part of the limit that this process's requests were of all
	 * those counted by its last answer (which the window's last slot keeps for the window's middle,
	 * see reserve()). Every process doing the same, the allowances add up to about the limit, without
	 * a coordinator. A window that proves nobody else sent makes this process alone again (another
	 * left); a newcomer starts alone and learns its part from its first whole window with others.
	 * The parts follow who got what in the first window they shared: they need not be equal.
	 */
	private learnShare(remaining: number, resetAt: number, firstWindow: boolean): void {
		let meter = this.meter;
		if (!meter || resetAt > meter.resetAt) {
			this.closeWindow();
			// the slots still in flight may count in this window, those answered before did not
			meter = this.meter = { resetAt, seqFloor: this.seq - this.inFlight - 1, refused: 0, others: 0, lowest: remaining, first: firstWindow };
		}
		if (resetAt < meter.resetAt) return;
		this.countOthers(meter, remaining);
	}

	private countOthers(meter: WindowMeter, remaining: number): void {
		meter.lowest = Math.min(meter.lowest, remaining);
		const ownAtMost = this.seq - meter.seqFloor - meter.refused;
		meter.others = Math.max(meter.others, this.limit - remaining - ownAtMost);
	}

	/** Folds the window measured into the share, when the pacer moves on to the next window. */
	private closeWindow(): void {
		const meter = this.meter;
		if (!meter) return;
		this.meter = undefined;
		// those still in flight may yet be refused, or count in the next window
		const own = this.seq - meter.seqFloor - meter.refused - this.inFlight;
		// a first window holding only the probe tells what was sent before this pacer, not its share
		if (meter.first && own <= 1) return;
		if (meter.others <= 0) {
			this.ownShare = 1;
			this.ownSum = this.countedSum = 0;
			return;
		}
		this.ownSum = this.ownSum * SHARE_DECAY + Math.max(0, own);
		this.countedSum = this.countedSum * SHARE_DECAY + (this.limit - meter.lowest);
		this.ownShare = Math.min(1, this.ownSum / this.countedSum);
	}

	private learn(slot: Slot, { limit, remaining, resetAt }: RateLimitHeaders): void {
		const now = this.now();
		if (resetAt + this.marginMs <= now) return; // an answer from a window already over
		const wasMetered = this.mode === 'metered';
		this.mode = 'metered';
		this.limit = limit ?? Math.max(this.limit, remaining + 1);
		const firstWindow = this.lastResetAt === 0;
		if (resetAt > this.lastResetAt) {
			if (!firstWindow) this.windowMs = Math.min(this.windowMs || Infinity, resetAt - this.lastResetAt);
			this.lastResetAt = resetAt;
		}
		this.learnShare(remaining, resetAt, firstWindow);
		// Slots handed out after this request may not be counted in `remaining` yet.
		const estimate = Math.max(0, remaining - (this.seq - slot.seq));
		if (this.resetAt === undefined) {
			this.remaining = wasMetered ? Math.min(this.remaining, estimate) : estimate;
			this.resetAt = resetAt;
		} else if (resetAt > this.resetAt) {
			// the next window, told before this pacer reached it: its allowance holds as at a reset
			this.remaining = Math.min(estimate, Math.max(0, this.allowance() - (this.seq - slot.seq)));
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
