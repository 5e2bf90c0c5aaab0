import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchAccounts, searchContacts, searchTerritories } from './listSearch';
import { accountFields, accountOperations } from './resources/account';
import { contactFields, contactOperations } from './resources/contact';
import { territoryFields, territoryOperations } from './resources/territory';

export class PgAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PG:AI',
		name: 'pgAi',
		icon: { light: 'file:pgAi.svg', dark: 'file:pgAi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read territories, accounts and contacts from PG:AI (Pipeline Generation AI)',
		defaults: { name: 'PG:AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pgAiApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Territory', value: 'territory' },
				],
				default: 'contact',
			},
			territoryOperations,
			accountOperations,
			contactOperations,
			...territoryFields,
			...accountFields,
			...contactFields,
		],
	};

	methods = {
		listSearch: { searchTerritories, searchAccounts, searchContacts },
	};
}
