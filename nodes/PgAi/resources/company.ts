import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { completionOptions, listControls, optionsCollection, recordLocator, several, showFor } from '../shared/fields';
import { asList, requireCompanyIdentity } from '../shared/presend';
import { awaited, paged, pagedOrLive, single } from '../shared/routing';

const show = (...operations: string[]) => showFor('company', operations);

const CONTENT_TYPES = [
	{ name: 'Call Script', value: 'call_script' },
	{ name: 'Document', value: 'document' },
	{ name: 'Email', value: 'email' },
	{ name: 'Notes', value: 'notes' },
	{ name: 'Three Whys', value: 'three_whys' },
	{ name: 'Value Pyramid', value: 'value_pyramid' },
];

export const companyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['company'] } },
	options: [
		{
			name: 'Add',
			value: 'add',
			action: 'Add a company',
			description: 'Start tracking a company; PG:AI researches it asynchronously (costs one company credit)',
			routing: { ...awaited(ENDPOINTS.company.add), send: { paginate: true, preSend: [requireCompanyIdentity] } },
		},
		{
			name: 'Ask Assistant',
			value: 'askAssistant',
			action: 'Ask the assistant about a company',
			description: 'Ask PG:AI’s assistant a question about a company (can take up to two minutes)',
			routing: single(ENDPOINTS.company.askAssistant),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a company',
			description: 'Retrieve a company’s profile',
			routing: single(ENDPOINTS.company.get),
		},
		{
			name: 'Get Content',
			value: 'getContent',
			action: 'Get content for a company',
			description: 'List generated content for a company: emails, notes, call scripts and more',
			routing: paged(ENDPOINTS.company.getContent),
		},
		{
			name: 'Get Relevance',
			value: 'getRelevance',
			action: 'Get relevance signals for a company',
			description: 'List the signals that make a company relevant now, best first',
			routing: paged(ENDPOINTS.company.getRelevance),
		},
		{
			name: 'Search Contacts',
			value: 'searchContacts',
			action: 'Search contacts at a company',
			description: 'Find people at a company, from PG:AI’s cache or with a live search',
			routing: pagedOrLive(ENDPOINTS.company.searchContacts),
		},
	],
	default: 'get',
};

export const companyFields: INodeProperties[] = [
	recordLocator({
		name: 'companyId',
		noun: 'company',
		searchListMethod: 'searchCompanies',
		displayOptions: show('get', 'getRelevance', 'getContent', 'searchContacts', 'askAssistant'),
	}),
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Corporation',
		description: 'Name of the company to add. Give a name, a domain or a PG:AI company ID.',
		displayOptions: show('add'),
		routing: { send: { type: 'body', property: 'company_name' } },
	},
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		default: '',
		placeholder: 'e.g. acme.com',
		description: 'The company’s website domain',
		displayOptions: show('add'),
		routing: { send: { type: 'body', property: 'domain' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('add'),
		options: [
			{
				displayName: 'Company ID',
				name: 'companyId',
				type: 'string',
				default: '',
				description: 'A PG:AI company ID, to track a company PG:AI already knows',
				routing: { send: { type: 'body', property: 'id' } },
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'The company’s ID in your own system (needs Source System)',
				routing: { send: { type: 'body', property: 'external_id' } },
			},
			{
				displayName: 'Source System',
				name: 'sourceSystem',
				type: 'string',
				default: '',
				placeholder: 'e.g. salesforce',
				description: 'The system the External ID comes from',
				routing: { send: { type: 'body', property: 'source_system' } },
			},
		],
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. What are this company’s top priorities this quarter?',
		description: 'The question for the assistant',
		displayOptions: show('askAssistant'),
		routing: { send: { type: 'body', property: 'message' } },
	},
	...listControls(show('getRelevance', 'getContent', 'searchContacts')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('searchContacts'),
		options: [
			{
				displayName: 'Countries',
				name: 'countries',
				type: 'string',
				default: '',
				description: several('Country codes such as US or GB'),
				routing: { send: { type: 'body', property: 'countries', preSend: [asList('body', 'countries')] } },
			},
			{
				displayName: 'Job Titles',
				name: 'jobTitles',
				type: 'string',
				default: '',
				description: several('Job titles such as Head of Sales'),
				routing: { send: { type: 'body', property: 'job_titles', preSend: [asList('body', 'job_titles')] } },
			},
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Free text to match',
				routing: { send: { type: 'body', property: 'query' } },
			},
			{
				displayName: 'Seniorities',
				name: 'seniorities',
				type: 'string',
				default: '',
				description: several('Seniorities such as director or vp'),
				routing: { send: { type: 'body', property: 'seniorities', preSend: [asList('body', 'seniorities')] } },
			},
		],
	},
	optionsCollection(show('add'), completionOptions(true)),
	optionsCollection(show('get')),
	optionsCollection(show('getRelevance'), [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Rank the signals by how well they match this text',
			routing: { send: { type: 'query', property: 'q' } },
		},
	]),
	optionsCollection(show('getContent'), [
		{
			displayName: 'Types',
			name: 'types',
			type: 'multiOptions',
			options: CONTENT_TYPES,
			default: [],
			description: 'Only content of these types (all when none is chosen)',
			routing: { send: { type: 'query', property: 'type' } },
		},
	]),
	optionsCollection(show('searchContacts'), [
		{
			displayName: 'Live',
			name: 'live',
			type: 'boolean',
			default: false,
			description:
				'Whether to run a fresh search (asynchronous, spends a contact credit) instead of returning PG:AI’s cached results',
			routing: { send: { type: 'query', property: 'live', value: '={{ $value ? "true" : "false" }}' } },
		},
		...completionOptions(true),
	]),
	optionsCollection(show('askAssistant'), [
		{
			displayName: 'Conversation ID',
			name: 'conversationId',
			type: 'string',
			default: '',
			description: 'Continue an earlier conversation: the conversation_id of a previous answer',
			routing: { send: { type: 'body', property: 'conversation_id' } },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			default: 180,
			typeOptions: { minValue: 1 },
			description: 'How long to wait for the answer; the assistant can take up to two minutes',
		},
	]),
];
