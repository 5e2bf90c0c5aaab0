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
} as const;

export type Endpoint = `${'GET' | 'POST'} /${string}`;
