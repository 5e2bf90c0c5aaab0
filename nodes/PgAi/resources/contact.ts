import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { listControls, optionsCollection, recordLocator, several, showFor } from '../shared/fields';
import { asList, requireEmail } from '../shared/presend';
import { paged, single } from '../shared/routing';

const show = (...operations: string[]) => showFor('contact', operations);

const bodyText = (displayName: string, name: string, property: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	routing: { send: { type: 'body', property } },
});

const bodyList = (displayName: string, name: string, property: string, description: string): INodeProperties => ({
	...bodyText(displayName, name, property, several(description)),
	routing: { send: { type: 'body', property, preSend: [asList('body', property)] } },
});

export const contactOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Add a person to the workspace',
			routing: single(ENDPOINTS.contact.create),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Retrieve one contact by ID',
			routing: single(ENDPOINTS.contact.get),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description: 'List the workspace’s contacts',
			routing: paged(ENDPOINTS.contact.getAll),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search contacts',
			description: 'Find people by title, company, country or seniority (may use contact credits)',
			routing: paged(ENDPOINTS.contact.search),
		},
	],
	default: 'getAll',
};

export const contactFields: INodeProperties[] = [
	recordLocator({
		name: 'contactId',
		noun: 'contact',
		searchListMethod: 'searchContacts',
		displayOptions: show('get'),
	}),
	{
		...bodyText('First Name', 'firstName', 'first_name', 'The contact’s given name'),
		required: true,
		displayOptions: show('create'),
	},
	{
		...bodyText('Last Name', 'lastName', 'last_name', 'The contact’s family name'),
		required: true,
		displayOptions: show('create'),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'The contact’s work email address',
		displayOptions: show('create'),
		routing: { send: { type: 'body', property: 'email', preSend: [requireEmail] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show('create'),
		options: [
			bodyText('Company', 'company', 'company', 'Name of the company the contact works for'),
			bodyText('Job Title', 'jobTitle', 'job_title', 'e.g. VP Sales'),
			bodyText('LinkedIn URL', 'linkedinUrl', 'linkedin_url', 'e.g. https://www.linkedin.com/in/jane-doe'),
			bodyText('Location', 'location', 'location', 'e.g. Berlin, Germany'),
			bodyText('Phone', 'phone', 'phone', 'e.g. +49 30 1234567'),
		],
	},
	...listControls(show('getAll', 'search')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('search'),
		options: [
			bodyList('Company IDs', 'companyIds', 'company_ids', 'IDs of the companies the people work at'),
			bodyList('Countries', 'countries', 'countries', 'Country codes such as US or GB'),
			bodyList('Job Titles', 'jobTitles', 'job_titles', 'Job titles such as Head of Sales'),
			bodyText('Query', 'query', 'query', 'Free text to match'),
			bodyList('Seniorities', 'seniorities', 'seniorities', 'Seniorities such as director or vp'),
		],
	},
	optionsCollection(show('get', 'getAll', 'create', 'search')),
];
