/**
 * Every path the node calls, in one table, so that a maintainer can correct one in one place.
 * `{name}` is filled with the node parameter of that name, encoded as one path segment.
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
} as const;

export type Endpoint = `${'GET' | 'POST'} /${string}`;
