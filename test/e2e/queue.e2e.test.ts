/**
 * The node and its trigger in n8n's queue mode: PostgreSQL and Redis started for the suite, n8n main
 * (webhooks, triggers) and workers running the executions (scripts/lib/n8n/queue.ts), all loading the
 * packed package and sharing one PG:AI key limited to 20 requests per 1-second window.
 *
 * With one worker, then two: 6 executions started at once through a webhook export the same 2,000
 * contacts, and 3 fan out 300 items each to Contact Get. Every execution must output its records,
 * each once, and a 429 may cost only the retry of that one request; with one worker no request may
 * be refused; with two, the exports' pacers must settle on the shared limit within three windows (at
 * most 12 429s in all, the issue's target), and the fan-outs', which send a whole window at once,
 * must converge (at most one window's worth refused, none in the second half of the run). Times are printed, not
 * asserted (bench/ measures them). Then the trigger, active in main, its executions on the workers:
 * records added between polls are emitted once each, across a restart of main between two polls.
 *
 * Runs on its own (`PGAI_E2E_QUEUE=1`, scripts/test-e2e.sh): it needs postgresql and redis-server.
 */
import { describeAtOnce, runAtOnce, type AtOnceRun } from '../../bench/lib/queue';
import * as wf from '../../bench/workflows';
import { startSandbox, type Sandbox } from '../../sandbox';
import { N8nQueue, type N8nExecution, type OwnerAccount, type WorkflowJson } from '../../scripts/lib/n8n';
import { LINE, TRIGGER, cronPollTimes, triggerWorkflow } from './helpers';

const OWNER: OwnerAccount = { email: 'queue-e2e@example.com', password: 'PgAiQueue1', firstName: 'Queue', lastName: 'E2e' };
const RATE = { limit: 20, windowMs: 1000 };
const CONTACTS = 2_000;
const EXPORTS = 6;
const FAN_OUT = { executions: 3, items: 300 };
const MINUTE = 60_000;

let queue: N8nQueue;
let sandbox: Sandbox;
let cookie: string;
const figures: string[] = [];

const exportFlow = wf.onWebhook(wf.pgaiExport('queueExport'), 'queue-export');
let fanOutFlow: WorkflowJson;
const triggerFlow = triggerWorkflow('queueTrigger', `e2e queue ${TRIGGER} queueTrigger`, { event: 'newContact', pollTimes: cronPollTimes('0 * * * * *') }, wf.PGAI_CREDENTIAL);

beforeAll(async () => {
	const extensionsDir = process.env.PGAI_E2E_PACKAGE_DIR;
	if (!extensionsDir) throw new Error('PGAI_E2E_PACKAGE_DIR is not set: run through jest.e2e.config.js (its global setup packs the package)');
	sandbox = await startSandbox({ host: '127.0.0.1', sizes: { contacts: CONTACTS }, rateLimit: RATE });
	fanOutFlow = wf.onWebhook(wf.pgaiFanOut('queueFanOut', sandbox.data.contacts.slice(0, FAN_OUT.items).map((c) => c.id)), 'queue-fanout');
	const log = (l: string) => process.stderr.write(`queue e2e: ${l}\n`);
	queue = await N8nQueue.start({ line: LINE, extensionsDir, workers: 1, concurrency: 3, log });
	await queue.main.importCredentials(wf.credentials(sandbox.url, sandbox.demoKey));
	await queue.main.importWorkflows([exportFlow, fanOutFlow, triggerFlow]);
	await queue.main.setupOwner(OWNER);
	cookie = await queue.main.login(OWNER.email, OWNER.password);
	for (const flow of [exportFlow, fanOutFlow]) await queue.main.activateWorkflow(cookie, flow.id);
});

afterAll(async () => {
	process.stderr.write(`\nqueue mode, n8n line ${LINE}:\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
	await queue?.stop({ keepLogs: Boolean(process.env.PGAI_E2E_KEEP) });
	if (process.env.PGAI_E2E_KEEP && queue) process.stderr.write(`n8n logs kept: ${queue.main.userFolder}/pgai-logs\n`);
	await sandbox?.close();
});

const exportAll = () =>
	runAtOnce({
		queue,
		cookie,
		workflowId: exportFlow.id,
		webhookPath: 'queue-export',
		count: EXPORTS,
		outputNode: wf.NODE.pgai,
		requests: () => sandbox.requests,
		rate: RATE,
		neededRequests: EXPORTS * Math.ceil(CONTACTS / 50),
	});

const fanOut = () =>
	runAtOnce({
		queue,
		cookie,
		workflowId: fanOutFlow.id,
		webhookPath: 'queue-fanout',
		count: FAN_OUT.executions,
		outputNode: wf.NODE.pgai,
		requests: () => sandbox.requests,
		rate: RATE,
		neededRequests: FAN_OUT.executions * FAN_OUT.items,
	});

/** Every execution succeeded, ran on a worker and output exactly `ids`, in order. */
function expectEachOutputs(run: AtOnceRun, ids: string[]): void {
	for (const execution of run.executions) {
		expect({ id: execution.id, status: execution.status, error: execution.error }).toEqual({ id: execution.id, status: 'success', error: undefined });
		expect(execution.worker).toBeDefined();
		expect(execution.ids).toEqual(ids);
	}
}

const refused = (run: AtOnceRun) => run.requests.filter((r) => r.status === 429).length;
/** 429s in the windows from `index` on (0: the window of the run's first request). */
const refusedFrom = (run: AtOnceRun, index: number) => run.windows.filter((w) => w.index >= index).reduce((n, w) => n + w.rateLimited, 0);
/** 429s after the third window of the run. */
const refusedLate = (run: AtOnceRun) => refusedFrom(run, 3);
/** Every request the run needs, plus one retry per 429: nothing else was sent again. */
const expectOneRetryPer429 = (run: AtOnceRun, needed: number) => expect(run.requests.length).toBe(needed + refused(run));

describe(`n8n line ${LINE} in queue mode, one key limited to ${RATE.limit} requests per second`, () => {
	test('1 worker: 6 exports started at once each output the 2,000 contacts, without a 429', async () => {
		const run = await exportAll();
		figures.push(describeAtOnce('export ×6, 1 worker', run));
		expect(run.executions).toHaveLength(EXPORTS);
		expectEachOutputs(run, sandbox.data.contacts.map((c) => c.id));
		expect(refused(run)).toBe(0);
	});

	test('1 worker: 3 fan-outs of 300 Contact Gets each output their contacts, without a 429', async () => {
		const run = await fanOut();
		figures.push(describeAtOnce('fan-out 300 ×3, 1 worker', run));
		expectEachOutputs(run, sandbox.data.contacts.slice(0, FAN_OUT.items).map((c) => c.id));
		expect(refused(run)).toBe(0);
	});

	test('2 workers: the exports split over both, every record once, the pacers settle within three windows', async () => {
		await queue.addWorker();
		const run = await exportAll();
		figures.push(describeAtOnce('export ×6, 2 workers', run));
		expectEachOutputs(run, sandbox.data.contacts.map((c) => c.id));
		expect(new Set(run.executions.map((e) => e.worker)).size).toBe(2);
		expect(refused(run)).toBeLessThanOrEqual(12);
		expect(refusedLate(run)).toBe(0);
		expectOneRetryPer429(run, EXPORTS * Math.ceil(CONTACTS / 50));
	});

	test('2 workers: 3 fan-outs, every contact once, the pacers converge on the shared limit', async () => {
		const run = await fanOut();
		figures.push(describeAtOnce('fan-out 300 ×3, 2 workers', run));
		expectEachOutputs(run, sandbox.data.contacts.slice(0, FAN_OUT.items).map((c) => c.id));
		expect(new Set(run.executions.map((e) => e.worker)).size).toBe(2);
		expectOneRetryPer429(run, FAN_OUT.executions * FAN_OUT.items);
		// A worker pacing alone fills each window at its opening, so its answers cannot show the other's
		// requests: it learns of them from a 429 of its own, which can take more than three windows
		// (measured: 8 429s, the last in the fourth window, none in the 41 after). At most one window's
		// worth is refused, and none once they have converged.
		expect(refused(run)).toBeLessThanOrEqual(RATE.limit);
		expect(refusedFrom(run, Math.floor(run.windows.length / 2))).toBe(0);
	});

	test('the PG:AI Trigger polls in main, runs on the workers, and emits each new contact once across a restart of main', async () => {
		const started = Date.now();
		const existing = new Set(sandbox.data.contacts.map((c) => c.id));
		// poll once a minute (n8n's shortest interval), at the second 12 s from now: after the activation
		const second = new Date(Date.now() + 12_000).getUTCSeconds();
		await setPollSecond(second);
		await queue.main.activateWorkflow(cookie, triggerFlow.id);
		// the activation's poll remembered what exists and emitted nothing
		expect(await finished()).toEqual([]);
		const tick1 = nextTick(Date.now(), second);

		const before = sandbox.addRecords('contact', [contact('Before', 'One'), contact('Before', 'Two')]);
		const poll1 = await waitForEmitted(ids(before), tick1 + 30_000, 'poll 1');

		// main stops between two polls: its trigger's state (the last poll's mark) must come back from the database
		await queue.main.stop();
		const whileDown = sandbox.addRecords('contact', [contact('WhileDown', 'Three')]);
		await queue.main.startServer();
		const afterRestart = sandbox.addRecords('contact', [contact('AfterRestart', 'Four')]);
		const tick2 = nextTick(Date.now(), second);
		const all = await waitForEmitted(ids(before, whileDown, afterRestart), tick2 + 30_000, 'poll after the restart');

		const emittedIds = all.flatMap(emitted);
		expect([...emittedIds].sort()).toEqual(ids(before, whileDown, afterRestart).sort());
		expect(emittedIds.filter((id) => existing.has(id))).toEqual([]);
		expect(poll1.map(emitted)).toEqual([ids(before)]);
		for (const execution of all) {
			expect([execution.mode, execution.status]).toEqual(['trigger', 'success']);
			expect(queue.workerOf(execution.id)).toBeDefined();
		}
		figures.push(
			`trigger: ${all.length} executions (${all.map((e) => `${e.id} on ${queue.workerOf(e.id)}: ${emitted(e).length}`).join(', ')}), ` +
				`${emittedIds.length} contacts emitted of ${ids(before, whileDown, afterRestart).length} added, main restarted once, ${((Date.now() - started) / 1000).toFixed(0)} s`,
		);
	});
});

// ---------------------------------------------------------------------------------------------------
// the trigger

/** n8n refuses poll times under a minute: once a minute at `second`, set just before activation. */
async function setPollSecond(second: number): Promise<void> {
	const stored = await queue.main.rest<{ nodes: Array<Record<string, any>>; connections: unknown }>(cookie, 'GET', `/workflows/${triggerFlow.id}`);
	const nodes = stored.nodes.map((node) =>
		node.name === TRIGGER ? { ...node, parameters: { ...node.parameters, pollTimes: cronPollTimes(`${second} * * * * *`) } } : node,
	);
	await queue.main.rest(cookie, 'PATCH', `/workflows/${triggerFlow.id}`, { nodes, connections: stored.connections });
}

function nextTick(after: number, second: number): number {
	const tick = Math.floor(after / MINUTE) * MINUTE + second * 1000;
	return tick > after ? tick : tick + MINUTE;
}

let sequence = 0;
/** A contact created now, later than anything before it. */
function contact(first: string, last: string): Record<string, unknown> {
	return { first_name: first, last_name: last, created_at: new Date(Date.now() + ++sequence).toISOString() };
}

const ids = (...groups: Array<Array<Record<string, unknown>>>) => groups.flat().map((r) => String(r.id));

async function finished(): Promise<N8nExecution[]> {
	const all = await queue.main.executions(cookie, triggerFlow.id);
	const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
	return await Promise.all(done.map((e) => queue.main.execution(cookie, e.id)));
}

function emitted(execution: N8nExecution): string[] {
	return (execution.data.resultData.runData[TRIGGER] ?? []).flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => String(item.json.id)));
}

/**
 * The trigger's finished executions once they emitted every one of `wanted`, or a failure at
 * `deadline`. An answer that is not the list (seen once right after a restart of main: a body that
 * was no JSON) is asked again until the deadline, and named in the failure.
 */
async function waitForEmitted(wanted: string[], deadline: number, what: string): Promise<N8nExecution[]> {
	let all: N8nExecution[] = [];
	let unreadable: string | undefined;
	for (;;) {
		try {
			all = await finished();
			unreadable = undefined;
			const seen = new Set(all.flatMap(emitted));
			if (wanted.every((id) => seen.has(id))) return all;
		} catch (error) {
			unreadable = (error as Error).message;
		}
		if (Date.now() > deadline) {
			const last = unreadable ? `; the last answer could not be read: ${unreadable}` : '';
			throw new Error(`${what}: by ${new Date(deadline).toISOString()} the trigger emitted ${JSON.stringify(all.map(emitted))}, not all of ${JSON.stringify(wanted)}${last}`);
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
}
