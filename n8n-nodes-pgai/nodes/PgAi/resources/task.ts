import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { requireTitle } from '../shared/checks';
import { collectionOf, recordLocator, showFor, textField } from '../shared/fields';
import type { ParameterReader } from '../shared/parameters';
import { optionalLocator } from '../shared/pickers';
import { asDateOnly } from '../shared/presend';
import type { ResourceSpec } from '../shared/resource';

const show = (...operations: string[]) => showFor('task', operations);

const company = (description: string, property?: string) =>
	optionalLocator({ name: 'companyId', noun: 'company', searchListMethod: 'searchCompanies', description, property });

/** The filters of Task → Get Many, which the trigger's New Task offers too; both send them with taskListQuery. */
export const taskListFilters: INodeProperties[] = [
	company('Only tasks about this company'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'pending',
		options: [
			{ name: 'Completed', value: 'completed' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Pending', value: 'pending' },
		],
		description: 'Only tasks in this status',
	},
];

/** The Filters parameter of Task → Get Many (or New Task) as query parameters, empty fields left out. */
export function taskListQuery(context: ParameterReader): IDataObject {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.companyId !== undefined) {
		const company = String(context.getNodeParameter('filters.companyId', '', { extractValue: true }) ?? '').trim();
		if (company !== '') qs.company_id = company;
	}
	if (typeof filters.status === 'string' && filters.status !== '') qs.status = filters.status;
	return qs;
}

async function sendListFilters(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	options.qs = { ...options.qs, ...taskListQuery(this) };
	return options;
}

export const taskResource: ResourceSpec = {
	resource: 'task',
	defaultOperation: 'getAll',
	operations: [
		{
			name: 'Create',
			value: 'create',
			answer: 'Answers with the new task as PG:AI stored it: its ID, title, status (pending), priority, company ID and due date.',
			action: 'Create a task',
			description: 'Add a follow-up task to the workspace, optionally about a company and for an assignee',
			endpoint: ENDPOINTS.task.create,
			delivery: 'one',
			checks: [requireTitle],
		},
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the task: its ID, title, status, priority, company ID, assignee ID and due date (with Simplify on).',
			action: 'Get a task',
			description: 'Retrieve one task by ID',
			endpoint: ENDPOINTS.task.get,
			delivery: 'one',
			records: 'task',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with a list of tasks, each with ID, title, status, priority, company ID, assignee ID and due date (with Simplify on). A Limit of 10–20 suits a question: ten tasks take about 2,400 characters.',
			action: 'Get many tasks',
			description: 'List the workspace’s tasks, optionally only those about a company or in a status',
			endpoint: ENDPOINTS.task.getAll,
			delivery: 'list',
			records: 'task',
		},
	],
	fields: [
		recordLocator({ name: 'taskId', noun: 'task', searchListMethod: 'searchTasks', displayOptions: show('get') }),
		{
			...textField('Title', 'title', 'title', 'What is to be done'),
			placeholder: 'e.g. Follow up on the pricing question',
			required: true,
			displayOptions: show('create'),
		},
		collectionOf('Additional Fields', 'additionalFields', 'More about the task, all optional', show('create'), [
			{ ...textField('Assignee ID', 'assigneeId', 'assignee_id', 'The PG:AI user the task is for'), placeholder: 'e.g. usr_abc123' },
			company('The company the task is about', 'company_id'),
			{ ...textField('Description', 'description', 'description', 'The details of what is to be done'), typeOptions: { rows: 3 } },
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'The day the task is due (sent as YYYY-MM-DD; a time of day is ignored)',
				routing: { send: { type: 'body', property: 'due_date', preSend: [asDateOnly('body', 'due_date', 'Due Date')] } },
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'medium',
				options: [
					{ name: 'High', value: 'high' },
					{ name: 'Low', value: 'low' },
					{ name: 'Medium', value: 'medium' },
				],
				description: 'How urgent the task is',
				routing: { send: { type: 'body', property: 'priority' } },
			},
		]),
	],
	filters: [
		{
			...collectionOf('Filters', 'filters', 'Only tasks that match all of these', show('getAll'), taskListFilters),
			// sent by a preSend, as the trigger's New Task sends the same filters (taskListQuery)
			routing: { send: { preSend: [sendListFilters] } },
		},
	],
};
