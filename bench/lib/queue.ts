/**
 * Queue mode, measured: executions started at once through a webhook, run by the workers, then read
 * back from main's REST API with the worker that ran each and the sandbox's requests per window.
 * Used by the queue-mode e2e suite (test/e2e/queue.e2e.test.ts) and the bench's queue rows.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nExecutionSummary, N8nQueue } from '../../scripts/lib/n8n';
import type { RecordedRequest } from '../../sandbox/types';
import { windowBound, type Bound, type RateWindow } from './measure';

export interface QueueExecution {
	id: string;
	status: string;
	/** the worker whose log says it started the execution */
	worker?: string;
	startedAt: number;
	stoppedAt: number;
	/** `json.id` of every item the output node emitted, in order */
	ids: unknown[];
	error?: string;
}

export interface WindowCount {
	/** 0 for the window of the first request */
	index: number;
	sent: number;
	rateLimited: number;
}

export interface AtOnceRun {
	executions: QueueExecution[];
	/** the API requests made while the executions ran */
	requests: RecordedRequest[];
	windows: WindowCount[];
	/** the first execution's start to the last one's end, ms */
	totalMs: number;
	bound?: Bound;
}

export interface AtOnceOptions {
	queue: N8nQueue;
	/** main's session cookie (N8n.login) */
	cookie: string;
	workflowId: string;
	webhookPath: string;
	/** executions started at once */
	count: number;
	/** node whose output items are counted */
	outputNode: string;
	/** the sandbox's request log (in-process or over its admin API) */
	requests: () => RecordedRequest[] | Promise<RecordedRequest[]>;
	rate: RateWindow;
	/** requests the whole run needs at least (pages, or one per item) */
	neededRequests: number;
	timeoutMs?: number;
}

const FINISHED = (e: N8nExecutionSummary) => !['new', 'running', 'waiting'].includes(e.status);

/** Requests per window of the limit, windows numbered from the first request's. */
export function perWindow(requests: RecordedRequest[], windowMs: number): WindowCount[] {
	if (!requests.length) return [];
	const first = Math.floor(requests[0].at / windowMs);
	const windows: WindowCount[] = [];
	for (const r of requests) {
		const index = Math.floor(r.at / windowMs) - first;
		while (windows.length <= index) windows.push({ index: windows.length, sent: 0, rateLimited: 0 });
		windows[index].sent++;
		if (r.status === 429) windows[index].rateLimited++;
	}
	return windows;
}

/**
 * Calls the (active) workflow's webhook `count` times at once and waits until n8n has recorded that
 * many more finished executions of it. A 404 means main has not registered the webhook yet (2.x
 * activates in the background): the call is repeated.
 */
export async function runAtOnce(opts: AtOnceOptions): Promise<AtOnceRun> {
	const { queue, cookie, workflowId } = opts;
	const main = queue.main;
	const before = new Set((await main.executions(cookie, workflowId)).map((e) => e.id));
	const from = Date.now();
	const deadline = from + (opts.timeoutMs ?? 5 * 60_000);
	const call = async (): Promise<void> => {
		for (;;) {
			const res = await fetch(`http://127.0.0.1:${main.port}/webhook/${opts.webhookPath}`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
			const text = await res.text();
			if (res.ok) return;
			if (res.status !== 404 || Date.now() > deadline) throw new Error(`POST /webhook/${opts.webhookPath} answered ${res.status}: ${text.slice(0, 300)}`);
			await sleep(250);
		}
	};
	await Promise.all(Array.from({ length: opts.count }, call));

	let mine: N8nExecutionSummary[];
	for (;;) {
		mine = (await main.executions(cookie, workflowId)).filter((e) => !before.has(e.id));
		if (mine.length >= opts.count && mine.every(FINISHED)) break;
		if (Date.now() > deadline) throw new Error(`${workflowId}: ${mine.filter(FINISHED).length} of ${opts.count} executions finished in time: ${JSON.stringify(mine)}`);
		await sleep(500);
	}

	const executions: QueueExecution[] = [];
	for (const summary of mine) {
		const execution = await main.execution(cookie, summary.id);
		const runs = execution.data.resultData.runData[opts.outputNode] ?? [];
		executions.push({
			id: summary.id,
			status: summary.status,
			worker: queue.workerOf(summary.id),
			startedAt: Date.parse(String(summary.startedAt)),
			stoppedAt: Date.parse(String(summary.stoppedAt)),
			ids: runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json?.id)),
			error: execution.data.resultData.error?.message,
		});
	}
	const start = Math.min(...executions.map((e) => e.startedAt));
	const end = Math.max(...executions.map((e) => e.stoppedAt));
	const requests = (await opts.requests()).filter((r) => r.at >= from && !r.path.startsWith('/_sandbox'));
	return {
		executions,
		requests,
		windows: perWindow(requests, opts.rate.windowMs),
		totalMs: end - start,
		bound: windowBound(requests, start, end, opts.neededRequests, opts.rate),
	};
}

/** One line per run: executions per worker, requests, 429s per window, time against the bound, the timeline of windows. */
export function describeAtOnce(name: string, run: AtOnceRun): string {
	const byWorker = new Map<string, number>();
	for (const e of run.executions) byWorker.set(e.worker ?? '?', (byWorker.get(e.worker ?? '?') ?? 0) + 1);
	const limited = run.windows.filter((w) => w.rateLimited).map((w) => `w${w.index}:${w.rateLimited}`);
	const ratio = run.bound ? (run.totalMs / run.bound.boundMs).toFixed(2) : '?';
	return [
		`${name}: ${run.executions.length} executions (${[...byWorker].map(([w, n]) => `${w} ${n}`).join(', ')})`,
		`items ${run.executions.map((e) => e.ids.length).join('/')}`,
		`${run.requests.length} requests, ${run.requests.filter((r) => r.status === 429).length} × 429${limited.length ? ` (${limited.join(' ')})` : ''}`,
		`${run.totalMs} ms = ${ratio} × the bound (${run.bound?.boundMs} ms, ${run.bound?.windowsNeeded} windows)`,
		`counted per window (+429s): ${run.windows.map((w) => `${w.sent - w.rateLimited}${w.rateLimited ? `+${w.rateLimited}` : ''}`).join(' ')}`,
	].join('; ');
}
