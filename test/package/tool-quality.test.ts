/**
 * The node as an AI Agent tool and its public names, read from the built description (dist/), the
 * way n8n reads it. The checks live in ./tool-checks.ts; the last block proves each can fail.
 */
import { NodeHelpers, type ICredentialType, type INode, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import {
	descriptionGaps,
	echoedDescriptions,
	exemptionsUsed,
	interfaceProblems,
	listProblems,
	locatorsWithoutId,
	operationProblems,
	resourcesOf,
	unfillableRequired,
	type OperationSpec,
} from './tool-checks';

/* eslint-disable @typescript-eslint/no-require-imports */
const { PgAi } = require('../../n8n-nodes-pgai/dist/nodes/PgAi/PgAi.node.js') as { PgAi: new () => { description: INodeTypeDescription } };
const { PgAiApi } = require('../../n8n-nodes-pgai/dist/credentials/PgAiApi.credentials.js') as { PgAiApi: new () => ICredentialType };
const { PgAiTrigger } = require('../../n8n-nodes-pgai/dist/nodes/PgAi/PgAiTrigger.node.js') as {
	PgAiTrigger: new () => { description: INodeTypeDescription };
};

const description = new PgAi().description;

describe('PG:AI as an AI Agent tool', () => {
	it('is usable as a tool; every operation has a description and an action, no two the same action', () => {
		expect(description.usableAsTool).toBe(true);
		expect(operationProblems(description)).toEqual([]);
	});

	it('describes every parameter and every option of a collection (exempt: notices, hidden fields, the resource and operation selectors)', () => {
		expect(descriptionGaps(description)).toEqual([]);
	});

	it('uses the exemptions only for the resource and operation selectors, and no description repeats its display name', () => {
		expect(new Set(exemptionsUsed(description))).toEqual(new Set(['selector: resource', 'selector: operation']));
		expect(echoedDescriptions(description)).toEqual([]);
	});

	it('bounds every list operation: Limit shown when Return All is off, default between 1 and 100', () => {
		expect(listProblems(description)).toEqual([]);
	});

	it('requires no parameter an agent cannot fill, and takes every record ID as plain text', () => {
		expect(unfillableRequired(description)).toEqual([]);
		expect(locatorsWithoutId(description)).toEqual([]);
	});
});

/** Every resource → operation, as the Operation selectors offer them. */
const operations = description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) => (p.options ?? []).map((o) => [String(p.displayOptions?.show?.resource?.[0]), String((o as { value: string }).value)] as const));

/** The parameters n8n fills in for a node of `resource` → `operation` saved without any others (as version 1 unless given). */
function filled(resource: string, operation: string, asTool: boolean, typeVersion = 1) {
	// n8n runs a tool under a derived type whose description's name ends with `Tool`; `@tool` reads that
	const type = asTool ? { ...description, name: 'pgAiTool' } : description;
	const node: INode = { id: '1', name: 'PG:AI', type: asTool ? 'CUSTOM.pgAiTool' : 'CUSTOM.pgAi', typeVersion, position: [0, 0], parameters: {} };
	return NodeHelpers.getNodeParameters(type.properties, { resource, operation }, true, false, node, type) ?? {};
}

const RECORD_OPERATIONS = ['account.get', 'account.getAll', 'account.search', 'contact.get', 'contact.getAll', 'contact.search', 'company.get', 'company.searchContacts', 'company.getRelevance', 'territory.get', 'territory.getAll', 'territory.getCompanies', 'search.query', 'task.get', 'task.getAll'];
const LISTS = ['territory.getAll', 'territory.getCompanies', 'account.getAll', 'account.search', 'contact.getAll', 'contact.search', 'company.getContent', 'company.getRelevance', 'company.searchContacts', 'search.query', 'task.getAll', 'workflow.getAll'];

describe('what the model reads and gets', () => {
	it.each(operations.map(([resource, operation]) => [`${resource}.${operation}`, resource, operation] as const))(
		'%s: as a tool, its description says what the answer holds and, for a list, how big a Limit suits',
		(id, resource, operation) => {
			const tool = filled(resource, operation, true);
			expect(tool.toolDescription).toEqual(expect.stringMatching(/ in PG:AI: .+ Answers with .+ When PG:AI refuses, or the node refuses the input before sending it, the answer is/));
			if (LISTS.includes(id)) expect(tool.toolDescription).toMatch(/[Aa] Limit of \d+/);
			// the action node has no tool description
			expect(filled(resource, operation, false)).not.toHaveProperty('toolDescription');
		},
	);

	it('every operation that returns records has Simplify: off on a version-1 action node, so saved workflows keep whole records, on for a tool', () => {
		const withSimplify = operations.filter(([resource, operation]) => 'simplify' in filled(resource, operation, false)).map(([r, o]) => `${r}.${o}`);
		expect(withSimplify.sort()).toEqual([...RECORD_OPERATIONS].sort());
		for (const id of RECORD_OPERATIONS) {
			const [resource, operation] = id.split('.');
			expect([filled(resource, operation, false).simplify, filled(resource, operation, true).simplify]).toEqual([false, true]);
		}
	});

	it('from version 1.1 Simplify is on by default on the action node too, and the same operations have it', () => {
		const withSimplify = operations.filter(([resource, operation]) => 'simplify' in filled(resource, operation, false, 1.1)).map(([r, o]) => `${r}.${o}`);
		expect(withSimplify.sort()).toEqual([...RECORD_OPERATIONS].sort());
		for (const id of RECORD_OPERATIONS) {
			const [resource, operation] = id.split('.');
			expect([filled(resource, operation, false, 1.1).simplify, filled(resource, operation, true, 1.1).simplify]).toEqual([true, true]);
		}
	});
});

/** The resources, operations and parameters saved workflows refer to: fixed once published. */
const INTERFACE: Record<string, Record<string, OperationSpec>> = {
	territory: {
		get: { params: ['territoryId'] },
		getAll: { params: [], list: true },
		getCompanies: { params: ['territoryId'], list: true },
	},
	account: {
		get: { params: ['accountId'] },
		getAll: { params: ['filters{territoryId,tier,minScore,industry,updatedSince}'], list: true },
		search: {
			params: ['query', 'filters{territoryIds,tiers,industries,countries,minScore,employeeCountMin,employeeCountMax}'],
			list: true,
		},
	},
	contact: {
		get: { params: ['contactId'] },
		getAll: { params: [], list: true },
		create: { params: ['firstName', 'lastName', 'email', 'additionalFields{jobTitle,company,linkedinUrl,phone,location}'] },
		search: { params: ['filters{query,jobTitles,companyIds,countries,seniorities}'], list: true },
	},
};

/** The rest of the interface, checked for each resource the node has. */
const LATER_INTERFACE: Record<string, Record<string, OperationSpec>> = {
	company: {
		add: { params: ['companyName', 'domain', 'additionalFields{companyId,externalId,sourceSystem}', 'options{waitForCompletion}'] },
		get: { params: ['companyId'] },
		getRelevance: { params: ['companyId', 'options{query}'] },
		getContent: { params: ['companyId', 'options{types}'] },
		searchContacts: { params: ['companyId', 'options{live}'] },
		askAssistant: { params: ['companyId', 'message', 'options{conversationId}'] },
	},
	search: { query: { params: ['searchScope', 'query', 'companyIds', 'options{dateFrom,dateTo,perSource}'] } },
	organization: { getCredits: { params: [] } },
	operation: { get: { params: ['operationId', 'options{waitForCompletion}'] } },
	task: {
		get: { params: ['taskId'] },
		getAll: { params: ['filters{companyId,status}'], list: true },
		create: { params: ['title', 'additionalFields{description,companyId,assigneeId,dueDate,priority}'] },
	},
	workflow: {
		getAll: { params: [], list: true },
		trigger: { params: ['workflowId', 'additionalFields{companyId,contactId,parameters}', 'options{waitForCompletion}'] },
		getExecution: { params: ['executionId', 'options{waitForCompletion}'] },
	},
};

const problemsAgainst = (node: INodeTypeDescription, spec: Record<string, Record<string, OperationSpec>>) =>
	Object.entries(spec).flatMap(([resource, operations]) =>
		Object.entries(operations).flatMap(([operation, entry]) => interfaceProblems(node, resource, operation, entry)),
	);

describe('the public interface (node-interface.md)', () => {
	it('names the node, its version and its credential as saved workflows expect', () => {
		// version 1 stays, for the workflows saved with it; new nodes get 1.1
		expect(description).toMatchObject({ name: 'pgAi', displayName: 'PG:AI', version: [1, 1.1], defaultVersion: 1.1, usableAsTool: true });
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'pgAiApi', required: true })]);
	});

	it('has the credential pgAiApi with apiKey (password) and baseUrl', () => {
		const credential = new PgAiApi();
		expect(credential).toMatchObject({ name: 'pgAiApi', displayName: 'PG:AI API' });
		const field = (name: string) => credential.properties.find((p) => p.name === name);
		expect(field('apiKey')).toMatchObject({ type: 'string', typeOptions: { password: true } });
		expect(field('baseUrl')).toMatchObject({ type: 'string', default: 'https://api.pipelinegeneration.ai/v1' });
	});

	it('has the territory, account and contact operations and parameters with exactly those names', () => {
		expect(resourcesOf(description)).toEqual(expect.arrayContaining(Object.keys(INTERFACE)));
		expect(problemsAgainst(description, INTERFACE)).toEqual([]);
	});

	it('has the trigger pgAiTrigger with its events and their parameters', () => {
		const trigger = new PgAiTrigger().description;
		expect(trigger).toMatchObject({ name: 'pgAiTrigger', displayName: 'PG:AI Trigger', version: 1, polling: true });
		expect(trigger.credentials).toEqual([expect.objectContaining({ name: 'pgAiApi', required: true })]);
		const param = (name: string) => trigger.properties.find((p) => p.name === name) as INodeProperties;
		const values = (prop: INodeProperties) => ((prop?.options ?? []) as Array<{ value?: unknown; name: string }>).map((o) => o.value ?? o.name);
		expect(values(param('event'))).toEqual(expect.arrayContaining(['newTerritoryCompany', 'newAccount', 'newContact']));
		expect(param('territoryId')).toMatchObject({ type: 'resourceLocator', displayOptions: { show: { event: ['newTerritoryCompany'] } } });
		expect((param('territoryId').modes ?? []).map((mode) => mode.name)).toEqual(expect.arrayContaining(['list', 'id']));
		expect(param('filters')).toMatchObject({ type: 'collection', displayOptions: { show: { event: ['newAccount'] } } });
		expect(values(param('filters'))).toEqual(expect.arrayContaining(['territoryId', 'tier', 'minScore', 'industry', 'updatedSince']));
		expect(values(param('event'))).toContain('newTask');
		const taskFilters = trigger.properties.find((p) => p.name === 'filters' && p.displayOptions?.show?.event?.includes('newTask')) as INodeProperties;
		expect(taskFilters).toMatchObject({ type: 'collection', displayOptions: { show: { event: ['newTask'] } } });
		expect(values(taskFilters)).toEqual(expect.arrayContaining(['companyId', 'status']));
	});

	it('has the names of the interface for company, search, organization, operation, task and workflow where the node has them', () => {
		const present = Object.fromEntries(Object.entries(LATER_INTERFACE).filter(([resource]) => resourcesOf(description).includes(resource)));
		expect(problemsAgainst(description, present)).toEqual([]);
	});
});

describe('the tool checks fail on a bad description', () => {
	const show = (resource: string, operation: string[]) => ({ show: { resource: [resource], operation } });
	const param = (extra: Partial<INodeProperties> & Pick<INodeProperties, 'name' | 'type'>): INodeProperties => ({
		displayName: extra.name,
		default: '',
		...extra,
	});
	const bad = {
		displayName: 'Bad',
		name: 'bad',
		group: ['transform'],
		version: 1,
		description: 'A bad tool',
		defaults: { name: 'Bad' },
		inputs: [],
		outputs: [],
		properties: [
			param({ name: 'resource', type: 'options', noDataExpression: true, options: [{ name: 'Contact', value: 'contact' }] }),
			param({
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['contact'] } },
				options: [
					{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get one' },
					{ name: 'Get Many', value: 'getAll', action: 'get a contact' },
					{ name: 'Create', value: 'create', description: 'Create one' },
				],
			}),
			param({ name: 'contactId', type: 'string', description: 'The contact', displayOptions: show('contact', ['get']) }),
			param({ name: 'returnAll', type: 'boolean', default: true, description: 'Whether to return all', displayOptions: show('contact', ['getAll']) }),
			param({
				name: 'limit',
				type: 'number',
				default: 1000,
				description: 'Max number of results to return',
				displayOptions: show('contact', ['getAll']),
			}),
			param({ name: 'body', type: 'json', required: true, description: 'The request body', displayOptions: show('contact', ['create']) }),
			param({
				name: 'additionalFields',
				type: 'collection',
				required: true,
				default: {},
				displayOptions: show('contact', ['create']),
				options: [param({ name: 'phone', type: 'string', description: 'phone' })],
			}),
			param({ name: 'hint', type: 'notice', displayOptions: show('contact', ['create']) }),
			param({
				name: 'owner',
				type: 'resourceLocator',
				description: 'The owner',
				default: { mode: 'list', value: '' },
				displayOptions: show('contact', ['create']),
				modes: [{ displayName: 'From List', name: 'list', type: 'list' }],
			}),
		],
	} as unknown as INodeTypeDescription;

	it('names every problem', () => {
		expect(operationProblems(bad)).toEqual([
			'the node is not usableAsTool',
			'contact.getAll has no description',
			'contact.getAll has the same action as contact.get: "get a contact"',
			'contact.create has no action',
		]);
		expect(descriptionGaps(bad)).toEqual(['additionalFields[contact:create]']);
		expect(echoedDescriptions(bad)).toEqual(['additionalFields[contact:create].phone']);
		expect(exemptionsUsed(bad)).toEqual(['selector: resource', 'selector: operation', 'notice: hint']);
		expect(listProblems(bad)).toEqual([
			'contact.getAll: returnAll is not a boolean defaulting to false',
			'contact.getAll: limit is not shown exactly when returnAll is off',
			'contact.getAll: limit defaults to 1000, not 1–100',
			'contact.getAll: limit has no minValue 1',
		]);
		expect(unfillableRequired(bad)).toEqual(['body[contact:create] (json)', 'additionalFields[contact:create] (collection)']);
		expect(locatorsWithoutId(bad)).toEqual(['owner[contact:create]']);
		expect(
			problemsAgainst(bad, {
				contact: { get: { params: ['contactId'] }, getAll: { params: [], list: true }, search: { params: [] } },
			}),
		).toEqual([
			'contact.get.contactId is not a resource locator',
			'contact.getAll.returnAll is not a boolean defaulting to false',
			'contact.getAll.limit is not a number defaulting to 50',
			'contact.search does not exist',
		]);
	});
});
