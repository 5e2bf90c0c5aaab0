import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestTo, type Endpoint } from '../transport/api';
import type { ApiClient, ApiRequest } from '../transport/client';
import { awaitCompletion, pendingWork, type WorkName } from '../transport/completion';
import { connect, split } from '../transport/connect';
import { asNodeError } from '../transport/errors';
import { failureReport, isRefusal } from '../transport/failureReport';
import { fetchPages } from '../transport/paging';
import { throwIfCancelled } from '../transport/wait';
import type { Check } from './checks';
import { DEFAULTS } from './fields';
import { recordId, retryPolicy, wholeNumber } from './parameters';
import { simplified, type RecordKind } from './simplify';
import { runsAsTool, type Operation } from './tool';

/**
 * Everything about one operation, said once: from it come its routing (the hook and its endpoint),
 * its tool description, whether it has Return All / Limit and Simplify, and its Options collection.
 */
export interface OperationSpec extends Operation {
	endpoint: Endpoint;
	/** One request and its record(s); a paged list; or a list that, with Live on, is one asynchronous request. */
	delivery: 'one' | 'list' | 'listOrLive';
	/** The kind of record it returns, when Simplify applies. */
	records?: RecordKind;
	/**
	 * The answer may be unfinished asynchronous work (202): whether the node waits for it unless the
	 * user says otherwise (Wait for Completion and Completion Timeout join its options).
	 */
	waitByDefault?: boolean;
	/** The kind of asynchronous work it answers with: a §6 operation unless it says otherwise. */
	awaits?: WorkName;
	/** Checks of the request before it is sent. */
	checks?: Check[];
	/** The operation's own entries of its Options collection. */
	options?: INodeProperties[];
}

type Hook = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

type Deliver = (client: ApiClient, request: ApiRequest, context: IExecutePaginationFunctions, spec: OperationSpec) => Promise<unknown[]>;

const asJson = (record: unknown): IDataObject =>
	record && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : { value: record as IDataObject[keyof IDataObject] };

/** The records, reduced to their essentials when the operation has Simplify and it is on. */
const asAsked = (context: IExecutePaginationFunctions, spec: OperationSpec, records: unknown[]) =>
	spec.records && context.getNodeParameter('simplify', false) === true ? simplified(spec.records, records) : records;

/**
 * One request and its record(s). An answer that is unfinished asynchronous work (202) of the kind the
 * operation awaits is waited for when Wait for Completion is on; n8n leaves an option the user did
 * not add out, so the operation's declaration brings the default.
 */
const one: Deliver = async (client, request, context, spec) => {
	const response = await client.request(request);
	const work = spec.waitByDefault === undefined ? undefined : pendingWork(spec.awaits ?? 'operation', response.body);
	if (!work) return asAsked(context, spec, Array.isArray(response.body) ? response.body : [response.body]);
	const itemIndex = context.getItemIndex();
	if (context.getNodeParameter('options.waitForCompletion', spec.waitByDefault) !== true) return [response.body];
	const timeoutMs = wholeNumber(context, 'options.completionTimeoutSeconds', 'Completion Timeout (Seconds)', DEFAULTS.completionTimeoutSeconds, 1, itemIndex) * 1000;
	const signal = context.getExecutionCancelSignal();
	return [await awaitCompletion(client, context.getNode(), work, response, { timeoutMs, signal, itemIndex })];
};

/** A list: Return All walks every page, Limit stops when it has enough. */
const list: Deliver = async (client, request, context, spec) => {
	const returnAll = context.getNodeParameter('returnAll', false) === true;
	const limit = returnAll ? undefined : wholeNumber(context, 'limit', 'Limit', DEFAULTS.limit, 1, context.getItemIndex());
	return asAsked(context, spec, await fetchPages(client, context.getNode(), request, { limit }));
};

const DELIVERIES: { [kind in OperationSpec['delivery']]: Deliver } = {
	one,
	list,
	/** A search that is a paged list, or with Live on one asynchronous request. */
	listOrLive: async (client, request, context, spec) =>
		await (context.getNodeParameter('options.live', false) === true ? one : list)(client, request, context, spec),
};

/**
 * The hook n8n's RoutingNode hands an operation's prepared request to (its pagination hook, the one
 * declarative hook that may send more than one request). What RoutingNode prepared is split once
 * into the API request and the transport options; the records come back as one item each, paired
 * with the input item. A refusal, by PG:AI or of the input before sending, is the answer when the
 * node runs as an agent's tool: agents before version 3 would hand the model an empty result, and
 * some lines fail the workflow.
 * With Continue On Fail, any failure becomes an item of that input item carrying the same report.
 */
export function hookFor(spec: OperationSpec): Hook {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const itemIndex = this.getItemIndex();
		const pairedItem = { item: itemIndex };
		try {
			const { query, transport } = split(requestData.options as IHttpRequestOptions);
			// The credential first, handed over in the item's turn (transport/credential.ts): the item's own
			// parameters are then read while the items before it wait for the rate limit.
			const client = await connect(this, { itemIndex, transport, policy: () => retryPolicy(this, itemIndex) });
			const request: ApiRequest = { ...requestTo(spec.endpoint, (name) => recordId(this, name, itemIndex)), ...query };
			for (const check of spec.checks ?? []) check(this.getNode(), request, itemIndex);
			const records = await DELIVERIES[spec.delivery](client, request, this, spec);
			return records.map((record) => ({ json: asJson(record), pairedItem }));
		} catch (error) {
			throwIfCancelled(this.getExecutionCancelSignal());
			const failure = asNodeError(this.getNode(), error, itemIndex);
			const report = { json: failureReport(failure), pairedItem };
			if (runsAsTool(this.getNode()) && isRefusal(failure)) return [report];
			if (!this.continueOnFail()) throw failure;
			// n8n sends an item to the error output by its `error`, and then keeps only the error's text of
			// its JSON; on the regular output the item keeps the whole report.
			return [this.getNode().onError === 'continueErrorOutput' ? { ...report, error: failure } : report];
		}
	};
}
