import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { missingScope, readApiWords } from '../../n8n-nodes-pgai/nodes/PgAi/transport/apiWords';
import { apiError, rateLimitWaitError, redact } from '../../n8n-nodes-pgai/nodes/PgAi/transport/errors';
import { failureReport, isRefusal } from '../../n8n-nodes-pgai/nodes/PgAi/transport/failureReport';

const node: INode = { id: '1', name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {} };
const request = (status: number, body: unknown) => ({ method: 'GET', path: '/contacts/x', status, body, retries: 0 });

describe('reading the three error shapes', () => {
	it('reads {"error": "…"}', () => {
		expect(readApiWords({ error: 'Contact not found' })).toEqual({ message: 'Contact not found', details: [] });
	});

	it('reads {"error", "details"}', () => {
		expect(readApiWords({ error: 'Validation error', details: ['Missing required field: "last_name"'] })).toEqual({
			message: 'Validation error',
			details: ['Missing required field: "last_name"'],
		});
	});

	it('reads the structured form', () => {
		expect(
			readApiWords({ error: { type: 'authorization_error', code: 'forbidden', message: 'Access denied. Required scope: org_settings:read' } }),
		).toEqual({ message: 'Access denied. Required scope: org_settings:read', details: [], code: 'forbidden' });
	});

	it('recognises an HTML page and keeps its title', () => {
		expect(readApiWords('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>')).toEqual({
			details: [],
			html: { title: '502 Bad Gateway' },
		});
	});

	it('finds the scope a 403 names', () => {
		expect(missingScope('Access denied. Required: territories:read')).toBe('territories:read');
		expect(missingScope('Access denied. Required scope: insights:*')).toBe('insights:*');
		expect(missingScope('Access denied')).toBeUndefined();
	});
});

describe('the errors a user reads', () => {
	it('keeps the API’s words and lists a 400’s details', () => {
		const error = apiError(node, request(400, { error: 'Validation error', details: ['Missing required field: "email"', 'Missing required field: "last_name"'] }), 'k3y-secret');
		expect(error.message).toBe('Validation error: Missing required field: "email"; Missing required field: "last_name"');
		expect(error.httpCode).toBe('400');
	});

	it('says a 401 is about the key', () => {
		const error = apiError(node, request(401, { error: 'Invalid API key' }), 'k3y-secret');
		expect(error.message).toBe('Invalid API key');
		expect(error.description).toMatch(/API key/);
	});

	it('names the missing scope of a 403', () => {
		const error = apiError(node, request(403, { error: { type: 'authorization_error', code: 'forbidden', message: 'Access denied. Required scope: territories:read' } }), 'k');
		expect(error.message).toBe('Access denied. Required scope: territories:read');
		expect(error.description).toContain('"territories:read"');
	});

	it('says a 402 means credits are exhausted and is not retried', () => {
		const error = apiError(node, request(402, { error: 'Payment required' }), 'k');
		expect(error.message).toBe('Payment required (PG:AI credits exhausted)');
		expect(error.description).toMatch(/credits are used up.*not retried.*Get Credits/);
	});

	it('says a 503 was not processed, how often it was tried, and a wait asked for that Max Wait did not allow', () => {
		const down = apiError(node, { ...request(503, { error: 'Service unavailable' }), method: 'POST', path: '/contacts', retries: 2 }, 'k');
		expect(down.description).toBe(
			'PG:AI was unavailable and did not process POST /contacts. It was retried 2 times. Run the workflow again later, or raise Max Retries or Max Wait in the node’s options.',
		);
		expect(apiError(node, { ...request(503, ''), waitAskedMs: 7_200_000 }, 'k').description).toContain(
			'It asked to be tried again in 7200 s, longer than this request may still wait (Max Wait).',
		);
	});

	it('says a create that met another server failure was not sent again', () => {
		const failed = (mayHaveActed?: boolean) => apiError(node, { ...request(500, { error: 'Internal error' }), method: 'POST', path: '/contacts', mayHaveActed }, 'k');
		expect(failed(true).description).toBe('PG:AI answered 500 for POST /contacts. It was not sent again: PG:AI may have processed it, check before running again.');
		expect(failed().description).toBe('PG:AI answered 500 for POST /contacts.');
	});

	it('keeps a 404’s words', () => {
		expect(apiError(node, request(404, { error: 'Contact not found' }), 'k').message).toBe('Contact not found');
	});

	it('explains an HTML page and an empty body', () => {
		expect(apiError(node, request(502, '<html><title>Bad Gateway</title></html>'), 'k').message).toMatch(
			/^PG:AI answered 502 with an HTML page \(“Bad Gateway”\)/,
		);
		expect(apiError(node, request(503, ''), 'k').message).toBe('PG:AI answered 503 with an empty body');
	});

	it('never repeats the API key, even when the server echoes it', () => {
		const error = apiError(node, request(401, { error: 'Invalid API key sk_live_12345', details: ['key sk_live_12345 unknown'] }), 'sk_live_12345');
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('sk_live_12345');
		expect(redact('a sk_live_12345 b', 'sk_live_12345')).toBe('a [redacted] b');
	});
});

describe('a failure as data: what an IF node branches on and a model reads', () => {
	it('keeps the error text and adds the status, the API’s code, whether a retry can help, and the advice', () => {
		const forbidden = apiError(node, request(403, { error: { type: 'authorization_error', code: 'forbidden', message: 'Access denied. Required scope: accounts:read' } }), 'k');
		expect(failureReport(forbidden)).toEqual({
			error: 'Access denied. Required scope: accounts:read',
			status: 403,
			code: 'forbidden',
			retryable: false,
			advice: 'The API key lacks the scope "accounts:read". Give the key that scope in PG:AI’s API key settings, or use a key that has it.',
		});
	});

	it('tells credits used up from not found, and what may succeed later from what will not', () => {
		const report = (status: number, body: unknown) => failureReport(apiError(node, request(status, body), 'k'));
		expect(report(402, { error: { code: 'insufficient_credits', message: 'Insufficient credits' } })).toMatchObject({ status: 402, code: 'insufficient_credits', retryable: false });
		expect(report(404, { error: 'Contact not found' })).toMatchObject({ status: 404, retryable: false });
		expect(report(503, { error: 'Unavailable' })).toMatchObject({ status: 503, retryable: true });
		expect(failureReport(rateLimitWaitError(node, { waitMs: 90_000, resumeAt: Date.UTC(2026, 0, 1), budgetMs: 1000 }))).toMatchObject({
			error: "PG:AI's rate limit resets at 2026-01-01T00:00:00.000Z, in 90 s: longer than this request may wait",
			status: 429,
			retryable: true,
			advice: expect.stringMatching(/Max Wait/),
		});
		const network = new NodeApiError(node, { failure: 'network' }, { message: 'PG:AI did not answer within the timeout' });
		expect(failureReport(network)).toEqual({ error: 'PG:AI did not answer within the timeout', retryable: true });
	});

	it('counts as PG:AI’s refusal only an answer of 4xx or 5xx (or its rate limit), not a setup problem', () => {
		expect(isRefusal(apiError(node, request(404, { error: 'Contact not found' }), 'k'))).toBe(true);
		expect(isRefusal(rateLimitWaitError(node, { waitMs: 1, resumeAt: 0, budgetMs: 0 }))).toBe(true);
		expect(isRefusal(new NodeApiError(node, { status: 302 }, { message: 'a redirect', httpCode: '302' }))).toBe(false);
		expect(isRefusal(new NodeApiError(node, { failure: 'network' }, { message: 'no answer' }))).toBe(false);
		expect(isRefusal(new NodeOperationError(node, 'The credential’s Base URL is not a URL'))).toBe(false);
	});
});
