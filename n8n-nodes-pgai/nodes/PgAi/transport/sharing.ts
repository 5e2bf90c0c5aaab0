/** One request's permission to leave, as the pacer hands it out. */
export interface Slot {
	readonly seq: number;
	/** When the slot was taken (this pacer's clock). */
	readonly grantedAt?: number;
	/** The margin this slot waited out after a pause for a time the server named; undefined if it did not wait. */
	readonly afterPauseMargin?: number;
}

/** What the sharing model reads of its pacer; the pacer keeps both up to date. */
export interface PacerCounts {
	/** The key's requests per window, as the answers told it. */
	limit: number;
	/** This process's requests sent and not answered yet. */
	inFlight: number;
}

/** One answer's window, as its rate-limit headers tell it. */
export interface AnsweredWindow {
	remaining: number;
	resetAt: number;
	/** The reset came as seconds from now: answers of one window name different reset times. */
	relative?: true;
}

/**
 * What the answers prove about other processes sending with the same key (n8n workers in queue
 * mode), and what this process may take while it shares the key with them. The pacer asks the
 * shared-only questions (opening, budget, atMiddle, resumeAt) only while `shared` holds.
 */
export interface Sharing {
	/** Whether answers proved other senders with this key and no window since proved them gone. */
	readonly shared: boolean;
	/**
	 * Records every answer, `window` when it carries rate-limit headers of a window not over yet (a
	 * 429 that follows concerns the last answer); true when it is of the latest window measured.
	 */
	answered(slot: Slot, window?: AnsweredWindow): boolean;
	/** A 429 to the last answer: true when it proved others (the server's clock is not to blame). */
	refused(slot: Slot): boolean;
	/** Shared: slots at the start of the window after the one that ended at `ended`. */
	opening(ended: number): number;
	/** Shared: slots this process may still take after an answer of the current window. */
	budget(): number;
	/** Shared, once per window when `now` has passed the middle of the one ending at resetAt: the slots it may take then. */
	atMiddle(now: number, resetAt: number): number | undefined;
	/** Shared, no slot left in the window ending at resetAt: when to look again (Infinity: at the next answer). */
	resumeAt(now: number, resetAt: number): number;
}

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
	/** shared: the most the others can have sent at the window's start (see budget()) */
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

/**
 * Nothing tells this process about the others but the answers: until an answer proves one (see
 * answered()), the pacer is the one-process pacer. Once others are proven it shares: a new window
 * starts with at most what this process had counted in the window before, which the server's limit
 * bounds for all processes together, and each answer lets it keep in flight a part of the remaining
 * count the server reports. A window whose answers show nobody else makes it alone again.
 */
export class KeySharing implements Sharing {
	shared = false;
	/** Shared: the part of the reported remaining count this process keeps in flight is 1/parts. */
	private parts = 2;
	private meter: WindowMeter | undefined;
	/** The last answer counted in a window, for refused(): the window a 429 was counted against. */
	private lastCounted: { slot: Slot; meter: WindowMeter } | undefined;
	/** False once a reset came as seconds from now: answers of one window name different reset times, windows cannot be told apart. */
	private absoluteResets = true;
	/** Shared: this process's requests counted in the window before the current one, as the reset found them. */
	private countedBefore = 0;
	/** Length of the API's windows, from two successive reset times; 0 until known. */
	private windowMs = 0;

	constructor(private readonly pacer: Readonly<PacerCounts>) {}

	answered(slot: Slot, window?: AnsweredWindow): boolean {
		this.lastCounted = undefined;
		if (!window) return false;
		if (window.relative) this.absoluteResets = false;
		return this.learnWindow(slot, window.remaining, window.resetAt);
	}

	/**
	 * A refused request was not counted. Refused in a window still running while this process had
	 * not had the whole limit counted in it: others were counted, and the server's clock is not the
	 * reason (it named a window that had not ended, not the one this process waited out).
	 */
	refused(slot: Slot): boolean {
		const meter = this.lastCounted?.slot === slot ? this.lastCounted.meter : undefined;
		if (!meter) return false;
		meter.counted = Math.max(0, meter.counted - 1);
		const othersProven = this.proveOthers(meter, 0);
		// refused although this process took only its part from the start of the window: the parts overlap
		if (othersProven && meter.sharedAtStart && !meter.collided) {
			meter.collided = true;
			this.parts = Math.min(this.pacer.limit, this.parts + 1);
		}
		return othersProven;
	}

	/**
	 * Slots at the start of a window. All processes' requests counted in the window that ended add
	 * up to at most the limit, so taking at most one's own count of it again cannot together exceed
	 * the limit, however the parts were split; capped at its part (openingCap()), so that a process
	 * that took much gives back some. At least one, to learn the window's count, unless requests in
	 * flight will tell it.
	 */
	opening(ended: number): number {
		const counted = this.meter && this.meter.resetAt === ended ? this.meter.counted : 0;
		this.countedBefore = counted;
		// Requests still in flight may be counted in the new window: they are part of the opening
		// (and their answers will tell the window's count).
		const { inFlight } = this.pacer;
		return Math.max(inFlight > 0 ? 0 : 1, Math.min(counted, this.openingCap()) - inFlight);
	}

	/**
	 * Slots this process may still take after an answer, beyond its opening allowance: a part of
	 * what is surely free. The window's remaining count (the lowest answered) is not all free: this
	 * process's requests in flight may not be counted yet, nor the others' opening requests, which
	 * are at most what the limit left them in the window before (all processes' counts add up to at
	 * most the limit), less those the answers already show. What is left, others may read as well:
	 * this process takes 1/(parts + 1) of it, answer after answer. In the window others were first
	 * proven, nothing about them is known but that they send: a quarter of the remaining count.
	 */
	budget(): number {
		const meter = this.meter;
		if (!meter) return 0;
		if (!meter.sharedAtStart) return Math.max(0, Math.floor(meter.lowest / FIRST_WINDOW_PARTS) - this.pacer.inFlight);
		return Math.max(0, Math.floor(this.surelyFree(meter, meter.lateAnswer) / (this.parts + 1)));
	}

	atMiddle(now: number, resetAt: number): number | undefined {
		const meter = this.meter;
		if (!this.shared || !meter || meter.resetAt !== resetAt || meter.middlePassed || now < this.middleOf(resetAt)) return undefined;
		meter.middlePassed = true;
		// One request after the middle learns what the others took (see budget()), if the count
		// leaves room for it beside all the others can have opened the window with, and for the same
		// request of each of the others.
		const probe = !meter.lateAnswer && this.surelyFree(meter, false) >= this.parts ? 1 : 0;
		return Math.max(this.budget(), probe);
	}

	/**
	 * An answer may leave room the others did not take: wait for it while one may come. From the
	 * window's middle on, it may take what the others left.
	 */
	resumeAt(now: number, resetAt: number): number {
		if (this.pacer.inFlight > 0) return Infinity;
		const middle = this.middleOf(resetAt);
		return now < middle && this.meter?.resetAt === resetAt && !this.meter.middlePassed ? middle : resetAt;
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
		const { limit, inFlight } = this.pacer;
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
				othersOpening: limit - this.countedBefore,
				lateAnswer: false,
				middlePassed: false,
			};
			this.countedBefore = 0;
			if (first) meter.before = Math.max(0, limit - remaining - 1 - inFlight);
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
		if (this.pacer.limit - remaining - meter.before <= meter.counted + this.pacer.inFlight) return meter.others;
		if (!this.shared) {
			this.shared = true;
			this.parts = 2;
		}
		meter.others = true;
		return true;
	}

	/** The window's slots no request can be on its way to yet; `opened`: the others' openings are counted. */
	private surelyFree(meter: WindowMeter, opened: boolean): number {
		const { limit, inFlight } = this.pacer;
		const othersSeen = Math.max(0, limit - meter.lowest - meter.counted - inFlight);
		// (each other process opens with at most its part, as this one does)
		const othersOpening = opened ? 0 : Math.min(meter.othersOpening, (this.parts - 1) * this.openingCap());
		// Others taking what is left do as this process does: as many of theirs as of its own may be
		// on their way, not yet in the count.
		return meter.lowest - inFlight * this.parts - Math.max(0, othersOpening - othersSeen);
	}

	/** The middle of the window ending at resetAt; its end while the windows' length is not known. */
	private middleOf(resetAt: number): number {
		return this.windowMs ? resetAt - this.windowMs / 2 : resetAt;
	}

	/**
	 * The most a sharing process opens a window with: its part of the limit less one, so that the
	 * openings leave room for the request each sends after the middle (see atMiddle()).
	 */
	private openingCap(): number {
		return Math.max(1, Math.floor((this.pacer.limit - 1) / this.parts));
	}
}
