import { createHash } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { REQUEST_DEFAULTS } from './api';
import { ApiClient, DEFAULT_RETRY_POLICY, type ApiRequest, type RetryPolicy } from './client';
import { CREDENTIAL_TYPE, checkedBaseUrl, credentialOf, type CredentialContext } from './credential';
import { allowedDomainsOf } from './domains';
import { pacerFor } from './pacer';
import { rerunOf } from './rerun';

/** One key at one host: its requests share a pacer and a try's memory (rerun.ts); the key itself is only kept as a hash. */
function accountKey(baseUrl: string, apiKey: string): string {
	return createHash('sha256').update(`${new URL(baseUrl).origin}\n${apiKey}`).digest('hex');
}

/** What n8n's RoutingNode prepared for an item, split once: the API's part and the transport's. */
export function split(prepared: IHttpRequestOptions): { query: Pick<ApiRequest, 'qs' | 'body'>; transport: Partial<IHttpRequestOptions> } {
	const transport: Partial<IHttpRequestOptions> = { ...prepared };
	// method and url are the operation's own (its endpoint); RoutingNode sets neither for this node
	for (const key of ['qs', 'body', 'method', 'url'] as const) delete transport[key];
	return { query: { qs: prepared.qs, body: prepared.body }, transport };
}

interface Connection {
	/** Read after the credential: an item's parameters are then read in its turn (see credentialOf). */
	policy?: () => RetryPolicy;
	itemIndex?: number;
	/**
	 * Everything n8n prepared for the item's request but its method, path, query and body (headers,
	 * timeout, proxy, TLS, allowedDomains, whatever n8n adds later). Where n8n prepares nothing (list
	 * searches, polls), the client gets what RoutingNode would: the node's defaults and the
	 * credential's domain restriction.
	 */
	transport?: Partial<IHttpRequestOptions>;
}

/** The one way from an n8n context to PG:AI: the item's credential, read once, and a client on it. */
export async function connect(context: CredentialContext, { policy, itemIndex, transport }: Connection = {}): Promise<ApiClient> {
	const node = context.getNode();
	const credentials = await credentialOf(context);
	const baseUrl = checkedBaseUrl(node, credentials.baseUrl);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const account = accountKey(baseUrl, apiKey);
	const allowedDomains = transport ? undefined : allowedDomainsOf(node, credentials);
	// n8n would load and decrypt the credential again for every request (a database read and a
	// decryption each: about a millisecond per page in n8n 2.x); it takes the one already decrypted.
	const reference = node.credentials?.[CREDENTIAL_TYPE];
	const decrypted = () => ({ id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data: { ...credentials } });
	return new ApiClient({
		node,
		itemIndex,
		signal: 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined,
		policy: policy ? policy() : DEFAULT_RETRY_POLICY,
		pacer: pacerFor(account),
		baseUrl,
		apiKey,
		transport: transport ?? (allowedDomains === undefined ? { ...REQUEST_DEFAULTS } : { ...REQUEST_DEFAULTS, allowedDomains }),
		send: async (request) =>
			(await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
				credentialsDecrypted: decrypted(),
			})) as never,
		rerun: rerunOf(context, itemIndex, account),
	});
}
