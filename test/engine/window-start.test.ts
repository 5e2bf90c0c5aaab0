import { ids, runNode } from './harness';
import { useSandbox } from './sandbox';

/**
 * Windows that start at a key's first request (the sandbox's windowStart 'first-request'), their
 * reset rounded up to the next whole second as servers that send it in Unix seconds do. A node that
 * waits for that reset opens each window after it, a second late; one that learns where windows
 * really start opens it before.
 */
const LIMIT = 5;
const env = useSandbox({ rateLimit: { limit: LIMIT, windowMs: 1000, windowStart: 'first-request' } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** The reset the sandbox announced for a window: its end rounded up to a whole second. */
const announcedReset = (end: number) => Math.ceil(end / 1000) * 1000;

describe('windows that start at the first request, their reset rounded up to a whole second', () => {
	it('40 input items fill 8 windows without a 429, nearly all opened before the reset announced for the one before', async () => {
		const contacts = env.sandbox.data.contacts.slice(0, 40);
		const { items, error } = await runNode({
			parameters: { resource: 'contact', operation: 'get', contactId: rl('={{ $json.id }}') },
			input: contacts.map((c) => ({ id: c.id })),
			credentials: env.credentials,
		});
		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(contacts.map((c) => c.id));
		expect(env.sandbox.requests.map((r) => r.status)).toEqual(contacts.map(() => 200));
		const windows = env.sandbox.rateWindows();
		expect(windows).toHaveLength(contacts.length / LIMIT);
		// The node learns in the second window (the third too, when its requests were already
		// waiting for the second's reset); one more may end just before a whole second, where a
		// request sent at its end arrives after the rounded reset. Waiting for the announced
		// resets, all 7 open after them.
		const afterAnnounced = windows.filter((w, i) => i > 0 && w.start >= announcedReset(windows[i - 1].end));
		expect(afterAnnounced.length).toBeLessThanOrEqual(3);
	});
});
