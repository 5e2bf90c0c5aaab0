/**
 * The trigger's events: their parameters, and the list request each one polls. Paths come from the
 * action node's endpoint table; the account filters are the account.getAll ones.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeProperties,
	type INodePropertyRouting,
	type IPollFunctions,
} from 'n8n-workflow';

import { accountFields } from '../resources/account';
import { ENDPOINTS } from '../shared/endpoints';
import { optionsCollection, recordLocator } from '../shared/fields';
import { isoDate } from '../shared/parameters';
import type { ApiRequest } from '../transport/client';

export type EventName = 'newTerritoryCompany' | 'newAccount' | 'newContact';

const showFor = (event: EventName) => ({ show: { event: [event] } });

/** The Filters of account.getAll: the same fields, and the query parameter each one sends. */
const accountListFilters = accountFields.find(
	(field) => field.name === 'filters' && field.displayOptions?.show?.operation?.includes('getAll'),
);

type FilterOption = INodeProperties & { routing?: INodePropertyRouting };

/** Filter name → the query parameter it sends (read from the action node's routing), its type and label. */
export const ACCOUNT_FILTER_QUERY: Record<string, { parameter: string; type: string; label: string }> = Object.fromEntries(
	((accountListFilters?.options ?? []) as FilterOption[])
		.filter((option) => typeof option.routing?.send?.property === 'string')
		.map((option) => [
			option.name,
			{ parameter: option.routing?.send?.property as string, type: option.type, label: option.displayName },
		]),
);

export const eventProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New Account',
				value: 'newAccount',
				description: 'An account PG:AI started tracking, optionally only those matching filters',
			},
			{
				name: 'New Contact',
				value: 'newContact',
				description: 'A contact added to the workspace',
			},
			{
				name: 'New Territory Company',
				value: 'newTerritoryCompany',
				description: 'A company that joined a territory',
			},
		],
		default: 'newContact',
	},
	{
		...recordLocator({
			name: 'territoryId',
			noun: 'territory',
			searchListMethod: 'searchTerritories',
			displayOptions: showFor('newTerritoryCompany'),
		}),
		// n8n marks no node parameter as required (no asterisk on 1.123 or 2.40) and greys out Fetch
		// Test Event until it is set, giving the reason only on hover: say both here.
		hint: 'Required. Fetch Test Event is available once a territory is picked.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only new accounts that match all of these',
		displayOptions: showFor('newAccount'),
		// The fields of account.getAll, without their routing: this node sends its own requests.
		options: ((accountListFilters?.options ?? []) as FilterOption[]).map(
			(option) => Object.fromEntries(Object.entries(option).filter(([key]) => key !== 'routing')) as INodeProperties,
		),
	},
	// Max Retries and Max Wait, as on every operation of the action node.
	optionsCollection({}),
];

function request(endpoint: string): ApiRequest {
	const [method, url] = endpoint.split(' ') as ['GET', string];
	return { method, url };
}

/** The account filters as query parameters, with empty fields left out. */
export function accountQuery(context: IPollFunctions, filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		const target = ACCOUNT_FILTER_QUERY[name];
		if (!target || value === undefined || value === null || value === '') continue;
		qs[target.parameter] = target.type === 'dateTime' ? isoDate(context.getNode(), value, target.label) : value;
	}
	return qs;
}

/** JSON with sorted keys, so that the same filters always give the same scope. */
function canonical(value: IDataObject): string {
	return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** The territory companies endpoint with the chosen territory as one path segment. */
function territoryCompanies(context: IPollFunctions): ApiRequest {
	const raw = context.getNodeParameter('territoryId', '', { extractValue: true });
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (id === '' || id === '.' || id === '..') {
		throw new NodeOperationError(context.getNode(), id === '' ? 'Territory is empty' : `"${id}" is not a valid territory ID`, {
			description: 'Pick the territory from the list, or enter its ID.',
		});
	}
	return request(ENDPOINTS.territory.getCompanies.replace('{territoryId}', encodeURIComponent(id)));
}

export interface EventSource {
	/** The list request the event polls (without page parameters). */
	request: ApiRequest;
	/** Names the event and its parameters; a state of another scope is not reused. */
	scope: string;
}

/** The list to poll for the node's event and parameters. */
export function eventSource(context: IPollFunctions): EventSource {
	const event = context.getNodeParameter('event') as string;
	switch (event) {
		case 'newContact':
			return { request: request(ENDPOINTS.contact.getAll), scope: 'newContact' };
		case 'newAccount': {
			const qs = accountQuery(context, context.getNodeParameter('filters', {}) as IDataObject);
			return { request: { ...request(ENDPOINTS.account.getAll), qs }, scope: `newAccount ${canonical(qs)}` };
		}
		case 'newTerritoryCompany': {
			const companies = territoryCompanies(context);
			return { request: companies, scope: `newTerritoryCompany ${companies.url}` };
		}
		default:
			throw new NodeOperationError(context.getNode(), `Unknown event "${event}"`, {
				description: 'Choose one of the events in the Event field.',
			});
	}
}
