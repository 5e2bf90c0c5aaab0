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

import type { ApiClient, ApiRequest } from '../transport/client';
import { clientFor } from '../transport/context';
import { awaitOperation, isUnfinished } from '../transport/operations';
import { fetchPages } from '../transport/paging';
import { throwIfCancelled } from '../transport/wait';
import { retryPolicy, wholeNumber } from './parameters';

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
		const timeoutSeconds = context.getNodeParameter('options.timeoutSeconds', 0) as number;
		// n8n prepares every input item before any request can leave (its item loop does not yield):
		// reading the credential first moves the rest of this item's work (the path's expression
		// among it) after that loop, where it overlaps with the requests of the items before it.
		const client = await clientFor(context, {
			policy: retryPolicy(context, itemIndex),
			itemIndex,
			defaults: {
				headers: options.headers,
				timeout: options.timeout,
				proxy: options.proxy,
				skipSslCertificateValidation: options.skipSslCertificateValidation === true,
			},
		});
		const request: ApiRequest = {
			method: (options.method ?? 'GET') as IHttpRequestMethods,
			url: resolvePath(context, options.url ?? ''),
			qs: options.qs,
			body: options.method === 'POST' ? ((options.body as IDataObject | undefined) ?? {}) : undefined,
			timeout: timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined,
		};
		const records = await fetch(client, request, context);
		return records.map((record) => ({ json: asJson(record), pairedItem }));
	} catch (error) {
		throwIfCancelled(context.getExecutionCancelSignal());
		const failure =
			error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		if (!context.continueOnFail()) throw failure;
		return [{ json: { error: failure.message }, error: failure, pairedItem }];
	}
}

/**
 * Hooks of operations that send one request and output its record(s). An answer that is an
 * unfinished asynchronous operation (202) is waited for when Wait for Completion is on; n8n leaves
 * an option the user did not add out, so each hook brings its operation's default.
 */
function sendOnceHook(waitByDefault: boolean) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await run(this, requestData, async (client, request, context) => {
			const response = await client.request(request);
			const wait = context.getNodeParameter('options.waitForCompletion', waitByDefault) === true;
			if (isUnfinished(response.body) && wait) {
				const timeoutMs = wholeNumber(context, 'options.completionTimeoutSeconds', 300, 1, context.getItemIndex()) * 1000;
				const signal = context.getExecutionCancelSignal();
				return [await awaitOperation(client, context.getNode(), response, { timeoutMs, signal, itemIndex: context.getItemIndex() })];
			}
			return Array.isArray(response.body) ? response.body : [response.body];
		});
	};
}

/** One request; an asynchronous operation it starts is returned as accepted unless asked to wait. */
export const sendOnce = sendOnceHook(false);

/** One request that starts asynchronous work, waited for unless asked not to. */
export const sendAndAwait = sendOnceHook(true);

/** Pagination hook of list operations: Return All walks every page, Limit stops when it has enough. */
export async function sendPaged(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await run(this, requestData, async (client, request, context) => {
		const returnAll = context.getNodeParameter('returnAll', false) === true;
		const limit = returnAll ? undefined : wholeNumber(context, 'limit', 50, 1, context.getItemIndex());
		return await fetchPages(client, context.getNode(), request, { limit });
	});
}

/** Pagination hook of a search that is a paged list, or with Live on one asynchronous operation. */
export async function sendPagedOrLive(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const live = this.getNodeParameter('options.live', false) === true;
	return live ? await sendAndAwait.call(this, requestData) : await sendPaged.call(this, requestData);
}
