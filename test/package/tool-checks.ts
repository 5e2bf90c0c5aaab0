/**
 * Checks of a node description as an AI Agent tool, each returning the problems it finds, so the
 * same check runs on the built node and, to prove it can fail, on a bad description.
 *
 * An agent sees an operation through its `action` and `description`, and fills the parameters the
 * user hands it with $fromAI(): text, numbers, booleans and option values, not nested structures.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

const showList = (prop: INodeProperties, key: string) => prop.displayOptions?.show?.[key] as unknown[] | undefined;
const hideList = (prop: INodeProperties, key: string) => prop.displayOptions?.hide?.[key] as unknown[] | undefined;

/** Whether `prop` is displayed for this resource and operation (other conditions aside). */
export function shownFor(prop: INodeProperties, resource: string, operation?: string): boolean {
	const matches = (key: string, value: string | undefined) => {
		if (value === undefined) return true;
		const show = showList(prop, key);
		const hide = hideList(prop, key);
		return (!show || show.includes(value)) && !hide?.includes(value);
	};
	return matches('resource', resource) && matches('operation', operation);
}

export function resourcesOf(description: INodeTypeDescription): string[] {
	const selector = description.properties.find((p) => p.name === 'resource');
	return ((selector?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
}

const operationSelectors = (description: INodeTypeDescription, resource: string) =>
	description.properties.filter((p) => p.name === 'operation' && shownFor(p, resource));

export const operationsOf = (description: INodeTypeDescription, resource: string): INodePropertyOptions[] =>
	operationSelectors(description, resource).flatMap((p) => (p.options ?? []) as INodePropertyOptions[]);

export const allOperations = (description: INodeTypeDescription) =>
	resourcesOf(description).flatMap((resource) =>
		operationsOf(description, resource).map((option) => ({ resource, operation: String(option.value), option })),
	);

/** Top-level parameters displayed for an operation, besides the resource and operation selectors. */
export const parametersOf = (description: INodeTypeDescription, resource: string, operation: string) =>
	description.properties.filter((p) => p.name !== 'resource' && p.name !== 'operation' && shownFor(p, resource, operation));

/**
 * Every property with a readable path: `name[resource:operations]` at the top level, then
 * `.option` for the options of a collection and `.group.value` for those of a fixed collection.
 */
export function* walk(props: INodeProperties[], prefix = ''): Generator<{ path: string; prop: INodeProperties }> {
	for (const prop of props) {
		const resources = showList(prop, 'resource');
		const where = resources ? `[${resources.join('|')}:${showList(prop, 'operation')?.join('|') ?? '*'}]` : '';
		const path = prefix ? `${prefix}.${prop.name}` : `${prop.name}${where}`;
		yield { path, prop };
		if (prop.type === 'collection') yield* walk((prop.options ?? []) as INodeProperties[], path);
		if (prop.type === 'fixedCollection') {
			for (const group of (prop.options ?? []) as Array<{ name: string; values?: INodeProperties[] }>) {
				yield* walk(group.values ?? [], `${path}.${group.name}`);
			}
		}
	}
}

/**
 * Properties that need no description of their own, and why:
 * - `notice`: its display name is the text the user reads; there is nothing to fill.
 * - `hidden`: never displayed and never filled.
 * - the top-level `resource` and `operation` selectors, and only while `noDataExpression` keeps
 *   expressions (and so $fromAI()) out of them: they are chosen once when the tool is configured,
 *   and what each choice does is described on the option itself (`description`, `action`), which
 *   is what n8n shows for the tool.
 */
export function exemption(prop: INodeProperties, topLevel: boolean): string | undefined {
	if (prop.type === 'notice') return 'notice';
	if (prop.type === 'hidden') return 'hidden';
	if (topLevel && (prop.name === 'resource' || prop.name === 'operation') && prop.type === 'options' && prop.noDataExpression) {
		return 'selector';
	}
	return undefined;
}

const isTopLevel = (path: string) => !path.includes('.');

export function operationProblems(description: INodeTypeDescription): string[] {
	const problems: string[] = [];
	if (description.usableAsTool !== true) problems.push('the node is not usableAsTool');
	const actions = new Map<string, string>();
	for (const resource of resourcesOf(description)) {
		const selectors = operationSelectors(description, resource).length;
		if (selectors !== 1) problems.push(`resource ${resource} has ${selectors} operation selectors`);
	}
	for (const { resource, operation, option } of allOperations(description)) {
		const id = `${resource}.${operation}`;
		if (typeof option.description !== 'string' || option.description.trim() === '') problems.push(`${id} has no description`);
		if (typeof option.action !== 'string' || option.action.trim() === '') {
			problems.push(`${id} has no action`);
			continue;
		}
		const key = option.action.trim().toLowerCase();
		const other = actions.get(key);
		if (other) problems.push(`${id} has the same action as ${other}: "${option.action}"`);
		actions.set(key, id);
	}
	return problems;
}

/** Paths of properties without a description (exemptions aside). */
export function descriptionGaps(description: INodeTypeDescription): string[] {
	return [...walk(description.properties)]
		.filter(({ path, prop }) => !exemption(prop, isTopLevel(path)))
		.filter(({ prop }) => typeof prop.description !== 'string' || prop.description.trim() === '')
		.map(({ path }) => path);
}

/** Paths of properties whose description only repeats the display name. */
export function echoedDescriptions(description: INodeTypeDescription): string[] {
	return [...walk(description.properties)]
		.filter(({ prop }) => typeof prop.description === 'string' && prop.description.trim().toLowerCase() === prop.displayName.trim().toLowerCase())
		.map(({ path }) => path);
}

/** The exemptions used, as `reason: name`. */
export function exemptionsUsed(description: INodeTypeDescription): string[] {
	return [...walk(description.properties)].flatMap(({ path, prop }) => {
		const why = exemption(prop, isTopLevel(path));
		return why ? [`${why}: ${prop.name}`] : [];
	});
}

/** Each operation with Return All has a Limit shown when it is off, defaulting to 1–100. */
export function listProblems(description: INodeTypeDescription): string[] {
	const problems: string[] = [];
	for (const { resource, operation } of allOperations(description)) {
		const params = parametersOf(description, resource, operation);
		const returnAll = params.find((p) => p.name === 'returnAll');
		if (!returnAll) continue;
		const id = `${resource}.${operation}`;
		if (returnAll.type !== 'boolean' || returnAll.default !== false) problems.push(`${id}: returnAll is not a boolean defaulting to false`);
		const limit = params.find((p) => p.name === 'limit');
		if (!limit) {
			problems.push(`${id}: returnAll without limit`);
			continue;
		}
		if (limit.type !== 'number') problems.push(`${id}: limit is a ${limit.type}`);
		if (JSON.stringify(showList(limit, 'returnAll')) !== '[false]') problems.push(`${id}: limit is not shown exactly when returnAll is off`);
		const value = limit.default as unknown;
		if (typeof value !== 'number' || value < 1 || value > 100) problems.push(`${id}: limit defaults to ${JSON.stringify(value)}, not 1–100`);
		if (limit.typeOptions?.minValue !== 1) problems.push(`${id}: limit has no minValue 1`);
	}
	return problems;
}

/** Required properties an agent cannot fill: collections, fixed collections, JSON. */
export function unfillableRequired(description: INodeTypeDescription): string[] {
	return [...walk(description.properties)]
		.filter(({ prop }) => prop.required && ['collection', 'fixedCollection', 'json'].includes(prop.type))
		.map(({ path, prop }) => `${path} (${prop.type})`);
}

/** Resource locators an agent cannot fill with a plain ID. */
export function locatorsWithoutId(description: INodeTypeDescription): string[] {
	return [...walk(description.properties)]
		.filter(({ prop }) => prop.type === 'resourceLocator')
		.filter(({ prop }) => !(prop.modes ?? []).some((mode) => mode.name === 'id' && mode.type === 'string'))
		.map(({ path }) => path);
}

export interface OperationSpec {
	/** Top-level parameters; `name{a,b}` is a collection with (at least) those options. */
	params: string[];
	list?: boolean;
}

export const RECORD_IDS = ['territoryId', 'accountId', 'contactId', 'companyId', 'operationId', 'taskId', 'workflowId', 'executionId'];

/** Differences between an operation of the node and its entry in the public interface. */
export function interfaceProblems(description: INodeTypeDescription, resource: string, operation: string, spec: OperationSpec): string[] {
	const id = `${resource}.${operation}`;
	if (!operationsOf(description, resource).some((option) => option.value === operation)) return [`${id} does not exist`];
	const params = parametersOf(description, resource, operation);
	const problems: string[] = [];
	for (const entry of [...spec.params, ...(spec.list ? ['returnAll', 'limit'] : [])]) {
		const [, name, children] = /^(\w+)(?:\{(.*)\})?$/.exec(entry) as RegExpExecArray;
		// every variant of the parameter: each node version may have its own (displayOptions['@version'])
		const variants = params.filter((p) => p.name === name);
		if (!variants.length) problems.push(`${id} has no parameter ${name}`);
		for (const prop of variants) problems.push(...parameterProblems(id, name, children, prop));
	}
	return problems;
}

/** Differences between one variant of an interface parameter and what the interface says. */
function parameterProblems(id: string, name: string, children: string | undefined, prop: INodeProperties): string[] {
	const problems: string[] = [];
	if (children) {
		if (prop.type !== 'collection') problems.push(`${id}.${name} is a ${prop.type}, not a collection`);
		const options = ((prop.options ?? []) as INodeProperties[]).map((option) => option.name);
		for (const child of children.split(',')) {
			if (!options.includes(child)) problems.push(`${id}.${name} has no option ${child}`);
		}
	}
	if (name === 'returnAll' && (prop.type !== 'boolean' || prop.default !== false)) problems.push(`${id}.returnAll is not a boolean defaulting to false`);
	if (name === 'limit' && (prop.type !== 'number' || prop.default !== 50)) problems.push(`${id}.limit is not a number defaulting to 50`);
	if (RECORD_IDS.includes(name)) {
		const modes = (prop.modes ?? []).map((mode) => mode.name);
		if (prop.type !== 'resourceLocator') problems.push(`${id}.${name} is not a resource locator`);
		else if (!modes.includes('id')) problems.push(`${id}.${name} has no "id" mode`);
		else if (name !== 'operationId' && name !== 'executionId' && !modes.includes('list')) problems.push(`${id}.${name} has no "list" mode`);
	}
	return problems;
}
