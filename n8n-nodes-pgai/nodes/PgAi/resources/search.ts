import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { listControls, operationsOf, optionsCollection, several, showFor } from '../shared/fields';
import { asIsoDate, asList, requireCompanyIds } from '../shared/presend';
import { route } from '../shared/routing';
import { paged } from '../shared/run';
import { simplifyOptions } from '../shared/simplify';

const show = (...operations: string[]) => showFor('search', operations);

export const searchOperations = operationsOf(
	'search',
	[
		{
			name: 'Query',
			value: 'query',
			answer: 'Answers with the best matching signals, each with company ID, company name, title, excerpt, source type, date and score (with Simplify on). A Limit of 10 suits a question.',
			action: 'Search signals semantically',
			description: 'Search relevance signals across your tracked companies by meaning, best match first',
			routing: route(paged, ENDPOINTS.search.query, requireCompanyIds),
		},
	],
	'query',
);

export const searchFields: INodeProperties[] = [
	{
		displayName: 'Search Scope',
		name: 'searchScope',
		type: 'options',
		options: [
			{ name: 'Whole Organisation', value: 'organisation', description: 'All companies the workspace tracks' },
			{ name: 'Chosen Companies', value: 'companies', description: 'Only the companies listed in Company IDs' },
		],
		default: 'organisation',
		description: 'Which companies to search',
		displayOptions: show('query'),
		routing: { send: { type: 'query', property: 'scope' } },
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. hiring a new head of sales',
		description: 'What to look for, in plain words',
		displayOptions: show('query'),
		routing: { send: { type: 'query', property: 'q' } },
	},
	{
		displayName: 'Company IDs',
		name: 'companyIds',
		type: 'string',
		default: '',
		required: true,
		description: several('The PG:AI company IDs to search'),
		displayOptions: { show: { resource: ['search'], operation: ['query'], searchScope: ['companies'] } },
		routing: { send: { type: 'query', property: 'company_ids', preSend: [asList('qs', 'company_ids', ',')] } },
	},
	...listControls(show('query')),
	...simplifyOptions('search'),
	optionsCollection(show('query'), [
		{
			displayName: 'Date From',
			name: 'dateFrom',
			type: 'dateTime',
			default: '',
			description: 'Only signals from this moment on',
			routing: { send: { type: 'query', property: 'date_from', preSend: [asIsoDate('qs', 'date_from', 'Date From')] } },
		},
		{
			displayName: 'Date To',
			name: 'dateTo',
			type: 'dateTime',
			default: '',
			description: 'Only signals up to this moment',
			routing: { send: { type: 'query', property: 'date_to', preSend: [asIsoDate('qs', 'date_to', 'Date To')] } },
		},
		{
			displayName: 'Results per Source',
			name: 'perSource',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1 },
			description: 'The most signals to take from any one source',
			routing: { send: { type: 'query', property: 'per_source' } },
		},
	]),
];
