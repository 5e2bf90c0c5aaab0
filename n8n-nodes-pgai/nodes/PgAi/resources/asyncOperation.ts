import { ENDPOINTS } from '../transport/api';
import { showFor } from '../shared/fields';
import type { ResourceSpec } from '../shared/resource';

/** PG:AI's asynchronous operations (the resource `operation`): work it finishes in the background. */
export const asyncOperationResource: ResourceSpec = {
	resource: 'operation',
	defaultOperation: 'get',
	operations: [
		{
			name: 'Get',
			value: 'get',
			answer: 'Answers with the operation: public_operation_id, status (queued, running, completed or failed) and, when finished, its result or error.',
			action: 'Get an asynchronous operation',
			description: 'Check on, or wait for, work PG:AI does in the background (adding a company, a live search)',
			endpoint: ENDPOINTS.operation.get,
			delivery: 'one',
			waitByDefault: false,
		},
	],
	fields: [
		{
			displayName: 'Operation ID',
			name: 'operationId',
			type: 'resourceLocator',
			default: { mode: 'id', value: '' },
			required: true,
			description: 'The operation to look at: the public_operation_id of an accepted request',
			displayOptions: showFor('operation', ['get']),
			// Operations cannot be listed, so they are given by ID only.
			modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. op_abc123' }],
		},
	],
};
