import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { requireCompanyIdentity } from '../shared/checks';
import { collectionOf, recordLocator, showFor, textField } from '../shared/fields';
import { ownTimeout } from '../shared/presend';
import type { ResourceSpec } from '../shared/resource';

import { personFilters } from './contact';

const show = (...operations: string[]) => showFor('company', operations);

const CONTENT_TYPES = [
	{ name: 'Call Script', value: 'call_script' },
	{ name: 'Document', value: 'document' },
	{ name: 'Email', value: 'email' },
	{ name: 'Notes', value: 'notes' },
	{ name: 'Three Whys', value: 'three_whys' },
	{ name: 'Value Pyramid', value: 'value_pyramid' },
];

const RELEVANCE_OPTIONS: INodeProperties[] = [textField('Query', 'query', 'q', 'Rank the signals by how well they match this text', 'query')];

const CONTENT_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		options: CONTENT_TYPES,
		default: [],
		description: 'Only content of these types (all when none is chosen)',
		routing: { send: { type: 'query', property: 'type' } },
	},
];

const LIVE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Live',
		name: 'live',
		type: 'boolean',
		default: false,
		description: 'Whether to run a fresh search (asynchronous, spends a contact credit) instead of returning PG:AI’s cached results',
		routing: { send: { type: 'query', property: 'live', value: '={{ $value ? "true" : "false" }}' } },
	},
];

const ASSISTANT_OPTIONS: INodeProperties[] = [
	textField('Conversation ID', 'conversationId', 'conversation_id', 'Continue an earlier conversation: the conversation_id of a previous answer'),
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 180,
		typeOptions: { minValue: 1 },
		description: 'How long to wait for the answer; the assistant can take up to two minutes',
		routing: { send: { preSend: [ownTimeout] } },
	},
];

export const companyResource: ResourceSpec = {
	resource: 'company',
	defaultOperation: 'get',
	operations: [
		{
			name: 'Add',
			value: 'add',
			answer: 'Answers with the operation PG:AI started (public_operation_id, status), finished when the node waits for it.',
			action: 'Add a company',
			description: 'Start tracking a company; PG:AI researches it asynchronously (costs one company credit)',
			endpoint: ENDPOINTS.company.add,
			delivery: 'one',
			waitByDefault: true,
			checks: [requireCompanyIdentity],
		},
		{
			name: 'Ask Assistant',
			value: 'askAssistant',
			answer: 'Answers with the assistant’s reply (message.content, in Markdown, with its sources) and the conversation_id to continue the conversation.',
			action: 'Ask the assistant about a company',
			description: 'Ask PG:AI’s assistant a question about a company (can take up to two minutes)',
			endpoint: ENDPOINTS.company.askAssistant,
			delivery: 'one',
			options: ASSISTANT_OPTIONS,
		},
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the company’s ID, name, domain, industry, employee count, country and LinkedIn URL (with Simplify on).',
			action: 'Get a company',
			description: 'Retrieve a company’s profile',
			endpoint: ENDPOINTS.company.get,
			delivery: 'one',
			records: 'company',
		},
		{
			name: 'Get Content',
			value: 'getContent',
			answer: 'Answers with content items (title, content_type and the full text in content). Texts are long: a Limit of 3 suits a question.',
			action: 'Get content for a company',
			description: 'List generated content for a company: emails, notes, call scripts and more',
			endpoint: ENDPOINTS.company.getContent,
			delivery: 'list',
			options: CONTENT_OPTIONS,
		},
		{
			name: 'Get Relevance',
			value: 'getRelevance',
			answer: 'Answers with signals, best first, each with company ID, company name, title, excerpt, source type, date and score (with Simplify on). A Limit of 5 suits a question.',
			action: 'Get relevance signals for a company',
			description: 'List the signals that make a company relevant now, best first',
			endpoint: ENDPOINTS.company.getRelevance,
			delivery: 'list',
			records: 'signal',
			options: RELEVANCE_OPTIONS,
		},
		{
			name: 'Search Contacts',
			value: 'searchContacts',
			answer: 'Answers with the people found, each with ID, name, title, email, company, location and LinkedIn URL (with Simplify on). A Limit of 10 suits a question.',
			action: 'Search contacts at a company',
			description: 'Find people at a company, from PG:AI’s cache or with a live search',
			endpoint: ENDPOINTS.company.searchContacts,
			delivery: 'listOrLive',
			records: 'contact',
			waitByDefault: true,
			options: LIVE_OPTIONS,
		},
	],
	fields: [
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
		collectionOf('Additional Fields', 'additionalFields', 'Other ways to identify the company, all optional', show('add'), [
			textField('Company ID', 'companyId', 'id', 'A PG:AI company ID, to track a company PG:AI already knows'),
			textField('External ID', 'externalId', 'external_id', 'The company’s ID in your own system (needs Source System)'),
			{ ...textField('Source System', 'sourceSystem', 'source_system', 'The system the External ID comes from'), placeholder: 'e.g. salesforce' },
		]),
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
	],
	filters: [collectionOf('Filters', 'filters', 'Only people who match all of these', show('searchContacts'), personFilters)],
};
