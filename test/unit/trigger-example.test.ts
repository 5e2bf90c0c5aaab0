/**
 * The trigger's example workflow stays importable and matches the trigger's description, with the
 * Poll Times parameter n8n's loader adds to every polling node. (The PG:AI action nodes of all
 * examples are checked by examples.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DirectoryLoader } from 'n8n-core';
import { NodeHelpers, type INode, type INodeProperties, type INodeType } from 'n8n-workflow';

import { PgAiTrigger } from '../../n8n-nodes-pgai/nodes/PgAi/PgAiTrigger.node';

interface Workflow {
	id: string;
	name: string;
	versionId: string;
	active: boolean;
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples/trigger-to-crm.json'), 'utf8')) as Workflow;

/** The trigger as n8n loads it: its properties plus Poll Times. */
function loaded(): INodeType {
	const trigger = new PgAiTrigger();
	(DirectoryLoader.prototype as unknown as { applySpecialNodeParameters(node: INodeType): void }).applySpecialNodeParameters(trigger);
	return trigger;
}

describe('examples/trigger-to-crm.json', () => {
	const { description } = loaded();
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-pgai.pgAiTrigger');

	it('is a workflow n8n imports: name, id, versionId, inactive', () => {
		expect(workflow).toMatchObject({ name: expect.any(String), active: false });
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,16}$/);
		expect(workflow.versionId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('starts with the PG:AI Trigger, using the sandbox credential, and feeds a node that shapes CRM rows', () => {
		expect(trigger).toBeDefined();
		expect(trigger?.credentials).toEqual({ pgAiApi: { id: 'pgaiSandboxCred', name: 'PG:AI sandbox' } });
		const next = workflow.connections[trigger!.name].main[0].map((c) => c.node);
		expect(next).toHaveLength(1);
		expect(workflow.nodes.find((node) => node.name === next[0])?.type).toBe('n8n-nodes-base.code');
	});

	it('sets only parameters the trigger has, with values it offers', () => {
		const parameters = trigger!.parameters as Record<string, unknown>;
		const values = NodeHelpers.getNodeParameters(description.properties, parameters as never, true, false, trigger!, description) ?? {};
		for (const [name, value] of Object.entries(parameters)) {
			const property = description.properties.find((p) => p.name === name && NodeHelpers.displayParameter(values, p, trigger!, description));
			expect(property).toBeDefined();
			if (property?.type === 'options') expect(property.options?.map((o) => (o as { value: unknown }).value)).toContain(value);
			if (property?.type === 'collection') {
				const names = (property.options as INodeProperties[]).map((option) => option.name);
				for (const key of Object.keys(value as object)) expect(names).toContain(key);
			}
		}
		expect(parameters.event).toBe('newAccount');
	});
});
