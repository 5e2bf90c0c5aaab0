/**
 * One poll from start to end, apart from n8n: what to fetch for the stored state, what to emit, and
 * the state to store. Kept apart from the node class so that tests can run whole polls without n8n.
 */
import type { INode } from 'n8n-workflow';

import type { ApiClient } from '../transport/client';
import type { EventSource } from './events';
import { advance, baseline, needOf, newest, readState, SAMPLE_SIZE, type TriggerState } from './state';
import { collect } from './walk';

export interface PollOutcome {
	/** Records to emit, oldest first; empty: nothing to emit. */
	emit: unknown[];
	/** The state to store; undefined: leave the stored state as it is (manual runs). */
	state?: TriggerState;
}

/**
 * Active polls (`manual` false): the records created since `stored`, and the state after them; with
 * no usable `stored` state (first activation, or another event or filter), nothing to emit and the
 * state of what exists now. Manual test runs: the newest few records and no state. Any failed
 * request throws, so a caller that stores `state` only on return never advances past a failure.
 */
export async function pollList(
	client: ApiClient,
	node: INode,
	{ request, scope }: EventSource,
	stored: unknown,
	manual: boolean,
): Promise<PollOutcome> {
	const state = readState(stored, scope);
	const walk = await collect(client, node, request, needOf(state, manual), state?.unordered === true);
	if (manual) return { emit: newest(walk.records, SAMPLE_SIZE) };
	const { fresh, next } = state ? advance(state, walk.records, walk.unordered) : { fresh: [], next: baseline(scope, walk.records) };
	if (walk.unordered) next.unordered = true;
	return { emit: fresh, state: next };
}
