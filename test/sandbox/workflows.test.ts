/** §8 Workflows: the list, triggering runs, executions moving with the sandbox's clock, failures, configuration, scopes. */
import { call, useSandbox } from './helpers';

/** The sandbox's clock: executions advance only when a test moves it. */
let now = Date.UTC(2026, 2, 1, 12, 0);
const env = useSandbox({ clock: () => now });
const iso = (ms: number) => new Date(ms).toISOString();

afterEach(() => env.sandbox.configure({ executions: { queuedMs: 1000, runningMs: 4000 }, workflowExecutions: {}, envelope: 'current' }));

const workflow = (name: string) => env.sandbox.data.workflows.find((w) => w.name === name)!.id;
const trigger = (body: unknown, key?: string) => call(env.sandbox, '/workflows/trigger', { method: 'POST', body, key });
const execution = (id: string, key?: string) => call(env.sandbox, `/workflows/executions/${id}`, { key });
const forbidden = (scope: string) => ({ error: { type: 'authorization_error', code: 'forbidden', message: `Access denied. Required scope: ${scope}` } });
/** A company with an account and signals, and a contact. */
const company = () => env.sandbox.data.accounts[0].company_id;
const contact = () => env.sandbox.data.contacts[0];

describe('GET /workflows', () => {
	it('answers a bare array of every workflow in the documented fields, paging ignored', async () => {
		const res = await call(env.sandbox, '/workflows?page=2&per_page=1');
		expect(res.status).toBe(200);
		expect(res.body).toEqual(env.sandbox.data.workflows);
		expect(res.body.map((w: any) => [w.name, w.status])).toEqual([
			['Account Research', 'active'],
			['Contact Enrichment', 'active'],
			['CRM Sync', 'active'],
			['Territory Rebalance', 'inactive'],
		]);
		for (const item of res.body) expect(Object.keys(item).sort()).toEqual(['created_at', 'description', 'id', 'name', 'status']);
		// Both id forms of the docs: wf_… and a UUID.
		expect(res.body.map((w: any) => w.id)).toEqual(['wf_account_research', 'c8a5e0f2-6b1d-4f3a-9e27-4d1b8c0a7f63', 'wf_crm_sync', 'wf_territory_rebalance']);
	});

	it('is wrapped and paged when an envelope mode forces one', async () => {
		env.sandbox.configure({ envelope: 'data' });
		const first = await call(env.sandbox, '/workflows?per_page=3');
		expect(first.body).toEqual({ data: env.sandbox.data.workflows.slice(0, 3), pagination: { page: 1, per_page: 3, total: 4 } });
		expect((await call(env.sandbox, '/workflows?per_page=3&page=2')).body.data).toEqual(env.sandbox.data.workflows.slice(3));
		env.sandbox.configure({ envelope: 'legacy' });
		expect((await call(env.sandbox, '/workflows')).body).toEqual(env.sandbox.data.workflows);
	});
});

describe('a run, by the sandbox clock', () => {
	it('is accepted (202) queued, runs, and completes with a result; Retry-After counts to the next change until then', async () => {
		const start = now;
		const res = await trigger({ workflow_id: 'wf_account_research', company_id: company(), parameters: { depth: 'deep' } });
		expect(res.status).toBe(202);
		expect(res.body).toEqual({ execution_id: expect.stringMatching(/^exec_[0-9a-f]{24}$/), workflow_id: 'wf_account_research', status: 'queued', created_at: iso(start) });
		expect(res.headers.get('retry-after')).toBe('1');
		const id = res.body.execution_id;

		const seen = [];
		for (const step of [0, 999, 1, 2500, 1499, 1, 60_000]) {
			now += step;
			const polled = await execution(id);
			expect(polled.status).toBe(200);
			seen.push([now - start, polled.body.status, polled.body.started_at, polled.body.completed_at, polled.headers.get('retry-after')]);
		}
		expect(seen).toEqual([
			[0, 'queued', null, null, '1'],
			[999, 'queued', null, null, '1'],
			[1000, 'running', iso(start + 1000), null, '4'],
			[3500, 'running', iso(start + 1000), null, '2'],
			[4999, 'running', iso(start + 1000), null, '1'],
			[5000, 'completed', iso(start + 1000), iso(start + 5000), null],
			[65_000, 'completed', iso(start + 1000), iso(start + 5000), null],
		]);

		const done = (await execution(id)).body;
		const account = env.sandbox.data.accounts[0];
		const signals = env.sandbox.data.relevance[account.company_id].slice(0, 3);
		expect(Object.keys(done)).toEqual(['execution_id', 'workflow_id', 'status', 'started_at', 'completed_at', 'result']);
		expect(done.result).toEqual({
			summary: expect.stringContaining(account.name),
			outputs: expect.objectContaining({
				company_id: account.company_id,
				company_name: account.name,
				account: { id: account.id, score: account.score, tier: account.tier, owner: account.owner },
				signals: signals.map(({ title, source_type, date, score }) => ({ title, source_type, date, score })),
				parameters: { depth: 'deep' },
			}),
		});
		expect(done.result.summary).toContain(`tier ${account.tier}`);
	});

	it('enriches a contact, with no parameters given', async () => {
		const res = await trigger({ workflow_id: workflow('Contact Enrichment'), contact_id: contact().id });
		now += 5000;
		const done = (await execution(res.body.execution_id)).body;
		expect(done).toMatchObject({ workflow_id: workflow('Contact Enrichment'), status: 'completed' });
		expect(done.result.outputs).toEqual({
			contact_id: contact().id,
			full_name: contact().full_name,
			current_job_title: contact().current_job_title,
			company: contact().company,
			emails: contact().emails,
			phones: contact().phones,
			linkedin_url: contact().linkedin_url,
			location: contact().location,
			parameters: {},
		});
		expect(done.result.summary).toContain(contact().full_name);
	});

	it('fails, with an error and no result, for the workflow that always fails', async () => {
		const res = await trigger({ workflow_id: 'wf_crm_sync', company_id: company() });
		expect(res.status).toBe(202);
		now += 4999;
		expect((await execution(res.body.execution_id)).body.status).toBe('running');
		now += 1;
		const failed = await execution(res.body.execution_id);
		expect(failed.body).toEqual({
			execution_id: res.body.execution_id,
			workflow_id: 'wf_crm_sync',
			status: 'failed',
			started_at: expect.any(String),
			completed_at: iso(now),
			error: { code: 'integration_not_connected', message: expect.stringContaining('no CRM integration') },
		});
		expect(failed.headers.get('retry-after')).toBeNull();
	});

	it('takes its timing from executions, replaced per workflow, fixed when it is triggered', async () => {
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 0 }, workflowExecutions: { [workflow('Contact Enrichment')]: { runningMs: 120_000 } } });
		const quick = await trigger({ workflow_id: 'wf_account_research', company_id: company() });
		expect(quick.headers.get('retry-after')).toBe('1');
		expect((await execution(quick.body.execution_id)).body).toMatchObject({ status: 'completed', started_at: iso(now), completed_at: iso(now) });

		const slow = await trigger({ workflow_id: workflow('Contact Enrichment'), contact_id: contact().id });
		expect(slow.headers.get('retry-after')).toBe('120');
		env.sandbox.configure({ workflowExecutions: {} });
		now += 60_000;
		const half = await execution(slow.body.execution_id);
		expect([half.body.status, half.headers.get('retry-after')]).toEqual(['running', '60']);
		now += 60_000;
		expect((await execution(slow.body.execution_id)).body.status).toBe('completed');
	});

	it('can be configured to fail, for one workflow or for all', async () => {
		env.sandbox.configure({ workflowExecutions: { wf_account_research: { fail: true } } });
		const research = await trigger({ workflow_id: 'wf_account_research', company_id: company() });
		const enrichment = await trigger({ workflow_id: workflow('Contact Enrichment'), contact_id: contact().id });
		env.sandbox.configure({ executions: { queuedMs: 0, runningMs: 10, fail: true }, workflowExecutions: {} });
		const enrichmentFailing = await trigger({ workflow_id: workflow('Contact Enrichment'), contact_id: contact().id });
		now += 5000;
		expect((await execution(research.body.execution_id)).body).toMatchObject({ status: 'failed', error: { code: 'execution_failed', message: expect.stringContaining('Account Research') } });
		expect((await execution(research.body.execution_id)).body.result).toBeUndefined();
		expect((await execution(enrichment.body.execution_id)).body.status).toBe('completed');
		expect((await execution(enrichmentFailing.body.execution_id)).body).toMatchObject({ status: 'failed', error: { code: 'execution_failed' } });
	});

	it("hides another organisation's executions, and answers 404 for unknown ones", async () => {
		const res = await trigger({ workflow_id: 'wf_account_research', company_id: company() });
		expect(await execution(res.body.execution_id, env.sandbox.keys.noCredits)).toEqual(expect.objectContaining({ status: 404, body: { error: 'Execution not found' } }));
		expect(await execution('exec_abc123')).toEqual(expect.objectContaining({ status: 404, body: { error: 'Execution not found' } }));
	});
});

describe('POST /workflows/trigger validation', () => {
	it('answers the documented plain 400 when workflow_id is missing', async () => {
		for (const body of [{}, { company_id: company() }, { workflow_id: '' }, undefined]) {
			expect(await trigger(body)).toEqual(expect.objectContaining({ status: 400, body: { error: 'workflow_id is required' } }));
		}
	});

	it('answers the validation shape for fields of the wrong type or a body that is not an object', async () => {
		expect((await trigger({ workflow_id: 7, parameters: 'deep' })).body).toEqual({
			error: 'Validation error',
			details: ['Invalid field: "workflow_id" must be a string', 'Invalid field: "parameters" must be an object'],
		});
		expect((await trigger(['wf_account_research'])).body.details).toEqual(['Request body must be a JSON object']);
	});

	it('answers 404 for an unknown workflow, company or contact', async () => {
		expect(await trigger({ workflow_id: 'wf_abc123', company_id: company() })).toEqual(expect.objectContaining({ status: 404, body: { error: 'Workflow not found' } }));
		expect(await trigger({ workflow_id: 'wf_account_research', company_id: 'nope' })).toEqual(expect.objectContaining({ status: 404, body: { error: 'Company not found' } }));
		const enrichment = workflow('Contact Enrichment');
		expect(await trigger({ workflow_id: enrichment, contact_id: 'nope' })).toEqual(expect.objectContaining({ status: 404, body: { error: 'Contact not found' } }));
		expect(await trigger({ workflow_id: enrichment, contact_id: contact().id, company_id: 'nope' })).toEqual(expect.objectContaining({ status: 404, body: { error: 'Company not found' } }));
	});

	it('answers 400 in the plain shape without the target the workflow needs, or for a workflow that is not active', async () => {
		expect(await trigger({ workflow_id: 'wf_account_research', contact_id: contact().id })).toEqual(
			expect.objectContaining({ status: 400, body: { error: 'company_id is required by the workflow "Account Research"' } }),
		);
		expect((await trigger({ workflow_id: workflow('Contact Enrichment'), company_id: company() })).body).toEqual({ error: 'contact_id is required by the workflow "Contact Enrichment"' });
		expect(await trigger({ workflow_id: 'wf_territory_rebalance' })).toEqual(expect.objectContaining({ status: 400, body: { error: 'Workflow "Territory Rebalance" is not active' } }));
	});

});

describe('workflow scopes', () => {
	it('needs workflows:read to list and read executions, workflows:execute to trigger; the read-only key reads', async () => {
		const { keys } = env.sandbox;
		const { body } = await trigger({ workflow_id: 'wf_account_research', company_id: company() });
		for (const path of ['/workflows', `/workflows/executions/${body.execution_id}`]) {
			expect(await call(env.sandbox, path, { key: keys.contactsOnly })).toEqual(expect.objectContaining({ status: 403, body: forbidden('workflows:read') }));
			expect((await call(env.sandbox, path, { key: keys.readOnly })).status).toBe(200);
		}
		expect(await trigger({ workflow_id: 'wf_account_research', company_id: company() }, keys.readOnly)).toEqual(expect.objectContaining({ status: 403, body: forbidden('workflows:execute') }));
		expect((await trigger({}, keys.noScopes)).status).toBe(403);
	});
});

describe('execution configuration', () => {
	const admin = async (method: string, body?: unknown) => {
		const res = await fetch(`${env.sandbox.origin}/_sandbox/config`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: res.status, body: await res.json() };
	};

	it('is shown and changed through POST /_sandbox/config', async () => {
		expect((await admin('GET')).body).toMatchObject({ executions: { queuedMs: 1000, runningMs: 4000 }, workflowExecutions: {} });
		const changed = await admin('POST', { executions: { queuedMs: 5, runningMs: 6 }, workflowExecutions: { wf_crm_sync: { queuedMs: 0 } } });
		expect(changed.body).toMatchObject({ executions: { queuedMs: 5, runningMs: 6 }, workflowExecutions: { wf_crm_sync: { queuedMs: 0 } } });
		expect(await admin('POST', { workflowExecutions: { wf_typo: { fail: true } } })).toEqual({ status: 400, body: { error: expect.stringContaining('workflowExecutions: unknown workflow "wf_typo"') } });
	});

	it('refuses timings it cannot honour, naming the field', () => {
		const { sandbox } = env;
		expect(() => sandbox.configure({ executions: { queuedMs: -1, runningMs: 0 } })).toThrow('executions must be {queuedMs, runningMs, fail}');
		expect(() => sandbox.configure({ executions: { queuedMs: 1 } as never })).toThrow('executions must be');
		expect(() => sandbox.configure({ workflowExecutions: { wf_crm_sync: { fail: 'yes' as never } } })).toThrow('workflowExecutions["wf_crm_sync"] must be');
		expect(() => sandbox.configure({ workflowExecutions: { wf_crm_sync: { runningMs: 1, slow: true } as never } })).toThrow('workflowExecutions["wf_crm_sync"] must be');
		expect(() => sandbox.configure({ workflowExecutions: [] as never })).toThrow('workflowExecutions must be an object');
	});
});
