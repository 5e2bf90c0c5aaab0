/**
 * Tasks and PG:AI workflows in real n8n (the packed package loaded as a custom extension), run with
 * `n8n execute` against the sandbox: every operation, Return All over the pages of tasks, a task
 * created and read back, a workflow run waited for, one that fails and one that outlives the
 * Completion Timeout, and the 403s naming the scope a read-only key lacks.
 */
import {
	LINE,
	credentialFor,
	expectSuccess,
	itemsOf,
	nodeError,
	setupLine,
	teardownLine,
	workflow,
	type E2eN8n,
	type N8nRun,
	type NodeDef,
	type Sandbox,
} from './helpers';

const READ_ONLY = { id: 'pgaiE2eReadOnly', name: 'PG:AI read only' };
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

let n8n: E2eN8n;
let sandbox: Sandbox;

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine());
	await n8n.importCredentials([credentialFor(sandbox, sandbox.keys.readOnly, READ_ONLY)]);
});
afterAll(() => teardownLine());
beforeEach(() => {
	sandbox.clearRequests();
	// a run finishes 1.5 s after its trigger; the 202 says to come back in 2 s
	sandbox.configure({ executions: { queuedMs: 0, runningMs: 1500 }, workflowExecutions: {} });
});

const run = async (nodes: NodeDef[]): Promise<N8nRun> => await n8n.run(workflow(nodes));
/** A PG:AI node that runs once, on the first item it gets. */
const once = (name: string, parameters: Record<string, unknown>, extra: Partial<NodeDef> = {}): NodeDef => ({ type: 'CUSTOM.pgAi', name, parameters, executeOnce: true, ...extra });
const keepGoing = { onError: 'continueRegularOutput' };

describe(`tasks and PG:AI workflows in real n8n ${LINE === 1 ? '1.123' : '2.40'}`, () => {
	test('every task and workflow operation returns exactly the sandbox’s records; a run is waited for', async () => {
		const tasksBefore = [...sandbox.data.tasks];
		// a company with pending tasks: the filtered list is not empty, and the chain goes on
		const company = tasksBefore.find((t) => t.company_id && t.status === 'pending')!.company_id!;
		const pending = tasksBefore.filter((t) => t.company_id === company && t.status === 'pending');
		const result = expectSuccess(
			await run([
				once('Tasks', { resource: 'task', operation: 'getAll', returnAll: true }),
				once('Company tasks', { resource: 'task', operation: 'getAll', returnAll: true, filters: { companyId: rl(company, 'list'), status: 'pending' } }),
				once('New task', {
					resource: 'task',
					operation: 'create',
					title: 'Follow up after the e2e research',
					additionalFields: { companyId: rl(company, 'list'), dueDate: '2026-05-04T00:00:00', priority: 'high', description: 'Created by the e2e suite' },
				}),
				once('Task', { resource: 'task', operation: 'get', taskId: rl('={{ $json.id }}') }),
				once('Workflows', { resource: 'workflow', operation: 'getAll', returnAll: true }),
				once('Research', {
					resource: 'workflow',
					operation: 'trigger',
					workflowId: rl('wf_account_research', 'list'),
					additionalFields: { companyId: rl(company), parameters: { parameter: [{ name: 'depth', value: 'deep' }] } },
				}),
				once('Execution', { resource: 'workflow', operation: 'getExecution', executionId: rl('={{ $json.execution_id }}') }),
			]),
		);
		// Return All across three pages of the data envelope, every task once and in order
		expect(itemsOf(result, 'Tasks').map((i) => i.json)).toEqual(tasksBefore);
		expect(sandbox.requests.filter((r) => r.path === '/tasks' && r.method === 'GET' && r.query.company_id === undefined)).toHaveLength(3);
		expect(itemsOf(result, 'Company tasks').map((i) => i.json.id)).toEqual(pending.map((t) => t.id));

		const created = itemsOf(result, 'New task').map((i) => i.json);
		expect(created).toEqual([
			expect.objectContaining({ title: 'Follow up after the e2e research', company_id: company, due_date: '2026-05-04', priority: 'high', status: 'pending' }),
		]);
		expect(itemsOf(result, 'Task').map((i) => i.json)).toEqual(created);
		expect(sandbox.data.tasks.map((t) => t.id)).toContain(created[0].id);

		expect(itemsOf(result, 'Workflows').map((i) => i.json)).toEqual(sandbox.data.workflows);
		const [research] = itemsOf(result, 'Research').map((i) => i.json);
		expect(research).toMatchObject({ workflow_id: 'wf_account_research', status: 'completed', result: { outputs: { company_id: company, parameters: { depth: 'deep' } } } });
		expect(String((research.result as { summary: string }).summary)).toContain(sandbox.data.companies.find((c) => c.id === company)!.company_name);
		expect(itemsOf(result, 'Execution').map((i) => i.json)).toEqual([research]);
		const polls = sandbox.requests.filter((r) => r.path.startsWith('/workflows/executions/'));
		// Research polled once, as its Retry-After said; Execution looked once at the finished run
		expect(polls.map((r) => r.path)).toEqual([`/workflows/executions/${String(research.execution_id)}`, `/workflows/executions/${String(research.execution_id)}`]);
	});

	test('a failed run is an error in PG:AI’s words; a run past the Completion Timeout says how to pick it up', async () => {
		// queued 1 s (Retry-After 1), then running ten minutes (Retry-After 600): past a 3 s timeout after one poll
		sandbox.configure({ workflowExecutions: { wf_account_research: { queuedMs: 1000, runningMs: 600_000 } } });
		const company = sandbox.data.accounts[1].company_id;
		const result = expectSuccess(
			await run([
				once('CRM sync', { resource: 'workflow', operation: 'trigger', workflowId: rl('wf_crm_sync'), additionalFields: { companyId: rl(company) } }, keepGoing),
				once(
					'Slow research',
					{ resource: 'workflow', operation: 'trigger', workflowId: rl('wf_account_research'), additionalFields: { companyId: rl(company) }, options: { completionTimeoutSeconds: 3 } },
					keepGoing,
				),
			]),
		);
		const [failed] = itemsOf(result, 'CRM sync').map((i) => i.json);
		expect(failed.error).toMatch(/^PG:AI workflow execution exec_\w+ failed: CRM Sync failed: no CRM integration is connected to this workspace$/);
		const [slow] = itemsOf(result, 'Slow research').map((i) => i.json);
		expect(slow.error).toMatch(/^PG:AI workflow execution exec_\w+ is still running after 3 s$/);
		expect(slow.advice).toMatch(/^It goes on in PG:AI\. Fetch its result later with Workflow → Get Execution and the ID exec_\w+, or raise Completion Timeout\.$/);
		expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/workflows/trigger', '/workflows/trigger']);
		expect(sandbox.requests.filter((r) => r.path.startsWith('/workflows/executions/')).map((r) => r.status)).toEqual([200, 200]);
	});

	test('a read-only key gets the 403 naming tasks:write, and workflows:execute', async () => {
		const readOnly = { credentials: { pgAiApi: READ_ONLY } };
		const result = await run([
			once('New task', { resource: 'task', operation: 'create', title: 'Not allowed' }, { ...readOnly, ...keepGoing }),
			once('Run', { resource: 'workflow', operation: 'trigger', workflowId: rl('wf_account_research') }, readOnly),
		]);
		const [task] = itemsOf(result, 'New task').map((i) => i.json);
		expect(task).toMatchObject({ error: 'Access denied. Required scope: tasks:write', status: 403 });
		expect(task.advice).toContain('lacks the scope "tasks:write"');
		const error = nodeError(result, 'Run');
		expect(error?.message).toContain('workflows:execute');
		expect(error?.description).toContain('lacks the scope "workflows:execute"');
	});
});
