import { rateLimitDelay, windowBackoffMs } from '../../n8n-nodes-pgai/nodes/PgAi/transport/delays';

const SECOND = Date.UTC(2026, 10, 26, 12, 0, 0);
const low = () => 0;
const high = () => 0.999999;

describe('retrying a 429 that gave no hint, aligned to whole seconds', () => {
	it('retries first at the next whole second, where a new window can start', () => {
		// refused 180 ms into a second (after a burst), or 900 ms into it
		expect(windowBackoffMs(0, SECOND + 180, low)).toBe(820);
		expect(windowBackoffMs(0, SECOND + 900, high)).toBe(100);
		// refused at the very start of a second: that window has just begun, the next is a second away
		expect(windowBackoffMs(0, SECOND, low)).toBe(1000);
	});

	it('then backs off as before, rounded up to the next whole second', () => {
		// attempt 1, refused again just after that second began (the window is longer than a second):
		// 0.5–1 s, then the next whole second
		expect(windowBackoffMs(1, SECOND + 10, low)).toBe(990);
		expect(windowBackoffMs(1, SECOND + 10, high)).toBe(1990);
		// attempt 4: 4–8 s
		expect(windowBackoffMs(4, SECOND + 180, low)).toBe(4820);
		expect(windowBackoffMs(4, SECOND + 180, high)).toBe(8820);
		// never more than the 30 s cap plus a second
		expect(windowBackoffMs(30, SECOND + 180, high)).toBeLessThanOrEqual(31_000);
	});

	it('is what rateLimitDelay gives when the 429 has neither header', () => {
		expect(rateLimitDelay({}, 0, SECOND + 180, low)).toEqual({ ms: 820, source: 'backoff' });
		expect(rateLimitDelay({}, 4, SECOND + 180, high)).toEqual({ ms: 8820, source: 'backoff' });
		// a hint still wins
		expect(rateLimitDelay({ 'retry-after': '2' }, 0, SECOND + 180, low)).toEqual({ ms: 2000, resetAt: SECOND + 2180, source: 'retry-after' });
	});
});
