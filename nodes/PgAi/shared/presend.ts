import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type PreSendAction,
} from 'n8n-workflow';

type Target = 'qs' | 'body';

function bag(options: IHttpRequestOptions, target: Target): IDataObject {
	const value = options[target];
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

function fail(context: IExecuteSingleFunctions, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { description, itemIndex: context.getItemIndex() });
}

/** Multi-value fields take "a, b" or an array (from an expression); the API wants an array. */
export function asList(target: Target, key: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		const values = bag(options, target);
		const value = values[key];
		const list = Array.isArray(value) ? value : String(value ?? '').split(',');
		const cleaned = list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
		if (cleaned.length) values[key] = cleaned;
		else delete values[key];
		return options;
	};
}

function toDate(value: unknown): Date {
	if (value instanceof Date) return value;
	const luxon = value as { toISO?: () => string };
	if (typeof luxon.toISO === 'function') return new Date(luxon.toISO());
	return new Date(String(value));
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
		const date = toDate(value);
		if (Number.isNaN(date.getTime())) {
			fail(this, `${label} "${String(value)}" is not a date`, 'Use a date such as 2026-01-31 or 2026-01-31T09:00:00Z.');
		}
		values[key] = date.toISOString();
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
