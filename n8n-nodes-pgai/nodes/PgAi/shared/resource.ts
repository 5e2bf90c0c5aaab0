import type { INodeProperties } from 'n8n-workflow';

import { WORK } from '../transport/completion';
import { completionOptions, listControls, optionsCollection, showFor } from './fields';
import { hookFor } from './hooks';
import type { OperationSpec, ResourceSpec } from './operationSpec';
import { simplifyOptions } from './simplify';
import { toolDescriptions } from './tool';

/** The Options collection of each group of operations with the same options, in the order declared. */
function optionsOf(resource: string, operations: OperationSpec[]): INodeProperties[] {
	const groups = new Map<string, { values: string[]; own: INodeProperties[] }>();
	for (const operation of operations) {
		const waits = operation.waitByDefault === undefined ? [] : completionOptions(operation.waitByDefault, WORK[operation.awaits ?? 'operation'].noun);
		const own = [...(operation.options ?? []), ...waits];
		const key = JSON.stringify(own.map(({ name, default: value, description }) => [name, value, description]));
		const group = groups.get(key);
		if (group) group.values.push(operation.value);
		else groups.set(key, { values: [operation.value], own });
	}
	return [...groups.values()].map(({ values, own }) => optionsCollection(showFor(resource, values), own));
}

/** A resource's parameters: its Operation selector with each operation's routing, and all built from the declarations. */
export function describeResource({ resource, operations, defaultOperation, fields = [], filters = [] }: ResourceSpec): INodeProperties[] {
	const lists = operations.filter((operation) => operation.delivery !== 'one').map((operation) => operation.value);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map((spec) => ({
				name: spec.name,
				value: spec.value,
				action: spec.action,
				description: spec.description,
				// `paginate` hands the prepared request to the hook, which sends it (see hooks.ts)
				routing: { send: { paginate: true }, operations: { pagination: hookFor(spec) } },
			})),
			default: defaultOperation,
		},
		...toolDescriptions(resource, operations),
		...fields,
		...(lists.length ? listControls(showFor(resource, lists)) : []),
		...filters,
		...simplifyOptions(resource, operations),
		...optionsOf(resource, operations),
	];
}
