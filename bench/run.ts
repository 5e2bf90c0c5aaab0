/**
 * npm run bench — the PG:AI node against n8n's HTTP Request node, in real n8n, against the sandbox.
 *
 *   npm run bench                         every scenario on n8n 2.x, 3 runs each, writes bench/RESULTS.md
 *   npm run bench -- --line 1             the same on n8n 1.123.x
 *   npm run bench -- --runs 5             5 runs per contestant and scenario
 *   npm run bench -- --only fanout,limited   some scenarios (export, limited, limitedFirst, no429, noheaders,
 *                                         fanout, memory, netLimited, netFree, netSerial, netFanout, floor, engine, queue)
 *   npm run bench -- --only queue         queue mode (main + 1, then 2 workers; needs postgresql, redis-server)
 *
 * Options: --line 1|2, --runs N, --only a,b (prints only, unless --out is given), --no-build (pack the
 *          existing n8n-nodes-pgai/dist/), --no-write (print only), --out FILE (default bench/RESULTS.md), --profile DIR (n8n runs of PG:AI with --cpu-prof into DIR),
 *          --keep (keep n8n's user folder and logs), --contestant pgai|http|both (default both; one
 *          contestant only prints, for profiling and trying a change), --render FILE (write the report again
 *          from the raw samples a run saved in the temp folder; its path is printed at the end).
 * Each run starts a fresh sandbox process, runs `n8n execute` once, reads the sandbox's request log and
 * the run data, and stops the sandbox; PG:AI and HTTP Request alternate A/B, B/A from run to run. Every
 * loop is bounded: runs × scenarios × 2 executions, each n8n call and each sandbox bounded in time.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { N8n, REPO_ROOT, buildPackage, freePort, installN8n, parseLine, type LineNumber } from '../scripts/lib/n8n';
import { engineOverhead, type EngineResult } from './engine';
import { executeMeasured } from './lib/memory';
import { LoadWatcher } from './lib/load';
import { median } from './lib/measure';
import { SANDBOX_KEY, SandboxProcess } from './lib/sandbox';
import { markdown, meaning, summarize, table, targetTable, targets, type Environment } from './report';
import { measure, type Sample } from './runner';
import { queueBench, queueSection, type QueueSample } from './queue';
import { FAN_OUT_ITEMS, selectScenarios, type Variant } from './scenarios';
import * as wf from './workflows';

/** Parts of the bench that are not `n8n execute` scenarios. */
const SEPARATE = ['engine', 'queue'];

interface Options {
	line: LineNumber;
	runs: number;
	only?: string[];
	build: boolean;
	write: boolean;
	out: string;
	profile?: string;
	keep: boolean;
	variants: Variant[];
	/** Re-render the report from a run's raw samples instead of running. */
	render?: string;
}

function options(argv: string[]): Options {
	const { values } = parseArgs({
		args: argv,
		options: {
			line: { type: 'string' },
			runs: { type: 'string' },
			only: { type: 'string' },
			'no-build': { type: 'boolean' },
			'no-write': { type: 'boolean' },
			out: { type: 'string' },
			profile: { type: 'string' },
			keep: { type: 'boolean' },
			contestant: { type: 'string' },
			render: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*|^ \* ?/gm, ''));
		process.exit(0);
	}
	const runs = values.runs === undefined ? 3 : Number(values.runs);
	if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`--runs must be a whole number from 1 to 50, got ${values.runs}`);
	const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
	if (only) selectScenarios(only.filter((k) => !SEPARATE.includes(k)));
	return {
		line: parseLine(values.line, 2),
		runs,
		only,
		build: !values['no-build'],
		// a partial run (--only) prints its table but does not replace RESULTS.md unless --out says where
		write: !values['no-write'] && ((!only && (values.contestant ?? 'both') === 'both') || values.out !== undefined),
		out: values.out ?? join(REPO_ROOT, 'bench', 'RESULTS.md'),
		profile: values.profile,
		keep: values.keep ?? false,
		variants: contestants(values.contestant),
		render: values.render,
	};
}

function contestants(value: string | undefined): Variant[] {
	if (value === undefined || value === 'both') return ['pgai', 'http'];
	if (value === 'pgai' || value === 'http') return [value];
	throw new Error(`--contestant must be pgai, http or both, got ${value}`);
}

/**
 * What CPU profiles of these scenarios showed (npm run bench -- --only <scenario> --contestant pgai
 * --profile DIR), written under the table because the table alone cannot say it.
 */
const PROFILE_NOTES = [
	'Found with CPU profiles of the n8n process (`npm run bench -- --only fanout --contestant pgai --profile DIR`), not measured by this run:',
	'',
	"- **fan-out floor, the node's share** (2026-12-07): after the credential's header expression went (below), what stayed above the floor came after the first request: each item read the credential in turn, 500 database reads one after another (PG:AI's start-up in the floor was already shorter than the bare node's, its time from the first request 5 s against 0.3 s). The credential is now read once per run of the node, as n8n's RoutingNode reads it, and handed to the items in turn with a tick of n8n's timer between them, so the first request still leaves at once. Before the first request, n8n's RoutingNode spends on every input item two loops over every parameter of the description, each with object spreads per parameter (its own time and the garbage collector's were the largest items of an in-process profile): Return All, Limit, Simplify and the Options collections are now one parameter for all resources that have the same one (86 parameters → 72 before the Task and Workflow resources and version 1.1 added theirs).",
	"- **fan-out, the time before the first request** is n8n's: its RoutingNode prepares all input items in one loop that does not yield before any request can leave, and evaluates every expression parameter (here `{{ $json.id }}`) twice per item (its property loop and `resolveBaseUrl`). In a profile of this scenario on n8n 2.40.7, 1.73 s of the 1.89 s from the node's start to its first request were inside `RoutingNode.runNode`, 1.23 s of it those evaluations in n8n 2.x's expression engine; the node's own code took 0.09 s. On this machine that alone is more than the 15% over the bound the target allows. On n8n 1.123 (legacy expression engine) the same start-up took 0.46 s in one run (1.12× the bound).",
	'- **rate-limited exports**: a run can lose its first window when the node starts late in it: the start-up for one item (150–450 ms here: n8n reads the credential and compiles its header expression on first use in a fresh process) plus 10 sequential requests (about 15 ms each) must fit in what is left of that window, which the bound counts. The pacing itself opens every later window within 15–25 ms of its start.',
	'- **network export, rate-limited** (measured in the run of 2026-12-01T22:12Z, the column “in flight” of *Every run* below): the requests per window were 17, nine times 20, then 3. 200 pages are exactly ten windows of 20, so each slot the first window loses sends a request into an eleventh window. The node started 378 ms into its window and sent its first request 110 ms later; page 1 goes alone (only its answer tells the total), then 8 pages per round trip of about 200 ms (150 ms latency and n8n’s work per request): 17 requests fitted in the 512 ms left. From the first request the walk took the same 1.14× the bound counted from that window, every later window opened with its full 20 (no 429). The target is met only when the node starts early enough in a window for page 1 and three rounds (about 0.6 s) to fit; more pages in flight would fill the first window sooner, at the costs PAGES_IN_FLIGHT (transport/paging.ts) weighs. Ten in flight (tried on 2026-12-01T23:55Z, 3 runs, load 2–3.5) did not change that: the first window held 0, 11 and 11 requests (1.20×, 1.17×, 1.17×), because n8n’s start-up (171–510 ms) and page 1’s round trip come first whatever the depth; a short first window always costs an eleventh window, (10 s − offset + a round trip) / (9 s − offset) ≥ 1.13×, so the target is met only in runs that start early in a window. With 4 in flight (an earlier run, load 6–7 on 2 cores) a round trip took about 210 ms, 4 pages each were 19 a second, under the limit, and the walk used 12 windows (1.50×).',
	'- **network fan-out** (same run): requests per window 0, 47, nine times 50, then 3. The start-up of 1,158 ms (n8n preparing the 500 items) filled the node’s first window; in the second, the pacer’s first request went alone (it probes until an answer tells the limit, 150 ms here) and the window closed 47 requests in. From the first request the node took 1.14× the bound counted from that window. The floor puts the start-up in proportion: n8n alone, running the same 500 items through a declarative node that only reads its parameters against a sandbox answering at once, took 2,805 ms (first request after 2,607 ms: RoutingNode prepares every item before it sends); PG:AI in the same set-up 3,638 ms, 1.30× the floor — its share is about 1.7 ms per item (the credential read in turn, its preSends, the client). Where that share went, in CPU profiles of the floor scenario (n8n 2.40.7, PG:AI only): the credential’s generic `={{$credentials.apiKey}}` header, which n8n evaluates as an expression for every request, took 1,465 ms of 25,608 ms sampled, and the record ID’s one read in the path preSend 1,670 ms, against 2,639 ms for n8n’s own two evaluations per item in RoutingNode. The credential now sets the header in a function (credentials/PgAiApi.credentials.ts): 10 ms in the next profile (16,815 ms sampled; the ID’s read 1,218 ms, n8n’s 1,796 ms). The ID’s read stays: it is the one evaluation of that parameter the node makes, and giving the field routing instead would add two in n8n (its property loop and `resolveBaseUrl` evaluate every routed parameter).',
	"- **connections**: n8n 2.40's HTTP helper builds its agents per request, so every request opens a new connection; when 50 requests leave together at a window's opening, the sandbox handles the first of them 40–80 ms later. Both contestants pay it.",
];

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function commit(): string {
	try {
		const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'n8n-nodes-pgai'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
		return dirty ? `${sha} (with uncommitted changes in n8n-nodes-pgai/)` : sha;
	} catch {
		return 'unknown';
	}
}

function describeSample(s: Sample): string {
	const parts = [
		`${s.scenario}/${s.variant} run ${s.run}:`,
		s.ok ? `node ${s.nodeMs} ms` : `FAILED (${s.failure})`,
		`execute ${s.executeMs} ms`,
		`${s.requests.sent} requests, ${s.requests.rateLimited} × 429`,
		s.bound
			? `bound ${s.bound.boundMs} ms (${s.nodeMs !== undefined ? (s.nodeMs / s.bound.boundMs).toFixed(2) : '?'}×, start-up ${s.bound.startupMs} ms, from the first request ${(s.bound.pacingMs / s.bound.pacingBoundMs).toFixed(2)}×, ${s.bound.windowsUsed}/${s.bound.windowsNeeded} windows)`
			: '',
		s.items ? `items ${s.items.count}${s.items.exact ? ' exact' : ` (${s.items.missing} missing, ${s.items.duplicates} repeated)`}` : '',
		s.timeline ? `at most ${s.timeline.maxInFlight} in flight, requests per window ${s.timeline.perWindow.join(' ')}` : '',
		s.windowGapsMs ? `gaps between windows ${s.windowGapsMs.join(' ')} ms` : '',
		!s.bound && s.startupMs !== undefined ? `start-up ${s.startupMs} ms` : '',
		`peak RSS ${(s.memory.peakRss / 1048576).toFixed(0)} MB`,
		`load ${s.load[0].toFixed(1)}→${s.load[1].toFixed(1)}`,
	];
	return parts.filter(Boolean).join(' ');
}

async function main(): Promise<void> {
	const opts = options(process.argv.slice(2));
	if (opts.render) {
		report(JSON.parse(readFileSync(opts.render, 'utf8')) as RawRun, opts);
		return;
	}
	const scenarios = selectScenarios(opts.only?.filter((k) => !SEPARATE.includes(k)));
	const runScenarios = !opts.only || opts.only.some((k) => !SEPARATE.includes(k));
	const runEngine = !opts.only || opts.only.includes('engine');
	const runQueue = !opts.only || opts.only.includes('queue');
	const watcher = new LoadWatcher();
	// the code measured is what is checked out now (the package is built from it below)
	const measuredCommit = commit();

	log(`n8n line ${opts.line}: ${runScenarios ? scenarios.map((s) => s.key).join(', ') : 'no n8n scenario'}${runEngine ? ' + engine' : ''}${runQueue ? ' + queue' : ''}, ${opts.runs} run(s)`);
	const info = await installN8n(opts.line, log);
	log(opts.build ? 'build and pack the package' : 'pack the existing n8n-nodes-pgai/dist/');
	const pkg = await buildPackage({ build: opts.build, log });
	// beside the package, the fan-out floor's bare declarative node: n8n loads every *.node.js of a custom
	// folder as CUSTOM.<name> (a second folder would replace the first: both are its package "CUSTOM")
	copyFileSync(join(REPO_ROOT, 'bench', 'floor', 'PgAiFloor.node.js'), join(pkg.dir, 'PgAiFloor.node.js'));
	const n8n = await N8n.create({ line: info, extensionsDir: pkg.dir });
	const samples: Sample[] = [];
	let baselineRss: number | undefined;
	let engine: EngineResult | undefined;
	let queue: QueueSample[] | undefined;
	try {
		if (runScenarios) {
			const port = await freePort();
			const baseUrl = `http://127.0.0.1:${port}/v1`;
			// the fan-out input: the ids of a fresh sandbox of that size (seeded: every fresh one has the same)
			const probe = await SandboxProcess.start(port, { contacts: FAN_OUT_ITEMS });
			const fanOutIds = await probe.contactIds();
			await probe.stop();
			log('import credentials and workflows');
			await n8n.importCredentials(wf.credentials(baseUrl, SANDBOX_KEY));
			const workflows = scenarios.flatMap((s) => (['pgai', 'http'] as Variant[]).map((v) => s.build(v, { baseUrl, fanOutIds })));
			await n8n.importWorkflows([...workflows, wf.idle('idle')]);
			if (scenarios.some((s) => s.kind === 'memory')) {
				const idle = await executeMeasured(n8n, 'idle', { name: 'idle' });
				baselineRss = idle.memory.peakRss;
				log(`idle n8n run: peak RSS ${(baselineRss / 1048576).toFixed(0)} MB`);
			}
			if (opts.profile) mkdirSync(opts.profile, { recursive: true });
			for (let run = 1; run <= opts.runs; run++) {
				for (const scenario of scenarios) {
					const order = (run % 2 === 1 ? ['pgai', 'http'] : ['http', 'pgai']).filter((v) => opts.variants.includes(v as Variant)) as Variant[];
					for (const variant of order) {
						const env = opts.profile && variant === 'pgai' ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${opts.profile}` } : undefined;
						const sample = await measure({ n8n, port, scenario, variant, run, env });
						samples.push(sample);
						log(describeSample(sample));
					}
				}
			}
		}
		if (runEngine) {
			log('engine-level overhead (in-process)');
			engine = await engineOverhead({ reps: 5, log });
		}
		if (runQueue) {
			log('queue mode: main + workers, PostgreSQL, Redis');
			queue = await queueBench({ line: opts.line, extensionsDir: pkg.dir, runs: opts.runs, log });
		}
	} finally {
		if (opts.keep) log(`n8n user folder kept: ${n8n.userFolder}`);
		else await n8n.cleanup();
		pkg.cleanup();
	}

	const { load, others } = watcher.stop();
	const env: Environment = {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memoryGb: totalmem() / 1024 ** 3,
		n8nVersion: info.n8nVersion,
		n8nNode: info.nodeVersion,
		benchNode: process.versions.node,
		line: opts.line,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		runs: opts.runs,
		load,
		otherProcesses: others,
		baselineRss,
		commit: measuredCommit === commit() ? measuredCommit : `${measuredCommit} (HEAD moved to ${commit()} during the run)`,
	};
	const keys = runScenarios ? scenarios.map((s) => s.key) : [];
	// the raw numbers, to re-render the report (--render FILE) or look closer
	const raw = join(tmpdir(), `pgai-bench-${env.date.replace(/[:]/g, '')}.json`);
	writeFileSync(raw, JSON.stringify({ env, samples, engine, queue, scenarios: keys } satisfies RawRun, null, 1));
	log(`raw samples: ${raw}`);
	report({ env, samples, engine, queue, scenarios: keys }, opts);
}

interface RawRun {
	env: Environment;
	samples: Sample[];
	engine?: EngineResult;
	queue?: QueueSample[];
	scenarios: string[];
}

/** Medians, targets and notes of a run: printed, and written to RESULTS.md unless told not to. */
function report({ env, samples, engine, queue, scenarios: keys }: RawRun, opts: Options): void {
	const scenarios = keys.length ? selectScenarios(keys) : [];
	const summaries = scenarios.flatMap((s) => (['pgai', 'http'] as Variant[]).map((v) => summarize(s, v, samples)));
	const targetList = targets(summaries);
	const queueLines = queue?.length ? queueSection(queue) : [];
	const text = markdown({ env, summaries, targetList, engine, scenarios, notes: scenarios.length ? PROFILE_NOTES : [], samples, queue: queueLines });
	if (scenarios.length) {
		process.stdout.write(`\n${table(summaries, env.baselineRss)}\n\n${targetTable(targetList)}\n\n${meaning(summaries, env.baselineRss).join('\n')}\n`);
	}
	if (engine) process.stdout.write(`\n${text.slice(text.indexOf('## Where the time'))}\n`);
	if (queueLines.length) process.stdout.write(`\n${queueLines.join('\n')}\n`);
	const { load } = env;
	if (load.length) process.stdout.write(`\nload: 1-minute average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (median ${median(load).toFixed(1)}) on ${env.cores} cores\n`);
	if (opts.write) {
		writeFileSync(opts.out, text);
		log(`wrote ${opts.out}`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
		process.exit(1);
	},
);
