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
	/** When the slot was taken (this pacer's clock). */
	readonly grantedAt?: number;
	/** The margin this slot waited out after a pause for a time the server named; undefined if it did not wait. */
	readonly afterPauseMargin?: number;
}

type Mode = 'unknown' | 'unmetered' | 'metered';

/** What the answers of one window (one reset time) showed: this process's requests counted in it, and whether others sent. */
interface WindowMeter {
	resetAt: number;
	/** this process's answers carrying the window's reset time, less the 429s among them: its requests counted in it */
	counted: number;
	/** whether an answer proved requests of others counted in this window */
	others: boolean;
	/** whether this process already shared the key when the window began */
	sharedAtStart: boolean;
	/** the lowest remaining count answered: the server's count only falls within a window, a higher one was overtaken */
	lowest: number;
	/** whether a request of this process was refused in the window while it took only its part */
	collided: boolean;
	/** shared: the most the others can have sent at the window's start (see shareBudget()) */
	othersOpening: number;
	/** whether an answer came to a request sent after the window's middle: by then all who opened the window had been counted */
	lateAnswer: boolean;
	/** whether the pacer has passed the window's middle, where the others' openings no longer hold room */
	middlePassed: boolean;
	/**
	 * Requests counted before this process's first answer in the window beyond its own, in the first
	 * window of the pacer only: they may have been sent before it started (a run just before), which
	 * the one-process pacer takes in its stride, and do not prove a sender beside it.
	 */
	before: number;
}

/**
 * When others are first proven within a window, the first-comer's burst may already be on its way:
 * this process then keeps at most this part of the remaining count in flight, to leave room for it.
 */
const FIRST_WINDOW_PARTS = 4;

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
 * Other processes may send with the same key (n8n workers in queue mode). Nothing tells this
 * process about them but the answers, so until an answer proves one (see learnWindow()) the pacer
 * is exactly the one-process pacer above. Once others are proven it shares (see shareBudget()):
 * a new window starts with at most what this process had counted in the window before, which the
 * server's limit bounds for all processes together, and each answer lets it keep in flight a part
 * of the remaining count the server reports. A window whose answers show nobody else makes it
 * alone again.
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
	/** Whether answers proved other senders with this key and no window since proved them gone. */
	private shared = false;
	/** Shared: the part of the reported remaining count this process keeps in flight is 1/parts. */
	private parts = 2;
	private meter: WindowMeter | undefined;
	/** The last answer counted in a window, for block(): the window a 429 was counted against. */
	private lastCounted: { slot: Slot; meter: WindowMeter } | undefined;
	/** False once a reset came as seconds from now: answers of one window name different reset times, windows cannot be told apart. */
	private absoluteResets = true;
	/** Shared: this process's requests counted in the window before the current one, as the reset found them. */
	private countedBefore = 0;
	/** Length of the API's windows, from two successive reset times; 0 until known. */
	private windowMs = 0;

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
				return { seq: ++this.seq, grantedAt: now, afterPauseMargin: pausedWithMargin };
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
			const ended = this.resetAt;
			this.resetAt = undefined;
			this.remaining = this.shared ? this.openingAllowance(ended) : this.limit;
		}
		const meter = this.meter;
		if (this.shared && meter && meter.resetAt === this.resetAt && !meter.middlePassed && now >= this.middleOf(meter.resetAt)) {
			meter.middlePassed = true;
			// One request after the middle learns what the others took (see shareBudget()), if the
			// count leaves room for it beside all the others can have opened the window with, and for
			// the same request of each of the others.
			const probe = !meter.lateAnswer && this.surelyFree(meter, false) >= this.parts ? 1 : 0;
			this.remaining = Math.max(this.remaining, this.shareBudget(), probe);
		}
		if (this.remaining > 0) {
			this.remaining--;
			return 0;
		}
		// Shared, an answer may leave room the others did not take: wait for it while one may come.
		// From the window's middle on, it may take what the others left (see shareBudget()).
		if (this.resetAt !== undefined) {
			if (!this.shared) return this.resetAt;
			if (this.inFlight > 0) return Infinity;
			const middle = this.middleOf(this.resetAt);
			return now < middle && this.meter?.resetAt === this.resetAt && !this.meter.middlePassed ? middle : this.resetAt;
		}
		// The window passed and its successor's end is not known yet: an answer will tell.
		return this.inFlight > 0 ? Infinity : 0;
	}

	/** Records the answer to a slot's request (undefined headers: none sent, or no answer at all). */
	settle(slot: Slot, limits: RateLimitHeaders | undefined, answered: boolean): void {
		this.inFlight--;
		this.lastCounted = undefined;
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
		// A refused request was not counted. Refused in a window still running while this process
		// had not had the whole limit counted in it: others were counted, and the server's clock is
		// not the reason (it named a window that had not ended, not the one this process waited out).
		const meter = refused && this.lastCounted?.slot === refused ? this.lastCounted.meter : undefined;
		let othersProven = false;
		if (meter) {
			meter.counted = Math.max(0, meter.counted - 1);
			othersProven = this.proveOthers(meter, 0);
			// refused although this process took only its part from the start of the window: the parts overlap
			if (othersProven && meter.sharedAtStart && !meter.collided) {
				meter.collided = true;
				this.parts = Math.min(this.limit, this.parts + 1);
			}
		}
		if (refused?.afterPauseMargin !== undefined && !othersProven) {
			this.marginMs = Math.min(MAX_RESET_MARGIN_MS, Math.max(this.marginMs, refused.afterPauseMargin * 2, 50));
		}
	}

	private learn(slot: Slot, { limit, remaining, resetAt, relative }: RateLimitHeaders): void {
		const now = this.now();
		if (resetAt + this.marginMs <= now) return; // an answer from a window already over
		const wasMetered = this.mode === 'metered';
		this.mode = 'metered';
		this.limit = limit ?? Math.max(this.limit, remaining + 1);
		if (relative) this.absoluteResets = false;
		const wasShared = this.shared;
		const current = this.learnWindow(slot, remaining, resetAt);
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
		if (current && resetAt === this.resetAt) {
			if (this.shared) this.remaining = this.shareBudget();
			// The others gone, the window's opening allowance no longer holds: all that is left is ours,
			// less all still in flight (answers overtake one another: the estimate assumes they do not).
			else if (wasShared) this.remaining = Math.max(0, Math.min(estimate, remaining - this.inFlight));
		}
	}

	/**
	 * Counts an answer in its window and tells whether it is of the latest window measured. The
	 * server counts every request of the key, whoever sent it; this process knows its own: those
	 * answered with the window's reset time, and those still in flight, which may have been counted
	 * before this answer. A remaining count lower than all of them can explain proves others sent.
	 * Moving to a new window closes the one before: if its answers proved nobody else, the others left.
	 */
	private learnWindow(slot: Slot, remaining: number, resetAt: number): boolean {
		if (!this.absoluteResets) return false;
		let meter = this.meter;
		if (!meter || resetAt > meter.resetAt) {
			if (meter) this.windowMs = Math.min(this.windowMs || Infinity, resetAt - meter.resetAt);
			if (meter) this.closeWindow(meter);
			const first = !meter;
			meter = this.meter = {
				resetAt,
				counted: 0,
				others: false,
				sharedAtStart: this.shared,
				before: 0,
				lowest: remaining,
				collided: false,
				othersOpening: this.limit - this.countedBefore,
				lateAnswer: false,
				middlePassed: false,
			};
			this.countedBefore = 0;
			if (first) meter.before = Math.max(0, this.limit - remaining - 1 - this.inFlight);
		}
		if (resetAt < meter.resetAt) return false;
		meter.counted++;
		meter.lowest = Math.min(meter.lowest, remaining);
		if (slot.grantedAt !== undefined && slot.grantedAt >= this.middleOf(resetAt)) meter.lateAnswer = true;
		this.lastCounted = { slot, meter };
		this.proveOthers(meter, remaining);
		return true;
	}

	/**
	 * A window over: one whose answers proved nobody else makes this process alone again (more than
	 * a single request, which may have come before the others' in the window; sharing, see below);
	 * one shared without a collision lets it take a larger part again, down to half.
	 */
	private closeWindow(meter: WindowMeter): void {
		// Shared, the proof must come from the window's second half (a process whose requests all
		// reach the server before the others' would otherwise see nobody), and from a window in which
		// this process took more than its part: one that sent little may have met others idle, who
		// will open the next window as sharing processes do, beside its whole limit.
		const proof = !meter.sharedAtStart || (meter.lateAnswer && meter.counted > this.openingCap());
		if (!meter.others && meter.counted > 1 && proof) this.shared = false;
		else if (meter.others && meter.sharedAtStart && !meter.collided) this.parts = Math.max(2, this.parts - 1);
	}

	/** Whether the window's counts prove others; the first proof makes this process share. */
	private proveOthers(meter: WindowMeter, remaining: number): boolean {
		if (this.limit - remaining - meter.before <= meter.counted + this.inFlight) return meter.others;
		if (!this.shared) {
			this.shared = true;
			this.parts = 2;
		}
		meter.others = true;
		return true;
	}

	/**
	 * Shared: slots this process may still take after an answer, beyond its opening allowance: a part
	 * of what is surely free. The window's remaining count (the lowest answered) is not all free:
	 * this process's requests in flight may not be counted yet, nor the others' opening requests,
	 * which are at most what the limit left them in the window before (all processes' counts add up
	 * to at most the limit), less those the answers already show. What is left, others may read as
	 * well: this process takes 1/(parts + 1) of it, answer after answer. In the window others were
	 * first proven, nothing about them is known but that they send: a quarter of the remaining count.
	 */
	private shareBudget(): number {
		const meter = this.meter;
		if (!meter) return 0;
		if (!meter.sharedAtStart) return Math.max(0, Math.floor(meter.lowest / FIRST_WINDOW_PARTS) - this.inFlight);
		return Math.max(0, Math.floor(this.surelyFree(meter, meter.lateAnswer) / (this.parts + 1)));
	}

	/** The window's slots no request can be on its way to yet; `opened`: the others' openings are counted. */
	private surelyFree(meter: WindowMeter, opened: boolean): number {
		const othersSeen = Math.max(0, this.limit - meter.lowest - meter.counted - this.inFlight);
		// (each other process opens with at most its part, as this one does)
		const othersOpening = opened ? 0 : Math.min(meter.othersOpening, (this.parts - 1) * this.openingCap());
		// Others taking what is left do as this process does: as many of theirs as of its own may be
		// on their way, not yet in the count.
		return meter.lowest - this.inFlight * this.parts - Math.max(0, othersOpening - othersSeen);
	}

	/** The middle of the window ending at resetAt; its end while the windows' length is not known. */
	private middleOf(resetAt: number): number {
		return this.windowMs ? resetAt - this.windowMs / 2 : resetAt;
	}

	/**
	 * Shared: slots at the start of a window. All processes' requests counted in the window that
	 * ended add up to at most the limit, so taking at most one's own count of it again cannot
	 * together exceed the limit, however the parts were split; capped at its part (openingCap()), so
	 * that a process that took much gives back some. At least one, to learn the window's count,
	 * unless requests in flight will tell it.
	 */
	private openingAllowance(ended: number | undefined): number {
		const counted = this.meter && this.meter.resetAt === ended ? this.meter.counted : 0;
		this.countedBefore = counted;
		// Requests still in flight may be counted in the new window: they are part of the opening
		// (and their answers will tell the window's count).
		return Math.max(this.inFlight > 0 ? 0 : 1, Math.min(counted, this.openingCap()) - this.inFlight);
	}

	/**
	 * The most a sharing process opens a window with: its part of the limit less one, so that the
	 * openings leave room for the request each sends after the middle (see reserve()).
	 */
	private openingCap(): number {
		return Math.max(1, Math.floor((this.limit - 1) / this.parts));
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
