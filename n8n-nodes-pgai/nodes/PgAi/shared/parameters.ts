import { NodeOperationError, type INode } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport/client';

/** Any n8n context a node reads its parameters through (an operation's, a poll's). */
interface ParameterReader {
	getNode(): INode;
	getNodeParameter(name: string, fallback: unknown): unknown;
}

/** A whole-number parameter, refused with a clear error when an expression made it anything else. */
export function wholeNumber(context: ParameterReader, name: string, fallback: number, min: number, itemIndex?: number): number {
	const value = context.getNodeParameter(name, fallback);
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new NodeOperationError(
			context.getNode(),
			`${name.replace(/^options\./, '')} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`,
			{ itemIndex },
		);
	}
	return value;
}

/** Max Retries and Max Wait from the Options collection, as every operation and the trigger have them. */
export function retryPolicy(context: ParameterReader, itemIndex?: number): RetryPolicy {
	return {
		maxRetries: wholeNumber(context, 'options.maxRetries', DEFAULT_RETRY_POLICY.maxRetries, 0, itemIndex),
		maxWaitMs: wholeNumber(context, 'options.maxWaitSeconds', DEFAULT_RETRY_POLICY.maxWaitMs / 1000, 0, itemIndex) * 1000,
	};
}

/** Any n8n date value (ISO text, a Date, a Luxon DateTime) as ISO 8601, or a clear error. */
export function isoDate(node: INode, value: unknown, label: string, itemIndex?: number): string {
	const luxon = value as { toISO?: () => string };
	const date =
		value instanceof Date ? value : new Date(typeof luxon.toISO === 'function' ? luxon.toISO() : String(value));
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(node, `${label} "${String(value)}" is not a date`, {
			description: 'Use a date such as 2026-01-31 or 2026-01-31T09:00:00Z.',
			itemIndex,
		});
	}
	return date.toISOString();
}
