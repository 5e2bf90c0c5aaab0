import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { listControls, optionsCollection, recordLocator, several, showFor } from '../shared/fields';
import { asIsoDate, asList, requireCriteria } from '../shared/presend';
import { paged, single } from '../shared/routing';

const show = (...operations: string[]) => showFor('account', operations);

const tierOptions = [
	{ name: 'A', value: 'A' },
	{ name: 'B', value: 'B' },
	{ name: 'C', value: 'C' },
];

export const accountOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get an account',
			description: 'Retrieve one tracked account by ID',
			routing: single(ENDPOINTS.account.get),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many accounts',
			description: 'List tracked accounts, optionally filtered',
			routing: paged(ENDPOINTS.account.getAll),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search accounts',
			description: 'Find accounts by text and filters, best match first',
			routing: { ...paged(ENDPOINTS.account.search), send: { paginate: true, preSend: [requireCriteria] } },
		},
	],
	default: 'getAll',
};

export const accountFields: INodeProperties[] = [
	recordLocator({
		name: 'accountId',
		noun: 'account',
		searchListMethod: 'searchAccounts',
		displayOptions: show('get'),
	}),
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. fintech companies expanding in Europe',
		description: 'Text to match against account names, domains and descriptions',
		displayOptions: show('search'),
		routing: { send: { type: 'body', property: 'query' } },
	},
	...listControls(show('getAll', 'search')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('getAll'),
		options: [
			{
				displayName: 'Industry',
				name: 'industry',
				type: 'string',
				default: '',
				routing: { send: { type: 'query', property: 'industry' } },
			},
			{
				displayName: 'Minimum Score',
				name: 'minScore',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 100 },
				description: 'Only accounts scored at least this (0–100)',
				routing: { send: { type: 'query', property: 'min_score' } },
			},
			{
				displayName: 'Territory ID',
				name: 'territoryId',
				type: 'string',
				default: '',
				description: 'Only accounts in this territory',
				routing: { send: { type: 'query', property: 'territory_id' } },
			},
			{
				displayName: 'Tier',
				name: 'tier',
				type: 'options',
				default: 'A',
				options: tierOptions,
				routing: { send: { type: 'query', property: 'tier' } },
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only accounts changed after this moment',
				routing: {
					send: {
						type: 'query',
						property: 'updated_since',
						preSend: [asIsoDate('qs', 'updated_since', 'Updated Since')],
					},
				},
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('search'),
		options: [
			{
				displayName: 'Countries',
				name: 'countries',
				type: 'string',
				default: '',
				placeholder: 'e.g. DE, FR',
				description: several('Country codes'),
				routing: { send: { type: 'body', property: 'countries', preSend: [asList('body', 'countries')] } },
			},
			{
				displayName: 'Employee Count Max',
				name: 'employeeCountMax',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				routing: { send: { type: 'body', property: 'employee_count_max' } },
			},
			{
				displayName: 'Employee Count Min',
				name: 'employeeCountMin',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				routing: { send: { type: 'body', property: 'employee_count_min' } },
			},
			{
				displayName: 'Industries',
				name: 'industries',
				type: 'string',
				default: '',
				placeholder: 'e.g. Software, Fintech',
				description: several('Industries'),
				routing: { send: { type: 'body', property: 'industries', preSend: [asList('body', 'industries')] } },
			},
			{
				displayName: 'Minimum Score',
				name: 'minScore',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 100 },
				routing: { send: { type: 'body', property: 'min_score' } },
			},
			{
				displayName: 'Territory IDs',
				name: 'territoryIds',
				type: 'string',
				default: '',
				description: several('Territory IDs'),
				routing: { send: { type: 'body', property: 'territory_ids', preSend: [asList('body', 'territory_ids')] } },
			},
			{
				displayName: 'Tiers',
				name: 'tiers',
				type: 'string',
				default: '',
				placeholder: 'e.g. A, B',
				description: several('Account tiers (A, B, C)'),
				routing: { send: { type: 'body', property: 'tiers', preSend: [asList('body', 'tiers')] } },
			},
		],
	},
	optionsCollection(show('get', 'getAll', 'search')),
];
