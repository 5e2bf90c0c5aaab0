/** Fixed-window rate limiting per API key, with the header variants clients meet in the wild. */
import type { RateLimitOptions, RateWindow } from './types';

export interface RateDecision {
	allowed: boolean;
	remaining: number;
	/** End of the current window, ms since the epoch. */
	windowEnd: number;
	now: number;
}

/** The oldest tenth of the windows opened is dropped past this, as the request log does. */
const MAX_OPENED = 100_000;

export class RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();
	/** Every window opened, in order: when it started and ended, and for which key. */
	readonly opened: RateWindow[] = [];

	constructor(private readonly options: RateLimitOptions) {}

	/** Counts one request of `key`; a refused request does not count. */
	hit(key: string, now: number): RateDecision {
		const { limit, windowMs, windowStart = 'clock' } = this.options;
		let window = this.windows.get(key);
		const running = window && now < window.start + windowMs ? window.start : now;
		const start = windowStart === 'clock' ? Math.floor(now / windowMs) * windowMs : running;
		if (!window || window.start !== start) {
			window = { start, count: 0 };
			this.windows.set(key, window);
			this.opened.push({ apiKey: key, start, end: start + windowMs });
			if (this.opened.length > MAX_OPENED) this.opened.splice(0, MAX_OPENED / 10);
		}
		const allowed = window.count < limit;
		if (allowed) window.count++;
		return { allowed, remaining: limit - window.count, windowEnd: start + windowMs, now };
	}

	/** The headers a reply with `status` carries, per the configured header mode. */
	headers(decision: RateDecision, status: number): Record<string, string> {
		const { headers = 'all', retryAfter = false, resetUnit = 's', limit } = this.options;
		const out: Record<string, string> = {};
		if (headers === 'all' || (headers === 'no-429' && status !== 429)) {
			out['X-RateLimit-Limit'] = String(limit);
			out['X-RateLimit-Remaining'] = String(decision.remaining);
			out['X-RateLimit-Reset'] = String(resetUnit === 'ms' ? decision.windowEnd : Math.ceil(decision.windowEnd / 1000));
		}
		if (status === 429 && retryAfter) out['Retry-After'] = String(Math.ceil((decision.windowEnd - decision.now) / 1000));
		return out;
	}
}
