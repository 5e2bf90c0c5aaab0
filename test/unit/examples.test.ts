import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, type INode, type INodeProperties, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

/* eslint-disable @typescript-eslint/no-require-imports */
const { PgAi } = require('../../n8n-nodes-pgai/dist/nodes/PgAi/PgAi.node.js') as { PgAi: new () => INodeType };

const EXAMPLES = join(__dirname, '../../examples');
const description = new PgAi().description as INodeTypeDescription;
/** Parameters shown only when the node is an AI Agent's tool. */
const TOOL_PARAMETERS = new Set(['toolDescription']);

const examples = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: INode[]; connections: Record<string, unknown> } }));

const pgAiNodes = examples.flatMap(({ file, workflow }) =>
	workflow.nodes.filter((node) => /\.pgAi(Tool)?$/.test(node.type)).map((node) => ({ file, node })),
);

/** The parameter names a node's saved parameters use that its description does not offer where they are set. */
function unknownParameters(properties: INodeProperties[], parameters: Record<string, unknown>, node: INode): string[] {
	// Decide what is shown as the editor does: with the defaults of everything not set.
	const context = NodeHelpers.getNodeParameters(properties, parameters as never, true, false, node, description) ?? {};
	return Object.entries(parameters).flatMap(([name, value]) => {
		if (TOOL_PARAMETERS.has(name)) return [];
		const shown = properties.filter((p) => p.name === name && NodeHelpers.displayParameter(context, p, node, description));
		if (!shown.length) return [name];
		const property = shown[0];
		if (property.type === 'collection' && value && typeof value === 'object') {
			const options = (property.options ?? []) as INodeProperties[];
			return Object.keys(value).filter((key) => !options.some((option) => option.name === key)).map((key) => `${name}.${key}`);
		}
		if (property.type === 'options') {
			const allowed = (property.options ?? []).map((option) => (option as { value: unknown }).value);
			return allowed.includes(value) || String(value).startsWith('=') ? [] : [`${name}=${String(value)}`];
		}
		if (property.type === 'resourceLocator') {
			const mode = (value as { mode?: string }).mode;
			return property.modes?.some((m) => m.name === mode) ? [] : [`${name} (mode ${mode})`];
		}
		return [];
	});
}

describe('the example workflows match the node', () => {
	it('there are examples, and they use the PG:AI node', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
		expect(pgAiNodes.length).toBeGreaterThanOrEqual(6);
	});

	it.each(pgAiNodes.map(({ file, node }) => [`${file}: ${node.name}`, node] as const))('%s sets only parameters the node has', (_, node) => {
		expect(unknownParameters(description.properties, node.parameters as Record<string, unknown>, node)).toEqual([]);
	});

	it.each(examples.map(({ file, workflow }) => [file, workflow] as const))('%s connects only nodes it has', (_, workflow) => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		const targets = JSON.stringify(workflow.connections).match(/"node":"[^"]+"/g) ?? [];
		for (const target of targets) expect(names).toContain(target.slice(8, -1));
		for (const source of Object.keys(workflow.connections)) expect(names).toContain(source);
	});

	it('the checker catches a parameter the node does not have', () => {
		const node = { ...pgAiNodes[0].node, parameters: { resource: 'contact', operation: 'getAll', pageSize: 10 } };
		expect(unknownParameters(description.properties, node.parameters as Record<string, unknown>, node)).toEqual(['pageSize']);
		const wrongOperation = { ...node, parameters: { resource: 'contact', operation: 'delete' } };
		expect(unknownParameters(description.properties, wrongOperation.parameters as Record<string, unknown>, wrongOperation)).toEqual(['operation=delete']);
	});
});
