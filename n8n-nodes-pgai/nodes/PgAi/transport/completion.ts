import type { IDataObject, INode } from 'n8n-workflow';

import { ENDPOINTS, requestTo, type Endpoint } from './api';
import type { ApiClient, ApiResponse } from './client';
import { backoffMs, retryAfterMs } from './delays';
import { stillRunning, workFailed } from './errors';
import { pause } from './wait';

/**
 * A kind of work PG:AI finishes in the background: what names it, where it is polled, which of
 * its statuses are final and which of those mean it failed. Any other status is unfinished.
 */
interface WorkKind {
	/** What the user reads: "PG:AI operation op_1 failed". */
	noun: string;
	/** The field of an accepted answer and of every poll's answer that holds the ID. */
	idField: string;
	poll: Endpoint;
	final: readonly string[];
	failed: readonly string[];
	/** The node's operation that looks at it later. */
	lookUp: string;
}

/**
 * §6 operations (adding a company, a live search) and §8 workflow executions. The docs show
 * executions only queued and completed; failed, error and cancelled end one without a result.
 */
export const WORK = {
	operation: {
		noun: 'operation',
		idField: 'public_operation_id',
		poll: ENDPOINTS.operation.get,
		final: ['completed', 'failed'],
		failed: ['failed'],
		lookUp: 'Async Operation → Get',
	},
	execution: {
		noun: 'workflow execution',
		idField: 'execution_id',
		poll: ENDPOINTS.workflow.getExecution,
		final: ['completed', 'failed', 'error', 'cancelled'],
		failed: ['failed', 'error', 'cancelled'],
		lookUp: 'Workflow → Get Execution',
	},
} as const satisfies { [name: string]: WorkKind };

export type WorkName = keyof typeof WORK;

/** Unfinished work of one kind, as an answer names it. */
interface PendingWork {
	kind: WorkKind;
	id: string;
}

const statusOf = (body: unknown) => String((body as IDataObject).status);

function idOf(kind: WorkKind, body: unknown): string | undefined {
	const id = body && typeof body === 'object' ? (body as IDataObject)[kind.idField] : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

const unfinished = (kind: WorkKind, body: unknown) => idOf(kind, body) !== undefined && !kind.final.includes(statusOf(body));

/** The work `body` names when it is work of that kind and not yet finished. */
export function pendingWork(name: WorkName, body: unknown): PendingWork | undefined {
	const kind: WorkKind = WORK[name];
	return unfinished(kind, body) ? { kind, id: idOf(kind, body) as string } : undefined;
}

interface CompletionWait {
	/** How long the node may wait for the work to finish. */
	timeoutMs: number;
	signal?: AbortSignal;
	itemIndex?: number;
}

/**
 * Polls the work until it finishes, as often as its Retry-After asks (backing off when it does not
 * say), within the time allowed, and returns its final record. Work that failed is an error in the
 * API's words; work still going when time is up says how to pick it up later.
 */
export async function awaitCompletion(
	client: ApiClient,
	node: INode,
	{ kind, id }: PendingWork,
	accepted: ApiResponse,
	{ timeoutMs, signal, itemIndex }: CompletionWait,
): Promise<IDataObject> {
	const deadline = Date.now() + timeoutMs;
	let record = accepted.body as IDataObject;
	let retryAt = retryAfterMs(accepted.headers, Date.now());
	for (let poll = 0; unfinished(kind, record); poll++) {
		const waitMs = Math.max(0, (retryAt ?? Date.now() + backoffMs(poll)) - Date.now());
		if (Date.now() + waitMs > deadline) {
			throw stillRunning(node, { noun: kind.noun, id, status: statusOf(record), timeoutMs, lookUp: kind.lookUp }, itemIndex);
		}
		await pause(waitMs, signal);
		const response = await client.request(requestTo(kind.poll, () => id));
		record = (response.body ?? {}) as IDataObject;
		retryAt = retryAfterMs(response.headers, Date.now());
	}
	if (kind.failed.includes(statusOf(record))) throw workFailed(node, { noun: kind.noun, id, record }, itemIndex);
	return record;
}
