import { header, resetTimeMs, type Headers } from './headers';

/** The longest single backoff step when the server gives no hint. */
const MAX_BACKOFF_MS = 30_000;
const BASE_BACKOFF_MS = 1_000;

interface RetryDelay {
	ms: number;
	/** When the server said the limit resets, if it said so. */
	resetAt?: number;
	source: 'retry-after' | 'reset' | 'backoff';
}

/** Exponential backoff with jitter: attempt 0 waits 0.5–1 s, then doubling, capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
	return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * The wait before retrying a 429 that came without any hint, aligned to the windows: the API's
 * windows are fixed and aligned to the clock in whole seconds, so a refused request can succeed no
 * earlier than the next whole second. The first retry goes then; later ones back off as backoffMs
 * does (with jitter) and then wait for the next whole second after that.
 * A plain backoff overshoots short windows: 0.5–1 s after a refusal late in a 1-second window
 * lands in the window after next, and one early in it lands in the same window and is refused again.
 */
export function windowBackoffMs(attempt: number, now: number, random: () => number = Math.random): number {
	const earliest = attempt === 0 ? now : now + backoffMs(attempt - 1, random);
	return (Math.floor(earliest / 1000) + 1) * 1000 - now;
}

/** `Retry-After` as delta seconds or an HTTP date, as an absolute time in ms. */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
	const raw = header(headers, 'retry-after')?.trim();
	if (!raw) return undefined;
	if (/^\d+(\.\d+)?$/.test(raw)) return now + Number(raw) * 1000;
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : date;
}

/** How long to wait before sending again after a 503: as its `Retry-After` asks, else backoffMs. */
export function unavailableDelay(headers: Headers | undefined, attempt: number, now: number, random: () => number = Math.random): { ms: number; asked: boolean } {
	const retryAt = retryAfterMs(headers, now);
	return retryAt === undefined ? { ms: backoffMs(attempt, random), asked: false } : { ms: Math.max(0, retryAt - now), asked: true };
}

/** How long to wait before retrying a 429: as the server says, else windowBackoffMs. */
export function rateLimitDelay(
	headers: Headers | undefined,
	attempt: number,
	now: number,
	random: () => number = Math.random,
): RetryDelay {
	const retryAt = retryAfterMs(headers, now);
	if (retryAt !== undefined) {
		return { ms: Math.max(0, retryAt - now), resetAt: retryAt, source: 'retry-after' };
	}
	const resetAt = resetTimeMs(headers, now);
	if (resetAt !== undefined) {
		return { ms: Math.max(0, resetAt - now), resetAt, source: 'reset' };
	}
	return { ms: windowBackoffMs(attempt, now, random), source: 'backoff' };
}
