import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { requireCompanyIds } from '../shared/checks';
import { several, showFor } from '../shared/fields';
import { asIsoDate, asList } from '../shared/presend';
import type { ResourceSpec } from '../shared/resource';

const show = (...operations: string[]) => showFor('search', operations);

const SEARCH_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Date From',
		name: 'dateFrom',
		type: 'dateTime',
		default: '',
		description: 'Only signals from this moment on',
		routing: { send: { type: 'query', property: 'date_from', preSend: [asIsoDate('query', 'date_from', 'Date From')] } },
	},
	{
		displayName: 'Date To',
		name: 'dateTo',
		type: 'dateTime',
		default: '',
		description: 'Only signals up to this moment',
		routing: { send: { type: 'query', property: 'date_to', preSend: [asIsoDate('query', 'date_to', 'Date To')] } },
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
];

export const searchResource: ResourceSpec = {
	resource: 'search',
	defaultOperation: 'query',
	operations: [
		{
			name: 'Query',
			value: 'query',
			answer: 'Answers with the best matching signals, each with company ID, company name, title, excerpt, source type, date and score (with Simplify on). A Limit of 10 suits a question.',
			action: 'Search signals semantically',
			description: 'Search relevance signals across your tracked companies by meaning, best match first',
			endpoint: ENDPOINTS.search.query,
			delivery: 'list',
			records: 'signal',
			checks: [requireCompanyIds],
			options: SEARCH_OPTIONS,
		},
	],
	fields: [
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
			routing: { send: { type: 'query', property: 'company_ids', preSend: [asList('query', 'company_ids', ',')] } },
		},
	],
};
