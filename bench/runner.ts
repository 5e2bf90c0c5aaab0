/** One measured run of one contestant in one scenario: fresh sandbox, `n8n execute`, the numbers. */
import { loadavg } from 'node:os';
import { itemsOf, type N8n } from '../scripts/lib/n8n';
import { executeMeasured, type Memory } from './lib/memory';
import { checkIds, nodeTiming, openedWindowBound, requestStats, timeline, windowBound, windowGaps, type Bound, type ItemCheck, type RequestStats, type Timeline } from './lib/measure';
import { SANDBOX_KEY, SandboxProcess } from './lib/sandbox';
import type { Scenario, Variant } from './scenarios';

export interface Sample {
	scenario: string;
	variant: Variant;
	run: number;
	ok: boolean;
	/** n8n's error when the workflow failed. */
	failure?: string;
	/** Sum of the timed nodes' executionTime (run data), ms. */
	nodeMs?: number;
	/** The whole `n8n execute` call (boot, run, printing the run), ms. */
	executeMs: number;
	requests: RequestStats;
	items?: ItemCheck;
	memory: Memory;
	bound?: Bound;
	/** Node start → the first request the sandbox saw, ms (every scenario, limited or not). */
	startupMs?: number;
	/** Where the sandbox answers with latency: requests per window (1-s windows without a limit) and the most in flight. */
	timeline?: Timeline;
	/** Where windows start at a request: the idle time between one window's end and the next one's start, ms, in order. */
	windowGapsMs?: number[];
	/** 1-minute load average before and after the run. */
	load: [number, number];
	crashedOnExit: boolean;
	logs: string;
}

export interface RunOptions {
	n8n: N8n;
	port: number;
	scenario: Scenario;
	variant: Variant;
	run: number;
	/** Extra environment of the n8n process (e.g. NODE_OPTIONS=--cpu-prof). */
	env?: Record<string, string>;
}

const shortError = (message: string) => message.split('\n')[0].slice(0, 160);

export async function measure({ n8n, port, scenario, variant, run, env }: RunOptions): Promise<Sample> {
	const sandbox = await SandboxProcess.start(port, { contacts: scenario.contacts, rateLimit: scenario.rateLimit, latency: scenario.latency, envelope: scenario.envelope });
	try {
		const ids = await sandbox.contactIds();
		const loadBefore = loadavg()[0];
		const { run: result, memory } = await executeMeasured(n8n, scenario.workflowId(variant), { env, name: `${scenario.key}-${variant}-${run}` });
		const loadAfter = loadavg()[0];
		const requests = (await sandbox.requests()).filter((r) => !r.path.startsWith('/_sandbox'));
		const timing = nodeTiming(result, scenario.timedNodes(variant));
		const sample: Sample = {
			scenario: scenario.key,
			variant,
			run,
			ok: !result.error,
			failure: result.error ? shortError(result.error.message) : undefined,
			nodeMs: timing?.executionMs,
			executeMs: result.durationMs,
			requests: requestStats(requests),
			memory,
			load: [loadBefore, loadAfter],
			crashedOnExit: result.crashedOnExit,
			logs: result.stdoutPath,
		};
		if (timing && requests.length) sample.startupMs = Math.max(0, requests[0].at - timing.startTime);
		if (timing && scenario.latency) sample.timeline = timeline(requests, timing.startTime, scenario.rateLimit?.windowMs ?? 1000);
		if (timing && scenario.rateLimit?.windowStart === 'first-request') {
			const windows = (await sandbox.windows()).filter((w) => w.apiKey === SANDBOX_KEY);
			sample.bound = openedWindowBound(requests, windows, timing.startTime, timing.startTime + timing.executionMs, scenario.neededRequests, scenario.rateLimit);
			sample.windowGapsMs = windowGaps(windows);
		} else if (timing && scenario.rateLimit) {
			sample.bound = windowBound(requests, timing.startTime, timing.startTime + timing.executionMs, scenario.neededRequests, scenario.rateLimit);
		}
		if (!result.error) {
			try {
				const items = itemsOf(result, scenario.outputNode(variant)).map((item) => item.json?.id);
				sample.items = checkIds(items, ids);
			} catch (error) {
				sample.ok = false;
				sample.failure = shortError((error as Error).message);
			}
		}
		return sample;
	} finally {
		await sandbox.stop();
	}
}
