/**
 * Whole polls (walk + state) against an in-memory list behind the real ApiClient and page reader:
 * what each poll emits, what it stores, and how many requests it costs.
 */
import { NodeApiError } from 'n8n-workflow';

import { pollList, type PollOutcome } from '../../n8n-nodes-pgai/nodes/PgAi/trigger/poll';
import type { TriggerState } from '../../n8n-nodes-pgai/nodes/PgAi/trigger/state';
import { createRng } from '../../sandbox/prng';
import { at, FakeList, node, type Envelope, type Order } from './trigger-fake-api';

const source = { request: { method: 'GET' as const, url: '/contacts' }, scope: 'newContact' };
const ids = (records: unknown[]) => records.map((record) => (record as { id: string }).id);

/** A workflow's trigger as n8n keeps it: the stored state, updated only by polls that return. */
class Trigger {
	stored: TriggerState | undefined;
	constructor(private readonly list: FakeList) {}

	/** One poll: what it emitted and stored, and the pages it asked for, in order. */
	async poll(manual = false): Promise<PollOutcome & { requests: number; pages: number[] }> {
		const before = this.list.served.length;
		const outcome = await pollList(this.list.client(), node, source, JSON.parse(JSON.stringify(this.stored ?? null)), manual);
		if (outcome.state) this.stored = outcome.state;
		const pages = this.list.served.slice(before).map((served) => served.page);
		return { ...outcome, requests: pages.length, pages };
	}
}

/** Pages 1 to `last`, in order: a walk of every page. */
const everyPage = (last: number) => Array.from({ length: last }, (_, i) => i + 1);

function listOf(count: number, options: { order?: Order; envelope?: Envelope } = {}) {
	const list = new FakeList();
	list.order = options.order ?? 'asc';
	list.envelope = options.envelope ?? 'paged';
	list.add(...Array.from({ length: count }, (_, i) => i));
	return list;
}

describe('the cost of a poll of 5,000 contacts listed oldest first', () => {
	it('first activation: page 1 and the last page, nothing emitted', async () => {
		const list = listOf(5000);
		const trigger = new Trigger(list);
		const first = await trigger.poll();
		expect(first.emit).toEqual([]);
		expect(first.requests).toBe(2);
		expect(list.served.map((s) => s.page)).toEqual([1, 100]);
		expect(trigger.stored?.mark).toEqual({ at: list.rows[4999].created_at, ids: [list.rows[4999].id] });
	});

	it('two requests while the new records fit on the last page, one more per page they fill', async () => {
		const list = listOf(5000);
		const trigger = new Trigger(list);
		await trigger.poll();
		expect(await trigger.poll()).toMatchObject({ emit: [], requests: 2 });

		const some = list.add(5000, 5001, 5002);
		let poll = await trigger.poll(); // the new records start page 101: page 100 is read too
		expect(ids(poll.emit)).toEqual(ids(some));
		expect(poll.requests).toBe(3);

		const more = list.add(5003, 5004);
		poll = await trigger.poll(); // page 101 starts before the mark: done
		expect(ids(poll.emit)).toEqual(ids(more));
		expect(poll.requests).toBe(2);

		const many = list.add(...Array.from({ length: 500 }, (_, i) => 6000 + i));
		poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(many));
		expect(poll.requests).toBe(1 + 11);
	});

	it('a manual test run reads the last page or two and stores nothing', async () => {
		const list = listOf(5003);
		const trigger = new Trigger(list);
		const run = await trigger.poll(true);
		expect(ids(run.emit)).toEqual(ids(list.rows.slice(-5)));
		expect(run.state).toBeUndefined();
		expect(run.requests).toBe(3); // page 1, page 101 (3 records), page 100
		expect(trigger.stored).toBeUndefined();
	});
});

describe('records sharing a timestamp', () => {
	it('are emitted once each, also when the instant straddles pages and grows between polls', async () => {
		const list = new FakeList();
		list.add(...Array.from({ length: 40 }, (_, i) => i));
		list.add(...Array.from({ length: 20 }, () => 100)); // rows 41–60 share second 100: pages 1 and 2
		const trigger = new Trigger(list);
		await trigger.poll();
		expect(trigger.stored?.mark?.ids).toHaveLength(20);

		const tied = list.add(100, 100);
		const later = list.add(101);
		let poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual([...ids(tied), ...ids(later)]);
		expect(trigger.stored?.mark).toEqual({ at: later[0].created_at, ids: [later[0].id] });

		const sameAsLater = list.add(101, 101);
		poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(sameAsLater));
		expect(await trigger.poll()).toMatchObject({ emit: [] });
	});

	it('walks back past every page of the mark’s instant', async () => {
		const list = new FakeList();
		list.add(...Array.from({ length: 10 }, (_, i) => i));
		list.add(...Array.from({ length: 120 }, () => 50)); // pages 1–3 end with second 50
		const trigger = new Trigger(list);
		const first = await trigger.poll();
		expect(first.requests).toBe(3); // page 1, page 3, page 2: every record of second 50
		expect(trigger.stored?.mark?.ids).toHaveLength(120);
		const tied = list.add(50);
		expect(ids((await trigger.poll()).emit)).toEqual(ids(tied));
	});
});

describe('lists in another order', () => {
	it('newest first: page 1 alone when nothing is new', async () => {
		const list = listOf(5000, { order: 'desc' });
		const trigger = new Trigger(list);
		expect(await trigger.poll()).toMatchObject({ emit: [], requests: 1 });
		const some = list.add(6000, 6000, 6001);
		const poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(some));
		expect(poll.pages).toEqual([1]);
	});

	it('not by time: every page, remembered so that later polls do not probe first', async () => {
		const list = listOf(490, { order: 'id' });
		const trigger = new Trigger(list);
		const first = await trigger.poll();
		expect(first).toMatchObject({ emit: [], requests: 10 });
		expect(trigger.stored?.unordered).toBe(true);
		const some = list.add(600, 600, 601);
		const poll = await trigger.poll();
		expect(ids(poll.emit).sort()).toEqual(ids(some).sort());
		expect(poll.requests).toBe(10);
		expect(await trigger.poll()).toMatchObject({ emit: [], requests: 10 });
	});

	it('a list that turns out unordered beyond page 1 is walked again in full', async () => {
		const list = listOf(200);
		const trigger = new Trigger(list);
		await trigger.poll();
		// A record back-dated into the middle, listed at the end (the order is no longer by time).
		list.order = 'asc';
		const late = list.add(5);
		const sorted = list.listed();
		list.listed = () => [...sorted.filter((row) => row !== late[0]), late[0]];
		const newer = list.add(300);
		const moved = list.listed();
		list.listed = () => [...moved.filter((row) => row !== late[0] && row !== newer[0]), late[0], newer[0]];
		const poll = await trigger.poll();
		// page 1 and the tail, which is out of order: then every page
		expect(poll.pages.slice(-5)).toEqual(everyPage(5));
		expect(poll.pages.length).toBeGreaterThan(5);
		expect(ids(poll.emit)).toEqual(ids(newer)); // the back-dated one is older than the mark: see the README
		expect(trigger.stored?.unordered).toBe(true);
	});
});

describe('orders that only look right on some pages', () => {
	/** `count` seconds from `from`, one apart, upwards (or downwards with a negative step). */
	const run = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);

	/** A list served in exactly this arrangement of created_at seconds, 50 to a page. */
	function arranged(...pages: number[][]) {
		const list = new FakeList();
		const rows = list.add(...pages.flat());
		list.listed = () => [...rows];
		const trigger = new Trigger(list);
		// The mark: second 1200, as if an earlier poll had seen everything up to then.
		trigger.stored = { version: 1, scope: 'newContact', mark: { at: at(1200), ids: [] } };
		return { list, rows, trigger };
	}

	it('oldest first on each page, but not across the last two: walked in full', async () => {
		// Page 4 starts before the mark, which would end a walk back from page 5, but it ends after
		// page 5 starts: the order is not by time, and page 2 holds new records.
		const { rows, trigger } = arranged(run(0, 50), run(3000, 50), run(600, 50), [...run(1000, 49), 2000], run(1500, 50));
		const poll = await trigger.poll();
		expect(poll.pages.slice(-5)).toEqual(everyPage(5));
		expect(ids(poll.emit)).toEqual(ids([...rows.slice(200), rows[199], ...rows.slice(50, 100)]));
	});

	it('newest first on page 1, not on page 2: walked in full', async () => {
		// Page 2 ends before the mark, which would end a walk forwards, but it is out of order, and
		// page 3 starts with a new record.
		const { rows, trigger } = arranged(run(5000, 50, -1), [...run(4000, 10, -1), 100, 4500, ...run(90, 38, -1)], [6000, ...run(50, 49, -1)]);
		const poll = await trigger.poll();
		expect(poll.pages).toEqual(everyPage(3));
		expect(ids(poll.emit)).toContain(rows[100].id);
		expect(poll.emit).toHaveLength(50 + 11 + 1);
	});
});

describe('every envelope of the contract', () => {
	it.each<[Envelope, string, number[]]>([
		['paged', 'page 1 and the last', [1, 6]],
		['ranked', 'page 1 and the last', [1, 6]],
		['data', 'page 1 and the last', [1, 6]],
		['rich', 'page 1 and the last', [1, 6]],
		['next', 'every page', everyPage(6)],
		['bare', 'every page', everyPage(6)],
	])('%s: new records once each (%s)', async (envelope, _, pages) => {
		const list = listOf(260, { envelope });
		const trigger = new Trigger(list);
		await trigger.poll();
		const some = list.add(300, 300);
		const poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(some));
		expect(poll.pages).toEqual(pages);
		expect((await trigger.poll()).emit).toEqual([]);
	});

	it('a server that pages by 25 whatever is asked', async () => {
		const list = listOf(260);
		list.maxPageSize = 25;
		const trigger = new Trigger(list);
		await trigger.poll();
		const some = list.add(300);
		const poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(some));
		expect(list.served.slice(-2).map((s) => s.page)).toEqual([1, 11]);
	});

	it('a server that pages by 25, listing not by time: every one of its pages', async () => {
		const list = listOf(260, { order: 'id' });
		list.maxPageSize = 25;
		const trigger = new Trigger(list);
		await trigger.poll();
		const some = list.add(300, 301);
		const poll = await trigger.poll();
		expect(ids(poll.emit).sort()).toEqual(ids(some).sort());
		expect(poll.requests).toBe(11);
	});
});

describe('records added while a poll runs', () => {
	it('move the end of the list: they are emitted now or on the next poll, once', async () => {
		const list = listOf(100);
		const trigger = new Trigger(list);
		await trigger.poll();
		const added: string[] = [];
		let second = 200;
		const addMany = (count: number) => added.push(...ids(list.add(...Array.from({ length: count }, () => (second += 0.5)))));
		const start = list.served.length;
		// Before page 1: 10 new; before the tail page the total announced: 60 more, so it is full
		// and says there is a next page; before that one: 5 more.
		list.beforeAnswer = (_page, index) => {
			const count = [10, 60, 5][index - start];
			if (count) addMany(count);
		};
		const first = await trigger.poll();
		list.beforeAnswer = undefined;
		// page 1, the last page by the total, the one after it, and back
		expect(list.served.slice(start).map((s) => s.page)).toEqual([1, 3, 4, 2]);
		const next = await trigger.poll();
		expect([...ids(first.emit), ...ids(next.emit)]).toEqual(added);
		expect(ids(first.emit)).toEqual(added.slice(0, 75));
	});
});

describe('a poll failing half-way', () => {
	it('throws the API error, keeps the state, and the next poll emits what the failed one had read', async () => {
		const list = listOf(300);
		const trigger = new Trigger(list);
		await trigger.poll();
		const stateBefore = JSON.stringify(trigger.stored);
		const some = list.add(400, 400, 401);
		const failAt = list.served.length + 1; // page 1 succeeds, the tail page fails
		list.failWhen = (index) => (index === failAt ? 500 : undefined);
		await expect(trigger.poll()).rejects.toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(trigger.stored)).toBe(stateBefore);
		list.failWhen = undefined;
		const more = list.add(402);
		expect(ids((await trigger.poll()).emit)).toEqual([...ids(some), ...ids(more)]);
	});

	it('also in a full walk of an unordered list', async () => {
		const list = listOf(300, { order: 'id' });
		const trigger = new Trigger(list);
		await trigger.poll();
		const some = list.add(400, 401);
		const failAt = list.served.length + 3;
		list.failWhen = (index) => (index === failAt ? 503 : undefined);
		await expect(trigger.poll()).rejects.toThrow(/503/);
		list.failWhen = undefined;
		expect(ids((await trigger.poll()).emit).sort()).toEqual(ids(some).sort());
	});
});

describe('records without created_at', () => {
	it('are told apart by id over a full walk', async () => {
		const list = new FakeList();
		list.envelope = 'data';
		const untimed = (n: number) => Array.from({ length: n }, () => list.add(0)[0]).map((row) => (delete row.created_at, row));
		untimed(120);
		const trigger = new Trigger(list);
		await trigger.poll();
		expect(trigger.stored?.seen).toHaveLength(120);
		const some = untimed(3);
		const poll = await trigger.poll();
		expect(ids(poll.emit)).toEqual(ids(some));
		expect(poll.pages).toEqual(everyPage(3));
	});
});

/**
 * How a poll chose its pages, told from the pages it asked for (`last`: the list's last page when
 * the poll began): 'tail' jumps from page 1 towards the end, 'all' reads every page in order,
 * 'head' reads from page 1 and stops before the end.
 */
function planOf(pages: number[], last: number): 'tail' | 'head' | 'all' {
	if (pages.length > 1 && pages[1] > 2) return 'tail';
	const inOrder = pages.every((page, i) => page === i + 1);
	return inOrder && pages.length >= last ? 'all' : 'head';
}

describe('a long run of polls (randomised, seeded)', () => {
	const cases: Array<[Order, Envelope]> = [
		['asc', 'paged'], ['asc', 'data'], ['asc', 'rich'], ['asc', 'bare'],
		['desc', 'paged'], ['desc', 'ranked'], ['id', 'paged'], ['id', 'next'],
	];
	it.each(cases)('%s order, %s envelope: every record added after activation emitted exactly once', async (order, envelope) => {
		const random = createRng(order.length * 31 + envelope.length, 'trigger-walk');
		const list = listOf(random.int(0, 180), { order, envelope });
		const trigger = new Trigger(list);
		await trigger.poll();
		let clock = 1000;
		const added: string[] = [];
		const emitted: string[] = [];
		const addSome = (count: number) => {
			for (let i = 0; i < count; i++) {
				if (random.next() < 0.6) clock += random.int(1, 3); // otherwise the same second: ties
				added.push(list.add(clock)[0].id);
			}
		};
		let failures = 0;
		let addedMidPoll = 0;
		const plans: Record<string, number> = {};
		for (let round = 0; round < 40; round++) {
			addSome(random.int(0, random.next() < 0.2 ? 120 : 8));
			list.beforeAnswer = random.next() < 0.3
				? () => {
					if (random.next() >= 0.3) return;
					const count = random.int(1, 3);
					addedMidPoll += count;
					addSome(count);
				}
				: undefined;
			const failAt = random.next() < 0.25 ? list.served.length + random.int(0, 3) : -1;
			list.failWhen = (index) => (index === failAt ? 500 : undefined);
			try {
				const last = Math.ceil(list.rows.length / 50);
				const poll = await trigger.poll();
				const plan = planOf(poll.pages, last);
				plans[plan] = (plans[plan] ?? 0) + 1;
				emitted.push(...ids(poll.emit));
			} catch (error) {
				expect(error).toBeInstanceOf(NodeApiError);
				failures++;
			}
		}
		list.beforeAnswer = undefined;
		list.failWhen = undefined;
		emitted.push(...ids((await trigger.poll()).emit));
		expect(failures).toBeGreaterThan(0);
		expect(addedMidPoll).toBeGreaterThan(0);
		const expectedPlan = order === 'id' || envelope === 'bare' || envelope === 'next' ? 'all' : order === 'asc' ? 'tail' : 'head';
		expect(plans[expectedPlan]).toBeGreaterThan(20);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...added].sort());
	});
});
