import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { requireCriteria } from '../shared/checks';
import { collectionOf, listField, numberField, recordLocator, showFor, textField } from '../shared/fields';
import { isoDate, type ParameterReader } from '../shared/parameters';
import type { ResourceSpec } from '../shared/resource';

const show = (...operations: string[]) => showFor('account', operations);

/**
 * The filters of Account → Get Many, which the trigger's New Account offers too: each field and the
 * query parameter it sends. Both nodes send them with accountListQuery.
 */
const LIST_FILTERS: Array<[INodeProperties, string]> = [
	[{ displayName: 'Industry', name: 'industry', type: 'string', default: '', description: 'Only accounts in this industry' }, 'industry'],
	[
		{
			displayName: 'Minimum Score',
			name: 'minScore',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 100 },
			description: 'Only accounts scored at least this (0–100)',
		},
		'min_score',
	],
	[{ displayName: 'Territory ID', name: 'territoryId', type: 'string', default: '', description: 'Only accounts in this territory' }, 'territory_id'],
	[
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
		},
		'tier',
	],
	[
		{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '', description: 'Only accounts changed after this moment' },
		'updated_since',
	],
];

export const accountListFilters: INodeProperties[] = LIST_FILTERS.map(([field]) => field);

/** The Filters parameter of Account → Get Many (or New Account) as query parameters, empty fields left out. */
export function accountListQuery(context: ParameterReader, itemIndex?: number): IDataObject {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [field, parameter] of LIST_FILTERS) {
		const value = filters[field.name];
		if (value === undefined || value === null || value === '') continue;
		qs[parameter] = field.type === 'dateTime' ? isoDate(context.getNode(), value, field.displayName, itemIndex) : value;
	}
	return qs;
}

/** Sends the account list filters. */
async function sendListFilters(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	options.qs = { ...options.qs, ...accountListQuery(this, this.getItemIndex()) };
	return options;
}

export const accountResource: ResourceSpec = {
	resource: 'account',
	defaultOperation: 'getAll',
	operations: [
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the account: its ID, company ID, name, domain, tier and score (with Simplify on).',
			action: 'Get an account',
			description: 'Retrieve one tracked account by ID',
			endpoint: ENDPOINTS.account.get,
			delivery: 'one',
			records: 'account',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with a list of accounts, each with its ID, company ID, name, domain, tier and score (with Simplify on). A Limit of 10–20 suits a question: ten accounts take about 1,800 characters.',
			action: 'Get many accounts',
			description: 'List tracked accounts, optionally filtered',
			endpoint: ENDPOINTS.account.getAll,
			delivery: 'list',
			records: 'account',
		},
		{
			name: 'Search',
			value: 'search',
			answer: 'Answers with the matching accounts, best first, each with its ID, company ID, name, domain, tier and score (with Simplify on). A Limit of 10 suits a question: ten accounts take about 1,800 characters.',
			action: 'Search accounts',
			description: 'Find accounts by text and filters, best match first',
			endpoint: ENDPOINTS.account.search,
			delivery: 'list',
			records: 'account',
			checks: [requireCriteria],
		},
	],
	fields: [
		recordLocator({ name: 'accountId', noun: 'account', searchListMethod: 'searchAccounts', displayOptions: show('get') }),
		{
			...textField('Query', 'query', 'query', 'Text to match against account names, domains and descriptions'),
			placeholder: 'e.g. fintech companies expanding in Europe',
			displayOptions: show('search'),
		},
	],
	filters: [
		{
			...collectionOf('Filters', 'filters', 'Only accounts that match all of these', show('getAll'), accountListFilters),
			// sent by a preSend, as the trigger's New Account sends the same filters (accountListQuery)
			routing: { send: { preSend: [sendListFilters] } },
		},
		collectionOf('Filters', 'filters', 'Only accounts that match all of these', show('search'), [
			listField('Countries', 'countries', 'countries', 'Country codes'),
			numberField('Employee Count Max', 'employeeCountMax', 'employee_count_max', 'Only companies with at most this many employees'),
			numberField('Employee Count Min', 'employeeCountMin', 'employee_count_min', 'Only companies with at least this many employees'),
			listField('Industries', 'industries', 'industries', 'Industries'),
			numberField('Minimum Score', 'minScore', 'min_score', 'Only accounts scored at least this (0–100)', 'body', { minValue: 0, maxValue: 100 }),
			listField('Territory IDs', 'territoryIds', 'territory_ids', 'Territory IDs'),
			listField('Tiers', 'tiers', 'tiers', 'Account tiers (A, B, C)'),
		]),
	],
};
