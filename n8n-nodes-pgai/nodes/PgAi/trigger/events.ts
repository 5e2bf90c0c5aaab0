/**
 * The trigger's events: their parameters, and the list request each one polls. Paths come from the
 * API's table (transport/api.ts); the account and task filters and their query are account.getAll's
 * and task.getAll's own.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';

import { accountListFilters, accountListQuery } from '../resources/account';
import { taskListFilters, taskListQuery } from '../resources/task';
import { optionsCollection, recordLocator } from '../shared/fields';
import { recordId } from '../shared/parameters';
import { ENDPOINTS, requestTo } from '../transport/api';
import type { ApiRequest } from '../transport/client';
import { refusedInput } from '../transport/errors';

type EventName = 'newTerritoryCompany' | 'newAccount' | 'newContact' | 'newTask';

const forEvent = (event: EventName) => ({ show: { event: [event] } });

export const eventProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
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
				name: 'New Task',
				value: 'newTask',
				description: 'A task created in the workspace, optionally only those about a company or in a status',
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
			displayOptions: forEvent('newTerritoryCompany'),
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
		displayOptions: forEvent('newAccount'),
		options: accountListFilters,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only new tasks that match all of these',
		displayOptions: forEvent('newTask'),
		options: taskListFilters,
	},
	// Max Retries and Max Wait, as on every operation of the action node.
	optionsCollection({}),
];

/** The trigger's subtitle: the chosen event as the user picked it ("New Account"), not its internal name. */
export const eventSubtitle = `={{ (${JSON.stringify(
	Object.fromEntries((eventProperties[0].options as INodePropertyOptions[]).map(({ name, value }) => [value, name])),
)})[$parameter["event"]] || "" }}`;

/** JSON with sorted keys, so that the same filters always give the same scope. */
function canonical(value: IDataObject): string {
	return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
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
			return { request: requestTo(ENDPOINTS.contact.getAll), scope: 'newContact' };
		case 'newAccount': {
			const qs = accountListQuery(context);
			return { request: { ...requestTo(ENDPOINTS.account.getAll), qs }, scope: `newAccount ${canonical(qs)}` };
		}
		case 'newTask': {
			const qs = taskListQuery(context);
			return { request: { ...requestTo(ENDPOINTS.task.getAll), qs }, scope: `newTask ${canonical(qs)}` };
		}
		case 'newTerritoryCompany': {
			const companies = requestTo(ENDPOINTS.territory.getCompanies, (name) => recordId(context, name));
			return { request: companies, scope: `newTerritoryCompany ${companies.url}` };
		}
		default:
			throw refusedInput(context.getNode(), { kind: 'unknownEvent', value: event });
	}
}
