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

/** Each resource's operations by value, with their names, as describeResource declared them. */
const OPERATIONS = new Map<string, Array<{ value: string; name: string }>>();

/**
 * The node's subtitle, n8n's usual `operation: resource` in the names the user picked ("Get Many:
 * Contact"), not the internal values ("getAll: contact", "get: operation"). The operation's action
 * would repeat the name n8n gives a node added from it ("Get a contact"). Built once every resource
 * is declared (their modules are imported before the node's description is built).
 */
export function operationSubtitle(resources: Array<{ name: string; value: string }>): string {
	const labels = Object.fromEntries(
		resources.flatMap((resource) =>
			(OPERATIONS.get(resource.value) ?? []).map((operation) => [`${resource.value}.${operation.value}`, `${operation.name}: ${resource.name}`]),
		),
	);
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}`;
}

/** A resource's parameters: its Operation selector with each operation's routing, and all built from the declarations. */
export function describeResource({ resource, operations, defaultOperation, fields = [], filters = [] }: ResourceSpec): INodeProperties[] {
	OPERATIONS.set(resource, operations.map(({ value, name }) => ({ value, name: String(name) })));
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
