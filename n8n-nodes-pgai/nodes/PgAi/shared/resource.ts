import type { INodeProperties } from 'n8n-workflow';

import { completionOptions, listControls, optionsCollection, showFor } from './fields';
import { hookFor } from './hooks';
import type { OperationSpec, ResourceSpec } from './operationSpec';
import { simplifyOptions } from './simplify';
import { toolDescriptions } from './tool';

/** The Options collection of each group of operations with the same options, in the order declared. */
function optionsOf(resource: string, operations: OperationSpec[]): INodeProperties[] {
	const groups = new Map<string, { values: string[]; own: INodeProperties[] }>();
	for (const operation of operations) {
		const own = [...(operation.options ?? []), ...(operation.waitByDefault === undefined ? [] : completionOptions(operation.waitByDefault))];
		const key = JSON.stringify(own.map(({ name, default: value }) => [name, value]));
		const group = groups.get(key);
		if (group) group.values.push(operation.value);
		else groups.set(key, { values: [operation.value], own });
	}
	return [...groups.values()].map(({ values, own }) => optionsCollection(showFor(resource, values), own));
}

/** Each operation's action by `resource.operation`, as the resources declare them. */
const ACTIONS: { [resourceOperation: string]: string } = {};

/**
 * The node's subtitle: the chosen operation's action ("Search accounts"), where n8n's usual
 * `operation: resource` would show internal values ("get: operation"). Read once every resource is
 * declared (their modules are imported before the node's description is built).
 */
export const actionSubtitle = () =>
	`={{ (${JSON.stringify(ACTIONS)})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}`;

/** A resource's parameters: its Operation selector with each operation's routing, and all built from the declarations. */
export function describeResource({ resource, operations, defaultOperation, fields = [], filters = [] }: ResourceSpec): INodeProperties[] {
	for (const { value, action } of operations) ACTIONS[`${resource}.${value}`] = action;
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
