/**
 * npm run demo — the PG:AI node in real n8n, against the local sandbox API.
 *
 *   npm run demo                      n8n 2.x editor on http://localhost:5678, examples imported
 *   npm run demo -- --line 1          the same on n8n 1.123.x
 *   npm run demo -- --headless        run every example once with `n8n execute`, print a summary, exit
 *
 * Options: --line 1|2, --headless, --port <n8n port, 5678>, --sandbox-port <4010>,
 *          --examples <folder of workflow JSON, default examples/>, --no-build (pack the existing
 *          n8n-nodes-pgai/dist/).
 * Steps: build + npm pack + unpack the package (what users install), install n8n (cached in
 * ~/.cache/n8n-nodes-pgai), start the sandbox, import a PG:AI credential and the examples into a
 * fresh n8n user folder, then start the editor (owner account set up) or run the examples.
 * --headless: `n8n execute` starts only from a Manual Trigger, so a scheduled example gets one wired
 * like its Schedule Trigger; an example starting from the PG:AI Trigger, or marked
 * "meta": { "pgaiDemo": "skip-headless" } (e.g. it needs an AI model), is imported but not run.
 * Examples marked skip-headless (they need something the demo lacks) are listed and imported last.
 * Ctrl-C, SIGTERM or SIGHUP, or the end of the process that started the demo (npm killed by a signal
 * it does not pass on), stops n8n and the sandbox (`npm run demo` execs tsx, so npm's SIGINT and SIGTERM
 * reach it); the temp folders are removed except the
 * n8n logs, whose folder is printed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { watchAncestors } from './lib/ancestors';
import {
	N8n,
	REPO_ROOT,
	buildPackage,
	installN8n,
	isValidWorkflowId,
	itemCounts,
	lineInfo,
	parseLine,
	type CredentialJson,
	type LineNumber,
	type N8nItem,
	type N8nRun,
	type NodeJson,
	type OwnerAccount,
	type PackedPackage,
	type WorkflowJson,
} from './lib/n8n';
import { startSandbox } from '../sandbox';

export const DEMO_OWNER: OwnerAccount = {
	email: 'demo@example.com',
	password: 'PgAiDemo1',
	firstName: 'PG:AI',
	lastName: 'Demo',
};
export const DEMO_CREDENTIAL = { id: 'pgaiSandboxCred', name: 'PG:AI sandbox' } as const;
const PACKAGE_PREFIX = 'n8n-nodes-pgai.';
const SKIP_HEADLESS = 'skip-headless';

export interface DemoOptions {
	line: LineNumber;
	headless: boolean;
	port: number;
	sandboxPort: number;
	examples: string;
	build: boolean;
	help: boolean;
}

/** The demo's command line (`node:util` parseArgs, as bench/run.ts and sandbox/cli.ts read theirs). */
export function demoOptions(argv: string[]): DemoOptions {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				line: { type: 'string' },
				headless: { type: 'boolean' },
				port: { type: 'string' },
				'sandbox-port': { type: 'string' },
				examples: { type: 'string' },
				'no-build': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (err) {
		throw new Error(`${(err as Error).message} (try --help)`);
	}
	const opts: DemoOptions = {
		line: parseLine(values.line, 2),
		headless: values.headless ?? false,
		port: Number(values.port ?? 5678),
		sandboxPort: Number(values['sandbox-port'] ?? 4010),
		examples: values.examples === undefined ? join(REPO_ROOT, 'examples') : resolve(values.examples),
		build: !values['no-build'],
		help: values.help ?? false,
	};
	if (!Number.isInteger(opts.port) || !Number.isInteger(opts.sandboxPort)) throw new Error('ports must be numbers');
	return opts;
}

/** --help: the comment at the top of this file. */
export const demoUsage = () => readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*|^ \* ?/gm, '');

// ---------------------------------------------------------------------------------------------------
// examples

export interface Example {
	file: string;
	workflow: WorkflowJson;
	skipHeadless?: string;
}

/** A workflow as examples/ hold it: its id may be missing or not one n8n accepts; the demo's marks in `meta`. */
interface ExampleJson {
	id?: string;
	name: string;
	nodes: NodeJson[];
	connections: WorkflowJson['connections'];
	versionId?: string;
	settings?: Record<string, unknown>;
	meta?: {
		pgaiDemo?: string | { headless?: boolean; reason?: string };
		pgaiDemoReason?: string;
		pgaiExample?: string;
		[k: string]: unknown;
	};
	[k: string]: unknown;
}

/** Read examples/*.json (one workflow per file, or an array), ready to import into the demo's n8n. */
export function loadExamples(dir: string, credential: { id: string; name: string } = DEMO_CREDENTIAL): Example[] {
	if (!existsSync(dir)) return [];
	const out: Example[] = [];
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleJson | ExampleJson[];
		const list = Array.isArray(parsed) ? parsed : [parsed];
		list.forEach((wf, i) => {
			const id = isValidWorkflowId(wf.id) ? wf.id : exampleId(`${wf.id ?? ''}${file}`, list.length > 1 ? i : undefined);
			const workflow = prepareForDemo({ ...wf, id }, credential);
			const mark = wf.meta?.pgaiDemo;
			const detail = typeof mark === 'object' ? mark : undefined;
			out.push({
				file,
				workflow,
				skipHeadless:
					mark === SKIP_HEADLESS || detail?.headless === false
						? (wf.meta?.pgaiDemoReason ?? detail?.reason ?? 'marked "skip-headless" in the example (meta.pgaiDemo)')
						: undefined,
			});
		});
	}
	// what the demo can run first: an example that needs more (an AI model) is no place to start
	return [...out.filter((e) => !e.skipHeadless), ...out.filter((e) => e.skipHeadless)];
}

/**
 * Import the examples so that n8n's overview, which lists the last updated first, shows them in
 * order: each a second apart, the first the newest. Imported in one call, their own times could
 * fall in the same millisecond, and n8n would list them in any order.
 */
export function importExamples(n8n: N8n, examples: Example[]): Promise<void> {
	const now = Date.now();
	const stamped = examples.map((e, index) => ({ ...e.workflow, updatedAt: new Date(now - index * 1000).toISOString() }));
	return n8n.importWorkflows(stamped.reverse());
}

/** A valid id derived from the example's own id and file name: readable start, hash end. */
function exampleId(seed: string, index?: number): string {
	const readable = basename(seed, '.json').replace(/[^A-Za-z0-9]/g, '').slice(0, 9);
	const hash = createHash('sha256').update(`${seed}#${index ?? ''}`).digest('hex').slice(0, 16 - readable.length);
	return `${readable}${hash}`;
}

/**
 * Examples use the node types users get from the Community Nodes screen (n8n-nodes-pgai.pgAi); the
 * demo loads the package as a custom extension, where they are CUSTOM.pgAi. PG:AI credentials point
 * at the demo's sandbox credential.
 */
export function prepareForDemo(wf: ExampleJson & { id: string }, credential: { id: string; name: string }): WorkflowJson {
	const nodes = (wf.nodes ?? []).map((node) => {
		const n = { ...node };
		if (typeof n.type === 'string' && n.type.startsWith(PACKAGE_PREFIX)) n.type = `CUSTOM.${n.type.slice(PACKAGE_PREFIX.length)}`;
		if (n.credentials?.pgAiApi || n.type?.startsWith('CUSTOM.pgAi')) {
			n.credentials = { ...n.credentials, pgAiApi: { id: credential.id, name: credential.name } };
		}
		return n;
	});
	return {
		...wf,
		nodes,
		connections: wf.connections ?? {},
		active: false,
		versionId: wf.versionId ?? randomUUID(),
		settings: wf.settings ?? { executionOrder: 'v1' },
	};
}

const CLI_START_TYPES = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start', '@n8n/n8n-nodes-langchain.manualChatTrigger'];
const TIMER_TRIGGERS = ['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.cron', 'n8n-nodes-base.interval'];

/**
 * `n8n execute` starts only from a Manual Trigger. For a scheduled example, the headless run adds one
 * wired to what the schedule triggers (a schedule's own item is only a timestamp). Returns undefined
 * when the workflow has no way to start from the CLI.
 */
export function withCliStart(wf: WorkflowJson): WorkflowJson | undefined {
	if (wf.nodes.some((n) => CLI_START_TYPES.includes(n.type))) return wf;
	const timer = wf.nodes.find((n) => TIMER_TRIGGERS.includes(n.type) && !n.disabled);
	if (!timer) return undefined;
	let name = 'Run once (demo)';
	while (wf.nodes.some((n) => n.name === name)) name += ' ';
	return {
		...wf,
		nodes: [
			...wf.nodes,
			{
				id: randomUUID(),
				name,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [(timer.position?.[0] ?? 0), (timer.position?.[1] ?? 0) + 200],
				parameters: {},
			},
		],
		connections: { ...wf.connections, [name]: wf.connections[timer.name] ?? { main: [[]] } },
	};
}

// ---------------------------------------------------------------------------------------------------
// output

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (useColor ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (useColor ? `\x1b[2m${s}\x1b[0m` : s);
const red = (s: string) => (useColor ? `\x1b[31m${s}\x1b[0m` : s);
const green = (s: string) => (useColor ? `\x1b[32m${s}\x1b[0m` : s);

let t0 = Date.now();
function step(msg: string): void {
	console.log(`${dim(`[demo ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s]`)} ${msg}`);
}

function oneLine(value: unknown, max = 110): string {
	const s = JSON.stringify(value) ?? String(value);
	return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function describeItem(item: N8nItem): string {
	const bin = item.binary && Object.values(item.binary)[0];
	if (bin) {
		const size = bin.fileSize ?? (bin.bytes !== undefined ? `${bin.bytes} bytes` : '?');
		return `file ${bin.fileName ?? '(unnamed)'} (${bin.mimeType ?? '?'}, ${size})`;
	}
	return oneLine(item.json);
}

function firstLinesOfFile(n8n: N8n, item: N8nItem, lines: number): string[] {
	const bin = item.binary && Object.values(item.binary)[0];
	if (!bin || !/text|csv|json/.test(bin.mimeType ?? '')) return [];
	let text: string;
	try {
		text = n8n.readBinary(item).toString('utf8').replace(/^\uFEFF/, '');
	} catch {
		return [];
	}
	return text.split('\n').slice(0, lines).map((l) => (l.length > 110 ? `${l.slice(0, 109)}…` : l));
}

export function summarize(n8n: N8n, run: N8nRun): string[] {
	const out: string[] = [];
	const counts = itemCounts(run);
	const width = Math.max(4, ...counts.map((c) => c.node.length));
	for (const c of counts) {
		const first = run.data.runData[c.node]?.[0]?.data?.main?.[0]?.[0];
		const status = c.error ? red(`error: ${c.error}`) : first ? dim(describeItem(first)) : '';
		out.push(`    ${c.node.padEnd(width)}  ${String(c.items).padStart(5)} item${c.items === 1 ? ' ' : 's'}  ${status}`);
	}
	const last = run.data.lastNodeExecuted;
	const items = last ? (run.data.runData[last]?.at(-1)?.data?.main?.[0] ?? []) : [];
	if (items.length) {
		out.push(`    first records of "${last}":`);
		for (const item of items.slice(0, 3)) {
			out.push(`      ${describeItem(item)}`);
			for (const l of firstLinesOfFile(n8n, item, 4)) out.push(`        ${dim(l)}`);
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const opts = demoOptions(process.argv.slice(2));
	if (opts.help) {
		console.log(demoUsage());
		return 0;
	}
	t0 = Date.now();
	const info = lineInfo(opts.line);
	console.log(bold(`PG:AI demo — n8n ${info.n8nVersion} (line ${opts.line}) on Node ${info.nodeVersion}${opts.headless ? ', headless' : ''}`));

	const cleanups: Array<() => Promise<void> | void> = [];
	let stopping: Promise<void> | undefined;
	const stopAll = () =>
		(stopping ??= (async () => {
			for (const c of cleanups.reverse()) {
				try {
					await c();
				} catch (err) {
					console.error(`cleanup: ${(err as Error).message}`);
				}
			}
		})());
	let interrupted = false;
	const stop = (why: string, code: number) => {
		if (interrupted) return;
		interrupted = true;
		// the terminal may be gone with the parent: a failed write must not end the demo before its cleanup
		for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
		console.log(`\n${why}: stopping n8n and the sandbox…`);
		void stopAll().then(() => process.exit(code));
	};
	process.on('SIGINT', () => stop('Ctrl-C', 130));
	process.on('SIGTERM', () => stop('SIGTERM', 143));
	process.on('SIGHUP', () => stop('SIGHUP', 129));
	watchAncestors((pid) => stop(`the process that started the demo (pid ${pid}) is gone`, 129));

	try {
		step(opts.build ? 'building the package (npm run build), packing it (npm pack)' : 'packing the existing build (npm pack)');
		const pkg: PackedPackage = await buildPackage({ build: opts.build });
		cleanups.push(() => pkg.cleanup());
		step(`package unpacked in ${pkg.dir}`);

		step(`n8n ${info.n8nVersion}: ${existsSync(info.marker) ? 'installed (cached)' : 'installing into the cache (first time only, several minutes)'}`);
		await installN8n(opts.line, (l) => console.log(dim(`    ${l}`)));

		step(`starting the sandbox API on 127.0.0.1:${opts.sandboxPort}`);
		const sandbox = await startSandbox({ port: opts.sandboxPort, host: '127.0.0.1' });
		cleanups.push(() => sandbox.close());
		const baseUrl = sandbox.url;
		step(`sandbox at ${baseUrl}`);

		// the demo's own user folder: on stop everything in it goes but the logs it pointed at
		const userFolder = mkdtempSync(join(tmpdir(), `pgai-demo-n8n${opts.line}-`));
		const logs = join(userFolder, 'pgai-logs');
		cleanups.push(() => {
			for (const entry of readdirSync(userFolder)) if (entry !== 'pgai-logs') rmSync(join(userFolder, entry), { recursive: true, force: true });
			if (existsSync(logs)) console.log(dim(`n8n logs kept in ${logs}`));
			else rmSync(userFolder, { recursive: true, force: true });
		});
		const n8n = await N8n.create({ line: info, extensionsDir: pkg.dir, port: opts.port, userFolder });
		cleanups.push(() => n8n.cleanup());

		const credential: CredentialJson = {
			...DEMO_CREDENTIAL,
			type: 'pgAiApi',
			data: { apiKey: sandbox.demoKey, baseUrl },
		};
		step(`n8n user folder ${n8n.userFolder}; importing the credential "${credential.name}"`);
		await n8n.importCredentials([credential]);

		const examples = loadExamples(opts.examples);
		if (opts.headless) {
			for (const ex of examples) {
				if (ex.skipHeadless) continue;
				const runnable = withCliStart(ex.workflow);
				if (runnable) ex.workflow = runnable;
				else if (ex.workflow.nodes.some((n) => n.type === 'CUSTOM.pgAiTrigger'))
					ex.skipHeadless = 'starts from the PG:AI Trigger, which polls once the workflow is active; n8n execute cannot start there';
				else ex.skipHeadless = 'no Manual Trigger or Schedule Trigger to start it from the command line';
			}
		}
		const where = relative(process.cwd(), opts.examples) || '.';
		if (examples.length) {
			step(`importing ${examples.length} example workflow${examples.length === 1 ? '' : 's'} from ${where}/`);
			await importExamples(n8n, examples);
		} else {
			step(`no example workflows in ${where}/ (nothing to import)`);
		}

		if (opts.headless) return await runHeadless(n8n, examples);

		step(`starting n8n on port ${opts.port}`);
		await n8n.startServer();
		await n8n.setupOwner(DEMO_OWNER);
		step('owner account set up');
		printEditorHelp(n8n, examples, baseUrl);
		await new Promise<never>(() => undefined); // until stopped
		return 0;
	} catch (err) {
		if (interrupted) return 130;
		console.error(red(`\ndemo failed: ${(err as Error).message}`));
		return 1;
	} finally {
		await stopAll();
	}
}

async function runHeadless(n8n: N8n, examples: Example[]): Promise<number> {
	if (!examples.length) {
		console.log('\nNo example workflows to run.');
		return 0;
	}
	let failed = 0;
	let ran = 0;
	for (const ex of examples) {
		console.log(`\n${bold(ex.workflow.name)} ${dim(`(${ex.file})`)}`);
		const about = (ex.workflow.meta as { pgaiExample?: unknown } | undefined)?.pgaiExample;
		if (typeof about === 'string') console.log(`    ${dim(about)}`);
		if (ex.skipHeadless) {
			console.log(`    skipped: ${ex.skipHeadless}. Open it in the editor: npm run demo`);
			continue;
		}
		const run = await n8n.executeWorkflow(ex.workflow.id);
		ran++;
		for (const line of summarize(n8n, run)) console.log(line);
		if (run.error) {
			failed++;
			console.log(red(`    FAILED${run.error.node ? ` in "${run.error.node}"` : ''}: ${run.error.message.split('\n').slice(0, 8).join('\n    ')}`));
			console.log(dim(`    n8n output: ${run.stdoutPath}`));
		} else {
			console.log(green(`    ok`) + dim(` (${(run.durationMs / 1000).toFixed(1)} s with n8n's start-up)`));
			if (run.crashedOnExit) console.log(dim('    (n8n crashed while exiting, after printing the complete run: a known n8n 2.x isolated-vm issue)'));
		}
	}
	const skipped = examples.length - ran;
	console.log(
		`\n${failed ? red(`${failed} of ${ran} example workflows failed`) : green(`${ran} example workflow${ran === 1 ? '' : 's'} ran`)}` +
			(skipped ? `, ${skipped} skipped (see above)` : ''),
	);
	return failed ? 1 : 0;
}

/**
 * Where the demo's links lead: n8n's own start page is its Assistant (2.x), so the demo links the
 * workflows overview, and the first example for a start in one click. Unsigned, n8n asks to sign in
 * first and comes back.
 */
export function editorLinks(url: string, examples: Example[]): { overview: string; first?: string } {
	const first = examples[0]?.workflow.id;
	return { overview: `${url}/home/workflows`, first: first ? `${url}/workflow/${first}` : undefined };
}

function printEditorHelp(n8n: N8n, examples: Example[], sandboxUrl: string): void {
	const links = editorLinks(n8n.url, examples);
	const listed = examples.map((e) => `     - ${e.workflow.name}${e.skipHeadless ? dim(` (${e.skipHeadless})`) : ''}`);
	const lines = [
		'',
		bold(`n8n is running: ${links.overview}`),
		`  sign in as   ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}`,
		`  credential   "${DEMO_CREDENTIAL.name}" (PG:AI API) → the sandbox at ${sandboxUrl}`,
		...(links.first ? [`  first example ${links.first}`] : []),
		'',
		'What to click:',
		'  1. Open the URL above and sign in.',
		...(examples.length
			? ['  2. The overview lists the example workflows, the ones the demo can run first:', ...listed]
			: ['  2. Create a workflow (no examples were found to import).']),
		'  3. Open one and click "Execute workflow" (or "Test workflow"); click a node to see its items.',
		'  4. Add a node: search "PG:AI" — every resource and operation, wired to the sandbox credential.',
		'',
		dim(`n8n logs: ${join(n8n.userFolder, 'pgai-logs')} (kept when the demo stops)`),
		'Press Ctrl-C to stop n8n and the sandbox.',
	];
	console.log(lines.join('\n'));
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(err) => {
			console.error(`demo: ${(err as Error).message}`);
			process.exit(1);
		},
	);
}
