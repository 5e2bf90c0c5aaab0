/**
 * The queue-mode row of the bench: n8n main + workers (scripts/lib/n8n/queue.ts), 6 executions
 * started at once through a webhook, each exporting the same 2,000 contacts under one key limited to
 * 20 requests per second; PG:AI against the HTTP Request node, with 1 worker, then 2.
 *
 * The HTTP Request node is set up as a capable user would for 6 executions sharing the key: the
 * pagination's Interval Between Requests at 6 × window / limit (300 ms), so that all of them together
 * stay within the limit, and Retry On Fail at n8n's maximum.
 */
import type { LineNumber } from '../scripts/lib/n8n';
import { N8nQueue, freePort } from '../scripts/lib/n8n';
import { describeAtOnce, runAtOnce, type AtOnceRun } from './lib/queue';
import { median } from './lib/measure';
import { SANDBOX_KEY, SandboxProcess } from './lib/sandbox';
import type { Variant } from './scenarios';
import * as wf from './workflows';

export const QUEUE_SCENARIO = { executions: 6, contacts: 2_000, rate: { limit: 20, windowMs: 1000, headers: 'all' as const } };
const PAGES = Math.ceil(QUEUE_SCENARIO.contacts / 50);
const HTTP_INTERVAL_MS = Math.ceil((QUEUE_SCENARIO.executions * QUEUE_SCENARIO.rate.windowMs) / QUEUE_SCENARIO.rate.limit);
const PATH: Record<Variant, string> = { pgai: 'bench-queue-pgai', http: 'bench-queue-http' };

export interface QueueSample {
	variant: Variant;
	workers: number;
	run: number;
	/** every execution succeeded and output the 2,000 contacts, each once */
	exact: boolean;
	requests: number;
	rateLimited: number;
	/** 429s per window of the run, from the first request's window */
	perWindow: number[];
	ratio: number;
	line: string;
}

/** `runs` runs per contestant with 1 worker, then as many with 2, A/B order alternating. */
export async function queueBench(opts: { line: LineNumber; extensionsDir: string; runs: number; log: (line: string) => void }): Promise<QueueSample[]> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}/v1`;
	const queue = await N8nQueue.start({ line: opts.line, extensionsDir: opts.extensionsDir, workers: 1, concurrency: 3, log: opts.log });
	const samples: QueueSample[] = [];
	try {
		const flows = {
			pgai: wf.onWebhook(wf.pgaiExport('benchQueuePgai'), PATH.pgai),
			http: wf.onWebhook(wf.httpExport('benchQueueHttp', baseUrl, HTTP_INTERVAL_MS), PATH.http),
		};
		await queue.main.importCredentials(wf.credentials(baseUrl, SANDBOX_KEY));
		await queue.main.importWorkflows(Object.values(flows));
		const owner = { email: 'bench@example.com', password: 'PgAiBench1', firstName: 'Bench', lastName: 'Queue' };
		await queue.main.setupOwner(owner);
		const cookie = await queue.main.login(owner.email, owner.password);
		for (const flow of Object.values(flows)) await queue.main.activateWorkflow(cookie, flow.id);
		for (const workers of [1, 2]) {
			if (workers > queue.workers.length) await queue.addWorker();
			for (let run = 1; run <= opts.runs; run++) {
				const order: Variant[] = run % 2 === 1 ? ['pgai', 'http'] : ['http', 'pgai'];
				for (const variant of order) {
					const sandbox = await SandboxProcess.start(port, { contacts: QUEUE_SCENARIO.contacts, rateLimit: QUEUE_SCENARIO.rate });
					try {
						const ids = await sandbox.contactIds();
						const result = await runAtOnce({
							queue,
							cookie,
							workflowId: flows[variant].id,
							webhookPath: PATH[variant],
							count: QUEUE_SCENARIO.executions,
							outputNode: variant === 'pgai' ? wf.NODE.pgai : wf.NODE.split,
							requests: () => sandbox.requests(),
							rate: QUEUE_SCENARIO.rate,
							neededRequests: QUEUE_SCENARIO.executions * PAGES,
						});
						const sample = toSample(result, ids, variant, workers, run);
						samples.push(sample);
						opts.log(sample.line);
					} finally {
						await sandbox.stop();
					}
				}
			}
		}
	} finally {
		await queue.stop();
	}
	return samples;
}

function toSample(result: AtOnceRun, ids: string[], variant: Variant, workers: number, run: number): QueueSample {
	const exact = result.executions.length === QUEUE_SCENARIO.executions && result.executions.every((e) => e.status === 'success' && e.ids.length === ids.length && e.ids.every((id, i) => id === ids[i]));
	return {
		variant,
		workers,
		run,
		exact,
		requests: result.requests.length,
		rateLimited: result.requests.filter((r) => r.status === 429).length,
		perWindow: result.windows.map((w) => w.rateLimited),
		ratio: result.bound ? result.totalMs / result.bound.boundMs : NaN,
		line: describeAtOnce(`queue ${variant}, ${workers} worker${workers > 1 ? 's' : ''}, run ${run}`, result),
	};
}

/** The markdown section of RESULTS.md: medians per contestant and worker count, then every run. */
export function queueSection(samples: QueueSample[]): string[] {
	const rows = [1, 2].flatMap((workers) =>
		(['pgai', 'http'] as Variant[]).map((variant) => {
			const mine = samples.filter((s) => s.workers === workers && s.variant === variant);
			const windows = mine.map((s) => s.perWindow.map((n, i) => (n ? `w${i}:${n}` : '')).filter(Boolean).join(' ') || 'none');
			return `| ${workers} | ${variant === 'pgai' ? 'PG:AI' : 'HTTP Request'} | ${mine.filter((s) => s.exact).length}/${mine.length} | ${median(mine.map((s) => s.requests))} | ${median(mine.map((s) => s.rateLimited))} (${Math.min(...mine.map((s) => s.rateLimited))}–${Math.max(...mine.map((s) => s.rateLimited))}) | ${windows.join('; ')} | ${median(mine.map((s) => s.ratio)).toFixed(2)}× (${Math.min(...mine.map((s) => s.ratio)).toFixed(2)}–${Math.max(...mine.map((s) => s.ratio)).toFixed(2)}) |`;
		}),
	);
	return [
		'## Queue mode: 6 executions at once, one key, 1 and 2 workers',
		'',
		`n8n main + workers (\`n8n worker --concurrency=3\`), PostgreSQL, Redis (bench/queue.ts). A webhook starts ${QUEUE_SCENARIO.executions} executions at once; each exports the same ${QUEUE_SCENARIO.contacts.toLocaleString('en-US')} contacts (${PAGES} pages) under one key limited to ${QUEUE_SCENARIO.rate.limit} requests per 1-second window. HTTP Request: the list set-up above with Interval Between Requests ${HTTP_INTERVAL_MS} ms (${QUEUE_SCENARIO.executions} executions × window / limit), Retry On Fail 5 × 5000 ms. Time: first execution start → last execution end, against the bound for all ${QUEUE_SCENARIO.executions * PAGES} requests together; medians, range in brackets.`,
		'',
		'| workers | node | runs with every record once | requests | 429s | 429s per window (each run) | time / bound |',
		'|---|---|---|---|---|---|---|',
		...rows,
		'',
		...samples.map((s) => `- ${s.line}`),
	];
}
