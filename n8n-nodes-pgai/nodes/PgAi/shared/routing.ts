import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';

import { credentialOf } from '../transport/context';
import { requestTo, type Endpoint } from './endpoints';
import { recordId } from './parameters';

type Hook = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * Waits for the item's credential (read in turn, and kept for the hook) before anything else is
 * prepared: n8n runs every input item up to its first wait in one loop that does not yield, so
 * what the preSends do after this overlaps with the requests of the items before it instead of
 * delaying the node's first request.
 */
async function inTurn(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	await credentialOf(this);
	return options;
}

/** Sets the method and path of `endpoint`, each `{name}` filled with that record ID parameter. */
function pathOf(endpoint: Endpoint): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options) {
		return Object.assign(options, requestTo(endpoint, (name) => recordId(this, name, this.getItemIndex())));
	};
}

/**
 * The routing of an operation: n8n prepares its request (the path, then every field's query, body
 * and checks, `checks` among them) and hands it to `hook`. `paginate` is set on every operation:
 * the pagination hook is the one declarative hook that may send more than one request, and it owns
 * retry, pacing, paging and error mapping.
 */
export function route(hook: Hook, endpoint: Endpoint, ...checks: PreSendAction[]): INodePropertyRouting {
	return { send: { paginate: true, preSend: [inTurn, pathOf(endpoint), ...checks] }, operations: { pagination: hook } };
}
