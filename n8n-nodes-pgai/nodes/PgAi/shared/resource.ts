import type { INodeProperties } from 'n8n-workflow';

import { WORK } from '../transport/completion';
import { completionOptions, listControls, optionsCollection } from './fields';
import { hookFor, type OperationSpec } from './hooks';
import { simplifyOptions, type RecordKind } from './simplify';
import { toolDescriptions } from './tool';

export interface ResourceSpec {
	resource: string;
	operations: OperationSpec[];
	defaultOperation: string;
	/** The resource's parameters, shown before Return All / Limit. */
	fields?: INodeProperties[];
	/** Parameters shown after Return All / Limit (filters). */
	filters?: INodeProperties[];
}

/** Operations that share one parameter, as n8n's displayOptions show it: every resource × every operation. */
interface Shown {
	resource: string[];
	operation: string[];
}

type Pair = [resource: string, operation: string];

/**
 * The fewest displayOptions that show a parameter for exactly `pairs` among the node's `existing`
 * operations: n8n evaluates every parameter of a declarative node for every input item, so one
 * parameter shown for several resources costs less than one per resource. Resources are merged
 * while the product of their resources and operations names no other existing operation.
 */
export function shownFor(pairs: Pair[], existing: Set<string>): Shown[] {
	const wanted = new Set(pairs.map(([resource, operation]) => `${resource}:${operation}`));
	const groups: Shown[] = [];
	for (const [resource, operation] of pairs) {
		const own = groups.find((group) => group.resource.length === 1 && group.resource[0] === resource);
		if (own) own.operation.push(operation);
		else groups.push({ resource: [resource], operation: [operation] });
	}
	const exact = (group: Shown) =>
		group.resource.every((resource) => group.operation.every((operation) => !existing.has(`${resource}:${operation}`) || wanted.has(`${resource}:${operation}`)));
	const merged: Shown[] = [];
	for (const group of groups) {
		const into = merged.find((candidate) =>
			exact({ resource: [...candidate.resource, ...group.resource], operation: [...new Set([...candidate.operation, ...group.operation])] }),
		);
		if (!into) merged.push(group);
		else {
			into.resource.push(...group.resource);
			into.operation = [...new Set([...into.operation, ...group.operation])];
		}
	}
	return merged;
}

const display = ({ resource, operation }: Shown) => ({ show: { resource, operation } });

/** The pairs of each group of operations, grouped by `key` (undefined: not in any group), in the order declared. */
function grouped<K>(resources: ResourceSpec[], key: (operation: OperationSpec) => K | undefined): Map<K, { pairs: Pair[]; first: OperationSpec }> {
	const groups = new Map<K, { pairs: Pair[]; first: OperationSpec }>();
	for (const { resource, operations } of resources) {
		for (const operation of operations) {
			const value = key(operation);
			if (value === undefined) continue;
			const group = groups.get(value) ?? { pairs: [], first: operation };
			group.pairs.push([resource, operation.value]);
			groups.set(value, group);
		}
	}
	return groups;
}

/** An operation's own options, completion's included: operations with the same ones share an Options collection. */
const ownOptions = (operation: OperationSpec) => [
	...(operation.options ?? []),
	...(operation.waitByDefault === undefined ? [] : completionOptions(operation.waitByDefault, WORK[operation.awaits ?? 'operation'].noun)),
];

function selector({ resource, operations, defaultOperation }: ResourceSpec): INodeProperties {
	return {
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
	};
}

/**
 * The node's parameters after Resource, all built from the resources' declarations: each resource's
 * Operation selector (with each operation's routing), tool descriptions and fields, then Return All
 * and Limit, the filters, Simplify and the Options collections, each shared by the operations that
 * have the same one.
 */
export function describeResources(resources: ResourceSpec[]): INodeProperties[] {
	const existing = new Set(resources.flatMap(({ resource, operations }) => operations.map((operation) => `${resource}:${operation.value}`)));
	const shown = (pairs: Pair[]) => shownFor(pairs, existing).map(display);
	const lists = grouped(resources, (operation) => (operation.delivery === 'one' ? undefined : 'list'));
	const kinds = grouped<RecordKind>(resources, (operation) => operation.records);
	const options = grouped(resources, (operation) =>
		JSON.stringify(ownOptions(operation).map(({ name, default: value, description }) => [name, value, description])),
	);
	return [
		...resources.map(selector),
		...resources.flatMap(({ resource, operations }) => toolDescriptions(resource, operations)),
		...resources.flatMap(({ fields = [] }) => fields),
		...[...lists.values()].flatMap(({ pairs }) => shown(pairs).flatMap(listControls)),
		...resources.flatMap(({ filters = [] }) => filters),
		...[...kinds].flatMap(([kind, { pairs }]) => shown(pairs).flatMap((displayOptions) => simplifyOptions(kind, displayOptions))),
		...[...options.values()].flatMap(({ pairs, first }) => shown(pairs).map((displayOptions) => optionsCollection(displayOptions, ownOptions(first)))),
	];
}

/**
 * The node's subtitle, n8n's usual `operation: resource` in the names the user picked ("Get Many:
 * Contact"), not the internal values ("getAll: contact", "get: operation"). The operation's action
 * would repeat the name n8n gives a node added from it ("Get a contact").
 */
export function operationSubtitle(labels: Array<{ name: string; value: string }>, resources: ResourceSpec[]): string {
	const resourceName = new Map(labels.map(({ name, value }) => [value, name]));
	const subtitles = Object.fromEntries(
		resources.flatMap(({ resource, operations }) =>
			operations.map((operation) => [`${resource}.${operation.value}`, `${String(operation.name)}: ${resourceName.get(resource) ?? resource}`]),
		),
	);
	return `={{ (${JSON.stringify(subtitles)})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}`;
}
