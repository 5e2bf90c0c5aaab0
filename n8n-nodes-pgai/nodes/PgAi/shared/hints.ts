import type { NodeHint } from 'n8n-workflow';

/**
 * What the editor's output pane says about the node. n8n (1.123 and 2.40) evaluates a hint's
 * displayCondition over the node's parameters: no expression there reads a node setting such as
 * Retry On Fail, so the retry hint shows while the pane is empty, before the node has run.
 */
export const HINTS: NodeHint[] = [
	{
		message:
			'PG:AI retries by itself only the request that failed: after a 429, a 503 or a refused connection, and for a read after any server or network failure (Options → Max Retries, Max Wait). n8n’s <b>Retry On Fail</b> (Settings) runs the whole node again: every item and page is read again, while a create that went through in an earlier try is not sent twice.',
		type: 'info',
		location: 'outputPane',
		whenToDisplay: 'beforeExecution',
	},
	{
		message:
			'As an AI Agent’s tool, a refusal by PG:AI, or of input the node cannot send (an empty ID, a malformed email, no search criteria), is the tool’s answer to the model: <code>[{error, status, retryable, advice}]</code>. A misconfigured credential fails the run.',
		type: 'info',
		location: 'outputPane',
		// only a tool has a Description parameter (`@tool`)
		displayCondition: '={{ $parameter.toolDescription !== undefined }}',
	},
];
