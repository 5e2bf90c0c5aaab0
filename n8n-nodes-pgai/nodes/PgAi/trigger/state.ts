/**
 * What the trigger remembers between polls, and how a poll's records are judged against it. Pure
 * functions: no requests, no n8n context.
 *
 * The state is a high-water mark: the newest `created_at` seen and the ids of the records created
 * at exactly that instant (several records may share a timestamp). A record is new when it was
 * created after the mark, or at the mark with an id not in it. The state stays small however many
 * records the list holds. Records that carry no `created_at` (the older API's territory companies)
 * cannot be placed in time; for them the state is the set of ids the list held at the last poll.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordKey } from '../transport/envelopes';

export const STATE_VERSION = 1;

/** How many records a manual test run shows. */
export const SAMPLE_SIZE = 5;

export interface Mark {
	/** The newest created_at seen, as ISO 8601 UTC. */
	at: string;
	/** Ids of the records created at exactly that instant. */
	ids: string[];
}

export interface TriggerState {
	version: typeof STATE_VERSION;
	/** The event and parameters the state belongs to; another event or filter starts afresh. */
	scope: string;
	/** The high-water mark; null when the list was empty. Absent when the records have no created_at. */
	mark?: Mark | null;
	/** Only when the records carry no created_at: the ids the list held at the last poll. */
	seen?: string[];
	/** The list was not in created_at order at the last poll: walk it all next time. */
	unordered?: boolean;
	/** After a walk of an unordered list: ids of the records after the mark that were seen (see `advance`). */
	recent?: string[];
}

/** A record's created_at in milliseconds, or undefined when it has none that parses. */
export function timeOf(record: unknown): number | undefined {
	if (!record || typeof record !== 'object') return undefined;
	const value = (record as IDataObject).created_at;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const time = Date.parse(value);
	return Number.isFinite(time) ? time : undefined;
}

/** The records once each (by id), nulls dropped, in the order given. */
export function distinct(records: unknown[]): unknown[] {
	const seen = new Set<string>();
	return records.filter((record) => {
		if (record === null || record === undefined) return false;
		const key = recordKey(record);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const allTimed = (records: unknown[]) => records.every((record) => timeOf(record) !== undefined);

/** Oldest first; records created at the same instant by id, as the API lists them. */
function chronological(records: unknown[]): unknown[] {
	return [...records].sort((a, b) => {
		const byTime = (timeOf(a) as number) - (timeOf(b) as number);
		if (byTime !== 0) return byTime;
		const [ka, kb] = [recordKey(a), recordKey(b)];
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
}

/** The mark after seeing `records` (all timed), starting from `previous`. */
function markAfter(previous: Mark | null | undefined, records: unknown[]): Mark | null {
	let newest = previous ? Date.parse(previous.at) : -Infinity;
	for (const record of records) newest = Math.max(newest, timeOf(record) as number);
	if (newest === -Infinity) return null;
	const ids = new Set(previous && Date.parse(previous.at) === newest ? previous.ids : []);
	for (const record of records) if (timeOf(record) === newest) ids.add(recordKey(record));
	return { at: new Date(newest).toISOString(), ids: [...ids].sort() };
}

const isStringList = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/**
 * The stored state if it is one this version wrote for the same scope; otherwise undefined, and the
 * poll starts afresh as on a first activation.
 */
export function readState(stored: unknown, scope: string): TriggerState | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const state = stored as IDataObject;
	if (state.version !== STATE_VERSION || state.scope !== scope) return undefined;
	const unordered = {
		...(state.unordered === true ? { unordered: true } : {}),
		...(isStringList(state.recent) ? { recent: [...state.recent] } : {}),
	};
	if (isStringList(state.seen)) return { version: STATE_VERSION, scope, seen: [...state.seen], ...unordered };
	if (state.mark === null) return { version: STATE_VERSION, scope, mark: null, ...unordered };
	const mark = state.mark as IDataObject | undefined;
	if (!mark || typeof mark.at !== 'string' || !Number.isFinite(Date.parse(mark.at)) || !isStringList(mark.ids)) {
		return undefined;
	}
	return { version: STATE_VERSION, scope, mark: { at: mark.at, ids: [...mark.ids] }, ...unordered };
}

/** The state of a first activation: everything that exists now counts as seen. */
export function baseline(scope: string, records: unknown[]): TriggerState {
	const list = distinct(records);
	if (!allTimed(list)) return { version: STATE_VERSION, scope, seen: list.map(recordKey) };
	return { version: STATE_VERSION, scope, mark: markAfter(null, list) };
}

/**
 * Judges one complete poll: the records new since `state`, oldest first, and the state to keep.
 * `records` must hold every record created at or after the mark (see `needOf`); older ones are
 * ignored. With the mark's ids kept, records sharing the mark's timestamp are told apart.
 *
 * `unordered`: this walk read a list that is not in created_at order. A record created while such a
 * walk runs can land on a page it had already read, behind newer records it did read; the next
 * walk, which starts after this one ended, sees it. So the mark then advances only over what the
 * previous poll had seen, and the ids seen after the mark are kept in `recent` until it passes them.
 */
export function advance(
	state: TriggerState,
	records: unknown[],
	unordered = false,
): { fresh: unknown[]; next: TriggerState } {
	const list = distinct(records);
	const { scope } = state;
	const seen = state.seen ? new Set(state.seen) : undefined;
	if (!allTimed(list)) {
		// Without timestamps only ids tell. Coming from a mark, what was seen is unknown: start afresh.
		const fresh = seen ? list.filter((record) => !seen.has(recordKey(record))) : state.mark === null ? list : [];
		return { fresh, next: { version: STATE_VERSION, scope, seen: list.map(recordKey) } };
	}
	const recent = new Set(state.recent ?? []);
	let fresh: unknown[];
	if (seen) {
		fresh = list.filter((record) => !seen.has(recordKey(record)));
	} else if (state.mark) {
		const at = Date.parse(state.mark.at);
		const known = new Set(state.mark.ids);
		fresh = list.filter((record) => {
			const time = timeOf(record) as number;
			return time > at ? !recent.has(recordKey(record)) : time === at && !known.has(recordKey(record));
		});
	} else {
		fresh = list.filter((record) => !recent.has(recordKey(record)));
	}
	const next: TriggerState = { version: STATE_VERSION, scope, mark: markAfter(state.mark, list) };
	if (unordered && !seen) {
		// The newest instant the previous poll had seen: every record up to it existed before this walk began.
		let seenUntil = state.mark ? Date.parse(state.mark.at) : -Infinity;
		for (const record of list) if (recent.has(recordKey(record))) seenUntil = Math.max(seenUntil, timeOf(record) as number);
		next.mark = markAfter(state.mark, list.filter((record) => (timeOf(record) as number) <= seenUntil));
		const floor = next.mark ? Date.parse(next.mark.at) : -Infinity;
		next.recent = list.filter((record) => (timeOf(record) as number) > floor).map(recordKey).sort();
	}
	return { fresh: chronological(fresh), next };
}

/** The newest `count` records, oldest first (a manual test run). Without timestamps: the last listed. */
export function newest(records: unknown[], count: number = SAMPLE_SIZE): unknown[] {
	const list = distinct(records);
	return (allTimed(list) ? chronological(list) : list).slice(-count);
}

/** What a walk must bring back for a poll: see `collect` in walk.ts. */
export type Need =
	/** Every record created at or after this instant (ms); -Infinity: every record. */
	| { since: number }
	/** The newest `newest` records and every record sharing the oldest one's timestamp. */
	| { newest: number };

/** What this poll needs: a manual run the newest few, a first activation the newest and its ties. */
export function needOf(state: TriggerState | undefined, manual: boolean): Need {
	if (manual) return { newest: SAMPLE_SIZE };
	if (!state) return { newest: 1 };
	return state.mark ? { since: Date.parse(state.mark.at) } : { since: -Infinity };
}

/** The oldest instant a walk must reach, given the timestamps collected so far; -Infinity: all. */
export function floorOf(need: Need, times: number[]): number {
	if ('since' in need) return need.since;
	if (times.length < need.newest) return -Infinity;
	return [...times].sort((a, b) => b - a)[need.newest - 1];
}
