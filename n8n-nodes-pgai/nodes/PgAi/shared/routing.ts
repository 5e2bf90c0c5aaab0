import type { INodePropertyRouting, IExecutePaginationFunctions, DeclarativeRestApiSettings, INodeExecutionData } from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { sendAndAwait, sendOnce, sendPaged, sendPagedOrLive } from './run';

type Hook = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * `paginate` is set on every operation so that n8n hands each request to one of our hooks, which
 * own retry, pacing, paging and error mapping.
 */
const routedThrough =
	(hook: Hook) =>
	(endpoint: Endpoint): INodePropertyRouting => {
		const [method, url] = endpoint.split(' ') as ['GET' | 'POST', string];
		return { request: { method, url }, send: { paginate: true }, operations: { pagination: hook } };
	};

/** An operation that sends one request (and waits for an asynchronous operation if asked). */
export const single = routedThrough(sendOnce);

/** An operation that starts asynchronous work and waits for it unless asked not to. */
export const awaited = routedThrough(sendAndAwait);

/** A list operation: Return All walks every page, Limit stops when it has enough. */
export const paged = routedThrough(sendPaged);

/** A search that pages, or with Live on answers with one asynchronous operation. */
export const pagedOrLive = routedThrough(sendPagedOrLive);
