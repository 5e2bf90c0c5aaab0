import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import {
	collectionOf,
	listControls,
	listField,
	operationsOf,
	optionsCollection,
	recordLocator,
	showFor,
	textField,
} from '../shared/fields';
import { requireEmail } from '../shared/presend';
import { route } from '../shared/routing';
import { paged, single } from '../shared/run';
import { simplifyOptions } from '../shared/simplify';

const show = (...operations: string[]) => showFor('contact', operations);

/** Filters for people, shared by Contact → Search and Company → Search Contacts. */
export const personFilters: INodeProperties[] = [
	listField('Countries', 'countries', 'countries', 'Country codes such as US or GB'),
	listField('Job Titles', 'jobTitles', 'job_titles', 'Job titles such as Head of Sales'),
	textField('Query', 'query', 'query', 'Free text to match'),
	listField('Seniorities', 'seniorities', 'seniorities', 'Seniorities such as director or vp'),
];

export const contactOperations = operationsOf(
	'contact',
	[
		{
			name: 'Create',
			value: 'create',
			answer: 'Answers with the new contact as PG:AI stored it, with its ID.',
			action: 'Create a contact',
			description: 'Add a person to the workspace',
			routing: route(single, ENDPOINTS.contact.create),
		},
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the contact: ID, name, title, email, company, location and LinkedIn URL (with Simplify on).',
			action: 'Get a contact',
			description: 'Retrieve one contact by ID',
			routing: route(single, ENDPOINTS.contact.get),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with a list of contacts, each with ID, name, title, email, company, location and LinkedIn URL (with Simplify on). A Limit of 10–20 suits a question.',
			action: 'Get many contacts',
			description: 'List the workspace’s contacts',
			routing: route(paged, ENDPOINTS.contact.getAll),
		},
		{
			name: 'Search',
			value: 'search',
			answer: 'Answers with the matching people, each with ID, name, title, email, company, location and LinkedIn URL (with Simplify on). A Limit of 10 suits a question.',
			action: 'Search contacts',
			description: 'Find people by title, company, country or seniority (may use contact credits)',
			routing: route(paged, ENDPOINTS.contact.search),
		},
	],
	'getAll',
);

export const contactFields: INodeProperties[] = [
	recordLocator({
		name: 'contactId',
		noun: 'contact',
		searchListMethod: 'searchContacts',
		displayOptions: show('get'),
	}),
	{
		...textField('First Name', 'firstName', 'first_name', 'The contact’s given name'),
		required: true,
		displayOptions: show('create'),
	},
	{
		...textField('Last Name', 'lastName', 'last_name', 'The contact’s family name'),
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
	collectionOf('Additional Fields', 'additionalFields', 'More about the contact, all optional', show('create'), [
		textField('Company', 'company', 'company', 'Name of the company the contact works for'),
		textField('Job Title', 'jobTitle', 'job_title', 'e.g. VP Sales'),
		textField('LinkedIn URL', 'linkedinUrl', 'linkedin_url', 'e.g. https://www.linkedin.com/in/jane-doe'),
		textField('Location', 'location', 'location', 'e.g. Berlin, Germany'),
		textField('Phone', 'phone', 'phone', 'e.g. +49 30 1234567'),
	]),
	...listControls(show('getAll', 'search')),
	collectionOf('Filters', 'filters', 'Only people who match all of these', show('search'), [
		listField('Company IDs', 'companyIds', 'company_ids', 'IDs of the companies the people work at'),
		...personFilters,
	]),
	...simplifyOptions('contact'),
	optionsCollection(show('get', 'getAll', 'create', 'search')),
];
