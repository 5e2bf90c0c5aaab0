/**
 * The credential's *Allowed HTTP Request Domains* (n8n 1.123 and 2.x add them to every credential
 * that authenticates), applied to every request of the node as n8n's RoutingNode applies them to
 * the requests it prepares.
 */
import * as workflow from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { domainNotAllowed, noAllowedDomains } from './errors';

/**
 * The domains the credential may be sent to, or undefined for any. Only "Specific Domains"
 * restricts the node: n8n applies "None" to its HTTP Request node alone, and, the node having no
 * base URL n8n could call its own, never widens the list. This is what RoutingNode computes with
 * n8n-workflow's getCredentialAllowedDomains, which n8n 1.123 lacks or calls with other arguments.
 */
export function allowedDomainsOf(node: INode, credentials: ICredentialDataDecryptedObject): string | undefined {
	if (credentials.allowedHttpRequestDomains !== 'domains') return undefined;
	const list = typeof credentials.allowedDomains === 'string' ? credentials.allowedDomains.trim() : '';
	if (list === '') throw noAllowedDomains(node);
	return list;
}

type MatchV1 = (url: string, options: { allowedDomains: string }) => boolean;
type MatchV2 = (options: { url: string; allowedDomains: string }) => boolean;

/** n8n's own matching (wildcards included); n8n 1.x takes the URL as its first argument, 2.x in one object. */
function isAllowed(url: string, allowedDomains: string): boolean {
	const match = workflow.isDomainAllowed as unknown as MatchV1 | MatchV2;
	return match.length >= 2 ? (match as MatchV1)(url, { allowedDomains }) : (match as MatchV2)({ url, allowedDomains });
}

/**
 * Refuses a request to a host the credential is not allowed to reach, in n8n's words and before
 * anything is sent. n8n's HTTP helper refuses it too, but its error reaches the node without a
 * network code on n8n 1.x, where it could not be told from a network failure worth a retry.
 */
export function assertAllowed(node: INode, url: string, allowedDomains: string | undefined, itemIndex?: number): void {
	if (allowedDomains === undefined || isAllowed(url, allowedDomains)) return;
	throw domainNotAllowed(node, { host: new URL(url).host, allowedDomains }, itemIndex);
}
