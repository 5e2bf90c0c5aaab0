/**
 * The PG:AI Trigger in real n8n (`n8n start`), active, polling the sandbox on its schedule: the first
 * poll after activation emits nothing, records added between polls are emitted once each (records
 * sharing a timestamp with each other and with the newest record already seen included), a poll that
 * fails half-way is a failed execution and loses nothing, and nothing seen before is emitted again;
 * New Task with a status filter emits only the new tasks in that status, each once.
 *
 * n8n refuses poll times under a minute on both lines ("The polling interval is too short": 1.x for
 * a `*` in the seconds field, 2.x for anything but a plain number there), so the trigger polls once a
 * minute, at a second chosen just before activation so that the first poll comes some seconds
 * after it. The test adds records between the polls and reads the executions n8n recorded (REST API,
 * signed in as the owner).
 */
import { freePort, type N8nExecution, type N8nExecutionSummary, type OwnerAccount } from '../../scripts/lib/n8n';
import { LINE, TRIGGER, cronPollTimes, setupLine, teardownLine, triggerWorkflow, type E2eN8n, type Sandbox } from './helpers';

const OWNER: OwnerAccount = { email: 'trigger-e2e@example.com', password: 'PgAiTrigger1', firstName: 'Trigger', lastName: 'E2e' };
const MINUTE = 60_000;
/**
 * The first scheduled poll comes this long after the poll time is set: after the activation, which
 * takes under a second on both lines here.
 */
const LEAD_MS = 12_000;
/** A scheduled poll closer than this to the end of the activation is let pass before records are added. */
const MIN_GAP_MS = 3_000;
/** How long after its scheduled second a poll's execution may take to be recorded. */
const POLL_SETTLE_MS = 30_000;

let n8n: E2eN8n;
let sandbox: Sandbox;
let cookie: string;
// new contacts, polled once a minute, no retries: a 500 fails the poll
const flow = triggerWorkflow('pgaiTriggerE2e1', `e2e ${TRIGGER} pgaiTriggerE2e1`, {
	event: 'newContact',
	pollTimes: cronPollTimes('0 * * * * *'),
	options: { maxRetries: 0 },
});

// new pending tasks, polled once a minute
const taskFlow = triggerWorkflow('pgaiTriggerE2e2', `e2e ${TRIGGER} pgaiTriggerE2e2`, {
	event: 'newTask',
	filters: { status: 'pending' },
	pollTimes: cronPollTimes('0 * * * * *'),
});

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine({ port: await freePort() }));
	await n8n.importWorkflows([flow, taskFlow]);
	await n8n.startServer();
	await n8n.setupOwner(OWNER);
	cookie = await n8n.login(OWNER.email, OWNER.password);
});
// teardownLine() leaves n8n running when PGAI_E2E_KEEP keeps the user folder: stop it here in any case.
afterAll(async () => {
	await n8n?.stop();
	await teardownLine();
});



const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');

/** The next instant after `after` at which a once-a-minute cron at `second` fires. */
function nextTick(after: number, second: number): number {
	const minute = Math.floor(after / MINUTE) * MINUTE;
	const tick = minute + second * 1000;
	return tick > after ? tick : tick + MINUTE;
}

/** Waits until n8n has recorded `count` finished executions of the workflow, or fails at `deadline`. */
async function finishedExecutions(count: number, deadline: number, what: string, workflowId = flow.id): Promise<N8nExecutionSummary[]> {
	for (;;) {
		const all = await n8n.executions(cookie, workflowId);
		const finished = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (finished.length >= count && finished.length === all.length) return all;
		if (Date.now() > deadline) {
			throw new Error(`${what}: expected ${count} finished executions by ${iso(deadline)}, n8n has ${JSON.stringify(all)}\nlogs: ${n8n.logFiles().join(', ')}`);
		}
		await sleep(500);
	}
}

/** The ids of the records an execution's trigger emitted, in order. */
function emitted(execution: N8nExecution): string[] {
	const runs = execution.data.resultData.runData[TRIGGER] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => String(item.json.id)));
}

/** The sandbox's requests for a list (`/contacts`, `/tasks`) since `from` (ms), each with its status. */
function listPolls(path: string, from: number) {
	return sandbox.requests.filter((r) => r.method === 'GET' && r.path === path && r.at >= from);
}

/**
 * Sets the trigger of `workflowId` to poll once a minute at the second LEAD_MS from now, activates
 * it, and returns when it was activated and the second it polls at.
 */
async function activateSoon(workflowId: string): Promise<{ from: number; activated: number; second: number }> {
	const second = new Date(Date.now() + LEAD_MS).getUTCSeconds();
	const stored = await n8n.rest<{ nodes: Array<Record<string, any>>; connections: unknown }>(cookie, 'GET', `/workflows/${workflowId}`);
	const nodes = stored.nodes.map((node) =>
		node.name === TRIGGER ? { ...node, parameters: { ...node.parameters, pollTimes: cronPollTimes(`${second} * * * * *`) } } : node,
	);
	await n8n.rest(cookie, 'PATCH', `/workflows/${workflowId}`, { nodes, connections: stored.connections });
	const from = Date.now();
	await n8n.activateWorkflow(cookie, workflowId);
	return { from, activated: Date.now(), second };
}

/** The next scheduled poll of a trigger activated at `activated`, with time to add records before it. */
async function firstUsableTick(activated: number, second: number): Promise<number> {
	const tick = nextTick(activated, second);
	if (tick - Date.now() >= MIN_GAP_MS) return tick;
	await sleep(tick - Date.now() + 3000);
	return tick + MINUTE;
}

test(`n8n line ${LINE}: an active PG:AI Trigger emits each new contact once over polls with ties and a failed poll`, async () => {
	const started = Date.now();
	const existing = new Set(sandbox.data.contacts.map((c) => c.id));
	const newestExisting = sandbox.data.contacts.reduce((max, c) => (c.created_at > max ? c.created_at : max), '');
	expect(existing.size).toBeGreaterThan(100); // more than two pages: a poll reads page 1, then the last pages

	// The poll time: once a minute, at the second LEAD_MS from now; then activate.
	const { from: activationFrom, activated, second } = await activateSoon(flow.id);

	// Activation polled once (n8n's first poll of an active workflow) and emitted nothing.
	const activationPoll = listPolls('/contacts', activationFrom);
	expect(activationPoll.length).toBeGreaterThan(0);
	expect(activationPoll.every((r) => r.status === 200)).toBe(true);

	// A scheduled poll too close to the activation to add records before it: let it pass (it sees no
	// change). The polls of the test are the next three.
	const tick = await firstUsableTick(activated, second);
	const ticks = [tick, tick + MINUTE, tick + 2 * MINUTE];
	expect(await n8n.executions(cookie, flow.id)).toEqual([]);

	// Before poll 1: two contacts created at the same instant as the newest contact the activation saw
	// (its high-water mark), and the poll's second request (after page 1) fails with a 500.
	const [a, b] = sandbox.addRecords('contact', [
		{ first_name: 'Tie', last_name: 'One', created_at: newestExisting },
		{ first_name: 'Tie', last_name: 'Two', created_at: newestExisting },
	]);
	sandbox.inject({ method: 'GET', path: '/contacts', skip: 1, times: 1, fault: { type: 'status', status: 500, body: { error: 'poll 1 fails' } } });
	const [failedPoll] = await finishedExecutions(1, ticks[0] + POLL_SETTLE_MS, 'poll 1');
	// It failed half-way: page 1 was read, the next request got the 500.
	const poll1 = listPolls('/contacts', ticks[0] - 1000).map((r) => r.status);
	expect(poll1[0]).toBe(200);
	expect(poll1.at(-1)).toBe(500);

	// Before poll 2: one contact created later than anything before.
	const later = Math.max(Date.now(), Date.parse(newestExisting) + 1000);
	const [c] = sandbox.addRecords('contact', [{ first_name: 'Later', last_name: 'Three', created_at: iso(later) }]);
	const afterPoll2 = await finishedExecutions(2, ticks[1] + POLL_SETTLE_MS, 'poll 2');

	// Before poll 3: one contact at the instant of the newest emitted (poll 2's mark), one later still.
	const [d, e] = sandbox.addRecords('contact', [
		{ first_name: 'Tie', last_name: 'Four', created_at: c.created_at },
		{ first_name: 'Latest', last_name: 'Five', created_at: iso(later + 1000) },
	]);
	const all = await finishedExecutions(3, ticks[2] + POLL_SETTLE_MS, 'poll 3');

	const executions = await Promise.all(all.map((x) => n8n.execution(cookie, x.id)));
	const added = [a, b, c, d, e].map((r) => String(r.id));
	const ids = (...records: Array<Record<string, unknown>>) => records.map((r) => String(r.id));

	// Three executions, one per poll after activation: the activation emitted nothing.
	expect(executions.map((x) => [x.mode, x.status])).toEqual([
		['trigger', 'error'],
		['trigger', 'success'],
		['trigger', 'success'],
	]);
	// (a failed poll is recorded without a start, only when it stopped)
	const at = executions.map((x) => Date.parse(String(x.startedAt ?? x.stoppedAt)));
	expect(at.map((t, i) => t >= ticks[i] - 1000 && t < ticks[i] + POLL_SETTLE_MS)).toEqual([true, true, true]);

	// Poll 1: a failed execution holding the trigger's error (the 500), and no items.
	expect(executions[0].id).toBe(failedPoll.id);
	expect(executions[0].data.resultData.lastNodeExecuted).toBe(TRIGGER);
	expect(executions[0].data.resultData.runData[TRIGGER]?.[0]?.error).toBeDefined();
	expect(JSON.stringify(executions[0].data.resultData.error)).toContain('500');
	expect(emitted(executions[0])).toEqual([]);

	// Poll 2: the two ties of the old mark (not the old record at it) and the later one, oldest first.
	expect(afterPoll2.map((x) => x.id)).toEqual(all.slice(0, 2).map((x) => x.id));
	expect(emitted(executions[1])).toEqual([...ids(a, b).sort(), ...ids(c)]);
	// Poll 3: only what was added since, the tie with poll 2's mark first.
	expect(emitted(executions[2])).toEqual(ids(d, e));

	// Across all executions: every added contact exactly once, nothing that existed before.
	const everything = executions.flatMap(emitted);
	expect([...everything].sort()).toEqual([...added].sort());
	expect(everything.filter((id) => existing.has(id))).toEqual([]);

	const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	process.stderr.write(
		`trigger e2e, line ${LINE}: activation ${s(activated - activationFrom)}, first poll ${s(ticks[0] - activated)} later, ` +
			`test ${s(Date.now() - started)}\n`,
	);
});

test(`n8n line ${LINE}: an active PG:AI Trigger → New Task emits each new pending task once across polls`, async () => {
	const newest = sandbox.data.tasks.reduce((max, t) => (t.created_at > max ? t.created_at : max), '');
	const { from, activated, second } = await activateSoon(taskFlow.id);
	// Activation polled the tasks list with the filter and emitted nothing.
	const activationPoll = listPolls('/tasks', from);
	expect(activationPoll.length).toBeGreaterThan(0);
	expect(activationPoll.every((r) => r.status === 200 && r.query.status === 'pending')).toBe(true);
	const tick = await firstUsableTick(activated, second);
	expect(await n8n.executions(cookie, taskFlow.id)).toEqual([]);

	// Before poll 1: two pending tasks created at one instant after every task so far, and a completed one.
	const later = Math.max(Date.now(), Date.parse(newest) + 1000);
	const [a, b] = sandbox.addRecords('task', [
		{ title: 'Tie one', status: 'pending', created_at: iso(later) },
		{ title: 'Tie two', status: 'pending', created_at: iso(later) },
	]);
	sandbox.addRecords('task', [{ title: 'Done already', status: 'completed', created_at: iso(later) }]);
	await finishedExecutions(1, tick + POLL_SETTLE_MS, 'task poll 1', taskFlow.id);

	// Before poll 2: one at poll 1's mark and one later.
	const [c, d] = sandbox.addRecords('task', [
		{ title: 'Tie three', status: 'pending', created_at: iso(later) },
		{ title: 'Later', status: 'pending', created_at: iso(later + 1000) },
	]);
	const all = await finishedExecutions(2, tick + MINUTE + POLL_SETTLE_MS, 'task poll 2', taskFlow.id);
	const executions = await Promise.all(all.map((x) => n8n.execution(cookie, x.id)));
	expect(executions.map((x) => [x.mode, x.status])).toEqual([
		['trigger', 'success'],
		['trigger', 'success'],
	]);
	const ids = (...records: Array<Record<string, unknown>>) => records.map((r) => String(r.id));
	// the completed task is not emitted; the ties, by id
	expect(emitted(executions[0])).toEqual(ids(a, b).sort());
	expect(emitted(executions[1])).toEqual(ids(c, d));
});
