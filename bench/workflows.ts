/**
 * The two contestants of every scenario, as importable workflows: the PG:AI node, and n8n's own
 * HTTP Request node set up the way a capable user would set it up for the same job.
 *
 * HTTP Request (typeVersion 4.2, the version both n8n lines offer):
 * - authentication: a Header Auth credential sending x-api-key (the API's documented header);
 * - lists: GET /contacts?per_page=50 with Options → Pagination, "Update a Parameter in Each Request"
 *   page = {{ $pageCount + 1 }}, complete when {{ $response.body.nextPage === null || $response.body.has_next === false }}, and, where the
 *   API is rate limited, Interval Between Requests = window / limit (what the limit allows at most);
 *   every page is one item, so a Split Out node on `items` follows: both contestants then output
 *   one item per contact;
 * - fan-out: GET /contacts/{{ $json.id }} per input item, Options → Batching with
 *   Items per Batch = the limit and Batch Interval = the window;
 * - Settings → Retry On Fail at n8n's maximum: 5 tries, 5000 ms apart.
 */
import { randomUUID } from 'node:crypto';
import type { CredentialJson, WorkflowJson } from '../scripts/lib/n8n';
import { SANDBOX_KEY } from './lib/sandbox';

export const PGAI_CREDENTIAL = { id: 'benchPgAiCred', name: 'PG:AI sandbox (bench)' } as const;
export const HEADER_CREDENTIAL = { id: 'benchHeaderCred', name: 'PG:AI x-api-key (bench)' } as const;

/** Node names the bench reads the run data of. */
export const NODE = {
	pgai: 'PG:AI',
	http: 'HTTP Request',
	split: 'Split Out',
	ids: 'Contact IDs',
	splitIds: 'One item per ID',
	floor: 'Floor',
} as const;

export function credentials(baseUrl: string, apiKey: string): CredentialJson[] {
	return [
		{ ...PGAI_CREDENTIAL, type: 'pgAiApi', data: { apiKey, baseUrl } },
		{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'x-api-key', value: apiKey } },
	];
}

/** n8n's Retry On Fail at its maximum (the editor allows at most 5 tries and 5000 ms between them). */
export const RETRY_ON_FAIL_MAX = { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 } as const;

interface NodeJson {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	[k: string]: unknown;
}

const MANUAL_TRIGGER: NodeJson = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

function chain(id: string, name: string, nodes: NodeJson[], trigger = MANUAL_TRIGGER): WorkflowJson {
	const all: NodeJson[] = [trigger, ...nodes];
	const built = all.map((node, i) => ({ id: randomUUID(), position: [i * 220, 0], ...node }));
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < built.length; i++) {
		connections[built[i].name] = { main: [[{ node: built[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes: built, connections, active: false, versionId: randomUUID(), settings: { executionOrder: 'v1' } };
}

const pgaiNode = (parameters: Record<string, unknown>): NodeJson => ({
	name: NODE.pgai,
	type: 'CUSTOM.pgAi',
	typeVersion: 1,
	parameters,
	credentials: { pgAiApi: { ...PGAI_CREDENTIAL } },
});

const httpNode = (url: string, options: Record<string, unknown>, query: Array<{ name: string; value: string }> = []): NodeJson => ({
	name: NODE.http,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendQuery: query.length > 0,
		queryParameters: { parameters: query },
		options,
	},
	credentials: { httpHeaderAuth: { ...HEADER_CREDENTIAL } },
	...RETRY_ON_FAIL_MAX,
});

const splitOut = (name: string, field: string): NodeJson => ({
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

/** PG:AI Contact → Get Many, Return All. */
export function pgaiExport(id: string): WorkflowJson {
	return chain(id, `bench ${id}: PG:AI contact export`, [pgaiNode({ resource: 'contact', operation: 'getAll', returnAll: true })]);
}

/**
 * HTTP Request with n8n's pagination over GET /contacts, then Split Out on `items`.
 * `intervalMs`: Interval Between Requests (0 = none).
 */
export function httpExport(id: string, baseUrl: string, intervalMs: number): WorkflowJson {
	const pagination = {
		pagination: {
			paginationMode: 'updateAParameterInEachRequest',
			parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
			paginationCompleteWhen: 'other',
			// nextPage in the current envelope, has_next where the envelope has only that
			completeExpression: '={{ $response.body.nextPage === null || $response.body.has_next === false }}',
			requestInterval: intervalMs,
		},
	};
	return chain(id, `bench ${id}: HTTP Request contact export`, [
		httpNode(`${baseUrl}/contacts`, { pagination }, [{ name: 'per_page', value: '50' }]),
		splitOut(NODE.split, 'items'),
	]);
}

/** A Set node holding the ids, then one item per id: the same input for both fan-out contestants. */
function idItems(ids: string[]): NodeJson[] {
	return [
		{
			name: NODE.ids,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ id: ids }), options: {} },
		},
		splitOut(NODE.splitIds, 'id'),
	];
}

/** PG:AI Contact → Get for each input item. */
export function pgaiFanOut(id: string, ids: string[]): WorkflowJson {
	return chain(id, `bench ${id}: PG:AI contact get ×${ids.length}`, [
		...idItems(ids),
		pgaiNode({ resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
	]);
}

/** HTTP Request GET /contacts/{id} per input item, batched to the limit. */
export function httpFanOut(id: string, baseUrl: string, ids: string[], batch: { size: number; intervalMs: number }): WorkflowJson {
	return chain(id, `bench ${id}: HTTP Request contact get ×${ids.length}`, [
		...idItems(ids),
		httpNode(`=${baseUrl}/contacts/{{ $json.id }}`, { batching: { batch: { batchSize: batch.size, batchInterval: batch.intervalMs } } }),
	]);
}

/** The bare declarative node of bench/floor/ for each input item, the API answering at once. */
export function floorFanOut(id: string, baseUrl: string, ids: string[]): WorkflowJson {
	return chain(id, `bench ${id}: bare declarative contact get ×${ids.length}`, [
		...idItems(ids),
		{
			name: NODE.floor,
			type: 'CUSTOM.pgAiFloor',
			typeVersion: 1,
			parameters: { baseUrl, apiKey: SANDBOX_KEY, contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		},
	]);
}

/** Only a trigger: the n8n process's memory without any data, the baseline of the memory scenario. */
export function idle(id: string): WorkflowJson {
	return chain(id, `bench ${id}: idle`, []);
}

/**
 * The same workflow started by a Webhook (POST /webhook/<path>, answered at once) instead of the
 * Manual Trigger: in queue mode, main receives the call and a worker runs the execution.
 */
export function onWebhook(workflow: WorkflowJson, path: string): WorkflowJson {
	const [start, ...nodes] = workflow.nodes as NodeJson[];
	if (start.name !== MANUAL_TRIGGER.name) throw new Error(`${workflow.id} does not start with the Manual Trigger`);
	const webhook: NodeJson = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	return chain(workflow.id, workflow.name.replace(/^bench/, 'bench (webhook)'), nodes.map(({ id: _id, position: _p, ...n }) => n as NodeJson), webhook);
}
