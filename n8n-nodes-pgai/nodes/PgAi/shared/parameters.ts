import type { INode } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport/client';
import { refusedInput } from '../transport/errors';

/** Any n8n context a node reads its parameters through (an operation's, a poll's). */
export interface ParameterReader {
	getNode(): INode;
	getNodeParameter(name: string, fallback: unknown, options?: { extractValue?: boolean }): unknown;
}

/**
 * A whole-number parameter, refused with a clear error when an expression made it anything else;
 * the error names it by `label`, the name the user reads.
 */
export function wholeNumber(context: ParameterReader, name: string, label: string, fallback: number, min: number, itemIndex?: number): number {
	const value = context.getNodeParameter(name, fallback);
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw refusedInput(context.getNode(), { kind: 'notWholeNumber', label, value, min }, itemIndex);
	}
	return value;
}

/** Max Retries and Max Wait from the Options collection, as every operation and the trigger have them. */
export function retryPolicy(context: ParameterReader, itemIndex?: number): RetryPolicy {
	return {
		maxRetries: wholeNumber(context, 'options.maxRetries', 'Max Retries', DEFAULT_RETRY_POLICY.maxRetries, 0, itemIndex),
		maxWaitMs: wholeNumber(context, 'options.maxWaitSeconds', 'Max Wait (Seconds)', DEFAULT_RETRY_POLICY.maxWaitMs / 1000, 0, itemIndex) * 1000,
	};
}

/** Any n8n date value (ISO text, a Date, a Luxon DateTime) as ISO 8601, or a clear error. */
export function isoDate(node: INode, value: unknown, label: string, itemIndex?: number): string {
	const luxon = value as { toISO?: () => string };
	const date =
		value instanceof Date ? value : new Date(typeof luxon.toISO === 'function' ? luxon.toISO() : String(value));
	if (Number.isNaN(date.getTime())) {
		throw refusedInput(node, { kind: 'notDate', label, value }, itemIndex);
	}
	return date.toISOString();
}

/**
 * Any n8n date value as the calendar day it names, YYYY-MM-DD, or a clear error. Text keeps the day
 * it was written with, whatever its time and zone: the day the user picked is the day sent.
 */
export function dateOnly(node: INode, value: unknown, label: string, itemIndex?: number): string {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const luxon = value as { toISODate?: () => string | null };
	const day =
		text !== undefined
			? /^\d{4}-\d{2}-\d{2}(?!\d)/.exec(text)?.[0]
			: typeof luxon?.toISODate === 'function'
				? luxon.toISODate()
				: value instanceof Date && !Number.isNaN(value.getTime())
					? value.toISOString().slice(0, 10)
					: undefined;
	// 2026-02-30 has the shape of a day but is none
	if (!day || Number.isNaN(Date.parse(day)) || !new Date(day).toISOString().startsWith(day)) {
		throw refusedInput(node, { kind: 'notDate', label, value }, itemIndex);
	}
	return day;
}

const idLabel = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/Id$/, '')} ID`;

/**
 * A record ID parameter (a resource locator's value), trimmed, for one path segment: refused when
 * empty or a dot segment, which would name another path.
 */
export function recordId(context: ParameterReader, name: string, itemIndex?: number): string {
	const raw = context.getNodeParameter(name, '', { extractValue: true });
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (value === '') throw refusedInput(context.getNode(), { kind: 'emptyId', label: idLabel(name) }, itemIndex);
	if (value === '.' || value === '..') throw refusedInput(context.getNode(), { kind: 'invalidId', label: idLabel(name), value }, itemIndex);
	return value;
}
