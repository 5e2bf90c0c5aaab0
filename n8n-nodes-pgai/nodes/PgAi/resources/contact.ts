import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { requireEmail } from '../shared/checks';
import { collectionOf, listField, recordLocator, showFor, textField } from '../shared/fields';
import type { ResourceSpec } from '../shared/resource';

const show = (...operations: string[]) => showFor('contact', operations);

/** Filters for people, shared by Contact → Search and Company → Search Contacts. */
export const personFilters: INodeProperties[] = [
	listField('Countries', 'countries', 'countries', 'Country codes such as US or GB'),
	listField('Job Titles', 'jobTitles', 'job_titles', 'Job titles such as Head of Sales'),
	textField('Query', 'query', 'query', 'Free text to match'),
	listField('Seniorities', 'seniorities', 'seniorities', 'Seniorities such as director or vp'),
];

export const contactResource: ResourceSpec = {
	resource: 'contact',
	defaultOperation: 'getAll',
	operations: [
		{
			name: 'Create',
			value: 'create',
			answer: 'Answers with the new contact as PG:AI stored it, with its ID.',
			action: 'Create a contact',
			description: 'Add a person to the workspace',
			endpoint: ENDPOINTS.contact.create,
			delivery: 'one',
			checks: [requireEmail],
		},
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the contact: ID, name, title, email, company, location and LinkedIn URL (with Simplify on).',
			action: 'Get a contact',
			description: 'Retrieve one contact by ID',
			endpoint: ENDPOINTS.contact.get,
			delivery: 'one',
			records: 'contact',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with a list of contacts, each with ID, name, title, email, company, location and LinkedIn URL (with Simplify on). A Limit of 10–20 suits a question.',
			action: 'Get many contacts',
			description: 'List the workspace’s contacts',
			endpoint: ENDPOINTS.contact.getAll,
			delivery: 'list',
			records: 'contact',
		},
		{
			name: 'Search',
			value: 'search',
			answer: 'Answers with the matching people, each with ID, name, title, email, company, location and LinkedIn URL (with Simplify on). A Limit of 10 suits a question.',
			action: 'Search contacts',
			description: 'Find people by title, company, country or seniority (may use contact credits)',
			endpoint: ENDPOINTS.contact.search,
			delivery: 'list',
			records: 'contact',
		},
	],
	fields: [
		recordLocator({ name: 'contactId', noun: 'contact', searchListMethod: 'searchContacts', displayOptions: show('get') }),
		{ ...textField('First Name', 'firstName', 'first_name', 'The contact’s given name'), required: true, displayOptions: show('create') },
		{ ...textField('Last Name', 'lastName', 'last_name', 'The contact’s family name'), required: true, displayOptions: show('create') },
		{
			...textField('Email', 'email', 'email', 'The contact’s work email address'),
			placeholder: 'name@email.com',
			required: true,
			displayOptions: show('create'),
		},
		collectionOf('Additional Fields', 'additionalFields', 'More about the contact, all optional', show('create'), [
			textField('Company', 'company', 'company', 'Name of the company the contact works for'),
			{ ...textField('Job Title', 'jobTitle', 'job_title', 'The contact’s current job title'), placeholder: 'e.g. VP Sales' },
			{ ...textField('LinkedIn URL', 'linkedinUrl', 'linkedin_url', 'The address of the contact’s LinkedIn profile'), placeholder: 'e.g. https://www.linkedin.com/in/jane-doe' },
			{ ...textField('Location', 'location', 'location', 'Where the contact works: city and country'), placeholder: 'e.g. Berlin, Germany' },
			{ ...textField('Phone', 'phone', 'phone', 'The contact’s phone number, with the country code'), placeholder: 'e.g. +49 30 1234567' },
		]),
	],
	filters: [
		collectionOf('Filters', 'filters', 'Only people who match all of these', show('search'), [
			listField('Company IDs', 'companyIds', 'company_ids', 'IDs of the companies the people work at'),
			...personFilters,
		]),
	],
};
