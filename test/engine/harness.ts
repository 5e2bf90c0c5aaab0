/**
 * Runs the built node (dist/) through n8n's own engine: WorkflowExecute and its RoutingNode, with
 * the real HTTP helpers, against the sandbox. Only what n8n's server would supply around a run is
 * provided here: node types, a credentials store, and the execution's additional data.
 */
import { DirectoryLoader, ExecutionLifecycleHooks, LoadOptionsContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';

/* eslint-disable @typescript-eslint/no-require-imports */
type ListSearch = (this: unknown, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;
type LoadOptions = (this: unknown) => Promise<INodePropertyOptions[]>;
const { PgAi } = require('../../n8n-nodes-pgai/dist/nodes/PgAi/PgAi.node.js') as {
	PgAi: new () => INodeType & { methods: { listSearch: Record<string, ListSearch>; loadOptions: Record<string, LoadOptions> } };
};
const { PgAiApi } = require('../../n8n-nodes-pgai/dist/credentials/PgAiApi.credentials.js') as {
	PgAiApi: new () => { authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions> };
};

export const PGAI_NODE = 'PG:AI';
const SOURCE_NODE = 'Input';

/** Emits the items given in its `items` parameter: the input of the node under test. */
const inputNode: INodeType = {
	description: {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Test input items',
		defaults: { name: SOURCE_NODE },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	},
	async execute(this: IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: Math.min(index, 0) } }))];
	},
};

const pgAi = new PgAi();
// As n8n's loader does: every declarative node gets the Request Options (batching, timeout, proxy).
DirectoryLoader.applyDeclarativeNodeOptionParameters(pgAi);
// As n8n's NodeTypes service does: a declarative node runs through RoutingNode inside an execute
// method, so that it gets the execution's context, cancel signal included.
pgAi.execute = async function (this: IExecuteFunctions) {
	return (await new RoutingNode(this as never, pgAi).runNode()) ?? [];
};
// As n8n derives the tool an AI Agent uses: a type named after the node's with `Tool` appended,
// whose description says so, running the node's own execute.
const pgAiTool: INodeType = Object.create(pgAi, { description: { value: { ...pgAi.description, name: 'pgAiTool', displayName: 'PG:AI Tool' } } });
const types: Record<string, INodeType> = { 'CUSTOM.pgAi': pgAi, 'CUSTOM.pgAiTool': pgAiTool, 'test.input': inputNode };

const nodeTypes: INodeTypes = {
	getByName: (type) => types[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
	getKnownTypes: () => ({}),
};

export interface Credentials {
	apiKey: string;
	baseUrl: string;
	/** The Allowed HTTP Request Domains n8n 2.x adds to the credential: 'all', 'domains' or 'none'. */
	allowedHttpRequestDomains?: string;
	allowedDomains?: string;
}

/** The request options n8n's HTTP helper authenticated and sent, in order (tests clear it). */
export const sent: IHttpRequestOptions[] = [];

class CredentialsStore extends ICredentialsHelper {
	constructor(private readonly credentials: () => Credentials) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** The credential's own authenticate, called as n8n calls it. */
	async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
		sent.push({ ...options });
		return await new PgAiApi().authenticate(credentials, options);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the engine for this node');
	}

	async getDecrypted() {
		return { ...this.credentials() } as unknown as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return [];
	}
}

function additionalData(credentials: () => Credentials): IWorkflowExecuteAdditionalData {
	const url = 'http://localhost:5678/';
	return {
		credentialsHelper: new CredentialsStore(credentials),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${url}rest`,
		instanceBaseUrl: url,
		formBaseUrl: `${url}form`,
		formWaitingBaseUrl: `${url}form-waiting`,
		formTestBaseUrl: `${url}form-test`,
		webhookBaseUrl: `${url}webhook`,
		webhookWaitingBaseUrl: `${url}webhook-waiting`,
		webhookTestBaseUrl: `${url}webhook-test`,
		mcpBaseUrl: `${url}mcp`,
		mcpTestBaseUrl: `${url}mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** The PG:AI node's parameters (resource, operation, …). */
	parameters: INodeParameters;
	credentials: Credentials;
	/** The node's input items; one empty item by default. */
	input?: IDataObject[];
	/** Node settings such as continueOnFail. */
	settings?: Partial<INode>;
	/** Cancels the execution, as the editor's Stop button does, once this turns true. */
	cancelWhen?: () => boolean;
	/** Runs the node as n8n runs it for an AI Agent: as the derived `CUSTOM.pgAiTool` type. */
	asTool?: boolean;
	/** The node's typeVersion, as saved; 1 (a workflow saved before 1.1) unless given. */
	typeVersion?: number;
}

export interface NodeRun {
	run: IRun;
	/** The PG:AI node's output items. */
	items: INodeExecutionData[];
	/** The error that stopped the run, if one did. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	/** The whole run as JSON, for scanning for secrets. */
	serialized: string;
}

/** Runs Input → PG:AI once, as n8n runs a manual execution, and returns the PG:AI node's output. */
export async function runNode({ parameters, credentials, input = [{}], settings = {}, cancelWhen, asTool, typeVersion = 1 }: RunOptions): Promise<NodeRun> {
	const nodes: INode[] = [
		{
			id: 'input',
			name: SOURCE_NODE,
			type: 'test.input',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(input) },
		},
		{
			id: 'pgai',
			name: PGAI_NODE,
			type: asTool ? 'CUSTOM.pgAiTool' : 'CUSTOM.pgAi',
			typeVersion,
			position: [200, 0],
			parameters,
			credentials: { pgAiApi: { id: 'cred', name: 'PG:AI' } },
			...settings,
		},
	];
	const workflow = new Workflow({
		id: 'engine-test',
		name: 'engine test',
		nodes,
		connections: { [SOURCE_NODE]: { main: [[{ node: PGAI_NODE, type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const data = additionalData(() => credentials);
	data.hooks = new ExecutionLifecycleHooks('manual', 'engine-test', {
		id: 'engine-test',
		name: 'engine test',
		nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const execute = new WorkflowExecute(data, 'manual');
	const execution = execute.run({ workflow, startNode: workflow.getNode(SOURCE_NODE)! });
	if (cancelWhen) {
		const watch = setInterval(() => {
			if (!cancelWhen()) return;
			clearInterval(watch);
			execution.cancel();
		}, 20);
		void execution.finally(() => clearInterval(watch)).catch(() => undefined);
	}
	const run = await execution;
	const taskData = run.data.resultData.runData[PGAI_NODE]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (run.data.resultData.error ?? taskData?.error) as NodeRun['error'];
	return { run, items, error, serialized: JSON.stringify(run, (_, value) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value)) };
}

export const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

/** Calls a resource locator's list search as the editor does, through n8n's LoadOptionsContext. */
export async function listSearch(
	method: string,
	credentials: Credentials,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'pgai',
		name: PGAI_NODE,
		type: 'CUSTOM.pgAi',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'contact', operation: 'get' },
		credentials: { pgAiApi: { id: 'cred', name: 'PG:AI' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(workflow, node, additionalData(() => credentials), 'parameters.contactId');
	return await new PgAi().methods.listSearch[method].call(context, filter, paginationToken);
}

/** Calls a dropdown's options method (loadOptionsMethod) as the editor does, through n8n's LoadOptionsContext. */
export async function loadOptions(method: string, credentials: Credentials): Promise<INodePropertyOptions[]> {
	const node: INode = {
		id: 'pgai',
		name: PGAI_NODE,
		type: 'CUSTOM.pgAi',
		typeVersion: 1.1,
		position: [0, 0],
		parameters: { resource: 'account', operation: 'search' },
		credentials: { pgAiApi: { id: 'cred', name: 'PG:AI' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(workflow, node, additionalData(() => credentials), 'parameters.filters.territoryIds');
	return await new PgAi().methods.loadOptions[method].call(context);
}

/* The PG:AI Trigger, polled as n8n polls it: a PollContext and n8n-core's own poll tick. */

const { PgAiTrigger } = require('../../n8n-nodes-pgai/dist/nodes/PgAi/PgAiTrigger.node.js') as { PgAiTrigger: new () => INodeType };
types['CUSTOM.pgAiTrigger'] = new PgAiTrigger();

export const TRIGGER_NODE = 'PG:AI Trigger';

export interface PollOptions {
	/** The trigger's parameters (event, territoryId, filters, options). */
	parameters: INodeParameters;
	credentials: Credentials;
	/**
	 * The workflow's static data as n8n keeps it between polls, as plain JSON. Each poll starts from
	 * a copy and writes its changes back, also when it fails: the node alone decides what it keeps.
	 */
	staticData: IDataObject;
	/** The poll n8n runs on activation (a failure fails the activation), or a scheduled one (default). */
	tick?: 'activation' | 'scheduled';
}

export interface PollRun {
	/** The items n8n starts an execution with; empty when the poll emitted nothing. */
	items: INodeExecutionData[];
	/** Whether the poll emitted (n8n starts an execution only then). */
	emitted: boolean;
	/** What n8n records as a failed execution, or, on activation, what fails the activation. */
	error?: Error & { description?: string; httpCode?: string };
}

function triggerWorkflow(parameters: INodeParameters, staticData: IDataObject, active: boolean): Workflow {
	const node: INode = {
		id: 'trigger',
		name: TRIGGER_NODE,
		type: 'CUSTOM.pgAiTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { pgAiApi: { id: 'cred', name: 'PG:AI' } },
	};
	return new Workflow({
		id: 'engine-trigger',
		name: 'engine trigger',
		nodes: [node],
		connections: {},
		active,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		settings: { executionOrder: 'v1' },
	});
}

/** Writes the workflow's static data back as n8n saves it: plain JSON, without its change flag. */
function keepStaticData(workflow: Workflow, into: IDataObject): void {
	const saved = JSON.parse(JSON.stringify(workflow.staticData, (key, value) => (key === '__dataChanged' ? undefined : value))) as IDataObject;
	for (const key of Object.keys(into)) delete into[key];
	Object.assign(into, saved);
}

/** One poll of the active workflow's trigger: mode 'trigger', run by n8n-core's PollTriggerExecutor. */
export async function poll({ parameters, credentials, staticData, tick = 'scheduled' }: PollOptions): Promise<PollRun> {
	const workflow = triggerWorkflow(parameters, staticData, true);
	const node = workflow.getNode(TRIGGER_NODE)!;
	const emitted: INodeExecutionData[][][] = [];
	let error: PollRun['error'];
	const context = new PollContext(
		workflow,
		node,
		additionalData(() => credentials),
		'trigger',
		'activate',
		(data) => void emitted.push(data),
		(failure) => {
			error = failure as PollRun['error'];
		},
	);
	try {
		// On activation n8n runs the tick as a test: errors are thrown instead of reported.
		await Container.get(PollTriggerExecutor).create(workflow, node, context, () => true)(tick === 'activation');
	} catch (failure) {
		error = failure as PollRun['error'];
	}
	keepStaticData(workflow, staticData);
	return { items: emitted.flatMap((data) => data[0] ?? []), emitted: emitted.length > 0, error };
}

/** The editor's test run of the trigger: a manual execution that starts at it, as runNode runs one. */
export async function pollManually({ parameters, credentials, staticData }: Omit<PollOptions, 'tick'>): Promise<PollRun> {
	const workflow = triggerWorkflow(parameters, staticData, false);
	const data = additionalData(() => credentials);
	data.hooks = new ExecutionLifecycleHooks('manual', 'engine-trigger', {
		id: 'engine-trigger',
		name: 'engine trigger',
		nodes: Object.values(workflow.nodes),
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const run = await new WorkflowExecute(data, 'manual').run({ workflow, startNode: workflow.getNode(TRIGGER_NODE)! });
	keepStaticData(workflow, staticData);
	const taskData = run.data.resultData.runData[TRIGGER_NODE]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	return { items, emitted: items.length > 0, error: (run.data.resultData.error ?? taskData?.error) as PollRun['error'] };
}
