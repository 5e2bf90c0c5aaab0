import { ENDPOINTS } from '../transport/api';
import { recordLocator, showFor } from '../shared/fields';
import type { ResourceSpec } from '../shared/resource';

export const territoryResource: ResourceSpec = {
	resource: 'territory',
	defaultOperation: 'getAll',
	operations: [
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the territory’s ID, name, status and company count (with Simplify on).',
			action: 'Get a territory',
			description: 'Retrieve one territory by ID',
			endpoint: ENDPOINTS.territory.get,
			delivery: 'one',
			records: 'territory',
		},
		{
			name: 'Get Companies',
			value: 'getCompanies',
			answer: 'Answers with the territory’s companies, each with company ID, name, domain, tier, score and status, as far as PG:AI has them (with Simplify on). A Limit of 20 suits a question.',
			action: 'Get companies in a territory',
			description: 'List the companies that belong to a territory',
			endpoint: ENDPOINTS.territory.getCompanies,
			delivery: 'list',
			records: 'territoryCompany',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with the territories, each with ID, name, status and company count (with Simplify on). A Limit of 20 suits a question.',
			action: 'Get many territories',
			description: 'List the workspace’s territories',
			endpoint: ENDPOINTS.territory.getAll,
			delivery: 'list',
			records: 'territory',
		},
	],
	fields: [
		recordLocator({
			name: 'territoryId',
			noun: 'territory',
			searchListMethod: 'searchTerritories',
			displayOptions: showFor('territory', ['get', 'getCompanies']),
		}),
	],
};
