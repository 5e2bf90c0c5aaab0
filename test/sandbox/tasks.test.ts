/** §7 Tasks: the seeded tasks, the data envelope and its filters, get, create and its validation, scopes. */
import { startSandbox } from '../../sandbox';
import { call, ids, useSandbox } from './helpers';

/** The sandbox's clock, moved by the tests that need it. */
let now = Date.UTC(2026, 0, 15, 9, 30);
const env = useSandbox({ clock: () => now });

afterEach(() => env.sandbox.configure({ envelope: 'current', listOrder: 'created', lyingTotals: null }));

const forbidden = (scope: string) => ({ error: { type: 'authorization_error', code: 'forbidden', message: `Access denied. Required scope: ${scope}` } });
const byCreation = (tasks: Array<{ id: string; created_at: string }>) =>
	[...tasks].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));

/** Every page of GET /tasks{query}, by the data envelope's own counts. */
async function allTasks(query = '', perPage = 25): Promise<{ items: any[]; pages: number }> {
	const items: any[] = [];
	for (let page = 1; page <= 100; page++) {
		const res = await call(env.sandbox, `/tasks?page=${page}&per_page=${perPage}${query}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ data: expect.any(Array), pagination: { page, per_page: perPage, total: expect.any(Number) } });
		items.push(...res.body.data);
		if (page * perPage >= res.body.pagination.total) return { items, pages: page };
	}
	throw new Error('more than 100 pages');
}

describe('seeded tasks', () => {
	it('are 120 by default, in created_at order, each in the documented shape with known values', () => {
		const { tasks, companies } = env.sandbox.data;
		expect(tasks).toHaveLength(120);
		expect(ids(tasks)).toEqual(ids(byCreation(tasks)));
		const companyIds = new Set(companies.map((c) => c.id));
		const keys = ['assignee_id', 'company_id', 'created_at', 'description', 'due_date', 'id', 'priority', 'status', 'title', 'updated_at'];
		const wrong = tasks.filter(
			(task) =>
				JSON.stringify(Object.keys(task).sort()) !== JSON.stringify(keys) ||
				!['pending', 'in_progress', 'completed'].includes(task.status) ||
				!['low', 'medium', 'high'].includes(task.priority) ||
				(task.company_id !== null && !companyIds.has(task.company_id)) ||
				(task.due_date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(task.due_date)) ||
				task.updated_at < task.created_at,
		);
		expect(wrong).toEqual([]);
		expect(new Set(tasks.map((t) => t.status)).size).toBe(3);
		expect(tasks.some((t) => t.company_id === null) && tasks.some((t) => t.due_date === null)).toBe(true);
	});

	it('derive from the seed, and their number from sizes.tasks', async () => {
		const small = { territories: 2, accounts: 20, contacts: 10 };
		const [same, again, other, more] = await Promise.all([
			startSandbox({ sizes: small }),
			startSandbox({ sizes: small }),
			startSandbox({ seed: 7, sizes: small }),
			startSandbox({ sizes: { ...small, tasks: 30 } }),
		]);
		try {
			expect(same.data.tasks).toHaveLength(120);
			expect(JSON.stringify(again.data.tasks)).toBe(JSON.stringify(same.data.tasks));
			expect(ids(other.data.tasks)).not.toEqual(ids(same.data.tasks));
			expect(more.data.tasks).toHaveLength(30);
			// More tasks change nothing else.
			expect(JSON.stringify(more.data.contacts)).toBe(JSON.stringify(same.data.contacts));
		} finally {
			await Promise.all([same, again, other, more].map((sandbox) => sandbox.close()));
		}
	});
});

describe('GET /tasks', () => {
	it('answers a data envelope of 25 by default, and the pages together are every task, in order, over five pages', async () => {
		const first = await call(env.sandbox, '/tasks');
		expect(first.body).toEqual({ data: env.sandbox.data.tasks.slice(0, 25), pagination: { page: 1, per_page: 25, total: 120 } });
		const { items, pages } = await allTasks();
		expect(pages).toBe(5);
		expect(items).toEqual(env.sandbox.data.tasks);
		expect((await call(env.sandbox, '/tasks?page=9')).body).toEqual({ data: [], pagination: { page: 9, per_page: 25, total: 120 } });
	});

	it('filters by company_id', async () => {
		const counts = new Map<string, number>();
		for (const task of env.sandbox.data.tasks) if (task.company_id) counts.set(task.company_id, (counts.get(task.company_id) ?? 0) + 1);
		const [company] = [...counts].sort((a, b) => b[1] - a[1])[0];
		const { items } = await allTasks(`&company_id=${company}`, 1);
		expect(items).toEqual(env.sandbox.data.tasks.filter((t) => t.company_id === company));
		expect(items.length).toBeGreaterThan(1);
		expect((await call(env.sandbox, '/tasks?company_id=no-such-company')).body).toEqual({ data: [], pagination: { page: 1, per_page: 25, total: 0 } });
	});

	it('filters by status, one or several (repeated or comma-separated), also with company_id', async () => {
		const { tasks } = env.sandbox.data;
		expect((await allTasks('&status=in_progress', 50)).items).toEqual(tasks.filter((t) => t.status === 'in_progress'));
		const open = tasks.filter((t) => t.status !== 'completed');
		expect((await allTasks('&status=pending&status=in_progress', 50)).items).toEqual(open);
		expect((await allTasks('&status=pending,in_progress', 50)).items).toEqual(open);
		const task = tasks.find((t) => t.company_id !== null)!;
		expect((await allTasks(`&company_id=${task.company_id}&status=${task.status}`)).items).toEqual(
			tasks.filter((t) => t.company_id === task.company_id && t.status === task.status),
		);
	});

	it('answers 400 naming an unknown status, or a page that is not a positive integer', async () => {
		expect(await call(env.sandbox, '/tasks?status=done')).toMatchObject({
			status: 400,
			body: { error: 'Validation error', details: ['Invalid parameter "status": "done" is not one of pending, in_progress, completed'] },
		});
		expect((await call(env.sandbox, '/tasks?page=0')).body.details).toEqual(['Invalid parameter "page": must be a positive integer']);
	});

	it('honours the list order, the forced envelopes and the lying totals', async () => {
		env.sandbox.configure({ listOrder: 'newest' });
		expect((await allTasks('', 50)).items).toEqual([...env.sandbox.data.tasks].reverse());
		env.sandbox.configure({ listOrder: 'created', envelope: 'paged', lyingTotals: { items: 7, pages: 2 } });
		const paged = (await call(env.sandbox, '/tasks?page=2&per_page=50')).body;
		expect(paged).toMatchObject({ curPage: 2, nextPage: 3, itemsTotal: 7, pageTotal: 2, items: env.sandbox.data.tasks.slice(50, 100) });
		env.sandbox.configure({ envelope: 'current' });
		expect((await call(env.sandbox, '/tasks?per_page=50')).body.pagination).toEqual({ page: 1, per_page: 50, total: 7 });
	});
});

describe('GET /tasks/{id}', () => {
	it('returns the task with updated_at, and answers 404 for an unknown one', async () => {
		const task = env.sandbox.data.tasks[17];
		expect((await call(env.sandbox, `/tasks/${task.id}`)).body).toEqual(task);
		expect(await call(env.sandbox, '/tasks/task_abc123')).toEqual(expect.objectContaining({ status: 404, body: { error: 'Task not found' } }));
	});
});

describe('POST /tasks', () => {
	const create = (body: unknown, key?: string) => call(env.sandbox, '/tasks', { body, key });

	it('creates a pending task (201) stamped by the sandbox clock, listed last, readable, and found by its company', async () => {
		now += 60_000;
		const company = env.sandbox.data.companies[3];
		const assignee = env.sandbox.data.tasks.find((t) => t.assignee_id)!.assignee_id;
		const body = { title: 'Call back about the pilot', description: 'They asked for numbers.', company_id: company.id, assignee_id: assignee, due_date: '2026-02-01', priority: 'high', status: 'completed' };
		const res = await create(body);
		expect(res.status).toBe(201);
		const stamp = new Date(now).toISOString();
		const { status: _ignored, ...documented } = body;
		expect(res.body).toEqual({ id: expect.any(String), ...documented, status: 'pending', created_at: stamp, updated_at: stamp });
		expect((await call(env.sandbox, `/tasks/${res.body.id}`)).body).toEqual(res.body);
		const lastPage = await call(env.sandbox, `/tasks?page=${Math.ceil(env.sandbox.data.tasks.length / 25)}`);
		expect(lastPage.body.data.at(-1)).toEqual(res.body);
		expect(lastPage.body.pagination.total).toBe(env.sandbox.data.tasks.length);
		expect((await allTasks(`&company_id=${company.id}&status=pending`)).items.at(-1)).toEqual(res.body);
	});

	it('needs only a title; the rest is empty and the priority medium', async () => {
		now += 60_000;
		const res = await create({ title: 'Tidy the CRM' });
		const stamp = new Date(now).toISOString();
		expect(res.body).toEqual({ id: expect.any(String), title: 'Tidy the CRM', description: null, status: 'pending', priority: 'medium', company_id: null, assignee_id: null, due_date: null, created_at: stamp, updated_at: stamp });
	});

	it('answers 400 in the validation shape for a missing title, naming every problem at once', async () => {
		const before = env.sandbox.data.tasks.length;
		expect(await create({ description: 'no title' })).toEqual(expect.objectContaining({ status: 400, body: { error: 'Validation error', details: ['Missing required field: "title"'] } }));
		expect((await create({ title: '', due_date: 'tomorrow', priority: 'urgent', assignee_id: 7 })).body.details).toEqual([
			'Missing required field: "title"',
			'Invalid field: "assignee_id" must be a string',
			'Invalid field: "due_date" must be a date as YYYY-MM-DD',
			'Invalid field: "priority" must be one of low, medium, high',
		]);
		expect(env.sandbox.data.tasks.length).toBe(before);
	});

	it('takes due_date only as a calendar day YYYY-MM-DD', async () => {
		for (const dueDate of ['2026-2-01', '2026-02-30', '2026-13-01', '2026-02-01T10:00:00Z', '01/02/2026']) {
			expect([dueDate, (await create({ title: 'T', due_date: dueDate })).body.details]).toEqual([dueDate, ['Invalid field: "due_date" must be a date as YYYY-MM-DD']]);
		}
		expect((await create({ title: 'Leap day', due_date: '2028-02-29' })).status).toBe(201);
	});

	it('answers 404 for an unknown company, after the body is valid, and 400 for a body that is not JSON', async () => {
		expect(await create({ title: 'T', company_id: '00000000-0000-4000-8000-000000000000' })).toEqual(expect.objectContaining({ status: 404, body: { error: 'Company not found' } }));
		expect((await create({ company_id: 'nowhere' })).status).toBe(400);
		expect((await call(env.sandbox, '/tasks', { method: 'POST', raw: '{"title": ' })).body).toEqual({ error: 'Validation error', details: ['Request body must be valid JSON'] });
	});
});

describe('task scopes', () => {
	it('needs tasks:read to read and tasks:write to create; the read-only key reads, the demo key does both', async () => {
		const { keys, data } = env.sandbox;
		const task = data.tasks[0].id;
		for (const path of ['/tasks', `/tasks/${task}`]) {
			expect(await call(env.sandbox, path, { key: keys.contactsOnly })).toEqual(expect.objectContaining({ status: 403, body: forbidden('tasks:read') }));
			expect((await call(env.sandbox, path, { key: keys.readOnly })).status).toBe(200);
		}
		expect(await call(env.sandbox, '/tasks', { key: keys.readOnly, body: { title: 'T' } })).toEqual(expect.objectContaining({ status: 403, body: forbidden('tasks:write') }));
		expect((await call(env.sandbox, '/tasks', { key: keys.noScopes, body: {} })).status).toBe(403);
		expect((await call(env.sandbox, '/tasks', { body: { title: 'With the demo key' } })).status).toBe(201);
	});
});

describe("addRecords('task')", () => {
	it('keeps a given created_at in list order, company_id null makes a task about no company, and an unknown company adds nothing', async () => {
		const company = env.sandbox.data.companies[1];
		const [old, loose] = env.sandbox.addRecords('task', [
			{ created_at: '2023-05-05T05:05:05.000Z', company_id: company.id },
			{ company_id: null, title: 'Plan the offsite' },
		]);
		expect(old).toMatchObject({ company_id: company.id, created_at: '2023-05-05T05:05:05.000Z', updated_at: '2023-05-05T05:05:05.000Z', title: expect.stringContaining(company.company_name) });
		expect(loose).toMatchObject({ company_id: null, title: 'Plan the offsite', created_at: new Date(now).toISOString() });
		const { items } = await allTasks('', 50);
		expect(ids(items)).toEqual(ids(byCreation(env.sandbox.data.tasks)));
		expect(ids(items)).toContain(old.id);
		expect(() => env.sandbox.addRecords('task', [{ company_id: 'nowhere' }])).toThrow('unknown company_id "nowhere"');
	});
});
