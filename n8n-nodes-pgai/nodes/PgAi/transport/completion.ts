import type { IDataObject, INode } from 'n8n-workflow';

import { ENDPOINTS, requestTo } from './api';
import type { ApiClient, ApiResponse } from './client';
import { backoffMs, retryAfterMs } from './delays';
import { operationFailed, stillRunning, unnamedOperation } from './errors';
import { pause } from './wait';

const FINISHED = new Set(['completed', 'failed']);

export interface OperationWait {
	/** How long the node may wait for the operation to finish. */
	timeoutMs: number;
	signal?: AbortSignal;
	itemIndex?: number;
}

/** The id of an asynchronous operation in a 202 answer or an operation record. */
export const isUnfinished = (body: unknown): boolean =>
	operationId(body) !== undefined && !FINISHED.has(String((body as IDataObject).status));

export function operationId(body: unknown): string | undefined {
	const id = body && typeof body === 'object' ? (body as IDataObject).public_operation_id : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Polls the operation until it finishes, as often as its Retry-After asks
 * (backing off when it does not say), within the time allowed. A failed operation is an error in
 * the API's words; one still running when time is up says how to pick it up later.
 */
export async function awaitOperation(
	client: ApiClient,
	node: INode,
	accepted: ApiResponse,
	{ timeoutMs, signal, itemIndex }: OperationWait,
): Promise<IDataObject> {
	const id = operationId(accepted.body);
	if (!id) throw unnamedOperation(node, accepted.status, itemIndex);
	const deadline = Date.now() + timeoutMs;
	let operation = accepted.body as IDataObject;
	let retryAt = retryAfterMs(accepted.headers, Date.now());
	for (let poll = 0; ; poll++) {
		if (!isUnfinished(operation)) break;
		const waitMs = Math.max(0, (retryAt ?? Date.now() + backoffMs(poll)) - Date.now());
		if (Date.now() + waitMs > deadline) {
			throw stillRunning(node, { id, status: String(operation.status), timeoutMs }, itemIndex);
		}
		await pause(waitMs, signal);
		const response = await client.request(requestTo(ENDPOINTS.operation.get, () => id));
		operation = (response.body ?? {}) as IDataObject;
		retryAt = retryAfterMs(response.headers, Date.now());
	}
	if (operation.status === 'failed') throw operationFailed(node, { id, record: operation }, itemIndex);
	return operation;
}
