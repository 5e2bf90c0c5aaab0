import {
	advance,
	baseline,
	floorOf,
	needOf,
	newest,
	readState,
	type TriggerState,
} from '../../n8n-nodes-pgai/nodes/PgAi/trigger/state';
import { createRng } from '../../sandbox/prng';
import { at } from './trigger-fake-api';

const rec = (id: string, seconds?: number) => (seconds === undefined ? { id } : { id, created_at: at(seconds) });
const ids = (records: unknown[]) => records.map((record) => (record as { id: string }).id);
const SCOPE = 'newContact';

/** Emits what is new in each of `polls` (the records listed at that poll) in turn, from a baseline. */
function run(initial: unknown[], polls: unknown[][]): string[][] {
	let state = baseline(SCOPE, initial);
	return polls.map((records) => {
		const { fresh, next } = advance(state, records);
		state = next;
		return ids(fresh);
	});
}

describe('the first activation', () => {
	it('remembers the newest instant and every record created at it', () => {
		expect(baseline(SCOPE, [rec('a', 1), rec('c', 3), rec('b', 3)])).toEqual({
			version: 1, scope: SCOPE, mark: { at: at(3), ids: ['b', 'c'] },
		});
	});

	it('remembers an empty list as such, so that its first records are all new', () => {
		const state = baseline(SCOPE, []);
		expect(state.mark).toBeNull();
		expect(ids(advance(state, [rec('a', 5), rec('b', 6)]).fresh)).toEqual(['a', 'b']);
	});

	it('keeps the state compact: one instant, not the list', () => {
		const records = Array.from({ length: 5000 }, (_, i) => rec(`r${i}`, i));
		expect(JSON.stringify(baseline(SCOPE, records)).length).toBeLessThan(120);
	});
});

describe('a poll after it', () => {
	it('emits records created after the mark, oldest first, and moves the mark', () => {
		const state = baseline(SCOPE, [rec('a', 1), rec('b', 2)]);
		const { fresh, next } = advance(state, [rec('d', 4), rec('a', 1), rec('c', 3), rec('b', 2)]);
		expect(ids(fresh)).toEqual(['c', 'd']);
		expect(next.mark).toEqual({ at: at(4), ids: ['d'] });
	});

	it('emits nothing twice when the same records are listed again', () => {
		expect(run([rec('a', 1)], [[rec('a', 1), rec('b', 2)], [rec('a', 1), rec('b', 2)]])).toEqual([['b'], []]);
	});

	it('tells apart records that share the mark’s timestamp by id', () => {
		// b and c at second 2 were seen; d arrives later with the same created_at.
		const results = run([rec('a', 1), rec('b', 2), rec('c', 2)], [
			[rec('a', 1), rec('b', 2), rec('c', 2), rec('d', 2)],
			[rec('b', 2), rec('c', 2), rec('d', 2), rec('e', 2), rec('f', 3), rec('g', 3)],
			[rec('f', 3), rec('g', 3), rec('h', 3)],
		]);
		expect(results).toEqual([['d'], ['e', 'f', 'g'], ['h']]);
	});

	it('keeps the ids of the mark’s instant across polls where nothing newer came', () => {
		const state = baseline(SCOPE, [rec('b', 2)]);
		const { next } = advance(state, [rec('b', 2), rec('c', 2)]);
		expect(next.mark).toEqual({ at: at(2), ids: ['b', 'c'] });
		// A later page listing only c must not bring b back.
		expect(ids(advance(next, [rec('c', 2), rec('b', 2)]).fresh)).toEqual([]);
	});

	it('does not depend on the order records come in', () => {
		const initial = [rec('a', 1), rec('b', 2)];
		const listed = [rec('a', 1), rec('b', 2), rec('c', 2), rec('d', 3), rec('e', 3), rec('f', 4)];
		const expected = ['c', 'd', 'e', 'f'];
		const random = createRng(5, 'trigger-state');
		for (let round = 0; round < 20; round++) {
			expect(ids(advance(baseline(SCOPE, random.sample(initial, initial.length)), random.sample(listed, listed.length)).fresh)).toEqual(expected);
		}
	});

	it('emits a record once when two pages both list it', () => {
		const { fresh } = advance(baseline(SCOPE, [rec('a', 1)]), [rec('b', 2), rec('c', 3), rec('c', 3), rec('b', 2)]);
		expect(ids(fresh)).toEqual(['b', 'c']);
	});

	it('compares instants, not their spelling', () => {
		const state = baseline(SCOPE, [{ id: 'a', created_at: '2026-01-01T00:00:02Z' }]);
		const { fresh } = advance(state, [{ id: 'a', created_at: '2026-01-01T00:00:02.000Z' }, { id: 'b', created_at: '2026-01-01T02:00:02+02:00' }]);
		expect(ids(fresh)).toEqual(['b']);
	});
});

describe('polls of a list not in created_at order', () => {
	// A walk of such a list can miss a record created while it runs (it lands on a page already read)
	// and still see a newer one; the mark must not pass the missed one.
	it('emits a record the previous walk missed although a newer one was seen', () => {
		let state = baseline(SCOPE, [rec('a', 1)]);
		const emitted: string[][] = [];
		for (const listed of [[rec('a', 1), rec('c', 3)], [rec('a', 1), rec('b', 2), rec('c', 3)], [rec('a', 1), rec('b', 2), rec('c', 3), rec('d', 4)]]) {
			const { fresh, next } = advance(state, listed, true);
			emitted.push(ids(fresh));
			state = next;
		}
		expect(emitted).toEqual([['c'], ['b'], ['d']]);
	});

	it('keeps only the ids seen after the instant the previous poll had reached', () => {
		const first = advance(baseline(SCOPE, [rec('a', 1)]), [rec('a', 1), rec('c', 3)], true).next;
		expect(first).toEqual({ version: 1, scope: SCOPE, mark: { at: at(1), ids: ['a'] }, recent: ['c'] });
		const second = advance(first, [rec('a', 1), rec('b', 2), rec('c', 3), rec('d', 4)], true).next;
		expect(second).toEqual({ version: 1, scope: SCOPE, mark: { at: at(3), ids: ['c'] }, recent: ['d'] });
		expect(readState(second, SCOPE)).toEqual(second);
	});

	it('moves the mark to the newest record once the list is in order again', () => {
		const lagging = advance(baseline(SCOPE, [rec('a', 1)]), [rec('a', 1), rec('c', 3)], true).next;
		const { fresh, next } = advance(lagging, [rec('a', 1), rec('c', 3), rec('d', 4)]);
		expect(ids(fresh)).toEqual(['d']);
		expect(next).toEqual({ version: 1, scope: SCOPE, mark: { at: at(4), ids: ['d'] } });
	});
});

describe('a poll that fails half-way', () => {
	it('leaves the state as it was, so that the next complete poll emits everything since', () => {
		const state = baseline(SCOPE, [rec('a', 1)]);
		// Poll 2 fetched page 1 (b, c) and then failed: it produced no state, the old one stays.
		const stateAfterFailure: TriggerState = state;
		// Poll 3 sees everything, including what poll 2 had already read.
		const { fresh } = advance(stateAfterFailure, [rec('a', 1), rec('b', 2), rec('c', 3), rec('d', 4)]);
		expect(ids(fresh)).toEqual(['b', 'c', 'd']);
	});

	it('would lose records if the partial result were taken for a whole one — why the state waits', () => {
		const state = baseline(SCOPE, [rec('a', 1)]);
		// Unordered pages: the first page held only the newest record (d); c was on the page that failed.
		const partial = advance(state, [rec('d', 4)]);
		expect(ids(advance(partial.next, [rec('a', 1), rec('c', 3), rec('d', 4)]).fresh)).toEqual([]);
		// With the state held back, c and d both come on the next complete poll.
		expect(ids(advance(state, [rec('a', 1), rec('c', 3), rec('d', 4)]).fresh)).toEqual(['c', 'd']);
	});
});

describe('records without created_at (the older API’s territory companies)', () => {
	it('remember the ids listed and emit the ones not seen before', () => {
		const state = baseline(SCOPE, [rec('a'), rec('b')]);
		expect(state).toEqual({ version: 1, scope: SCOPE, seen: ['a', 'b'] });
		const { fresh, next } = advance(state, [rec('b'), rec('c'), rec('a')]);
		expect(ids(fresh)).toEqual(['c']);
		expect(next.seen).toEqual(['b', 'c', 'a']);
	});

	it('switch to a mark without losing records once the list has timestamps', () => {
		const state = baseline(SCOPE, [rec('a'), rec('b')]);
		const { fresh, next } = advance(state, [rec('a', 1), rec('b', 2), rec('c', 3)]);
		expect(ids(fresh)).toEqual(['c']);
		expect(next.mark).toEqual({ at: at(3), ids: ['c'] });
	});

	it('start afresh when the timestamps disappear, as the mark cannot tell what is new', () => {
		const state = baseline(SCOPE, [rec('a', 1)]);
		const { fresh, next } = advance(state, [rec('a'), rec('b')]);
		expect(fresh).toEqual([]);
		expect(next.seen).toEqual(['a', 'b']);
	});
});

describe('the stored state', () => {
	const state = baseline(SCOPE, [rec('a', 1)]);

	it('is read back after a round trip through JSON', () => {
		expect(readState(JSON.parse(JSON.stringify(state)), SCOPE)).toEqual(state);
		expect(readState(JSON.parse(JSON.stringify({ ...state, unordered: true })), SCOPE)).toEqual({ ...state, unordered: true });
	});

	it('belongs to one event and its parameters', () => {
		expect(readState(state, 'newAccount {"tier":"A"}')).toBeUndefined();
	});

	it('is ignored when missing, of another version or damaged', () => {
		expect(readState(undefined, SCOPE)).toBeUndefined();
		expect(readState({ ...state, version: 2 }, SCOPE)).toBeUndefined();
		expect(readState({ ...state, mark: { at: 'yesterday', ids: [] } }, SCOPE)).toBeUndefined();
		expect(readState({ ...state, mark: { at: at(1), ids: [1] } }, SCOPE)).toBeUndefined();
	});
});

describe('a manual test run', () => {
	it('shows the newest few, oldest first, ties by id', () => {
		const records = [rec('a', 1), rec('b', 2), rec('d', 3), rec('c', 3), rec('e', 4), rec('f', 5), rec('g', 6)];
		expect(ids(newest(records.reverse(), 5))).toEqual(['c', 'd', 'e', 'f', 'g']);
		expect(ids(newest([rec('x'), rec('y')], 5))).toEqual(['x', 'y']);
	});
});

describe('how far back a walk must reach', () => {
	it('to the mark for a poll, the newest instant for a first activation, the fifth newest for a test run', () => {
		const state = baseline(SCOPE, [rec('a', 7)]);
		expect(needOf(state, false)).toEqual({ since: Date.parse(at(7)) });
		expect(needOf(undefined, false)).toEqual({ newest: 1 });
		expect(needOf(state, true)).toEqual({ newest: 5 });
		expect(needOf(baseline(SCOPE, []), false)).toEqual({ since: -Infinity });
		expect(needOf(baseline(SCOPE, [rec('a')]), false)).toEqual({ since: -Infinity });
	});

	it('is unknown until enough records were seen', () => {
		expect(floorOf({ newest: 3 }, [5, 9])).toBe(-Infinity);
		expect(floorOf({ newest: 3 }, [5, 9, 7, 1])).toBe(5);
		expect(floorOf({ newest: 1 }, [5, 9, 9])).toBe(9);
		expect(floorOf({ since: 4 }, [])).toBe(4);
	});
});
