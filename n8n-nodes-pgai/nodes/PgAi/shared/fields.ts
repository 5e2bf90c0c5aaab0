import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../transport/client';
import { asList, unsetZero, type Target } from './presend';

/**
 * Defaults the hooks fall back on, one source each; the descriptions hold them as literals, as n8n's
 * linter requires, and a unit test (test/unit/defaults.test.ts) holds the two together.
 */
export const DEFAULTS = {
	limit: 50,
	completionTimeoutSeconds: 300,
	maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
	maxWaitSeconds: DEFAULT_RETRY_POLICY.maxWaitMs / 1000,
} as const;

export const showFor = (resource: string, operations: string[]): IDisplayOptions => ({
	show: { resource: [resource], operation: operations },
});

/** Description of a multi-value field: text with commas, or an array from an expression. */
export const several = (what: string) => `${what}, separated by commas (or an array from an expression)`;

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

/**
 * A number field the API receives under `property`. With `zeroUnset` (filters from version 1.1),
 * 0, its untouched default, sends nothing: a filter added and left alone must not narrow a search
 * (a maximum of 0 finds nothing), and the minimums mean the same without it.
 */
export function numberField(
	displayName: string,
	name: string,
	property: string,
	description: string,
	{ target = 'body', bounds = { minValue: 0 }, zeroUnset = false }: { target?: Target; bounds?: { minValue?: number; maxValue?: number }; zeroUnset?: boolean } = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		typeOptions: bounds,
		description,
		routing: { send: { type: target, property, ...(zeroUnset && { preSend: [unsetZero(target, property)] }) } },
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

const BY_EXPRESSION = 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/**
 * Record IDs picked from a list PG:AI can give (`loadOptionsMethod`), or given by an expression as
 * a list or as text with commas, as a saved workflow or a model sends them; the API gets an array,
 * or with `joinWith` one string such as "a,b".
 */
export function pickedIds(
	displayName: `${string} Names or IDs`,
	name: string,
	property: string,
	{ what, loadOptionsMethod, target = 'body', joinWith }: { what: string; loadOptionsMethod: string; target?: Target; joinWith?: string },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod },
		default: [],
		description: `${what}. ${BY_EXPRESSION}.`,
		routing: { send: { type: target, property, preSend: [asList(target, property, joinWith)] } },
	};
}

/** A choice of several values from a fixed set, sent in the body as an array (text with commas from an expression too). */
export function choicesField(displayName: string, name: string, property: string, description: string, values: string[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options: values.map((value) => ({ name: value, value })),
		default: [],
		description,
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

/** n8n's editor lists a collection's options in the order given: alphabetical, as its guidelines want. */
const byName = (options: INodeProperties[]) => [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The Options collection of an operation: its own options and the shared retry settings, sorted by name. */
export function optionsCollection(displayOptions: IDisplayOptions, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Settings of this operation, such as how long it may wait for PG:AI’s rate limit',
		displayOptions,
		options: byName([
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
		]),
	};
}

/** Options of operations that may answer with asynchronous work (202): a §6 operation, a workflow execution. */
export function completionOptions(waitByDefault: boolean, noun: string): INodeProperties[] {
	const waitForCompletion: INodeProperties = {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: `Whether to wait until PG:AI finishes the ${noun} and output the finished ${noun}, instead of the accepted one`,
	};
	return [
		waitByDefault ? waitForCompletion : { ...waitForCompletion, default: false },
		{
			displayName: 'Completion Timeout (Seconds)',
			name: 'completionTimeoutSeconds',
			type: 'number',
			default: 300,
			typeOptions: { minValue: 1 },
			description: `How long to wait for the ${noun}, when waiting; it goes on in PG:AI after that`,
		},
	];
}
