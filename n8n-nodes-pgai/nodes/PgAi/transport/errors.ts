import { NodeApiError, type IDataObject, type INode, type JsonObject, type NodeOperationError } from 'n8n-workflow';

/** What the API said, in its own words, whichever of the three documented shapes it used. */
export interface ApiWords {
	message?: string;
	details: string[];
	code?: string;
	/** The body was an HTML page (a proxy or gateway answered), with its title when it had one. */
	html?: { title?: string };
}

const asText = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export function isHtml(text: string): boolean {
	return /^\s*(<!doctype html|<html|<head|<body)/i.test(text);
}

export function readApiWords(body: unknown): ApiWords {
	if (typeof body === 'string') {
		if (isHtml(body)) {
			const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
			return { details: [], html: { title: title || undefined } };
		}
		return { message: asText(body)?.slice(0, 300), details: [] };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { details: [] };
	const record = body as Record<string, unknown>;
	const details = Array.isArray(record.details)
		? record.details.map((detail) => (typeof detail === 'string' ? detail : JSON.stringify(detail)))
		: [];
	const error = record.error;
	if (error && typeof error === 'object' && !Array.isArray(error)) {
		const nested = error as Record<string, unknown>;
		return {
			message: asText(nested.message) ?? asText(nested.type),
			details,
			code: asText(nested.code) ?? asText(nested.type),
		};
	}
	return { message: asText(error) ?? asText(record.message), details };
}

/** The scope a 403 names, e.g. "Access denied. Required: territories:read". */
export function missingScope(message: string | undefined): string | undefined {
	return message ? /required(?:\s+scopes?)?\s*:\s*([\w*]+:[\w*]+)/i.exec(message)?.[1] : undefined;
}

export interface FailedRequest {
	method: string;
	path: string;
	status: number;
	body: unknown;
	retries: number;
}

function guidance(request: FailedRequest, words: ApiWords): string {
	const { status, method, path, retries } = request;
	const retried = retries > 0 ? ` It was retried ${retries} time${retries === 1 ? '' : 's'}.` : '';
	switch (status) {
		case 400:
			return 'PG:AI rejected the request’s parameters. Correct the fields named above and run the node again.';
		case 401:
			return 'PG:AI did not accept the API key. Check the key in the PG:AI credential, or create a new one in PG:AI’s settings.';
		case 402:
			return 'The organisation’s PG:AI credits are used up, so the request was not processed and is not retried. See the balance with the Organization → Get Credits operation, or add credits in PG:AI.';
		case 403: {
			const scope = missingScope(words.message);
			return scope
				? `The API key lacks the scope "${scope}". Give the key that scope in PG:AI’s API key settings, or use a key that has it.`
				: 'The API key is valid but not allowed to do this. Check the key’s scopes in PG:AI’s API key settings.';
		}
		case 404:
			return `Nothing was found at ${method} ${path}. Check the ID, or pick the record from the list.`;
		case 429:
			return `PG:AI kept answering “too many requests”.${retried} Raise Max Retries or Max Wait in the node’s options, or run the workflow later.`;
		default:
			if (status >= 500) return `PG:AI answered ${status} for ${method} ${path}.${retried}`;
			return `PG:AI answered ${status} for ${method} ${path}.`;
	}
}

function headline(status: number, words: ApiWords): string {
	if (words.html) {
		const title = words.html.title ? ` (“${words.html.title}”)` : '';
		return `PG:AI answered ${status} with an HTML page${title} instead of JSON: a proxy or gateway in front of the API probably failed`;
	}
	const text = words.message ?? `PG:AI answered ${status} with an empty body`;
	const credits = status === 402 && !/credit/i.test(text) ? ' (PG:AI credits exhausted)' : '';
	const details = words.details.length ? `: ${words.details.join('; ')}` : '';
	return `${text}${credits}${details}`;
}

/** Replaces every occurrence of the API key, in case a server or proxy echoes it back. */
export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

/** The one place where an unsuccessful answer becomes the error the user reads. */
export function apiError(
	node: INode,
	request: FailedRequest,
	secret: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const words = readApiWords(request.body);
	const message = redact(headline(request.status, words), secret);
	const description = redact(guidance(request, words), secret);
	const response: JsonObject = { status: request.status, message };
	if (words.code) response.code = words.code;
	if (words.details.length) response.details = words.details.map((detail) => redact(detail, secret));
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(request.status),
		itemIndex,
	});
}

/**
 * The rate limit resets later than the request may still wait (Max Wait): reported as the 429 it
 * stands for, whether PG:AI answered one or the pacer knew the reset before sending.
 */
export function rateLimitWaitError(
	node: INode,
	wait: { waitMs: number; resumeAt: number; budgetMs: number },
	itemIndex?: number,
): NodeApiError {
	const message = `PG:AI's rate limit resets at ${new Date(wait.resumeAt).toISOString()}, in ${Math.ceil(wait.waitMs / 1000)} s: longer than this request may wait`;
	return new NodeApiError(node, { status: 429, message }, {
		message,
		description: `The node may wait ${Math.floor(Math.max(0, wait.budgetMs) / 1000)} s more for this request (Max Wait in the node’s options). Run the workflow after the reset, or raise Max Wait.`,
		httpCode: '429',
		itemIndex,
	});
}

/** A failure as data: n8n's error text and the fields a workflow can branch on and a model can act on. */
export interface FailureReport extends IDataObject {
	error: string;
	/** The HTTP status PG:AI answered with (429 also for a rate-limit wait longer than Max Wait). */
	status?: number;
	/** The API's own error code, when it sent one. */
	code?: string;
	/** Whether the same request may succeed later: a rate limit, a server or network failure. */
	retryable: boolean;
	/** What to do about it. */
	advice?: string;
}

function statusOf(error: NodeApiError | NodeOperationError): number | undefined {
	const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
	return Number.isInteger(status) && status > 0 ? status : undefined;
}

export function failureReport(error: NodeApiError | NodeOperationError): FailureReport {
	const status = statusOf(error);
	const code = error.errorResponse?.code;
	const network = error.errorResponse?.failure === 'network';
	return {
		error: error.message,
		...(status !== undefined && { status }),
		...(typeof code === 'string' && { code }),
		retryable: network || status === 429 || (status ?? 0) >= 500,
		...(error.description && { advice: error.description }),
	};
}

/**
 * Whether PG:AI refused the request (a 4xx or 5xx, or a rate limit past Max Wait): something the
 * caller can act on, unlike a misconfigured credential, a redirect elsewhere or an answer the node
 * cannot read, which are for the workflow's builder.
 */
export function isRefusal(error: NodeApiError | NodeOperationError): boolean {
	const status = statusOf(error);
	return status !== undefined && status >= 400;
}
