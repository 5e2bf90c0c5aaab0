import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { getCompanies, getTerritories, searchAccounts, searchCompanies, searchContacts, searchTasks, searchTerritories, searchWorkflows } from './listSearch';
import { accountResource } from './resources/account';
import { asyncOperationResource } from './resources/asyncOperation';
import { companyResource } from './resources/company';
import { contactResource } from './resources/contact';
import { organizationResource } from './resources/organization';
import { searchResource } from './resources/search';
import { taskResource } from './resources/task';
import { territoryResource } from './resources/territory';
import { workflowResource } from './resources/workflow';
import { HINTS } from './shared/hints';
import { describeResources, operationSubtitle } from './shared/resource';
import { NEWEST_VERSION, VERSIONS } from './shared/versions';
import { REQUEST_DEFAULTS } from './transport/api';

/** The resources by the names a person reads; their values are the names saved workflows use. */
const RESOURCES = [
	{ name: 'Account', value: 'account' },
	// PG:AI's asynchronous operations: "Operation" would read as n8n's Operation selector
	{ name: 'Async Operation', value: 'operation' },
	{ name: 'Company', value: 'company' },
	{ name: 'Contact', value: 'contact' },
	{ name: 'Organization', value: 'organization' },
	// semantic search over signals, whose one operation is Search
	{ name: 'Signal', value: 'search' },
	{ name: 'Task', value: 'task' },
	{ name: 'Territory', value: 'territory' },
	// PG:AI's own research and enrichment workflows
	{ name: 'Workflow', value: 'workflow' },
];

const SPECS = [
	territoryResource,
	accountResource,
	contactResource,
	companyResource,
	searchResource,
	organizationResource,
	asyncOperationResource,
	taskResource,
	workflowResource,
];

export class PgAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PG:AI',
		name: 'pgAi',
		icon: { light: 'file:../../icons/pgAi.svg', dark: 'file:../../icons/pgAi.dark.svg' },
		group: ['transform'],
		version: VERSIONS,
		defaultVersion: NEWEST_VERSION,
		subtitle: operationSubtitle(RESOURCES, SPECS),
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
		hints: HINTS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES,
				default: 'contact',
			},
			...describeResources(SPECS),
		],
	};

	methods = {
		listSearch: { searchTerritories, searchAccounts, searchContacts, searchCompanies, searchTasks, searchWorkflows },
		loadOptions: { getTerritories, getCompanies },
	};
}
