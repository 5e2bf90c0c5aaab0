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

import { ApiClient, DEFAULT_RETRY_POLICY, type RetryPolicy } from './client';
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
	defaults?: Partial<IHttpRequestOptions>;
}

/** The last credential read of each node run (keyed by n8n's execute data, one per node run). */
const lastRead = new WeakMap<object, Promise<unknown>>();

/**
 * Reads the credential, one item after another within a node run. n8n starts the hooks of all
 * input items in one loop that does not yield, and each credential read is a database query that
 * n8n builds synchronously: 500 items built 500 queries before the first request could leave, and
 * their answers (each followed by decryption and the item's expressions) then raced the first
 * request. In turn, the first item's request goes at once, the next items follow it, and the
 * later ones are prepared while the earlier ones wait for the rate limit.
 */
async function readInTurn(context: Context): Promise<ICredentialDataDecryptedObject> {
	const run = 'getExecuteData' in context ? (context.getExecuteData() as object | undefined) : undefined;
	const read = async () => await context.getCredentials(CREDENTIAL_TYPE);
	if (!run) return await read();
	const previous = lastRead.get(run) ?? Promise.resolve();
	// the next item waits for this read whether it succeeds or not
	const current = previous.then(read, read);
	lastRead.set(run, current.catch(() => undefined));
	return await current;
}

/** An API client for any n8n context that holds the PG:AI credential. */
export async function clientFor(context: Context, options: ClientOptions = {}): Promise<ApiClient> {
	const node = context.getNode();
	const credentials = await readInTurn(context);
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
		defaults: options.defaults,
		send: async (request) =>
			(await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
				credentialsDecrypted: decrypted(),
			})) as never,
	});
}
