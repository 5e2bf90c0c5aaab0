/** Tasks (§7) through n8n's engine: the data envelope walked, filters, a task read and created, Simplify, scopes. */
import { ids, listSearch, runNode } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const run = async (parameters: Record<string, unknown>, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	await runNode({ parameters: { resource: 'task', ...parameters } as never, credentials: env.credentials, ...extra });
const taskRequests = () => env.sandbox.requests.filter((r) => r.path.startsWith('/tasks'));

describe('task.getAll', () => {
	it('Return All walks every page of the data envelope, each task once, in order', async () => {
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(env.sandbox.data.tasks.length).toBeGreaterThan(100);
		expect(ids(items)).toEqual(env.sandbox.data.tasks.map((t) => t.id));
		expect(items.map((i) => i.json)).toEqual(env.sandbox.data.tasks);
		expect(taskRequests().map((r) => r.query.page).sort()).toEqual(['1', '2', '3']);
	});

	it('Limit asks for one page of that size', async () => {
		const { items } = await run({ operation: 'getAll', limit: 7 });
		expect(ids(items)).toEqual(env.sandbox.data.tasks.slice(0, 7).map((t) => t.id));
		expect(taskRequests().map((r) => [r.query.page, r.query.per_page])).toEqual([['1', '7']]);
	});

	it('filters by a company picked from the list and by status, and leaves out a filter added but empty', async () => {
		const company = env.sandbox.data.tasks.find((t) => t.company_id && t.status === 'pending')!.company_id!;
		const expected = env.sandbox.data.tasks.filter((t) => t.company_id === company && t.status === 'pending');
		const { items } = await run({ operation: 'getAll', returnAll: true, filters: { companyId: { __rl: true, mode: 'list', value: company }, status: 'pending' } });
		expect(ids(items)).toEqual(expected.map((t) => t.id));
		expect(taskRequests()[0].query).toMatchObject({ company_id: company, status: 'pending' });

		env.sandbox.clearRequests();
		const unfiltered = await run({ operation: 'getAll', limit: 3, filters: { companyId: rl('') } });
		expect(unfiltered.items).toHaveLength(3);
		expect(taskRequests()[0].query).not.toHaveProperty('company_id');
	});

	it('Simplify keeps each task’s essentials', async () => {
		const { items } = await run({ operation: 'getAll', limit: 2, simplify: true });
		const [first] = env.sandbox.data.tasks;
		const essentials = { id: first.id, title: first.title, status: first.status, priority: first.priority, company_id: first.company_id, assignee_id: first.assignee_id, due_date: first.due_date };
		expect(items[0].json).toEqual(Object.fromEntries(Object.entries(essentials).filter(([, value]) => value !== null)));
	});
});

describe('task.get and task.create', () => {
	it('get returns the task', async () => {
		const task = env.sandbox.data.tasks[5];
		const { items } = await run({ operation: 'get', taskId: rl(task.id) });
		expect(items.map((i) => i.json)).toEqual([task]);
	});

	it('creates a task with every field (the due date as the day picked), which reads back the same', async () => {
		const company = env.sandbox.data.companies[2];
		const created = await run({
			operation: 'create',
			title: 'Call back about the pilot',
			additionalFields: {
				description: 'They asked for pricing.',
				companyId: { __rl: true, mode: 'list', value: company.id },
				assigneeId: 'usr_e2e',
				dueDate: '2026-03-14T00:00:00',
				priority: 'high',
			},
		});
		expect(created.error).toBeUndefined();
		const post = taskRequests().find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			title: 'Call back about the pilot',
			description: 'They asked for pricing.',
			company_id: company.id,
			assignee_id: 'usr_e2e',
			due_date: '2026-03-14',
			priority: 'high',
		});
		const task = created.items[0].json;
		expect(task).toMatchObject({ title: 'Call back about the pilot', status: 'pending', due_date: '2026-03-14', company_id: company.id });
		const read = await run({ operation: 'get', taskId: rl(String(task.id)) });
		expect(read.items.map((i) => i.json)).toEqual([task]);
	});

	it('sends the day a date carries whatever its time and zone, and leaves out fields added but empty', async () => {
		await run({ operation: 'create', title: 'Late', additionalFields: { dueDate: '2026-04-01T23:30:00+05:00', companyId: rl(''), description: '' } });
		expect(taskRequests().map((r) => r.body)).toEqual([{ title: 'Late', due_date: '2026-04-01' }]);
	});

	it('refuses a task without a title, or with a day that does not exist, before sending', async () => {
		expect((await run({ operation: 'create', title: ' ' })).error?.message).toBe('Enter a Title');
		const badDay = await run({ operation: 'create', title: 'x', additionalFields: { dueDate: '2026-02-30' } });
		expect(badDay.error?.message).toBe('Due Date "2026-02-30" is not a date');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('a key that may only read tasks gets the 403 naming tasks:write', async () => {
		const { error } = await run({ operation: 'create', title: 'x' }, { credentials: { ...env.credentials, apiKey: env.sandbox.keys.readOnly } });
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toContain('tasks:write');
		expect(error?.description).toContain('lacks the scope "tasks:write"');
	});
});

describe('the resource locators list tasks and workflows', () => {
	it('tasks by title, with their status', async () => {
		const { results, paginationToken } = await listSearch('searchTasks', env.credentials);
		const [first] = env.sandbox.data.tasks;
		expect(results[0]).toEqual({ name: `${first.title} (${first.status})`, value: first.id });
		expect(results).toHaveLength(50);
		expect(paginationToken).toBe('2');
	});

	it('workflows by name, the one that cannot run marked', async () => {
		const { results } = await listSearch('searchWorkflows', env.credentials);
		expect(results).toEqual(env.sandbox.data.workflows.map((w) => ({ name: w.status === 'active' ? w.name : `${w.name} (${w.status})`, value: w.id })));
		expect((await listSearch('searchWorkflows', env.credentials, 'enrich')).results.map((r) => r.name)).toEqual(['Contact Enrichment']);
	});
});
