/**
 * PG:AI workflows (§8) through n8n's engine: the bare list, a run triggered and waited for by the
 * same mechanism as §6 operations (Retry-After, Completion Timeout, cancellation, a failed run), and
 * an execution looked at later. Executions advance by the sandbox's real clock here: each wait below
 * is the Retry-After the sandbox sends, one or two seconds.
 */
import { runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox();
const DEFAULT_TIMING = { queuedMs: 1000, runningMs: 4000 };
afterEach(() => env.sandbox.configure({ executions: DEFAULT_TIMING, workflowExecutions: {} }));

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: { resource: 'workflow', ...parameters } as never, credentials: env.credentials, ...extra });
const company = () => env.sandbox.data.accounts[0].company_id;
const research = (extra: Record<string, unknown> = {}) => ({
	operation: 'trigger',
	workflowId: rl('wf_account_research'),
	additionalFields: { companyId: rl(company()) },
	...extra,
});
const triggers = () => env.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/workflows/trigger');
const polls = () => env.sandbox.requests.filter((r) => r.path.startsWith('/workflows/executions/'));

describe('workflow.getAll', () => {
	it('returns the bare list, every workflow once; Limit applies', async () => {
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json)).toEqual(env.sandbox.data.workflows);
		const two = await run({ operation: 'getAll', limit: 2 });
		expect(two.items.map((i) => i.json.id)).toEqual(env.sandbox.data.workflows.slice(0, 2).map((w) => w.id));
	});
});

describe('workflow.trigger: waited for as PG:AI says', () => {
	it('waits as long as Retry-After says and returns the finished execution with its result', async () => {
		// The run finishes 1.5 s after the trigger; the 202 says to come back in 2 s: one poll sees it done.
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 1500 } });
		const { items, error } = await run(research());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const account = env.sandbox.data.accounts[0];
		expect(items[0].json).toMatchObject({
			workflow_id: 'wf_account_research',
			status: 'completed',
			result: { summary: expect.stringContaining(account.name), outputs: { company_id: company() } },
		});
		expect(triggers().map((r) => r.body)).toEqual([{ workflow_id: 'wf_account_research', company_id: company() }]);
		expect(polls().map((r) => [r.path, r.status])).toEqual([[`/workflows/executions/${String(items[0].json.execution_id)}`, 200]]);
	});

	it('returns the accepted execution at once when Wait for Completion is off', async () => {
		const { items } = await run(research({ options: { waitForCompletion: false } }));
		expect(items[0].json).toMatchObject({ workflow_id: 'wf_account_research', status: 'queued', execution_id: expect.stringMatching(/^exec_/) });
		expect(polls()).toHaveLength(0);
	});

	it('a failed run is an error in PG:AI’s words', async () => {
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 500 } });
		const { error } = await run({ ...research(), workflowId: rl('wf_crm_sync') });
		expect(error?.message).toMatch(/^PG:AI workflow execution exec_\w+ failed: CRM Sync failed: no CRM integration is connected to this workspace$/);
		expect(error?.description).toBe('The workflow execution ended in PG:AI with this error; nothing was retried.');
		expect(triggers()).toHaveLength(1);
	});

	it('an execution that ends cancelled is an error that says so', async () => {
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 500 } });
		env.sandbox.inject({ method: 'GET', path: /^\/workflows\/executions\//, fault: { type: 'status', status: 200, body: { execution_id: 'exec_x', status: 'cancelled' } } });
		const { error } = await run(research());
		expect(error?.message).toMatch(/^PG:AI workflow execution exec_\w+ ended cancelled: no reason given$/);
	});

	it('stops waiting at the Completion Timeout, after the polls that fit, and says how to pick the run up later', async () => {
		// queued 1 s (Retry-After 1), then running for a minute (Retry-After 60): past a 5 s timeout
		env.sandbox.configure({ workflowExecutions: { wf_account_research: { queuedMs: 1000, runningMs: 60_000 } } });
		const { error } = await run(research({ options: { completionTimeoutSeconds: 5 } }));
		expect(error?.message).toMatch(/^PG:AI workflow execution (exec_\w+) is still running after 5 s$/);
		const id = /(exec_\w+)/.exec(error?.message ?? '')?.[1];
		expect(error?.description).toBe(`It goes on in PG:AI. Fetch its result later with Workflow → Get Execution and the ID ${id}, or raise Completion Timeout.`);
		expect(polls().map((r) => r.path)).toEqual([`/workflows/executions/${id}`]);
	});

	it('stops waiting as soon as the execution is cancelled', async () => {
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 120_000 } });
		const { error } = await run(research(), { cancelWhen: () => triggers().length > 0 });
		// Without cancellation this run would wait 120 s for the Retry-After, past the test's timeout.
		expect(error?.message).toBe('The execution was cancelled manually');
		expect(polls()).toHaveLength(0);
	});
});

describe('workflow.trigger: what is sent', () => {
	it('parameters from JSON and name–value pairs, the pairs over the JSON; a contact left empty is not sent', async () => {
		const { items } = await run(
			research({
				additionalFields: {
					companyId: rl(company()),
					contactId: rl(''),
					parametersJson: '{"depth": "deep", "sources": ["news"], "max": 3}',
					parameters: { parameter: [{ name: 'depth', value: 'shallow' }, { name: 'lang', value: 'de' }] },
				},
				options: { waitForCompletion: false },
			}),
		);
		expect(items[0].json.status).toBe('queued');
		expect(triggers().map((r) => r.body)).toEqual([
			{ workflow_id: 'wf_account_research', company_id: company(), parameters: { depth: 'shallow', sources: ['news'], max: 3, lang: 'de' } },
		]);
	});

	it('refuses parameters that are no JSON object, and a run without its workflow, before sending', async () => {
		expect((await run(research({ additionalFields: { parametersJson: '[1, 2]' } }))).error?.message).toBe('Parameters (JSON) must be a JSON object');
		expect((await run(research({ additionalFields: { parametersJson: '{depth: deep}' } }))).error?.message).toBe('Parameters (JSON) must be a JSON object');
		expect((await run(research({ workflowId: rl(' ') }))).error?.message).toBe('Workflow ID is empty');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('PG:AI’s own refusals: the workflow’s missing target, an inactive workflow, a key without workflows:execute', async () => {
		expect((await run({ operation: 'trigger', workflowId: rl('wf_account_research') })).error?.message).toBe('company_id is required by the workflow "Account Research"');
		expect((await run({ operation: 'trigger', workflowId: rl('wf_territory_rebalance') })).error?.message).toBe('Workflow "Territory Rebalance" is not active');
		const forbidden = await run(research(), { credentials: { ...env.credentials, apiKey: env.sandbox.keys.readOnly } });
		expect(forbidden.error?.httpCode).toBe('403');
		expect(forbidden.error?.description).toContain('lacks the scope "workflows:execute"');
	});
});

describe('workflow.getExecution', () => {
	it('looks at a run as it is, or waits for it', async () => {
		const triggered = async () => String((await run(research({ options: { waitForCompletion: false } }))).items[0].json.execution_id);
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 600_000 } });
		const long = await triggered();
		const look = await run({ operation: 'getExecution', executionId: rl(long) });
		expect(look.items.map((i) => i.json)).toEqual([expect.objectContaining({ execution_id: long, status: 'running', completed_at: null })]);
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 1500 } });
		const short = await triggered();
		const waited = await run({ operation: 'getExecution', executionId: rl(short), options: { waitForCompletion: true } });
		expect(waited.items[0].json).toMatchObject({ execution_id: short, status: 'completed', result: { outputs: { company_id: company() } } });
	});

	it('an unknown execution is a 404 naming it', async () => {
		const { error } = await run({ operation: 'getExecution', executionId: rl('exec_missing') });
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('GET /workflows/executions/exec_missing');
	});
});
