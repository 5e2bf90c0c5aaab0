import type { RateLimitHeaders } from './headers';
import type { Slot } from './sharing';

const SECOND = 1000;
const upToSecond = (ms: number) => Math.ceil(ms / SECOND) * SECOND;

/** A window of the API, known by the reset its answers name. */
interface Window {
	resetAt: number;
	/** When its first answer came: the window had started by then. */
	firstAnswerAt: number;
	/** When it surely ended: its first answer plus the windows' length; before the reset, or undefined. */
	aim?: number;
	/** The length the aim was taken with. */
	length?: number;
}

/**
 * Some APIs start a window with the first request after the one before ended and name its reset in
 * Unix seconds: its end rounded up, up to a second late. A pacer that waits for that reset starts
 * the next window just after a whole second, which rounds its end up by almost a second again:
 * every window costs a second more than its length.
 *
 * A window had started before any of its answers came: it surely ends its length after its first
 * answer, whatever the clocks. The answer that leaves limit − 1 is to its first request, sent
 * before the window started: for windows of whole seconds, their length is the reset less that
 * start rounded up to a whole second, which two successive windows must agree on. Clock-aligned
 * windows suggest no length (1-second ones) or one that does not hold; so the first end aimed at
 * with a length is a guess: the window after it opens with a single request, which either opened
 * it (the length holds) or was still counted in, or refused by, the window before (no length as
 * short is tried again).
 */
export class WindowStarts {
	private current: Window | undefined;
	private previous: Window | undefined;
	/** The windows' length, once a request sent at an aimed end opened a new window; 0 while unknown. */
	private confirmed = 0;
	/** A length two successive windows agreed on, not confirmed yet. */
	private candidate = 0;
	/** The length the latest window's first request suggested; 0: none. */
	private suggested = 0;
	/** A window outlasted this length after its first answer: no length as short holds. */
	private tooShort = 0;

	/** When the window that named `resetAt` ends, as far as known: the end aimed at, else the reset. */
	endOf(resetAt: number): number {
		return this.find(resetAt)?.aim ?? resetAt;
	}

	/** Whether the end aimed at for the window is a guess: the window after it opens with a single request. */
	unsure(resetAt: number): boolean {
		const window = this.find(resetAt);
		return window?.aim !== undefined && window.length !== this.confirmed;
	}

	/** Learns from an answer (its rate-limit headers) to `slot`'s request, answered at `answeredAt`. */
	answered(slot: Slot, answeredAt: number, { limit, remaining, resetAt, relative }: RateLimitHeaders): void {
		// only a reset in whole seconds may have been rounded up; one from now moves with every answer
		const sentAt = slot.grantedAt;
		if (relative || resetAt % SECOND !== 0 || sentAt === undefined) return;
		let window = this.find(resetAt);
		if (!window) {
			if (this.current && resetAt < this.current.resetAt) return;
			this.previous = this.current;
			window = this.current = { resetAt, firstAnswerAt: answeredAt };
		}
		const before = window === this.current ? this.previous : undefined;
		if (before?.aim !== undefined && sentAt >= before.aim && sentAt < before.resetAt) {
			// sent at the aimed end (before the reset, which proves nothing) and counted in a new window
			this.confirmed = before.length ?? 0;
		} else if (window.aim !== undefined && sentAt >= window.aim) {
			// sent at the aimed end and still counted in (or refused by) the window: it lasts longer
			this.tooShort = Math.max(this.tooShort, window.length ?? 0);
			if (this.confirmed <= this.tooShort) this.confirmed = 0;
			if (this.candidate <= this.tooShort) this.candidate = 0;
			window.aim = undefined;
			return;
		}
		if (limit !== undefined && remaining === limit - 1) {
			// the window's first request: the window started after it was sent, before the first answer
			const start = upToSecond(sentAt);
			const suggested = start === upToSecond(window.firstAnswerAt) ? resetAt - start : 0;
			if (suggested > this.tooShort && suggested === this.suggested) this.candidate = suggested;
			this.suggested = suggested;
		}
		const length = this.confirmed || this.candidate;
		const aim = window.firstAnswerAt + length;
		if (length && window.aim === undefined && aim < resetAt) Object.assign(window, { aim, length });
	}

	private find(resetAt: number): Window | undefined {
		return [this.current, this.previous].find((window) => window?.resetAt === resetAt);
	}
}
