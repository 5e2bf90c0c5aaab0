import { NodeApiError, type IDataObject, type NodeOperationError } from 'n8n-workflow';

/** A failure as data: n8n's error text and the fields a workflow can branch on and a model can act on. */
interface FailureReport extends IDataObject {
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
