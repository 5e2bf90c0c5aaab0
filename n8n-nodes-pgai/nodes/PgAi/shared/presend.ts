import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type PreSendAction,
} from 'n8n-workflow';

import { isoDate } from './parameters';

type Target = 'qs' | 'body';

function bag(options: IHttpRequestOptions, target: Target): IDataObject {
	const value = options[target];
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

function fail(context: IExecuteSingleFunctions, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { description, itemIndex: context.getItemIndex() });
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

/** Refuses an address the API would refuse anyway, before anything is sent. */
export async function requireEmail(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const email = String(bag(options, 'body').email ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		fail(this, `"${email}" is not a valid email address`, 'Enter an address such as jane.doe@example.com.');
	}
	bag(options, 'body').email = email;
	return options;
}

/** A search needs something to search by. */
export async function requireCriteria(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const body = bag(options, 'body');
	const given = Object.values(body).some((value) =>
		Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && String(value).trim() !== '',
	);
	if (!given) fail(this, 'Enter a query or at least one filter', 'The search needs at least one criterion.');
	return options;
}

/** Adding a company needs something to identify it by; an external ID needs its system. */
export async function requireCompanyIdentity(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const body = bag(options, 'body');
	for (const key of Object.keys(body)) {
		if (typeof body[key] === 'string' && (body[key] as string).trim() === '') delete body[key];
	}
	if (!body.company_name && !body.domain && !body.id) {
		fail(this, 'Enter a Company Name, a Domain or a Company ID', 'PG:AI needs at least one of them to find the company.');
	}
	if (body.external_id && !body.source_system) {
		fail(this, 'An External ID needs a Source System', 'Say which system the External ID comes from, e.g. salesforce.');
	}
	return options;
}

/** Searching chosen companies needs the companies. Runs before the IDs are joined. */
export async function requireCompanyIds(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const qs = bag(options, 'qs');
	const ids = qs.company_ids;
	const empty = ids === undefined || (Array.isArray(ids) ? ids.length === 0 : String(ids).trim() === '');
	if (qs.scope === 'companies' && empty) {
		fail(this, 'Searching chosen companies needs at least one Company ID', 'Enter the company IDs, or search the whole organisation.');
	}
	return options;
}

/** The operation's own Timeout option, over n8n's request timeout: the assistant can take minutes. */
export async function ownTimeout(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const seconds = this.getNodeParameter('options.timeoutSeconds', 0);
	if (typeof seconds === 'number' && seconds > 0) options.timeout = seconds * 1000;
	return options;
}
