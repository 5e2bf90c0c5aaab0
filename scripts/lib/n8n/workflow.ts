/** What is imported into n8n: workflows and credentials as `n8n import:*` reads them. */

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface NodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion?: number;
	position?: number[];
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
	[k: string]: unknown;
}

/** One connection: to input `index` of `node`. */
export interface ConnectionJson {
	node: string;
	type: string;
	index: number;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: NodeJson[];
	/** per source node and connection type ('main', 'ai_tool', …): the targets of each output */
	connections: Record<string, Record<string, Array<ConnectionJson[] | null>>>;
	active?: boolean;
	versionId?: string;
	settings?: Record<string, unknown>;
	meta?: Record<string, unknown>;
	[k: string]: unknown;
}

/** n8n treats longer ids, or other characters, as invalid (isWorkflowIdValid): its runs are not tied to the workflow. */
export function isValidWorkflowId(id: unknown): id is string {
	return typeof id === 'string' && /^[A-Za-z0-9]{1,16}$/.test(id);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random workflow id (letters and digits). */
export function randomId(length = 16): string {
	let s = '';
	for (let i = 0; i < length; i++) s += ALNUM[Math.floor(Math.random() * ALNUM.length)];
	return s;
}
