import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
} from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type ApiClient, type ApiRequest, type RetryPolicy } from '../transport/client';
import { clientFor } from '../transport/context';
import { fetchPages } from '../transport/paging';

type Fetch = (client: ApiClient, request: ApiRequest, context: IExecutePaginationFunctions) => Promise<unknown[]>;

const label = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/Id$/, '')} ID`;

/** Fills `{name}` placeholders with the parameter's value as exactly one path segment. */
export function resolvePath(context: IExecuteSingleFunctions, template: string): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const raw = context.getNodeParameter(name, '', { extractValue: true });
		const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		if (value === '') {
			throw new NodeOperationError(context.getNode(), `${label(name)} is empty`, {
				description: `Enter the ${label(name)}, or pick the record from the list.`,
				itemIndex: context.getItemIndex(),
			});
		}
		if (value === '.' || value === '..') {
			throw new NodeOperationError(context.getNode(), `"${value}" is not a valid ${label(name)}`, {
				itemIndex: context.getItemIndex(),
			});
		}
		return encodeURIComponent(value);
	});
}

function wholeNumber(context: IExecuteSingleFunctions, name: string, fallback: number, min: number): number {
	const value = context.getNodeParameter(name, fallback);
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
		throw new NodeOperationError(context.getNode(), `${name.replace(/^options\./, '')} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`, {
			itemIndex: context.getItemIndex(),
		});
	}
	return value;
}

export function retryPolicy(context: IExecuteSingleFunctions): RetryPolicy {
	return {
		maxRetries: wholeNumber(context, 'options.maxRetries', DEFAULT_RETRY_POLICY.maxRetries, 0),
		maxWaitMs: wholeNumber(context, 'options.maxWaitSeconds', DEFAULT_RETRY_POLICY.maxWaitMs / 1000, 0) * 1000,
	};
}

const asJson = (record: unknown): IDataObject =>
	record && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : { value: record as IDataObject[keyof IDataObject] };

/**
 * What every operation runs, as the routing's pagination hook (the one declarative hook that may
 * send more than one request): resolves the path, sends through the shared client, and returns
 * one item per record, each paired with its input item. With Continue On Fail, a failure becomes
 * an error item of that input item and the other items go on.
 */
async function run(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	fetch: Fetch,
): Promise<INodeExecutionData[]> {
	const itemIndex = context.getItemIndex();
	const pairedItem = { item: itemIndex };
	try {
		const { options } = requestData;
		const request: ApiRequest = {
			method: (options.method ?? 'GET') as IHttpRequestMethods,
			url: resolvePath(context, options.url ?? ''),
			qs: options.qs,
			body: options.method === 'POST' ? ((options.body as IDataObject | undefined) ?? {}) : undefined,
		};
		const client = await clientFor(context, {
			policy: retryPolicy(context),
			itemIndex,
			defaults: {
				headers: options.headers,
				timeout: options.timeout,
				proxy: options.proxy,
				skipSslCertificateValidation: options.skipSslCertificateValidation === true,
			},
		});
		const records = await fetch(client, request, context);
		return records.map((record) => ({ json: asJson(record), pairedItem }));
	} catch (error) {
		const failure =
			error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		if (!context.continueOnFail()) throw failure;
		return [{ json: { error: failure.message }, error: failure, pairedItem }];
	}
}

/** Pagination hook of operations that send one request and output its record(s). */
export async function sendOnce(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await run(this, requestData, async (client, request) => {
		const { body } = await client.request(request);
		return Array.isArray(body) ? body : [body];
	});
}

/** Pagination hook of list operations: Return All walks every page, Limit stops when it has enough. */
export async function sendPaged(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await run(this, requestData, async (client, request, context) => {
		const returnAll = context.getNodeParameter('returnAll', false) === true;
		const limit = returnAll ? undefined : wholeNumber(context, 'limit', 50, 1);
		return await fetchPages(client, context.getNode(), request, { limit });
	});
}
