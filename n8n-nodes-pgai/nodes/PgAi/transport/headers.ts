export type Headers = Record<string, unknown>;

/** Header lookup that ignores case: proxies and HTTP/2 disagree on it. */
export function header(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

function numericHeader(headers: Headers | undefined, name: string): number | undefined {
	const raw = header(headers, name);
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

/** `X-RateLimit-Reset` read once: the time in ms, and whether it was given as seconds from now. */
function reset(headers: Headers | undefined, now: number): { at: number; relative: boolean } | undefined {
	const value = numericHeader(headers, 'x-ratelimit-reset');
	if (value === undefined || value < 0) return undefined;
	if (value > 1e12) return { at: value, relative: false };
	if (value > 1e9) return { at: value * 1000, relative: false };
	return { at: now + value * 1000, relative: true };
}

/**
 * `X-RateLimit-Reset` as an absolute time in ms. The API documents Unix seconds; values that are
 * plainly milliseconds are taken as such, and small values as seconds from now (some gateways).
 */
export function resetTimeMs(headers: Headers | undefined, now: number): number | undefined {
	return reset(headers, now)?.at;
}

export interface RateLimitHeaders {
	limit?: number;
	remaining: number;
	resetAt: number;
	/** The reset was given as seconds from now: answers of one window then name different reset times. */
	relative?: true;
}

/** The three rate-limit headers, or undefined when the response does not carry them. */
export function rateLimitHeaders(headers: Headers | undefined, now: number): RateLimitHeaders | undefined {
	const remaining = numericHeader(headers, 'x-ratelimit-remaining');
	const resetAt = reset(headers, now);
	if (remaining === undefined || resetAt === undefined) return undefined;
	const limits: RateLimitHeaders = { limit: numericHeader(headers, 'x-ratelimit-limit'), remaining, resetAt: resetAt.at };
	if (resetAt.relative) limits.relative = true;
	return limits;
}
