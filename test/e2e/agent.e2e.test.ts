/**
 * PG:AI as an AI Agent's tool in real n8n, the model played by a scripted OpenAI-compatible server
 * (./model-server.ts) behind n8n's OpenAI Chat Model: the model calls the tool with arguments for
 * the schema n8n derived from $fromAI(), n8n runs the tool (the `CUSTOM.pgAiTool` type) against the
 * sandbox, and the tool's answer reaches the model. For AI Agent 1.7 (LangChain's loop, where a
 * thrown error would be an empty answer) and the newest agent of the line.
 */
import { randomUUID } from 'node:crypto';

import { ANSWER_PREFIX, startModelServer, type ModelServer } from './model-server';
import {
	LINE,
	credentialFor,
	expectSuccess,
	itemsOf,
	setupLine,
	teardownLine,
	workflow,
	type E2eN8n,
	type N8nRun,
	type Sandbox,
	type WorkflowJson,
} from './helpers';

const AGENT_VERSIONS = LINE === 1 ? [1.7, 3] : [1.7, 3.1];
const OPENAI_CREDENTIAL = { id: 'scriptedModelCred', name: 'Scripted model' };
const CONTACTS_ONLY = { id: 'pgaiE2eContactsOnly', name: 'PG:AI contacts only' };

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

let n8n: E2eN8n;
let sandbox: Sandbox;
let model: ModelServer;

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine());
	model = await startModelServer();
	await n8n.importCredentials([
		credentialFor(sandbox, sandbox.keys.contactsOnly, CONTACTS_ONLY),
		{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-model', url: model.url } },
	]);
});
afterAll(async () => {
	await model?.close();
	await teardownLine();
});
beforeEach(() => {
	sandbox.clearRequests();
	// a workflow run finishes 1.5 s after its trigger; the 202 says to come back in 2 s
	sandbox.configure({ executions: { queuedMs: 0, runningMs: 1500 } });
});

interface Tool {
	name: string;
	parameters: Record<string, unknown>;
	credential?: { id: string; name: string };
}

/** Manual Trigger → AI Agent of `version`, with the scripted model and the PG:AI tool. */
function agentWorkflow(version: number, tool: Tool): WorkflowJson {
	const base = workflow([
		{ type: '@n8n/n8n-nodes-langchain.agent', name: 'AI Agent', typeVersion: version, parameters: { promptType: 'define', text: 'Help me with my accounts.', options: {} } },
	]);
	const node = (name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, credentials: Record<string, { id: string; name: string }>) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [220, 220] as [number, number],
		parameters,
		credentials,
	});
	base.nodes.push(
		node('OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.2, { model: rl('gpt-4o-mini'), options: {} }, { openAiApi: OPENAI_CREDENTIAL }),
		node(tool.name, 'CUSTOM.pgAiTool', 1, tool.parameters, { pgAiApi: tool.credential ?? { id: 'pgaiE2eCred', name: 'PG:AI sandbox' } }),
	);
	base.connections['OpenAI Chat Model'] = { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] };
	base.connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return base;
}

const searchAccounts: Tool = {
	name: 'Search accounts',
	parameters: {
		resource: 'account',
		operation: 'search',
		query: "={{ $fromAI('query', 'Words to find the accounts by', 'string') }}",
		limit: 10,
	},
};

const getContact: Tool = {
	name: 'Get contact',
	parameters: { resource: 'contact', operation: 'get', contactId: rl("={{ $fromAI('contactId', 'The ID of the contact', 'string') }}") },
};

const createTask: Tool = {
	name: 'Create task',
	parameters: {
		resource: 'task',
		operation: 'create',
		title: "={{ $fromAI('title', 'What is to be done', 'string') }}",
		additionalFields: { priority: 'high' },
	},
};

const researchAccount: Tool = {
	name: 'Research account',
	parameters: {
		resource: 'workflow',
		operation: 'trigger',
		workflowId: rl('wf_account_research'),
		additionalFields: { companyId: rl("={{ $fromAI('companyId', 'The PG:AI company ID of the account', 'string') }}") },
	},
};

/** Runs the agent with the model scripted to call the tool; returns the run and what the tool answered the model. */
async function converse(version: number, tool: Tool, args: Record<string, unknown>): Promise<{ run: N8nRun; answer: string }> {
	model.script({ tool: tool.name.replace(/ /g, '_'), args });
	const run = expectSuccess(await n8n.run(agentWorkflow(version, tool)));
	expect(model.problems).toEqual([]);
	const results = model.toolResults();
	expect(results).toHaveLength(1);
	// the agent's output is the model's last message, which quotes the tool's answer
	expect(itemsOf(run, 'AI Agent')[0].json.output).toBe(`${ANSWER_PREFIX}${results[0]}`);
	streamed.add(model.requests.map((request) => (request.stream ? 'streamed' : 'whole')).join(', '));
	return { run, answer: results[0] };
}

/** The records (or report) a tool answer holds: n8n hands the model the items' JSON as text. */
const parsed = (answer: string) => JSON.parse(answer) as Array<Record<string, unknown>>;

/** What the model received, and whether n8n asked for its answers streamed: printed for the record. */
const findings: string[] = [];
const streamed = new Set<string>();
afterAll(() =>
	process.stderr.write(`\nwhat the model received (n8n line ${LINE}):\n${findings.join('\n')}\nmodel answers n8n asked for: ${[...streamed].join(' | ')}\n`),
);

describe.each(AGENT_VERSIONS)(`PG:AI as a tool of AI Agent %s in n8n ${LINE === 1 ? '1.123' : '2.40'}`, (version) => {
	test('a search reaches PG:AI with the model’s query, and the simplified accounts reach the model', async () => {
		const { answer } = await converse(version, searchAccounts, { query: 'software' });
		const searches = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/accounts/search');
		expect(searches.map((r) => r.body)).toEqual([{ query: 'software' }]);

		const offered = model.toolsOffered().find((spec) => spec.function.name === 'Search_accounts');
		expect(offered?.function.description).toMatch(/ID, company ID, name, domain, tier and score.*Limit of 10/);
		expect(Object.keys(offered?.function.parameters?.properties ?? {})).toEqual(['query']);

		const accounts = parsed(answer);
		expect(accounts).toHaveLength(10);
		const known = new Map(sandbox.data.accounts.map((a) => [a.id, a]));
		for (const account of accounts) {
			const whole = known.get(String(account.id));
			expect(whole).toBeDefined();
			expect(account).toEqual({ id: whole?.id, company_id: whole?.company_id, name: whole?.name, domain: whole?.domain, tier: whole?.tier, score: whole?.score });
		}
		expect(answer.length).toBeLessThanOrEqual(2000);
		findings.push(`agent ${version}, search: ${answer.length} characters, ${accounts.length} accounts, first ${JSON.stringify(accounts[0])}`);
	});

	test('a get reaches PG:AI with the model’s ID, and the contact reaches the model', async () => {
		const contact = sandbox.data.contacts[3];
		const { answer } = await converse(version, getContact, { contactId: contact.id });
		expect(sandbox.requests.filter((r) => r.path.startsWith('/contacts')).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /contacts/${contact.id}`]);
		expect(parsed(answer)).toEqual([
			expect.objectContaining({ id: contact.id, name: contact.full_name, email: contact.email, company: contact.company?.name }),
		]);
		findings.push(`agent ${version}, get: ${answer}`);
	});

	test('a task the model asks for is created, and the new task reaches the model', async () => {
		const { answer } = await converse(version, createTask, { title: `Call the buying committee (agent ${version})` });
		expect(sandbox.requests.filter((r) => r.path === '/tasks').map((r) => [r.method, r.status, r.body])).toEqual([
			['POST', 201, { title: `Call the buying committee (agent ${version})`, priority: 'high' }],
		]);
		const [task] = parsed(answer);
		expect(task).toMatchObject({ title: `Call the buying committee (agent ${version})`, priority: 'high', status: 'pending' });
		expect(sandbox.data.tasks.find((t) => t.id === task.id)).toBeDefined();
		expect(model.toolsOffered().find((spec) => spec.function.name === 'Create_task')?.function.description).toMatch(/^Create a task in PG:AI: .+ Answers with the new task/);
		findings.push(`agent ${version}, task: ${answer}`);
	});

	test('a workflow run the model asks for is waited for, and its result reaches the model', async () => {
		const account = sandbox.data.accounts[2];
		const { answer } = await converse(version, researchAccount, { companyId: account.company_id });
		expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ workflow_id: 'wf_account_research', company_id: account.company_id }]);
		const [execution] = parsed(answer);
		expect(execution).toMatchObject({ workflow_id: 'wf_account_research', status: 'completed', result: { outputs: { company_id: account.company_id } } });
		expect(String((execution.result as { summary: string }).summary)).toContain(account.name);
		expect(model.toolsOffered().find((spec) => spec.function.name === 'Research_account')?.function.description).toMatch(/^Trigger a workflow in PG:AI: .+ Answers with the finished execution/);
		findings.push(`agent ${version}, workflow run: ${answer.length} characters, ${String((execution.result as { summary: string }).summary)}`);
	});

	test('a 403 reaches the model as text naming the missing scope, and the run goes on', async () => {
		const { answer } = await converse(version, { ...searchAccounts, credential: CONTACTS_ONLY }, { query: 'software' });
		expect(sandbox.requests.filter((r) => r.path === '/accounts/search').map((r) => r.status)).toEqual([403]);
		expect(parsed(answer)).toEqual([
			{
				error: 'Access denied. Required scope: accounts:read',
				status: 403,
				code: 'forbidden',
				retryable: false,
				advice: expect.stringContaining('The API key lacks the scope "accounts:read"'),
			},
		]);
		expect(answer).not.toContain(sandbox.keys.contactsOnly);
		findings.push(`agent ${version}, 403: ${answer}`);
	});

	test('a 404 reaches the model as text naming the missing record, and the run goes on', async () => {
		const { answer } = await converse(version, getContact, { contactId: 'no-such-contact' });
		expect(sandbox.requests.filter((r) => r.path.startsWith('/contacts')).map((r) => `${r.status} ${r.path}`)).toEqual(['404 /contacts/no-such-contact']);
		expect(parsed(answer)).toEqual([
			{ error: 'Contact not found', status: 404, retryable: false, advice: expect.stringContaining('GET /contacts/no-such-contact') },
		]);
		findings.push(`agent ${version}, 404: ${answer}`);
	});
});
