import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchAccounts, searchCompanies, searchContacts, searchTasks, searchTerritories, searchWorkflows } from './listSearch';
import { accountResource } from './resources/account';
import { asyncOperationResource } from './resources/asyncOperation';
import { companyResource } from './resources/company';
import { contactResource } from './resources/contact';
import { organizationResource } from './resources/organization';
import { searchResource } from './resources/search';
import { taskResource } from './resources/task';
import { territoryResource } from './resources/territory';
import { workflowResource } from './resources/workflow';
import { describeResources } from './shared/resource';
import { REQUEST_DEFAULTS } from './transport/api';

export class PgAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PG:AI',
		name: 'pgAi',
		icon: { light: 'file:../../icons/pgAi.svg', dark: 'file:../../icons/pgAi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Territories, accounts, contacts, company intelligence, tasks and workflows from PG:AI (Pipeline Generation AI)',
		defaults: { name: 'PG:AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pgAiApi', required: true }],
		// No baseURL: the node's client (transport/client.ts) puts the credential's base URL in front of
		// each path. A baseURL here would be an expression n8n evaluates twice for every input item
		// before anything is sent, and n8n 2.x would add its host to a credential's Allowed Domains.
		requestDefaults: REQUEST_DEFAULTS,
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
					{ name: 'Task', value: 'task' },
					{ name: 'Territory', value: 'territory' },
					{ name: 'Workflow', value: 'workflow' },
				],
				default: 'contact',
			},
			...describeResources([
				territoryResource,
				accountResource,
				contactResource,
				companyResource,
				searchResource,
				organizationResource,
				asyncOperationResource,
				taskResource,
				workflowResource,
			]),
		],
	};

	methods = {
		listSearch: { searchTerritories, searchAccounts, searchContacts, searchCompanies, searchTasks, searchWorkflows },
	};
}
