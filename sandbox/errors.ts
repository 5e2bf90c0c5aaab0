/**
 * The API's error replies. The documented API mixes three body shapes (a plain string, a
 * validation list, a structured object); the sandbox uses each where the docs show it, so clients
 * meet all three.
 */
import type { Reply } from './http';
import type { CreditKind } from './types';

/** Thrown by handlers and helpers to answer with an error reply. */
export class ApiError extends Error {
	constructor(readonly reply: Reply) {
		super(`API error ${reply.status}`);
	}
}

export function fail(reply: Reply): never {
	throw new ApiError(reply);
}

export function notFound(what: string): Reply {
	return { status: 404, body: { error: `${what} not found` } };
}

export function validationError(details: string[]): Reply {
	return { status: 400, body: { error: 'Validation error', details } };
}

function structured(status: number, type: string, code: string, message: string): Reply {
	return { status, body: { error: { type, code, message } } };
}

export const missingKey = (): Reply =>
	structured(401, 'authentication_error', 'unauthorized', 'Missing API key: send it in the x-api-key header');

export const invalidKey = (): Reply => ({ status: 401, body: { error: 'Invalid API key' } });

export const forbidden = (scope: string): Reply =>
	structured(403, 'authorization_error', 'forbidden', `Access denied. Required scope: ${scope}`);

export const insufficientCredits = (kind: CreditKind): Reply =>
	structured(402, 'payment_required', 'insufficient_credits', `Insufficient credits: no ${kind} remaining for this organisation`);

export const rateLimited = (): Reply => ({ status: 429, body: { error: 'Rate limit exceeded' } });

export const routeNotFound = (): Reply => ({ status: 404, body: { error: 'Not found' } });

export const methodNotAllowed = (): Reply => ({ status: 405, body: { error: 'Method not allowed' } });

export const internalError = (): Reply => ({ status: 500, body: { error: 'Internal server error' } });
