import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ApiClient, ApiRequest } from '../transport/client';
import { clientFor } from '../transport/context';
import { failureReport, isRefusal } from '../transport/errors';
import { awaitOperation, isUnfinished } from '../transport/operations';
import { fetchPages } from '../transport/paging';
import { throwIfCancelled } from '../transport/wait';
import { retryPolicy, wholeNumber } from './parameters';
import { simplified } from './simplify';
import { runsAsTool } from './tool';

type Send = (client: ApiClient, request: ApiRequest, context: IExecutePaginationFunctions) => Promise<unknown[]>;

const asJson = (record: unknown): IDataObject =>
	record && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : { value: record as IDataObject[keyof IDataObject] };

/** The records, simplified when the operation has Simplify and it is on. */
function asAsked(context: IExecutePaginationFunctions, records: unknown[]): unknown[] {
	if (context.getNodeParameter('simplify', false) !== true) return records;
	return simplified(String(context.getNodeParameter('resource', '')), String(context.getNodeParameter('operation', '')), records);
}

/**
 * What every operation runs, as the routing's pagination hook: the request exactly as n8n prepared
 * it goes to the shared client, which keeps every option of it, and the records come back as one
 * item each, paired with the input item. A refusal by PG:AI is the answer when the node runs as an
 * agent's tool: agents before version 3 would hand the model an empty result, and some lines fail
 * the workflow. With Continue On Fail, any failure becomes an item of that input item carrying the
 * same report, and the other items go on.
 */
async function run(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	send: Send,
): Promise<INodeExecutionData[]> {
	const itemIndex = context.getItemIndex();
	const pairedItem = { item: itemIndex };
	try {
		// As n8n's RoutingNode hands them to its HTTP helper itself; the path was set by route()'s preSend.
		const request = requestData.options as IHttpRequestOptions;
		const client = await clientFor(context, { policy: retryPolicy(context, itemIndex), itemIndex, prepared: request });
		const records = await send(client, request, context);
		return records.map((record) => ({ json: asJson(record), pairedItem }));
	} catch (error) {
		throwIfCancelled(context.getExecutionCancelSignal());
		const failure =
			error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		const report = { json: failureReport(failure), pairedItem };
		if (runsAsTool(context.getNode()) && isRefusal(failure)) return [report];
		if (!context.continueOnFail()) throw failure;
		// n8n sends an item to the error output by its `error`, and then keeps only the error's text of
		// its JSON; on the regular output the item keeps the whole report.
		return [context.getNode().onError === 'continueErrorOutput' ? { ...report, error: failure } : report];
	}
}

/**
 * Hooks of operations that send one request and output its record(s). An answer that is an
 * unfinished asynchronous operation (202) is waited for when Wait for Completion is on; n8n leaves
 * an option the user did not add out, so each hook brings its operation's default.
 */
function oneRequest(waitByDefault: boolean) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await run(this, requestData, async (client, request, context) => {
			const response = await client.request(request);
			const wait = context.getNodeParameter('options.waitForCompletion', waitByDefault) === true;
			if (isUnfinished(response.body)) {
				if (!wait) return [response.body];
				const timeoutMs = wholeNumber(context, 'options.completionTimeoutSeconds', 300, 1, context.getItemIndex()) * 1000;
				const signal = context.getExecutionCancelSignal();
				return [await awaitOperation(client, context.getNode(), response, { timeoutMs, signal, itemIndex: context.getItemIndex() })];
			}
			return asAsked(context, Array.isArray(response.body) ? response.body : [response.body]);
		});
	};
}

/** One request; an asynchronous operation it starts is returned as accepted unless asked to wait. */
export const single = oneRequest(false);

/** One request that starts asynchronous work, waited for unless asked not to. */
export const awaited = oneRequest(true);

/** A list: Return All walks every page, Limit stops when it has enough. */
export async function paged(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await run(this, requestData, async (client, request, context) => {
		const returnAll = context.getNodeParameter('returnAll', false) === true;
		const limit = returnAll ? undefined : wholeNumber(context, 'limit', 50, 1, context.getItemIndex());
		return asAsked(context, await fetchPages(client, context.getNode(), request, { limit }));
	});
}

/** A search that is a paged list, or with Live on one asynchronous operation. */
export async function pagedOrLive(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const live = this.getNodeParameter('options.live', false) === true;
	return live ? await awaited.call(this, requestData) : await paged.call(this, requestData);
}
