/**
 * Processes sharing one API key, simulated on jest's fake clock: each process has its own Pacer (as
 * each n8n worker does) and its walkers send requests one after the other through the real
 * ApiClient, to one server-side fixed window (the sandbox's RateLimiter). Latencies come from a
 * seeded stream, so a run is the same every time; nothing here reads the real clock.
 */
import type { IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { ApiClient, DEFAULT_RETRY_POLICY } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { Pacer } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';
import { createRng } from '../../sandbox/prng';
import { RateLimiter } from '../../sandbox/rate-limit';

export interface SimProcess {
	name: string;
	/** requests in flight at once at most: sequential walkers, as executions walking pages */
	walkers: number;
	/** requests each walker sends */
	requests: number;
	/** joins this long after the start (ms) */
	startMs?: number;
	/** to the server, ms (default 2–12): a process further away always arrives after the others */
	uplinkMs?: [number, number];
	/** the process's pacer, to carry what it learnt from one run into the next (default: a new one) */
	pacer?: Pacer;
}

export interface SimRequest {
	process: string;
	/** when the server counted it (ms since the epoch) */
	at: number;
	status: number;
}

export interface SimRun {
	requests: SimRequest[];
	/** the first window of the run, as an index of windows since the epoch */
	firstWindow: number;
	windowMs: number;
	/** requests the client gave up on (Max Retries, Max Wait) */
	failures: number;
}

const NODE = { name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** Runs the processes to the end on jest's fake timers (the caller enables them) and returns the server's log. */
export async function simulate(
	processes: SimProcess[],
	rate: { limit: number; windowMs: number },
	seed = 1,
	limiter = new RateLimiter({ ...rate, headers: 'all' }),
): Promise<SimRun> {
	const rng = createRng(seed, 'latency');
	const requests: SimRequest[] = [];
	let failures = 0;
	const firstWindow = Math.floor(Date.now() / rate.windowMs);
	const delay = (min: number, max: number) => new Promise<void>((resolve) => setTimeout(resolve, rng.int(min, max)));

	const send = (process: string, [min, max]: [number, number]) => async (): Promise<IN8nHttpFullResponse> => {
		await delay(min, max);
		const decision = limiter.hit('key', Date.now());
		const statusCode = decision.allowed ? 200 : 429;
		requests.push({ process, at: Date.now(), status: statusCode });
		const headers = limiter.headers(decision, statusCode);
		await delay(2, 12); // back
		return { statusCode, headers, body: decision.allowed ? { ok: true } : { error: 'Rate limit exceeded' } };
	};

	const runs = processes.map(async (p) => {
		const pacer = p.pacer ?? new Pacer();
		const client = new ApiClient({ node: NODE, policy: DEFAULT_RETRY_POLICY, pacer, baseUrl: 'http://sim', apiKey: 'key', transport: {}, send: send(p.name, p.uplinkMs ?? [2, 12]) });
		if (p.startMs) await new Promise((resolve) => setTimeout(resolve, p.startMs));
		await Promise.all(
			Array.from({ length: p.walkers }, async () => {
				for (let i = 0; i < p.requests; i++) {
					await client.request({ method: 'GET', url: '/contacts' }).catch(() => failures++);
					await delay(1, 8); // the walker's own work between two pages
				}
			}),
		);
	});
	let done = false;
	const all = Promise.all(runs).finally(() => (done = true));
	for (let step = 0; !done && step < 100_000; step++) await jest.advanceTimersByTimeAsync(5);
	await all;
	return { requests, firstWindow, windowMs: rate.windowMs, failures };
}

export interface SimWindow {
	/** requests the server counted, per process */
	sent: Record<string, number>;
	/** 429s, per process */
	refusedBy: Record<string, number>;
	refused: number;
}

/** Per window of the run: requests the server counted per process, and its 429s. */
export function windows(run: SimRun): SimWindow[] {
	const out: SimWindow[] = [];
	for (const r of run.requests) {
		const index = Math.floor(r.at / run.windowMs) - run.firstWindow;
		while (out.length <= index) out.push({ sent: {}, refusedBy: {}, refused: 0 });
		if (r.status === 429) {
			out[index].refused++;
			out[index].refusedBy[r.process] = (out[index].refusedBy[r.process] ?? 0) + 1;
		} else out[index].sent[r.process] = (out[index].sent[r.process] ?? 0) + 1;
	}
	return out;
}
