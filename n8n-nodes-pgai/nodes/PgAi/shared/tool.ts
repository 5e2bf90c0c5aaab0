import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Whether n8n runs the node as an AI Agent's tool. n8n (1.123 and 2.x alike) runs a tool under a
 * node type it derives from the node's, named with `Tool` appended (`CUSTOM.pgAiTool`,
 * `n8n-nodes-pgai.pgAiTool`), and the workflow's node carries that type.
 */
export const runsAsTool = (node: INode): boolean => node.type.endsWith('Tool');

/** An operation of the Operation selector, with what its answer holds, for the model. */
export interface Operation extends INodePropertyOptions {
	value: string;
	action: string;
	/** What the answer holds and, for lists, how big a Limit suits; the tool description's second half. */
	answer: string;
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

const REFUSAL = 'When PG:AI refuses, or the node refuses the input before sending it, the answer is [{error, status, retryable, advice}] instead.';

/**
 * The Description an agent's model reads, one per operation, filled in for the operation chosen.
 * n8n's own automatic description is the operation's action alone ("Search accounts in PG:AI"),
 * and a longer action would become the name n8n gives the node, which is the tool's name. Declaring
 * `toolDescription` keeps n8n from adding its own; a description the user writes replaces it.
 */
export function toolDescriptions(resource: string, operations: Operation[]): INodeProperties[] {
	return operations.map((operation) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: `${operation.action} in PG:AI: ${lowerFirst(operation.description ?? '')}. ${operation.answer} ${REFUSAL}`,
		description: 'What the AI Agent’s model reads about this tool: what it does and what it answers with',
		displayOptions: { show: { resource: [resource], operation: [operation.value], '@tool': [true] } },
	}));
}
