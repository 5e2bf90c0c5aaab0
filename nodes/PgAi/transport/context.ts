import { createHash } from 'crypto';
import {
	NodeOperationError,
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

/** An API client for any n8n context that holds the PG:AI credential. */
export async function clientFor(context: Context, options: ClientOptions = {}): Promise<ApiClient> {
	const node = context.getNode();
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
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
