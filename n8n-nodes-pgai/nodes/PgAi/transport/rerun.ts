import { createHash } from 'crypto';

import type { CredentialContext } from './credential';
import type { Headers } from './headers';

/**
 * What a try of a node run remembers for the next one. When a try fails, n8n's Retry On Fail runs
 * the whole node again with every input item, in the same execution and the same process (a queue
 * worker's too): without this, each create or credit-spending call that had already succeeded for
 * the other items would be sent again.
 *
 * Only requests that are not reads are kept, each under a hash of the run index, the item index,
 * the credential (itself a hash of the base URL and the key) and the request's method, path, query
 * and body. The map hangs off n8n's execute data of the node run: the same object through every try
 * of Retry On Fail, a new one for every other run (the next pass of a loop, another execution). So a
 * later try of the same run that sends the same request for the same item gets the earlier outcome,
 * and nothing else ever does; the memory is gone with the run.
 */

/** An answer as the client returns it. */
export interface Answer {
	status: number;
	headers: Headers;
	body: unknown;
}

/** The earlier try's outcome: its answer, kept as JSON text so that no try shares objects with another, or a failure after which PG:AI may have acted. */
type Outcome = { status: number; text: string } | { failure: Error };

const runs = new WeakMap<object, Map<string, Outcome>>();

/** What earlier tries of this node run got for one request. */
export interface Memo {
	/** The earlier answer (its headers are not kept); throws the earlier failure; undefined if there was neither. */
	earlier(): Answer | undefined;
	answered(answer: Answer): void;
	/** Keeps a failure after which PG:AI may have acted, so that no later try sends the request; returns it. */
	failed<E extends Error>(error: E): E;
}

export class Rerun {
	constructor(
		private readonly kept: Map<string, Outcome>,
		/** The run index, the item index and the credential's hash. */
		private readonly scope: string,
	) {}

	of(request: { method: string; url: string; qs?: unknown; body?: unknown }): Memo {
		const key = createHash('sha256')
			.update(JSON.stringify([this.scope, request.method, request.url, request.qs ?? null, request.body ?? null]))
			.digest('hex');
		return {
			earlier: () => {
				const outcome = this.kept.get(key);
				if (outcome && 'failure' in outcome) throw outcome.failure;
				return outcome && { status: outcome.status, headers: {}, body: JSON.parse(outcome.text) as unknown };
			},
			answered: (answer) => void this.kept.set(key, { status: answer.status, text: JSON.stringify(answer.body) }),
			failed: (error) => {
				this.kept.set(key, { failure: error });
				return error;
			},
		};
	}
}

/**
 * The item's memory in its node run, where n8n may run the node again: Retry On Fail on, in an
 * execution (not a list search or a poll).
 */
export function rerunOf(context: CredentialContext, itemIndex: number | undefined, account: string): Rerun | undefined {
	if (itemIndex === undefined || !('getExecuteData' in context) || context.getNode().retryOnFail !== true) return undefined;
	const run = context.getExecuteData() as object | undefined;
	// n8n 1.x runs each call of an AI Agent's tool with the agent's execute data but its own run index.
	const runIndex: unknown = context.getWorkflowDataProxy(itemIndex).$runIndex;
	if (!run || typeof runIndex !== 'number') return undefined;
	let kept = runs.get(run);
	if (!kept) runs.set(run, (kept = new Map()));
	return new Rerun(kept, JSON.stringify([runIndex, itemIndex, account]));
}
