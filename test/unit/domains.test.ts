/**
 * The credential's Allowed HTTP Request Domains as the node applies them where n8n's RoutingNode
 * does not prepare the request, against n8n-workflow 2.x's own rule as RoutingNode calls it for
 * this node; and the client keeping every option it was given.
 */
import { getCredentialAllowedDomains, type ICredentialDataDecryptedObject, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { ApiClient } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { split } from '../../n8n-nodes-pgai/nodes/PgAi/transport/connect';
import { allowedDomainsOf, assertAllowed } from '../../n8n-nodes-pgai/nodes/PgAi/transport/domains';
import { Pacer } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';

const node: INode = { id: '1', name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {} };

/** What RoutingNode computes: the node has no baseURL, so it calls the surface the node's own and names no endpoint. */
const asRoutingNode = (credentialData: ICredentialDataDecryptedObject) =>
	getCredentialAllowedDomains({ node, credentialData, credentialOwnedSurface: true, nodeEndpointUrl: undefined });

const outcome = (compute: () => string | undefined) => {
	try {
		return { allowed: compute() };
	} catch (error) {
		return { error: (error as Error).message };
	}
};

describe('the allowed domains of a credential', () => {
	it.each<[string, ICredentialDataDecryptedObject]>([
		['no setting (n8n before it)', {}],
		['All', { allowedHttpRequestDomains: 'all', allowedDomains: 'api.example.com' }],
		['None', { allowedHttpRequestDomains: 'none' }],
		['Specific Domains', { allowedHttpRequestDomains: 'domains', allowedDomains: ' api.example.com, *.example.org ' }],
		['Specific Domains, none given', { allowedHttpRequestDomains: 'domains', allowedDomains: '' }],
		['Specific Domains, blank', { allowedHttpRequestDomains: 'domains', allowedDomains: '   ' }],
		['Specific Domains, no field', { allowedHttpRequestDomains: 'domains' }],
	])('%s: as n8n-workflow 2.x decides for RoutingNode', (_, credentials) => {
		expect(outcome(() => allowedDomainsOf(node, credentials))).toEqual(outcome(() => asRoutingNode(credentials)));
	});
});

describe('a request to a host the credential may not reach', () => {
	it('is refused in n8n’s words, naming the host only', () => {
		expect(() => assertAllowed(node, 'https://api.pipelinegeneration.ai/v1/contacts?page=2', 'api.example.com, *.example.org', 3)).toThrow(
			'Domain not allowed: This credential is restricted from accessing api.pipelinegeneration.ai. Only the following domains are allowed: api.example.com, *.example.org',
		);
	});

	it('passes for an allowed host, a wildcard’s subdomain, and without a restriction', () => {
		expect(() => assertAllowed(node, 'https://api.example.com/v1/contacts', 'api.example.com')).not.toThrow();
		expect(() => assertAllowed(node, 'https://eu.example.org/v1', '*.example.org')).not.toThrow();
		expect(() => assertAllowed(node, 'https://example.org/v1', '*.example.org')).toThrow(/^Domain not allowed/);
		expect(() => assertAllowed(node, 'https://anywhere.invalid/v1', undefined)).not.toThrow();
	});
});

describe('n8n 1.x’s matching, which takes the URL apart from the list', () => {
	it('gives the same decisions', () => {
		let v1: typeof import('../../n8n-nodes-pgai/nodes/PgAi/transport/domains') | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			jest.doMock('n8n-workflow', () => require('n8n-workflow-v1'));
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			v1 = require('../../n8n-nodes-pgai/nodes/PgAi/transport/domains');
		});
		jest.dontMock('n8n-workflow');
		expect(() => v1!.assertAllowed(node, 'https://api.example.com/v1', 'api.example.com')).not.toThrow();
		expect(() => v1!.assertAllowed(node, 'https://eu.example.org/v1', '*.example.org')).not.toThrow();
		expect(() => v1!.assertAllowed(node, 'https://127.0.0.1:4010/v1', 'api.example.com')).toThrow(
			'Domain not allowed: This credential is restricted from accessing 127.0.0.1:4010. Only the following domains are allowed: api.example.com',
		);
	});
});

describe('the client', () => {
	it('keeps every option it was prepared with and takes method, path, query and body from each request', async () => {
		const sent: IHttpRequestOptions[] = [];
		const prepared = { method: 'POST', url: '/contacts/search', qs: { x: 1 }, body: { query: 'q' }, timeout: 7, allowedDomains: 'api.example.com', someLaterOption: true } as never;
		const client = new ApiClient({
			node,
			policy: { maxRetries: 0, maxWaitMs: 0 },
			pacer: new Pacer(),
			baseUrl: 'https://api.example.com/v1',
			apiKey: 'k',
			transport: split(prepared).transport,
			send: async (options) => {
				sent.push(options);
				return { statusCode: 200, headers: {}, body: { ok: true } };
			},
		});
		await client.request({ method: 'POST', url: '/contacts/search', qs: { page: 2 }, body: { query: 'q' } });
		await client.request({ method: 'GET', url: '/operations/op_1' });
		expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://api.example.com/v1/contacts/search', qs: { page: 2 }, body: { query: 'q' }, timeout: 7, someLaterOption: true });
		expect(sent[1]).toMatchObject({ method: 'GET', url: 'https://api.example.com/v1/operations/op_1', qs: undefined, body: undefined, timeout: 7, allowedDomains: 'api.example.com' });
	});
});
