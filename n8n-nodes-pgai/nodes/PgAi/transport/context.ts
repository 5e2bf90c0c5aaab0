import { createHash } from 'crypto';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import { REQUEST_DEFAULTS } from '../shared/endpoints';
import { ApiClient, DEFAULT_RETRY_POLICY, type RetryPolicy } from './client';
import { allowedDomainsOf } from './domains';
import { pacerFor } from './pacer';

export const CREDENTIAL_TYPE = 'pgAiApi';

type Context = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential's base URL without trailing slashes, refused when it could leak or mislead. */
export function checkedBaseUrl(node: INode, raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
	const fix = 'Correct the Base URL in the PG:AI credential, e.g. https://api.pipelinegeneration.ai/v1.';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new NodeOperationError(node, `The credential's Base URL "${text}" is not a URL`, { description: fix });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(node, `The credential's Base URL must start with https:// (or http:// for a local server), not ${url.protocol}//`, { description: fix });
	}
	if (url.username || url.password) {
		throw new NodeOperationError(node, "The credential's Base URL must not contain a user name or password", {
			description: `The API key is what authenticates. ${fix}`,
		});
	}
	if (url.search || url.hash) {
		throw new NodeOperationError(node, "The credential's Base URL must not contain a query (?…) or fragment (#…)", { description: fix });
	}
	return text;
}

/** Requests of one key to one host share a pacer; the key itself is only kept as a hash. */
function pacerKey(baseUrl: string, apiKey: string): string {
	return createHash('sha256').update(`${new URL(baseUrl).origin}\n${apiKey}`).digest('hex');
}

export interface ClientOptions {
	policy?: RetryPolicy;
	itemIndex?: number;
	/**
	 * The options n8n's RoutingNode prepared for the item's request. Where n8n prepares none (list
	 * searches, polls), the client gets what RoutingNode would: the node's defaults and the
	 * credential's domain restriction.
	 */
	prepared?: Partial<IHttpRequestOptions>;
}

/** A node run's credential reads: the last one started, and each item's. */
interface Reads {
	last: Promise<unknown>;
	items: Map<number, Promise<ICredentialDataDecryptedObject>>;
}

/** Keyed by n8n's execute data, one per node run. */
const runs = new WeakMap<object, Reads>();

/**
 * The item's credential, read once per item and one item after another within a node run. n8n
 * starts the requests of all input items in one loop that does not yield, and each credential read
 * is a database query that n8n builds synchronously: 500 items built 500 queries before the first
 * request could leave, and their answers (each followed by decryption and the item's expressions)
 * then raced the first request. In turn, the first item's request goes at once, the next items
 * follow it, and the later ones are prepared while the earlier ones wait for the rate limit.
 */
export async function credentialOf(context: Context): Promise<ICredentialDataDecryptedObject> {
	const read = async () => await context.getCredentials(CREDENTIAL_TYPE);
	const run = 'getExecuteData' in context ? (context.getExecuteData() as object | undefined) : undefined;
	if (!run || !('getItemIndex' in context)) return await read();
	let reads = runs.get(run);
	if (!reads) runs.set(run, (reads = { last: Promise.resolve(), items: new Map() }));
	const itemIndex = context.getItemIndex();
	let current = reads.items.get(itemIndex);
	if (!current) {
		// the next item waits for this read whether it succeeds or not
		current = reads.last.then(read, read);
		reads.items.set(itemIndex, current);
		reads.last = current.catch(() => undefined);
	}
	return await current;
}

/** What RoutingNode prepares for a request, for the contexts it does not serve. */
function preparedAsRoutingNode(node: INode, credentials: ICredentialDataDecryptedObject): Partial<IHttpRequestOptions> {
	const allowedDomains = allowedDomainsOf(node, credentials);
	return allowedDomains === undefined ? { ...REQUEST_DEFAULTS } : { ...REQUEST_DEFAULTS, allowedDomains };
}

/** An API client for any n8n context that holds the PG:AI credential. */
export async function clientFor(context: Context, options: ClientOptions = {}): Promise<ApiClient> {
	const node = context.getNode();
	const credentials = await credentialOf(context);
	const baseUrl = checkedBaseUrl(node, credentials.baseUrl);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	// n8n would load and decrypt the credential again for every request (a database read and a
	// decryption each: about a millisecond per page in n8n 2.x); it takes the one already decrypted.
	const reference = node.credentials?.[CREDENTIAL_TYPE];
	const decrypted = () => ({ id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data: { ...credentials } });
	return new ApiClient({
		node,
		itemIndex: options.itemIndex,
		signal: 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined,
		policy: options.policy ?? DEFAULT_RETRY_POLICY,
		pacer: pacerFor(pacerKey(baseUrl, apiKey)),
		baseUrl,
		apiKey,
		prepared: options.prepared ?? preparedAsRoutingNode(node, credentials),
		send: async (request) =>
			(await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
				credentialsDecrypted: decrypted(),
			})) as never,
	});
}
