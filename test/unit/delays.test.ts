import { backoffMs, rateLimitDelay, retryAfterMs, unavailableDelay } from '../../n8n-nodes-pgai/nodes/PgAi/transport/delays';
import { rateLimitHeaders, resetTimeMs } from '../../n8n-nodes-pgai/nodes/PgAi/transport/headers';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('Retry-After', () => {
	it('reads delta seconds', () => {
		expect(retryAfterMs({ 'retry-after': '7' }, NOW)).toBe(NOW + 7000);
	});

	it('reads an HTTP date', () => {
		expect(retryAfterMs({ 'Retry-After': new Date(NOW + 12_000).toUTCString() }, NOW)).toBe(NOW + 12_000);
	});

	it('ignores garbage', () => {
		expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
	});
});

describe('X-RateLimit-Reset', () => {
	it('reads Unix seconds, as the contract says', () => {
		expect(resetTimeMs({ 'x-ratelimit-reset': String(NOW / 1000 + 30) }, NOW)).toBe(NOW + 30_000);
	});

	it('reads a value that is plainly milliseconds', () => {
		expect(resetTimeMs({ 'x-ratelimit-reset': String(NOW + 4500) }, NOW)).toBe(NOW + 4500);
	});

	it('reads a small value as seconds from now', () => {
		expect(resetTimeMs({ 'X-RateLimit-Reset': '20' }, NOW)).toBe(NOW + 20_000);
	});

	it('gives the three headers together, or nothing', () => {
		expect(
			rateLimitHeaders(
				{ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 1) },
				NOW,
			),
		).toEqual({ limit: 60, remaining: 0, resetAt: NOW + 1000 });
		expect(rateLimitHeaders({ 'x-ratelimit-limit': '60' }, NOW)).toBeUndefined();
	});
});

describe('how long a 429 waits', () => {
	it('prefers Retry-After over the reset header', () => {
		const delay = rateLimitDelay({ 'retry-after': '2', 'x-ratelimit-reset': String(NOW / 1000 + 50) }, 0, NOW);
		expect(delay).toEqual({ ms: 2000, resetAt: NOW + 2000, source: 'retry-after' });
	});

	it('waits for the reset when only X-RateLimit-Reset is sent', () => {
		const delay = rateLimitDelay({ 'x-ratelimit-reset': String(NOW / 1000 + 3) }, 0, NOW);
		expect(delay).toEqual({ ms: 3000, resetAt: NOW + 3000, source: 'reset' });
	});

	it('backs off exponentially with jitter (reads, operation polls; a 429 aligns it to whole seconds)', () => {
		const low = () => 0;
		const high = () => 0.999999;
		expect(backoffMs(0, low)).toBe(500);
		expect(backoffMs(0, high)).toBe(1000);
		expect(backoffMs(3, low)).toBe(4000);
		expect(backoffMs(3, high)).toBe(8000);
		expect(backoffMs(20, high)).toBe(30_000);
	});
});

describe('the wait after a 503', () => {
	it('is what Retry-After asks, in seconds or as a date', () => {
		expect(unavailableDelay({ 'Retry-After': '3' }, 0, NOW)).toEqual({ ms: 3000, asked: true });
		expect(unavailableDelay({ 'retry-after': new Date(NOW + 5000).toUTCString() }, 2, NOW)).toEqual({ ms: 5000, asked: true });
		expect(unavailableDelay({ 'retry-after': '0' }, 0, NOW)).toEqual({ ms: 0, asked: true });
	});

	it('backs off as after any server failure when nothing is asked, and ignores the rate-limit reset', () => {
		const half = () => 0.5;
		expect(unavailableDelay({ 'X-RateLimit-Reset': String(NOW / 1000 + 60) }, 1, NOW, half)).toEqual({ ms: backoffMs(1, half), asked: false });
	});
});
