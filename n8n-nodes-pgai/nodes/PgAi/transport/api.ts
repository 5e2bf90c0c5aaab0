import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * Every path the node calls, in one table, so that a maintainer can correct one in one place.
 * `{name}` is filled with the record ID of that name, encoded as one path segment.
 */
export const ENDPOINTS = {
	territory: {
		get: 'GET /territories/{territoryId}',
		getAll: 'GET /territories',
		getCompanies: 'GET /territories/{territoryId}/companies',
	},
	account: {
		get: 'GET /accounts/{accountId}',
		getAll: 'GET /accounts',
		search: 'POST /accounts/search',
	},
	contact: {
		get: 'GET /contacts/{contactId}',
		getAll: 'GET /contacts',
		create: 'POST /contacts',
		search: 'POST /contacts/search',
	},
	company: {
		add: 'POST /companies',
		get: 'GET /companies/{companyId}',
		getRelevance: 'GET /companies/{companyId}/relevance',
		getContent: 'GET /companies/{companyId}/content',
		searchContacts: 'POST /companies/{companyId}/contacts/search',
		askAssistant: 'POST /companies/{companyId}/assistant/chat',
	},
	search: {
		query: 'GET /search',
	},
	organization: {
		getCredits: 'GET /organization/credits',
	},
	operation: {
		get: 'GET /operations/{operationId}',
	},
	task: {
		get: 'GET /tasks/{taskId}',
		getAll: 'GET /tasks',
		create: 'POST /tasks',
	},
	workflow: {
		getAll: 'GET /workflows',
		trigger: 'POST /workflows/trigger',
		getExecution: 'GET /workflows/executions/{executionId}',
	},
} as const;

export type Endpoint = `${'GET' | 'POST'} /${string}`;

/** How every request to the API is sent: the node's requestDefaults, and the same where n8n prepares none. */
export const REQUEST_DEFAULTS = {
	headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	// Multi-value parameters go as ?type=a&type=b, the form the API documents.
	arrayFormat: 'repeat',
	json: true,
} satisfies Partial<IHttpRequestOptions>;

/** The method and path of `endpoint`, each `{name}` filled with `id(name)` as one path segment. */
export function requestTo(endpoint: Endpoint, id?: (name: string) => string): { method: 'GET' | 'POST'; url: string } {
	const [method, path] = endpoint.split(' ') as ['GET' | 'POST', string];
	return { method, url: id ? path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(id(name))) : path };
}
