import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchAccounts, searchCompanies, searchContacts, searchTerritories } from './listSearch';
import { accountFields, accountOperations } from './resources/account';
import { companyFields, companyOperations } from './resources/company';
import { contactFields, contactOperations } from './resources/contact';
import { operationFields, operationOperations } from './resources/operation';
import { organizationFields, organizationOperations } from './resources/organization';
import { searchFields, searchOperations } from './resources/search';
import { territoryFields, territoryOperations } from './resources/territory';

export class PgAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PG:AI',
		name: 'pgAi',
		icon: { light: 'file:../../icons/pgAi.svg', dark: 'file:../../icons/pgAi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Territories, accounts, contacts and company intelligence from PG:AI (Pipeline Generation AI)',
		defaults: { name: 'PG:AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pgAiApi', required: true }],
		// No baseURL: every request is sent by the node's own client (nodes/PgAi/transport), which takes
		// the base URL from the credential. An expression here would be evaluated twice for every input
		// item before n8n sends anything (about 1 ms each in n8n 2.x), for nothing.
		requestDefaults: {
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
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Operation', value: 'operation' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Search', value: 'search' },
					{ name: 'Territory', value: 'territory' },
				],
				default: 'contact',
			},
			territoryOperations,
			accountOperations,
			contactOperations,
			companyOperations,
			searchOperations,
			organizationOperations,
			operationOperations,
			...territoryFields,
			...accountFields,
			...contactFields,
			...companyFields,
			...searchFields,
			...organizationFields,
			...operationFields,
		],
	};

	methods = {
		listSearch: { searchTerritories, searchAccounts, searchContacts, searchCompanies },
	};
}
