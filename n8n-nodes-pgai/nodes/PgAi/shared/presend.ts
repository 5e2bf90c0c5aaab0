import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { dateOnly, isoDate } from './parameters';

/** Where a field's value goes, in the words of n8n's routing (`send.type`). */
export type Target = 'body' | 'query';

/** The object of the prepared request that holds `target`'s values. */
function bag(options: IHttpRequestOptions, target: Target): IDataObject {
	const value = target === 'query' ? options.qs : options.body;
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

/**
 * Multi-value fields take "a, b" or an array (from an expression). The API wants an array, or
 * with `joinWith` one string such as "a,b".
 */
export function asList(target: Target, key: string, joinWith?: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		const values = bag(options, target);
		const value = values[key];
		const list = Array.isArray(value) ? value : String(value ?? '').split(',');
		const cleaned = list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
		if (!cleaned.length) delete values[key];
		else values[key] = joinWith === undefined ? cleaned : cleaned.join(joinWith);
		return options;
	};
}

/** Sends nothing for `key` when it is 0 (see numberField's `zeroUnset`). */
export function unsetZero(target: Target, key: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		const values = bag(options, target);
		if (values[key] === 0) delete values[key];
		return options;
	};
}

/** Date fields accept any n8n date value (ISO text, a Date, a Luxon DateTime) and send ISO 8601. */
export function asIsoDate(target: Target, key: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		const values = bag(options, target);
		const value = values[key] as unknown;
		if (value === undefined || value === null || value === '') {
			delete values[key];
			return options;
		}
		values[key] = isoDate(this.getNode(), value, label, this.getItemIndex());
		return options;
	};
}

/** Day fields (a due date) accept any n8n date value and send the day as YYYY-MM-DD. */
export function asDateOnly(target: Target, key: string, label: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		const values = bag(options, target);
		const value = values[key] as unknown;
		if (value === undefined || value === null || value === '') delete values[key];
		else values[key] = dateOnly(this.getNode(), value, label, this.getItemIndex());
		return options;
	};
}

/**
 * The assistant's own Timeout option, over n8n's request timeout (which RoutingNode sets after
 * reading the parameters, so only a preSend comes after it): the assistant can take minutes.
 */
export async function ownTimeout(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const seconds = this.getNodeParameter('options.timeoutSeconds', 0);
	if (typeof seconds === 'number' && seconds > 0) options.timeout = seconds * 1000;
	return options;
}
