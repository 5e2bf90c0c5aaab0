/**
 * Every error a user of the node reads is written here, from plain facts: what was asked (method,
 * path), what came back (status, body), what the node did about it (retries, whether it may send
 * the request again). The rest of the package states facts and throws what this file builds.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { missingScope, readApiWords, type ApiWords } from './apiWords';

/** Replaces every occurrence of the API key, in case a server or proxy echoes it back. */
export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

/** Any failure as the error n8n shows: the node's own errors as they are, anything else wrapped. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/** Input the node refuses before sending, by what is wrong with it; its error says so (context.refusedInput, see isRefusal). */
type InputProblem =
	| { kind: 'notWholeNumber'; label: string; value: unknown; min: number }
	| { kind: 'notDate'; label: string; value: unknown }
	| { kind: 'emptyId'; label: string }
	| { kind: 'invalidId'; label: string; value: string }
	| { kind: 'invalidEmail'; value: string }
	| { kind: 'notJsonObject'; label: string }
	| { kind: 'noCriteria' | 'noCompanyIdentity' | 'externalIdWithoutSystem' | 'noCompanyIds' | 'noTitle' }
	| { kind: 'unknownEvent'; value: string };

function inputMessage(problem: InputProblem): [message: string, description?: string] {
	switch (problem.kind) {
		case 'notWholeNumber':
			return [`${problem.label} must be a whole number of at least ${problem.min}, not ${JSON.stringify(problem.value)}`];
		case 'notDate':
			return [`${problem.label} "${String(problem.value)}" is not a date`, 'Use a date such as 2026-01-31 or 2026-01-31T09:00:00Z.'];
		case 'emptyId':
			return [`${problem.label} is empty`, `Enter the ${problem.label}, or pick the record from the list.`];
		case 'invalidId':
			return [`"${problem.value}" is not a valid ${problem.label}`];
		case 'invalidEmail':
			return [`"${problem.value}" is not a valid email address`, 'Enter an address such as jane.doe@example.com.'];
		case 'notJsonObject':
			return [`${problem.label} must be a JSON object`, 'Enter an object such as {"depth": "deep"}, or use key–value pairs.'];
		case 'noTitle':
			return ['Enter a Title', 'PG:AI needs a title to create a task.'];
		case 'noCriteria':
			return ['Enter a query or at least one filter', 'The search needs at least one criterion.'];
		case 'noCompanyIdentity':
			return ['Enter a Company Name, a Domain or a Company ID', 'PG:AI needs at least one of them to find the company.'];
		case 'externalIdWithoutSystem':
			return ['An External ID needs a Source System', 'Say which system the External ID comes from, e.g. salesforce.'];
		case 'noCompanyIds':
			return ['Searching chosen companies needs at least one Company ID', 'Enter the company IDs, or search the whole organization.'];
		case 'unknownEvent':
			return [`Unknown event "${problem.value}"`, 'Choose one of the events in the Trigger On field.'];
	}
}

export function refusedInput(node: INode, problem: InputProblem, itemIndex?: number): NodeOperationError {
	const [message, description] = inputMessage(problem);
	const error = new NodeOperationError(node, message, { description, itemIndex });
	return Object.assign(error, { context: { ...error.context, refusedInput: problem.kind } });
}

export interface FailedRequest {
	method: string;
	path: string;
	status: number;
	body: unknown;
	retries: number;
	/** The wait PG:AI asked for (a 503's Retry-After) that was longer than the request could still wait. */
	waitAskedMs?: number;
	/** Whether PG:AI may have acted on it although it failed (a 5xx other than 503 for a request that is not a read). */
	mayHaveActed?: boolean;
}

/** What the node did with a request that may have been processed: said where it matters. */
const notResent = (mayResend: boolean) => (mayResend ? '' : ' It was not sent again: PG:AI may have processed it, check before running again.');

function guidance(request: FailedRequest, words: ApiWords): string {
	const { status, method, path, retries } = request;
	const retried = retries > 0 ? ` It was retried ${retries} time${retries === 1 ? '' : 's'}.` : '';
	switch (status) {
		case 400:
			return 'PG:AI rejected the request’s parameters. Correct the fields named above and run the node again.';
		case 401:
			return 'PG:AI did not accept the API key. Check the key in the PG:AI credential, or create a new one in PG:AI’s settings.';
		case 402:
			return 'The organization’s PG:AI credits are used up, so the request was not processed and is not retried. See the balance with the Organization → Get Credits operation, or add credits in PG:AI.';
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
		case 503: {
			const asked =
				request.waitAskedMs === undefined ? '' : ` It asked to be tried again in ${Math.ceil(request.waitAskedMs / 1000)} s, longer than this request may still wait (Max Wait).`;
			return `PG:AI was unavailable and did not process ${method} ${path}.${retried}${asked} Run the workflow again later, or raise Max Retries or Max Wait in the node’s options.`;
		}
		default:
			if (status >= 500) return `PG:AI answered ${status} for ${method} ${path}.${retried}${notResent(!request.mayHaveActed)}`;
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

/** An unsuccessful answer from PG:AI, in the API's words and with what to do about it. */
export function apiError(node: INode, request: FailedRequest, secret: string | undefined, itemIndex?: number): NodeApiError {
	const words = readApiWords(request.body);
	const message = redact(headline(request.status, words), secret);
	const description = redact(guidance(request, words), secret);
	const response: JsonObject = { status: request.status, message };
	if (words.code) response.code = words.code;
	if (words.details.length) response.details = words.details.map((detail) => redact(detail, secret));
	return new NodeApiError(node, response, { message, description, httpCode: String(request.status), itemIndex });
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

export function redirectRefused(
	node: INode,
	redirect: { status: number; target?: URL; otherOrigin: boolean },
	itemIndex?: number,
): NodeApiError {
	const { status, target, otherOrigin } = redirect;
	const where = target ? ` to ${target.origin}${target.pathname}` : '';
	return new NodeApiError(node, { status }, {
		message: `PG:AI answered ${status}, a redirect${where}, which the node does not follow`,
		description: otherOrigin
			? 'The API key is only sent to the host of the credential’s base URL. If the API has moved, put its new address in the PG:AI credential’s Base URL.'
			: 'Check the Base URL in the PG:AI credential.',
		httpCode: String(status),
		itemIndex,
	});
}

export function unreadableAnswer(
	node: INode,
	answer: { method: string; path: string; status: number; kind: 'empty' | 'html' | 'json'; text: string; retries: number; mayResend: boolean },
	secret: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const { method, path, status, text, retries, mayResend } = answer;
	const what = { empty: 'an empty body', html: 'an HTML page', json: 'malformed JSON' }[answer.kind];
	const outcome = mayResend
		? `It was tried ${retries + 1} time${retries ? 's' : ''}; a proxy in front of the API may be failing.`
		: notResent(false).trim();
	return new NodeApiError(node, { status }, {
		message: `PG:AI answered ${status} with ${what} instead of JSON`,
		description: redact(`${method} ${path} returned something the node cannot read${text.trim() ? `: ${text.trim().slice(0, 120)}` : ''}. ${outcome}`, secret),
		httpCode: String(status),
		itemIndex,
	});
}

function networkHeadline(code: string | undefined): string {
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
		case 'ERR_BAD_RESPONSE':
			return 'The connection to PG:AI was closed in the middle of the answer';
		case 'ECONNREFUSED':
			return 'PG:AI refused the connection: nothing is listening at the base URL';
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return 'PG:AI did not answer within the timeout';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'The host of the base URL could not be found';
		default:
			return 'The request to PG:AI failed before an answer arrived';
	}
}

export function networkFailure(
	node: INode,
	failure: { method: string; path: string; code?: string; retries: number; mayResend: boolean },
	itemIndex?: number,
): NodeApiError {
	const { method, path, code, retries, mayResend } = failure;
	const tried = retries > 0 ? ` after ${retries} retr${retries === 1 ? 'y' : 'ies'}` : '';
	// The code stays out of the error's fields: n8n would replace the message with its own text for it.
	return new NodeApiError(node, { failure: 'network' }, {
		message: `${networkHeadline(code)}${tried}`,
		description: `${method} ${path} failed (${code ?? 'no error code'}).${notResent(mayResend)}`,
		itemIndex,
	});
}

export function notAList(node: INode, answer: { path: string; status: number; keys: string[] }, itemIndex?: number): NodeApiError {
	const { path, status, keys } = answer;
	return new NodeApiError(node, { status }, {
		message: `PG:AI answered ${path} without a list`,
		description: `Expected a list of records (items, data, or an array); the answer had ${keys.length ? `the fields ${keys.slice(0, 10).join(', ')}` : 'no fields'}.`,
		httpCode: String(status),
		itemIndex,
	});
}

export function repeatedPage(node: INode, walk: { path: string; page: number; received: number; total?: number }, itemIndex?: number): NodeApiError {
	const of = walk.total !== undefined ? ` of ${walk.total}` : '';
	return new NodeApiError(node, { page: walk.page }, {
		message: `PG:AI answered page ${walk.page} of ${walk.path} with the same records as the page before`,
		description: `The walk was stopped after ${walk.received}${of} records to avoid a loop; the rest could not be read. Run the node again later.`,
		itemIndex,
	});
}

export function endlessList(node: INode, walk: { path: string; pages: number }, itemIndex?: number): NodeApiError {
	return new NodeApiError(node, { pages: walk.pages }, {
		message: `PG:AI kept announcing further pages after ${walk.pages} pages of ${walk.path}`,
		description: 'The walk was stopped to avoid an endless loop. Narrow the request with filters or a Limit.',
		itemIndex,
	});
}

/** Work PG:AI finishes in the background (an operation, a workflow execution), unfinished when the wait ended. */
export function stillRunning(node: INode, work: { noun: string; id: string; status: string; timeoutMs: number; lookUp: string }, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `PG:AI ${work.noun} ${work.id} is still ${work.status} after ${Math.round(work.timeoutMs / 1000)} s`, {
		description: `It goes on in PG:AI. Fetch its result later with ${work.lookUp} and the ID ${work.id}, or raise Completion Timeout.`,
		itemIndex,
	});
}

/** Work PG:AI finished without a result: failed, or ended otherwise (a cancelled execution). */
export function workFailed(node: INode, work: { noun: string; id: string; record: IDataObject }, itemIndex?: number): NodeApiError {
	const reason = readApiWords({ error: work.record.error }).message ?? 'no reason given';
	const ended = work.record.status === 'failed' ? 'failed' : `ended ${String(work.record.status)}`;
	return new NodeApiError(node, work.record as JsonObject, {
		message: `PG:AI ${work.noun} ${work.id} ${ended}: ${reason}`,
		description: `The ${work.noun} ended in PG:AI with this error; nothing was retried.`,
		itemIndex,
	});
}

export function noAllowedDomains(node: INode): NodeOperationError {
	return new NodeOperationError(node, 'No allowed domains specified. Configure allowed domains or change restriction setting.');
}

export function domainNotAllowed(node: INode, request: { host: string; allowedDomains: string }, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`Domain not allowed: This credential is restricted from accessing ${request.host}. Only the following domains are allowed: ${request.allowedDomains}`,
		{
			description: 'The PG:AI credential’s Allowed HTTP Request Domains do not include the host of its Base URL. Add that host to them, or correct the Base URL.',
			itemIndex,
		},
	);
}

const BASE_URL_FIX = 'Correct the Base URL in the PG:AI credential, e.g. https://api.pipelinegeneration.ai/v1.';

/** The credential's Base URL cannot be used: not a URL, not HTTP, or carrying what could leak. */
export function badBaseUrl(node: INode, problem: { kind: 'notUrl' | 'protocol' | 'userInfo' | 'queryOrFragment'; text: string; protocol?: string }): NodeOperationError {
	switch (problem.kind) {
		case 'notUrl':
			return new NodeOperationError(node, `The credential's Base URL "${problem.text}" is not a URL`, { description: BASE_URL_FIX });
		case 'protocol':
			return new NodeOperationError(node, `The credential's Base URL must start with https:// (or http:// for a local server), not ${problem.protocol}//`, { description: BASE_URL_FIX });
		case 'userInfo':
			return new NodeOperationError(node, "The credential's Base URL must not contain a user name or password", { description: `The API key is what authenticates. ${BASE_URL_FIX}` });
		case 'queryOrFragment':
			return new NodeOperationError(node, "The credential's Base URL must not contain a query (?…) or fragment (#…)", { description: BASE_URL_FIX });
	}
}
