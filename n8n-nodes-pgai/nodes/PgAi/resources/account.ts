import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import {
	collectionOf,
	listControls,
	listField,
	numberField,
	operationsOf,
	optionsCollection,
	recordLocator,
	showFor,
	textField,
} from '../shared/fields';
import { asIsoDate, requireCriteria } from '../shared/presend';
import { route } from '../shared/routing';
import { paged, single } from '../shared/run';
import { simplifyOptions } from '../shared/simplify';

const show = (...operations: string[]) => showFor('account', operations);

export const accountOperations = operationsOf(
	'account',
	[
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the account: its ID, company ID, name, domain, tier and score (with Simplify on).',
			action: 'Get an account',
			description: 'Retrieve one tracked account by ID',
			routing: route(single, ENDPOINTS.account.get),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with a list of accounts, each with its ID, company ID, name, domain, tier and score (with Simplify on). A Limit of 10–20 suits a question: ten accounts take about 1,800 characters.',
			action: 'Get many accounts',
			description: 'List tracked accounts, optionally filtered',
			routing: route(paged, ENDPOINTS.account.getAll),
		},
		{
			name: 'Search',
			value: 'search',
			answer: 'Answers with the matching accounts, best first, each with its ID, company ID, name, domain, tier and score (with Simplify on). A Limit of 10 suits a question: ten accounts take about 1,800 characters.',
			action: 'Search accounts',
			description: 'Find accounts by text and filters, best match first',
			routing: route(paged, ENDPOINTS.account.search, requireCriteria),
		},
	],
	'getAll',
);

export const accountFields: INodeProperties[] = [
	recordLocator({
		name: 'accountId',
		noun: 'account',
		searchListMethod: 'searchAccounts',
		displayOptions: show('get'),
	}),
	{
		...textField('Query', 'query', 'query', 'Text to match against account names, domains and descriptions'),
		placeholder: 'e.g. fintech companies expanding in Europe',
		displayOptions: show('search'),
	},
	...listControls(show('getAll', 'search')),
	collectionOf('Filters', 'filters', 'Only accounts that match all of these', show('getAll'), [
		textField('Industry', 'industry', 'industry', 'Only accounts in this industry', 'query'),
		numberField('Minimum Score', 'minScore', 'min_score', 'Only accounts scored at least this (0–100)', 'query', { minValue: 0, maxValue: 100 }),
		textField('Territory ID', 'territoryId', 'territory_id', 'Only accounts in this territory', 'query'),
		{
			displayName: 'Tier',
			name: 'tier',
			type: 'options',
			default: 'A',
			options: [
				{ name: 'A', value: 'A' },
				{ name: 'B', value: 'B' },
				{ name: 'C', value: 'C' },
			],
			description: 'Only accounts of this tier',
			routing: { send: { type: 'query', property: 'tier' } },
		},
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: 'Only accounts changed after this moment',
			routing: {
				send: { type: 'query', property: 'updated_since', preSend: [asIsoDate('qs', 'updated_since', 'Updated Since')] },
			},
		},
	]),
	collectionOf('Filters', 'filters', 'Only accounts that match all of these', show('search'), [
		listField('Countries', 'countries', 'countries', 'Country codes'),
		numberField('Employee Count Max', 'employeeCountMax', 'employee_count_max', 'Only companies with at most this many employees'),
		numberField('Employee Count Min', 'employeeCountMin', 'employee_count_min', 'Only companies with at least this many employees'),
		listField('Industries', 'industries', 'industries', 'Industries'),
		numberField('Minimum Score', 'minScore', 'min_score', 'Only accounts scored at least this (0–100)', 'body', { minValue: 0, maxValue: 100 }),
		listField('Territory IDs', 'territoryIds', 'territory_ids', 'Territory IDs'),
		listField('Tiers', 'tiers', 'tiers', 'Account tiers (A, B, C)'),
	]),
	...simplifyOptions('account'),
	optionsCollection(show('get', 'getAll', 'search')),
];
