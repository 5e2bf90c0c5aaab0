import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { completionOptions, operationsOf, optionsCollection, showFor } from '../shared/fields';
import { route } from '../shared/routing';
import { single } from '../shared/run';

const show = showFor('operation', ['get']);

export const operationOperations = operationsOf(
	'operation',
	[
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the operation: public_operation_id, status (queued, running, completed or failed) and, when finished, its result or error.',
			action: 'Get an asynchronous operation',
			description: 'Check on, or wait for, work PG:AI does in the background (adding a company, a live search)',
			routing: route(single, ENDPOINTS.operation.get),
		},
	],
	'get',
);

export const operationFields: INodeProperties[] = [
	{
		displayName: 'Operation ID',
		name: 'operationId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The operation to look at: the public_operation_id of an accepted request',
		displayOptions: show,
		// Operations cannot be listed, so they are given by ID only.
		modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. op_abc123' }],
	},
	optionsCollection(show, completionOptions(false)),
];
