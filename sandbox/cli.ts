/**
 * `npx pgai-sandbox [options]` (or `npm run sandbox -- [options]`): the sandbox as a process, for demos, benchmarks and the e2e suite.
 * Prints the base URL and the keys, logs one line per request unless --quiet, stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index';
import type { CreditKind, ExecutionTiming, LatencyOptions, RateLimitOptions, SandboxOptions } from './types';

const USAGE = `Usage: npx pgai-sandbox [options]

  --port N                   port (default: PGAI_SANDBOX_PORT or 4010; 0 = any free port)
  --host H                   interface (default 127.0.0.1)
  --seed N                   data seed (default 42)
  --territories N            number of territories (default 12)
  --accounts N               number of accounts (default 2000)
  --contacts N               number of contacts (default 5000)
  --tasks N                  number of tasks (default 120)
  --envelope MODE            current | legacy | paged | ranked | data | bare | rich | next
  --page-size-param P        both | per_page | limit
  --rate-limit LIMIT/MS      e.g. 60/60000: 60 requests per key per 60 s window
  --rate-limit-headers H     all | none | no-429
  --retry-after              add Retry-After to 429s
  --reset-unit U             s | ms (X-RateLimit-Reset unit)
  --window-start S           clock (default): windows start at multiples of their length;
                             first-request: a key's window starts with its first request after
                             the one before ended (a reset in seconds is then rounded up)
  --latency MS               delay before every answer, as over a real network (default 0)
  --latency-jitter MS        up to MS more per answer, drawn at random (needs --latency)
  --key-latency KEY=MS[:J]   the requests with API key KEY wait MS (plus up to J more at random)
                             instead of --latency; repeat for more keys, e.g.
                             --key-latency pgai-sandbox-demo=150:50 --key-latency pgai-sandbox-read-only=0;
                             requests with no key or another key get --latency
  --operation-polls N        polls before an operation completes (default 2)
  --execution-time Q:R       workflow executions stay queued Q ms, then run R ms (default 1000:4000)
  --workflow-time ID=Q:R     the same for the runs of workflow ID only; repeat for more workflows
  --fail-workflow ID         the runs of workflow ID fail; repeatable
  --assistant-delay MS       assistant reply delay (default 200)
  --credits K=N,...          e.g. company_credits=0,contact_credits=5
  --quiet                    no per-request log
  --help`;

/** What parseArgs returns; the repeatable options are lists. */
type Values = Record<string, string | string[] | boolean | undefined>;

function count(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw new Error(`--${flag} needs a non-negative integer, got "${value}"`);
	return Number(value);
}

function rateLimit(values: Values): RateLimitOptions | undefined {
	const spec = values['rate-limit'] as string | undefined;
	if (spec === undefined) {
		if (values['rate-limit-headers'] || values['retry-after'] || values['reset-unit'] || values['window-start']) throw new Error('rate-limit options need --rate-limit');
		return undefined;
	}
	const found = /^(\d+)\/(\d+)$/.exec(spec);
	if (!found) throw new Error(`--rate-limit needs LIMIT/WINDOW_MS, e.g. 60/60000, got "${spec}"`);
	return {
		limit: Number(found[1]),
		windowMs: Number(found[2]),
		headers: values['rate-limit-headers'] as RateLimitOptions['headers'],
		retryAfter: values['retry-after'] === true,
		resetUnit: values['reset-unit'] as RateLimitOptions['resetUnit'],
		windowStart: values['window-start'] as RateLimitOptions['windowStart'],
	};
}

function latency(values: Values): LatencyOptions | undefined {
	const ms = count('latency', values.latency as string | undefined);
	const jitterMs = count('latency-jitter', values['latency-jitter'] as string | undefined);
	if (ms === undefined) {
		if (jitterMs !== undefined) throw new Error('--latency-jitter needs --latency');
		return undefined;
	}
	return jitterMs === undefined ? { ms } : { ms, jitterMs };
}

/** Repeated --key-latency KEY=MS[:JITTER_MS], one per key; the keys themselves are checked by the sandbox. */
function keyLatency(specs: string[] | undefined): SandboxOptions['keyLatency'] {
	if (specs === undefined) return undefined;
	const out: Record<string, LatencyOptions> = {};
	for (const spec of specs) {
		const found = /^(.+)=(\d+)(?::(\d+))?$/.exec(spec);
		if (!found) throw new Error(`--key-latency needs KEY=MS or KEY=MS:JITTER_MS, e.g. pgai-sandbox-demo=150:50, got "${spec}"`);
		const [, key, ms, jitterMs] = found;
		if (Object.hasOwn(out, key)) throw new Error(`--key-latency names "${key}" twice`);
		out[key] = jitterMs === undefined ? { ms: Number(ms) } : { ms: Number(ms), jitterMs: Number(jitterMs) };
	}
	return out;
}

function timing(flag: string, spec: string): ExecutionTiming {
	const found = /^(\d+):(\d+)$/.exec(spec);
	if (!found) throw new Error(`--${flag} needs QUEUED_MS:RUNNING_MS, e.g. 1000:4000, got "${spec}"`);
	return { queuedMs: Number(found[1]), runningMs: Number(found[2]) };
}

/** Repeated --workflow-time ID=Q:R and --fail-workflow ID, merged per workflow; the ids are checked by the sandbox. */
function workflowExecutions(times: string[] | undefined, failing: string[] | undefined): SandboxOptions['workflowExecutions'] {
	if (times === undefined && failing === undefined) return undefined;
	const out: Record<string, Partial<ExecutionTiming>> = {};
	for (const spec of times ?? []) {
		const found = /^(.+)=(.*)$/.exec(spec);
		if (!found) throw new Error(`--workflow-time needs ID=QUEUED_MS:RUNNING_MS, e.g. wf_account_research=0:120000, got "${spec}"`);
		const [, id, time] = found;
		if (Object.hasOwn(out, id)) throw new Error(`--workflow-time names "${id}" twice`);
		out[id] = timing('workflow-time', time);
	}
	for (const id of failing ?? []) out[id] = { ...out[id], fail: true };
	return out;
}

function credits(spec: string | undefined): SandboxOptions['credits'] {
	if (spec === undefined) return undefined;
	const out: Partial<Record<CreditKind, number>> = {};
	for (const pair of spec.split(',')) {
		const [kind, value] = pair.split('=');
		out[kind.trim() as CreditKind] = count('credits', value?.trim());
	}
	return out;
}

function options(argv: string[]): SandboxOptions & { help?: boolean } {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			seed: { type: 'string' },
			territories: { type: 'string' },
			accounts: { type: 'string' },
			contacts: { type: 'string' },
			tasks: { type: 'string' },
			envelope: { type: 'string' },
			'page-size-param': { type: 'string' },
			'rate-limit': { type: 'string' },
			'rate-limit-headers': { type: 'string' },
			'retry-after': { type: 'boolean' },
			'reset-unit': { type: 'string' },
			'window-start': { type: 'string' },
			latency: { type: 'string' },
			'latency-jitter': { type: 'string' },
			'key-latency': { type: 'string', multiple: true },
			'operation-polls': { type: 'string' },
			'execution-time': { type: 'string' },
			'workflow-time': { type: 'string', multiple: true },
			'fail-workflow': { type: 'string', multiple: true },
			'assistant-delay': { type: 'string' },
			credits: { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	const sizes = { territories: count('territories', values.territories), accounts: count('accounts', values.accounts), contacts: count('contacts', values.contacts), tasks: count('tasks', values.tasks) };
	return {
		help: values.help,
		host: values.host ?? '127.0.0.1',
		port: count('port', values.port ?? (process.env.PGAI_SANDBOX_PORT || undefined)) ?? 4010,
		seed: count('seed', values.seed),
		sizes: Object.fromEntries(Object.entries(sizes).filter(([, value]) => value !== undefined)),
		envelope: values.envelope as SandboxOptions['envelope'],
		pageSizeParam: values['page-size-param'] as SandboxOptions['pageSizeParam'],
		rateLimit: rateLimit(values),
		latency: latency(values),
		keyLatency: keyLatency(values['key-latency']),
		operationPolls: count('operation-polls', values['operation-polls']),
		executions: values['execution-time'] === undefined ? undefined : timing('execution-time', values['execution-time']),
		workflowExecutions: workflowExecutions(values['workflow-time'], values['fail-workflow']),
		assistantDelayMs: count('assistant-delay', values['assistant-delay']),
		credits: credits(values.credits),
		quiet: values.quiet ?? false,
	};
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof options>;
	try {
		parsed = options(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
		process.exit(2);
	}
	if (parsed.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const { help: _help, ...sandboxOptions } = parsed;
	const sandbox = await startSandbox(sandboxOptions);
	const { territories, accounts, contacts, tasks, workflows } = sandbox.data;
	const keys = Object.entries(sandbox.keys).map(([name, key]) => `    ${name.padEnd(13)} ${key}`);
	process.stdout.write(
		[
			`PG:AI sandbox listening on ${sandbox.url}`,
			`  demo key: ${sandbox.demoKey}`,
			'  keys:',
			...keys,
			`  data: ${territories.length} territories, ${accounts.length} accounts, ${contacts.length} contacts, ${tasks.length} tasks (seed ${sandboxOptions.seed ?? 42})`,
			`  workflows: ${workflows.map((workflow) => `${workflow.id} (${workflow.name})`).join(', ')}`,
			`  admin: ${sandbox.origin}/_sandbox/`,
			'',
		].join('\n'),
	);
	const stop = (signal: string) => {
		sandbox.close().then(() => {
			process.stdout.write(`sandbox stopped (${signal})\n`);
			process.exit(0);
		});
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`sandbox: ${(error as Error).message}\n`);
	process.exit(1);
});
