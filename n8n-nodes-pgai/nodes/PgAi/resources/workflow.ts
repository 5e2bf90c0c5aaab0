import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../transport/api';
import { refusedInput } from '../transport/errors';
import { requireWorkflow } from '../shared/checks';
import { collectionOf, recordLocator, showFor } from '../shared/fields';
import { optionalLocator } from '../shared/pickers';
import type { ResourceSpec } from '../shared/resource';

const show = (...operations: string[]) => showFor('workflow', operations);

const PARAMETERS_JSON = 'Parameters (JSON)';

/**
 * The run's `parameters`: the JSON object, then the name–value pairs over it. The JSON may come as
 * text or, from an expression, as an object already.
 */
async function sendParameters(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const fields = this.getNodeParameter('additionalFields', {}) as IDataObject;
	let json: unknown = fields.parametersJson ?? {};
	if (typeof json === 'string') {
		try {
			json = json.trim() === '' ? {} : JSON.parse(json);
		} catch {
			json = undefined;
		}
	}
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw refusedInput(this.getNode(), { kind: 'notJsonObject', label: PARAMETERS_JSON }, this.getItemIndex());
	}
	const pairs = ((fields.parameters as IDataObject | undefined)?.parameter ?? []) as Array<{ name?: string; value?: unknown }>;
	const parameters: IDataObject = { ...(json as IDataObject) };
	for (const { name, value } of pairs) if (name?.trim()) parameters[name.trim()] = value as IDataObject[string];
	if (Object.keys(parameters).length) options.body = { ...(options.body as IDataObject), parameters };
	return options;
}

/** PG:AI's own workflows (§8): research and enrichment it runs on a company or a contact. */
export const workflowResource: ResourceSpec = {
	resource: 'workflow',
	defaultOperation: 'trigger',
	operations: [
		{
			name: 'Get Execution',
			value: 'getExecution',
			answer: 'Answers with the execution: execution_id, workflow_id, status (queued, running, completed or failed), started_at, completed_at and, once finished, its result (summary and outputs) or error.',
			action: 'Get a workflow execution',
			description: 'Check on, or wait for, a run of a PG:AI workflow',
			endpoint: ENDPOINTS.workflow.getExecution,
			delivery: 'one',
			waitByDefault: false,
			awaits: 'execution',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			answer: 'Answers with PG:AI’s workflows, each with its ID, name, description (what it needs: a company or a contact) and status; only active ones run. A workspace has a handful: a Limit of 20 suits a question.',
			action: 'Get many workflows',
			description: 'List PG:AI’s own research and enrichment workflows',
			endpoint: ENDPOINTS.workflow.getAll,
			delivery: 'list',
		},
		{
			name: 'Trigger',
			value: 'trigger',
			answer: 'Answers with the finished execution: execution_id, workflow_id, status (completed) and its result, a summary and the workflow’s outputs. A run that fails is an error with PG:AI’s reason.',
			action: 'Trigger a workflow',
			description: 'Run one of PG:AI’s workflows on a company or a contact and wait for its result',
			endpoint: ENDPOINTS.workflow.trigger,
			delivery: 'one',
			waitByDefault: true,
			awaits: 'execution',
			checks: [requireWorkflow],
		},
	],
	fields: [
		{
			...recordLocator({ name: 'workflowId', noun: 'workflow', searchListMethod: 'searchWorkflows', displayOptions: show('trigger') }),
			routing: { send: { type: 'body', property: 'workflow_id' } },
		},
		{
			...collectionOf('Additional Fields', 'additionalFields', 'What the run is about and its inputs, as the workflow needs them', show('trigger'), [
				optionalLocator({
					name: 'companyId',
					noun: 'company',
					searchListMethod: 'searchCompanies',
					description: 'The company to run the workflow on',
					property: 'company_id',
				}),
				optionalLocator({
					name: 'contactId',
					noun: 'contact',
					searchListMethod: 'searchContacts',
					description: 'The contact to run the workflow on',
					property: 'contact_id',
				}),
				{
					displayName: 'Parameters',
					name: 'parameters',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Parameter',
					default: {},
					description: 'Inputs of the run as name–value pairs, added to those of Parameters (JSON)',
					options: [
						{
							displayName: 'Parameter',
							name: 'parameter',
							values: [
								{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The input’s name, as the workflow knows it' },
								{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The input’s value' },
							],
						},
					],
				},
				{
					displayName: PARAMETERS_JSON,
					name: 'parametersJson',
					type: 'json',
					default: '{}',
					description: 'Inputs of the run as one JSON object, for values that are not text (numbers, lists, objects)',
				},
			]),
			routing: { send: { preSend: [sendParameters] } },
		},
		{
			displayName: 'Execution ID',
			name: 'executionId',
			type: 'resourceLocator',
			default: { mode: 'id', value: '' },
			required: true,
			description: 'The run to look at: the execution_id of a triggered workflow',
			displayOptions: show('getExecution'),
			// Executions cannot be listed, so they are given by ID only.
			modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. exec_abc123' }],
		},
	],
};
