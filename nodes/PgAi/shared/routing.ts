import type { INodePropertyRouting } from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { sendOnce, sendPaged } from './run';

function request(endpoint: Endpoint) {
	const [method, url] = endpoint.split(' ') as ['GET' | 'POST', string];
	return { method, url };
}

/**
 * Routing of an operation that sends one request. `paginate` is set on every operation so that
 * n8n hands each request to our hook, which owns retry, pacing and error mapping.
 */
export function single(endpoint: Endpoint): INodePropertyRouting {
	return { request: request(endpoint), send: { paginate: true }, operations: { pagination: sendOnce } };
}

/** Routing of a list operation: pages walked by the shared pagination hook. */
export function paged(endpoint: Endpoint): INodePropertyRouting {
	return { request: request(endpoint), send: { paginate: true }, operations: { pagination: sendPaged } };
}
