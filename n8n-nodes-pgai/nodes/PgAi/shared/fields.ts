import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { asList } from './presend';
import { toolDescriptions, type Operation } from './tool';

export const showFor = (resource: string, operations: string[]): IDisplayOptions => ({
	show: { resource: [resource], operation: operations },
});

/** Description of a multi-value field: text with commas, or an array from an expression. */
export const several = (what: string) => `${what}, separated by commas (or an array from an expression)`;

type Target = 'body' | 'query';

/** The Operation selector of a resource, and the tool description of each of its operations. */
export function operationsOf(resource: string, operations: Operation[], defaultOperation: string): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(({ name, value, action, description, routing }) => ({ name, value, action, description, routing })),
			default: defaultOperation,
		},
		...toolDescriptions(resource, operations),
	];
}

/** A text field the API receives under `property`. */
export function textField(
	displayName: string,
	name: string,
	property: string,
	description: string,
	target: Target = 'body',
): INodeProperties {
	return { displayName, name, type: 'string', default: '', description, routing: { send: { type: target, property } } };
}

/** A number field the API receives under `property`. */
export function numberField(
	displayName: string,
	name: string,
	property: string,
	description: string,
	target: Target = 'body',
	bounds: { minValue?: number; maxValue?: number } = { minValue: 0 },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		typeOptions: bounds,
		description,
		routing: { send: { type: target, property } },
	};
}

/** A multi-value field sent in the body as an array. */
export function listField(displayName: string, name: string, property: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		description: several(what),
		routing: { send: { type: 'body', property, preSend: [asList('body', property)] } },
	};
}

/** A collection of optional fields (filters, additional fields) shown for some operations. */
export function collectionOf(
	displayName: 'Filters' | 'Additional Fields',
	name: 'filters' | 'additionalFields',
	description: string,
	displayOptions: IDisplayOptions,
	options: INodeProperties[],
): INodeProperties {
	const placeholder = displayName === 'Filters' ? 'Add Filter' : 'Add Field';
	return { displayName, name, type: 'collection', placeholder, default: {}, description, displayOptions, options };
}

/** A record ID picked from a searchable list or typed in. */
export function recordLocator(options: {
	name: string;
	noun: string;
	searchListMethod: string;
	displayOptions: IDisplayOptions;
}): INodeProperties {
	const { name, noun, searchListMethod, displayOptions } = options;
	return {
		displayName: `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${noun} to use`,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun}…`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6f1c2a9e-0b1d-4c3e-9f8a-2d4b6c8e0a1b',
			},
		],
	};
}

/** Return All and Limit, the same on every list operation. */
export function listControls(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/**
 * The Options collection of an operation: its own options plus the shared retry settings, whose
 * defaults are DEFAULT_RETRY_POLICY's (literals here, as n8n's linter requires).
 */
export function optionsCollection(displayOptions: IDisplayOptions, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Settings of this operation, such as how long it may wait for PG:AI’s rate limit',
		displayOptions,
		options: [
			...own,
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 0, maxValue: 20 },
				description:
					'How often one request is retried after “too many requests” (429), or, for reads, after a server or network failure. Only the failed request is sent again.',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				default: 300,
				typeOptions: { minValue: 0 },
				description:
					'The longest one request may spend waiting for PG:AI’s rate limit. A reset further away stops the node with the time it resets.',
			},
		],
	};
}

const waitForCompletion: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until PG:AI finishes the operation and output the finished operation, instead of the accepted one',
};

/** Options of operations that may answer with an asynchronous operation (202). */
export function completionOptions(waitByDefault: boolean): INodeProperties[] {
	return [
		waitByDefault ? waitForCompletion : { ...waitForCompletion, default: false },
		{
			displayName: 'Completion Timeout (Seconds)',
			name: 'completionTimeoutSeconds',
			type: 'number',
			default: 300,
			typeOptions: { minValue: 1 },
			description: 'How long to wait for the operation, when waiting; it goes on in PG:AI after that',
		},
	];
}
