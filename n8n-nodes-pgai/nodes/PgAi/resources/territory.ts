import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { listControls, operationsOf, optionsCollection, recordLocator, showFor } from '../shared/fields';
import { route } from '../shared/routing';
import { paged, single } from '../shared/run';
import { simplifyOptions } from '../shared/simplify';

const show = (...operations: string[]) => showFor('territory', operations);

export const territoryOperations = operationsOf(
	'territory',
	[
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the territory’s ID, name, status and company count (with Simplify on).',
			action: 'Get a territory',
			description: 'Retrieve one territory by ID',
			routing: route(single, ENDPOINTS.territory.get),
		},
		{
			name: 'Get Companies',
			value: 'getCompanies',
			answer: 'Answers with the territory’s companies, each with company ID, name, domain, tier, score and status, as far as PG:AI has them (with Simplify on). A Limit of 20 suits a question.',
			action: 'Get companies in a territory',
			description: 'List the companies that belong to a territory',
			routing: route(paged, ENDPOINTS.territory.getCompanies),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with the territories, each with ID, name, status and company count (with Simplify on). A Limit of 20 suits a question.',
			action: 'Get many territories',
			description: 'List the workspace’s territories',
			routing: route(paged, ENDPOINTS.territory.getAll),
		},
	],
	'getAll',
);

export const territoryFields: INodeProperties[] = [
	recordLocator({
		name: 'territoryId',
		noun: 'territory',
		searchListMethod: 'searchTerritories',
		displayOptions: show('get', 'getCompanies'),
	}),
	...listControls(show('getAll', 'getCompanies')),
	...simplifyOptions('territory'),
	optionsCollection(show('get', 'getAll', 'getCompanies')),
];
