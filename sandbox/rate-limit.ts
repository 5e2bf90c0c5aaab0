/** Fixed-window rate limiting per API key, with the header variants clients meet in the wild. */
import type { RateLimitOptions } from './types';

export interface RateDecision {
	allowed: boolean;
	remaining: number;
	/** End of the current window, ms since the epoch. */
	windowEnd: number;
	now: number;
}

export class RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(private readonly options: RateLimitOptions) {}

	/** Counts one request of `key`; a refused request does not count. */
	hit(key: string, now: number): RateDecision {
		const { limit, windowMs } = this.options;
		const start = Math.floor(now / windowMs) * windowMs;
		let window = this.windows.get(key);
		if (!window || window.start !== start) {
			window = { start, count: 0 };
			this.windows.set(key, window);
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
