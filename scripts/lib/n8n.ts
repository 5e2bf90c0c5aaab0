/**
 * Run real n8n (line 1 = 1.123.x on Node 20, line 2 = 2.40.x on Node 24) with this package loaded.
 * Used by scripts/demo.ts, the e2e suite (test/e2e) and the benchmarks.
 *
 *   const line = await installN8n(2);                      // scripts/install-n8n.sh (cached)
 *   const pkg = await buildPackage();                      // npm run build, npm pack, unpack
 *   const n8n = await N8n.create({ line, extensionsDir: pkg.dir });
 *   await n8n.importCredentials([{ id, name, type: 'pgAiApi', data: { apiKey, baseUrl } }]);
 *   const run = await n8n.run(workflowJson);               // import:workflow + execute
 *   itemsOf(run, 'PG:AI');
 *
 * Every n8n CLI call boots n8n (seconds); import many workflows/credentials in one call.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const SCRIPTS = resolve(__dirname, '..');

export type LineNumber = 1 | 2;

export interface N8nLine {
	line: LineNumber;
	n8nVersion: string;
	nodeVersion: string;
	/** node binary that runs this line */
	nodeBin: string;
	/** n8n's bin script, run as `nodeBin n8nBin ...` */
	n8nBin: string;
	/** npm folder n8n is installed into */
	n8nDir: string;
	marker: string;
	cache: string;
	/** N8N_EXPRESSION_ENGINE for this line ('legacy' on Node < 22, see n8n-env.sh), or '' for n8n's default */
	expressionEngine: string;
}

export function parseLine(value: string | number | undefined, fallback: LineNumber = 2): LineNumber {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (n !== 1 && n !== 2) throw new Error(`n8n line must be 1 (n8n 1.x) or 2 (n8n 2.x), got ${JSON.stringify(value)}`);
	return n;
}

/** Paths and versions of a line, from scripts/n8n-env.sh (the one place the versions are pinned). */
export function lineInfo(line: LineNumber): N8nLine {
	const out = execFileSync('bash', [join(SCRIPTS, 'n8n-env.sh'), String(line)], { encoding: 'utf8' });
	const v: Record<string, string> = {};
	for (const l of out.split('\n')) {
		const i = l.indexOf('=');
		if (i > 0) v[l.slice(0, i)] = l.slice(i + 1);
	}
	return {
		line,
		n8nVersion: v.PGAI_N8N_VERSION,
		nodeVersion: v.PGAI_NODE_VERSION,
		nodeBin: v.PGAI_NODE_BIN,
		n8nBin: v.PGAI_N8N_BIN,
		n8nDir: v.PGAI_N8N_DIR,
		marker: v.PGAI_N8N_MARKER,
		cache: v.PGAI_N8N_CACHE,
		expressionEngine: v.PGAI_N8N_EXPRESSION_ENGINE ?? '',
	};
}

export function isInstalled(info: N8nLine): boolean {
	return existsSync(info.marker) && existsSync(info.nodeBin) && existsSync(info.n8nBin);
}

/**
 * Install the line through scripts/install-n8n.sh unless the cache already holds it.
 * `log` receives the installer's progress lines (default: this process's stderr).
 */
export async function installN8n(
	line: LineNumber,
	log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<N8nLine> {
	const info = lineInfo(line);
	if (isInstalled(info)) return info;
	await runCommand('bash', [join(SCRIPTS, 'install-n8n.sh'), String(line)], { cwd: REPO_ROOT, onLine: log });
	if (!isInstalled(info)) throw new Error(`n8n line ${line} is still not installed after scripts/install-n8n.sh`);
	return info;
}

/**
 * Run a command, streaming its output lines (stdout and stderr) to onLine; resolves with its stdout,
 * rejects with the tail of its output on failure.
 */
export function runCommand(
	cmd: string,
	args: string[],
	opts: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let stdout = '';
		let partial = '';
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			output += text;
			if (!opts.onLine) return;
			const lines = (partial + text).split('\n');
			partial = lines.pop() ?? '';
			for (const l of lines) opts.onLine(l);
		};
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			onData(chunk);
		});
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (partial && opts.onLine) opts.onLine(partial);
			if (code === 0) resolvePromise(stdout);
			else
				reject(
					new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${output.split('\n').slice(-40).join('\n')}`),
				);
		});
	});
}

export interface PackedPackage {
	/** folder with the unpacked tarball (package.json, dist/): the N8N_CUSTOM_EXTENSIONS folder */
	dir: string;
	tarball: string;
	/** remove the temp folder */
	cleanup(): void;
}

/**
 * Build the package and unpack its `npm pack` tarball into a temp folder, so n8n loads exactly what
 * users install. `build: false` packs the existing dist/.
 */
export async function buildPackage(
	opts: { build?: boolean; log?: (line: string) => void } = {},
): Promise<PackedPackage> {
	const log = opts.log ?? (() => undefined);
	if (opts.build !== false) {
		log('npm run build');
		await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT });
	}
	const root = mkdtempSync(join(tmpdir(), 'pgai-pack-'));
	try {
		log('npm pack');
		const out = await runCommand('npm', ['pack', '--json', '--pack-destination', root], { cwd: REPO_ROOT });
		const filename = (JSON.parse(out) as Array<{ filename: string }>)[0].filename;
		const tarball = join(root, filename);
		execFileSync('tar', ['-xzf', tarball, '-C', root]);
		const dir = join(root, 'package');
		if (!existsSync(join(dir, 'package.json'))) throw new Error(`no package/ folder in ${tarball}`);
		return { dir, tarball, cleanup: () => rmSync(root, { recursive: true, force: true }) };
	} catch (err) {
		rmSync(root, { recursive: true, force: true });
		throw err;
	}
}

// ---------------------------------------------------------------------------------------------------
// workflow / run types (only what we read)

export interface N8nItem {
	json: Record<string, any>;
	binary?: Record<string, any>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: any;
}

export interface N8nTaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	data?: { main: Array<N8nItem[] | null> };
	error?: { message: string; description?: string; name?: string; [k: string]: any };
	source?: any;
}

export interface N8nResultData {
	runData: Record<string, N8nTaskData[]>;
	lastNodeExecuted?: string;
	error?: { message: string; description?: string; name?: string; node?: { name: string }; [k: string]: any };
}

export interface N8nRun {
	/** the run's resultData (runData per node, lastNodeExecuted, error) */
	data: N8nResultData;
	/** set when the workflow failed (n8n's error, or the CLI's error when no run was printed) */
	error?: { message: string; description?: string; node?: string };
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	/** n8n printed the complete run, then crashed while exiting (SIGSEGV; see executeWorkflow) */
	crashedOnExit: boolean;
	/** wall time of the whole CLI call (boot + run), ms */
	durationMs: number;
	stdoutPath: string;
	stderrPath: string;
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, any>>;
	connections: Record<string, any>;
	active?: boolean;
	versionId?: string;
	settings?: Record<string, unknown>;
	meta?: Record<string, unknown>;
	[k: string]: unknown;
}

/** Output items of a node in a run (first run of the node, first output unless given). */
export function itemsOf(run: N8nRun, nodeName: string, opts: { runIndex?: number; output?: number } = {}): N8nItem[] {
	const tasks = run.data?.runData?.[nodeName];
	if (!tasks) {
		const ran = Object.keys(run.data?.runData ?? {});
		throw new Error(
			`node "${nodeName}" did not run (nodes that ran: ${ran.join(', ') || 'none'})` +
				(run.error ? `; workflow error: ${run.error.message}` : ''),
		);
	}
	const task = tasks[opts.runIndex ?? 0];
	if (!task) throw new Error(`node "${nodeName}" has no run #${opts.runIndex ?? 0} (it ran ${tasks.length} times)`);
	if (task.error && !task.data) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
	return task.data?.main?.[opts.output ?? 0] ?? [];
}

/** Error of a node in a run, if it failed. */
export function nodeError(run: N8nRun, nodeName: string, runIndex = 0): N8nTaskData['error'] | undefined {
	return run.data?.runData?.[nodeName]?.[runIndex]?.error;
}

/** Items out per node (sum over runs, all outputs), in run order. */
export function itemCounts(run: N8nRun): Array<{ node: string; items: number; error?: string }> {
	return Object.entries(run.data?.runData ?? {}).map(([node, tasks]) => ({
		node,
		items: tasks.reduce((n, t) => n + (t.data?.main ?? []).reduce((m, out) => m + (out?.length ?? 0), 0), 0),
		error: tasks.find((t) => t.error)?.error?.message,
	}));
}

/**
 * Parse what `n8n execute --rawOutput` printed with N8N_LOG_FORMAT=json: every line is one JSON
 * object; the run is the `message` of the line that contains "resultData".
 */
export function parseExecuteOutput(stdout: string): { resultData?: N8nResultData; messages: string[] } {
	const messages: string[] = [];
	let resultData: N8nResultData | undefined;
	for (const line of stdout.split('\n')) {
		if (!line.trim()) continue;
		let message: string;
		try {
			const entry = JSON.parse(line);
			message = typeof entry?.message === 'string' ? entry.message : line;
		} catch {
			messages.push(line);
			continue;
		}
		if (!resultData && message.includes('"resultData"')) {
			try {
				const parsed = JSON.parse(message);
				resultData = parsed?.data?.resultData ?? parsed?.resultData;
				continue;
			} catch {
				/* not the run */
			}
		}
		messages.push(message);
	}
	return { resultData, messages };
}

// ---------------------------------------------------------------------------------------------------

export interface N8nOptions {
	line: LineNumber | N8nLine;
	/** folder with the built package (N8N_CUSTOM_EXTENSIONS); omit to run n8n without it */
	extensionsDir?: string;
	/** n8n user folder; default: a new temp folder, removed by cleanup() */
	userFolder?: string;
	/** port for `n8n start` (default 5678) */
	port?: number;
	/** extra environment for every n8n call */
	env?: Record<string, string>;
	/** install the line if it is missing (default true) */
	install?: boolean;
	log?: (line: string) => void;
}

export const ENCRYPTION_KEY = 'pgai-e2e-fixed-encryption-key-do-not-use-in-production';

/** An isolated n8n instance (user folder) of one line. */
export class N8n {
	readonly line: N8nLine;
	readonly userFolder: string;
	readonly port: number;
	readonly extensionsDir?: string;
	private readonly ownsUserFolder: boolean;
	private readonly extraEnv: Record<string, string>;
	private server?: ChildProcess;
	private serverExit?: Promise<void>;
	private calls = 0;

	private constructor(line: N8nLine, opts: N8nOptions) {
		this.line = line;
		this.ownsUserFolder = !opts.userFolder;
		this.userFolder = opts.userFolder ?? mkdtempSync(join(tmpdir(), `pgai-n8n${line.line}-`));
		mkdirSync(this.userFolder, { recursive: true });
		this.port = opts.port ?? 5678;
		this.extensionsDir = opts.extensionsDir;
		this.extraEnv = opts.env ?? {};
	}

	static async create(opts: N8nOptions): Promise<N8n> {
		const info = typeof opts.line === 'number' ? lineInfo(opts.line) : opts.line;
		if (!isInstalled(info)) {
			if (opts.install === false) throw new Error(`n8n line ${info.line} is not installed: run scripts/install-n8n.sh ${info.line}`);
			await installN8n(info.line, opts.log);
		}
		return new N8n(info, opts);
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	/** Environment of every n8n process of this instance. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		// keep the machine's basics; drop what the caller's n8n settings, Node loaders or test runner set
		// (under jest NODE_ENV=test, and n8n then logs nothing: `execute` prints no run)
		for (const [k, v] of Object.entries(process.env)) {
			if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|JEST_|npm_)/.test(k)) continue;
			env[k] = v;
		}
		Object.assign(env, {
			HOME: process.env.HOME ?? this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_CUSTOM_EXTENSIONS: this.extensionsDir ?? '',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			// quiet and offline: no telemetry, no update checks, no templates or community-node registry lookups
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_AI_ENABLED: 'false',
			// Code node in JavaScript only (Python needs a task-runner virtualenv this install lacks)
			N8N_PYTHON_ENABLED: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			// local http editor: session cookie without the Secure flag
			N8N_SECURE_COOKIE: 'false',
			N8N_HOST: 'localhost',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...(this.line.expressionEngine ? { N8N_EXPRESSION_ENGINE: this.line.expressionEngine } : {}),
			// SQLite with a read pool (2.x's default; 1.123 warns without it)
			DB_SQLITE_POOL_SIZE: '2',
			// 2.x refreshes an MCP server registry from n8n's servers on start (names unknown to 1.x are an error)
			...(Number(this.line.n8nVersion.split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			// the Node 24 of line 2 first on PATH for anything n8n spawns (task runners)
			PATH: `${join(this.line.nodeBin, '..')}:${process.env.PATH ?? ''}`,
		});
		Object.assign(env, this.extraEnv, extra);
		return env;
	}

	/**
	 * Run an n8n CLI command with stdout and stderr in files (not pipes: n8n exits right after printing).
	 * A call still running after `timeoutMs` (default 5 minutes) is killed (signal SIGKILL).
	 */
	async cli(
		args: string[],
		opts: { env?: Record<string, string>; name?: string; timeoutMs?: number } = {},
	): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; stdoutPath: string; stderrPath: string; durationMs: number }> {
		const logs = join(this.userFolder, 'pgai-logs');
		mkdirSync(logs, { recursive: true });
		const base = join(logs, `${String(++this.calls).padStart(3, '0')}-${opts.name ?? args[0].replace(/[^a-z0-9]+/gi, '_')}`);
		const stdoutPath = `${base}.out.log`;
		const stderrPath = `${base}.err.log`;
		const out = openSync(stdoutPath, 'w');
		const err = openSync(stderrPath, 'w');
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env });
		const started = Date.now();
		try {
			const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
				const child = spawn(this.line.nodeBin, [this.line.n8nBin, ...args], {
					cwd: this.userFolder,
					env,
					stdio: ['ignore', out, err],
				});
				const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 5 * 60_000);
				child.on('error', (e) => {
					clearTimeout(timer);
					reject(e);
				});
				child.on('exit', (code, sig) => {
					clearTimeout(timer);
					resolvePromise([code, sig]);
				});
			});
			return { exitCode, signal, stdoutPath, stderrPath, durationMs: Date.now() - started };
		} finally {
			closeSync(out);
			closeSync(err);
		}
	}

	private async cliOrThrow(args: string[], name: string): Promise<void> {
		const r = await this.cli(args, { name });
		if (r.exitCode !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${r.exitCode ?? r.signal}\n${tailOf(r.stdoutPath)}\n${tailOf(r.stderrPath)}`);
		}
	}

	/** Import credentials (plain `data` is encrypted by n8n on import). */
	async importCredentials(creds: CredentialJson[]): Promise<void> {
		if (!creds.length) return;
		const file = join(this.userFolder, `pgai-import-credentials-${++this.calls}.json`);
		writeFileSync(file, JSON.stringify(creds, null, 2));
		await this.cliOrThrow(['import:credentials', `--input=${file}`], 'import_credentials');
	}

	/** Import workflows (each needs id, versionId; imported inactive). */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		if (!workflows.length) return;
		const file = join(this.userFolder, `pgai-import-workflows-${++this.calls}.json`);
		for (const w of workflows) {
			// n8n treats longer ids as invalid (isWorkflowIdValid): the run would not be tied to the workflow
			if (typeof w.id !== 'string' || !/^[A-Za-z0-9]{1,16}$/.test(w.id)) {
				throw new Error(`workflow "${w.name}": id must be 1-16 letters or digits, got ${JSON.stringify(w.id)}`);
			}
		}
		const prepared = workflows.map((w) => ({ active: false, settings: {}, ...w, versionId: w.versionId ?? randomUUID() }));
		writeFileSync(file, JSON.stringify(prepared, null, 2));
		await this.cliOrThrow(['import:workflow', `--input=${file}`], 'import_workflows');
	}

	/** `n8n execute --id=<id> --rawOutput`; returns the run's resultData and the error if it failed. */
	async executeWorkflow(id: string, opts: { timeoutMs?: number } = {}): Promise<N8nRun> {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { name: `execute_${id}`, timeoutMs: opts.timeoutMs });
		const stdout = readFileSync(r.stdoutPath, 'utf8');
		const { resultData, messages } = parseExecuteOutput(stdout);
		// n8n 2.x with its default 'vm' expression engine (isolated-vm) sometimes dies with SIGSEGV while
		// exiting, after the run is complete and printed (about 1 run in 4 here): an n8n bug, not a failure
		// of the workflow. The printed run stands; the crash is recorded.
		const crashedOnExit = !!resultData && r.signal === 'SIGSEGV';
		const run: N8nRun = {
			data: resultData ?? { runData: {} },
			exitCode: r.exitCode,
			signal: r.signal,
			crashedOnExit,
			durationMs: r.durationMs,
			stdoutPath: r.stdoutPath,
			stderrPath: r.stderrPath,
		};
		if (resultData?.error) {
			run.error = {
				message: resultData.error.message,
				description: resultData.error.description ?? undefined,
				node: resultData.error.node?.name,
			};
		} else if (!resultData || (r.exitCode !== 0 && !crashedOnExit)) {
			const detail = [...messages.slice(-15), tailOf(r.stderrPath, 15)].filter(Boolean).join('\n');
			run.error = {
				message: `n8n execute --id=${id} exited with ${r.exitCode ?? r.signal}${resultData ? '' : ' without printing a run'}:\n${detail}`,
			};
		}
		return run;
	}

	/** Import one workflow and execute it. */
	async run(workflow: WorkflowJson, opts: { timeoutMs?: number } = {}): Promise<N8nRun> {
		await this.importWorkflows([workflow]);
		return this.executeWorkflow(workflow.id, opts);
	}

	/** `n8n start`; resolves when the editor answers on the port. */
	async startServer(opts: { timeoutMs?: number } = {}): Promise<string> {
		if (this.server) return this.url;
		const logs = join(this.userFolder, 'pgai-logs');
		mkdirSync(logs, { recursive: true });
		const outPath = join(logs, 'server.out.log');
		const errPath = join(logs, 'server.err.log');
		const out = openSync(outPath, 'a');
		const err = openSync(errPath, 'a');
		if (!(await isPortFree(this.port))) {
			closeSync(out);
			closeSync(err);
			throw new Error(`port ${this.port} is already in use (another n8n?); choose another port`);
		}
		const child = spawn(this.line.nodeBin, [this.line.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
			stdio: ['ignore', out, err],
			detached: true, // own process group: stop() ends n8n and its task runners together
		});
		closeSync(out);
		closeSync(err);
		this.server = child;
		let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
		this.serverExit = new Promise((res) =>
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				this.server = undefined;
				res();
			}),
		);
		process.once('exit', killGroupSync(child));

		const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
		while (Date.now() < deadline) {
			if (exited) {
				throw new Error(`n8n start exited with ${exited.code ?? exited.signal}\n${tailOf(outPath)}\n${tailOf(errPath)}`);
			}
			try {
				const res = await fetch(`http://127.0.0.1:${this.port}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				if (res.ok) {
					const editor = await fetch(`http://127.0.0.1:${this.port}/`, { signal: AbortSignal.timeout(2000) });
					if (editor.ok) return this.url;
				}
			} catch {
				/* not up yet */
			}
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n did not answer on port ${this.port} within ${opts.timeoutMs ?? 120_000} ms\n${tailOf(outPath)}`);
	}

	/** Stop `n8n start` (SIGTERM to its process group, SIGKILL after 15 s). */
	async stop(): Promise<void> {
		const child = this.server;
		if (!child || child.pid === undefined) return;
		const signalGroup = (sig: NodeJS.Signals) => {
			try {
				process.kill(-child.pid!, sig);
			} catch {
				/* gone */
			}
		};
		signalGroup('SIGTERM');
		const killer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
		await this.serverExit;
		clearTimeout(killer);
		signalGroup('SIGKILL'); // leftovers of the group (task runners)
	}

	/**
	 * Create the instance owner over the REST API (n8n start must be running), so the editor opens on
	 * the sign-in page instead of the sign-up form. Returns false if an owner already exists.
	 */
	async setupOwner(owner: OwnerAccount): Promise<boolean> {
		const res = await fetch(`http://127.0.0.1:${this.port}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (res.ok) return true;
		const text = await res.text();
		if (res.status === 400 && /already.*setup|owner.*already/i.test(text)) return false;
		throw new Error(`POST /rest/owner/setup answered ${res.status}: ${text.slice(0, 500)}`);
	}

	/** Log in over the REST API; returns the session cookie (for REST calls in tests and checks). */
	async login(email: string, password: string): Promise<string> {
		// 1.123 and 2.40 both take `emailOrLdapLoginId` (older n8n took `email`; a plain email alone is a 400)
		const res = await fetch(`http://127.0.0.1:${this.port}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!res.ok) throw new Error(`POST /rest/login answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
		const cookie = res.headers.get('set-cookie') ?? '';
		const auth = /n8n-auth=[^;]+/.exec(cookie);
		if (!auth) throw new Error('POST /rest/login set no n8n-auth cookie');
		return auth[0];
	}

	/**
	 * A call to the REST API of `n8n start` (the editor's API) with login()'s cookie; resolves with the
	 * answer's `data`. Both lines wrap their answers in { data }; a status other than 2xx throws.
	 */
	async rest<T = any>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`http://127.0.0.1:${this.port}/rest${path}`, {
			method,
			headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /rest${path} answered ${res.status}: ${text.slice(0, 1000)}`);
		return (text ? JSON.parse(text).data : undefined) as T;
	}

	/**
	 * Activate (2.x: publish) a workflow's current version over the REST API, as the editor's switch
	 * does, and resolve once its triggers run (a poll trigger's first poll included); throws n8n's
	 * reason when a trigger cannot be activated. Only `n8n start` runs triggers: the CLI's
	 * update:workflow --active / publish:workflow only mark the workflow for the next start.
	 * 1.x activates within the request and answers with the error. 2.x answers at once and applies the
	 * publication in the background (its publication outbox; under a second here, 15 s for one that
	 * failed), reporting the outcome under /workflows/:id/publication-status, which this waits for
	 * (`timeoutMs`, default 60 s).
	 */
	async activateWorkflow(cookie: string, workflowId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>(cookie, 'GET', `/workflows/${workflowId}`);
		await this.rest(cookie, 'POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
		if (Number(this.line.n8nVersion.split('.')[0]) < 2) return;
		const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
		for (;;) {
			const status = await this.rest<PublicationStatus>(cookie, 'GET', `/workflows/${workflowId}/publication-status`);
			if (status.status === 'published') return;
			if (status.status !== 'in_progress' && status.status !== 'not_published') {
				const reasons = status.triggers.map((t) => t.errorMessage).filter(Boolean);
				throw new Error(`workflow ${workflowId} was not published (${status.status}): ${reasons.join('; ') || 'no reason given'}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`workflow ${workflowId} still not published after ${opts.timeoutMs ?? 60_000} ms: ${JSON.stringify(status)}`);
			}
			await sleep(250);
		}
	}

	/**
	 * The executions n8n recorded for a workflow (trigger runs and failed polls included), oldest
	 * first, without their data; `execution()` reads one with its data.
	 */
	async executions(cookie: string, workflowId: string): Promise<N8nExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest<{ results: N8nExecutionSummary[] }>(cookie, 'GET', `/executions?filter=${filter}&limit=250`);
		return [...list.results].map((e) => ({ ...e, id: String(e.id) })).sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * One execution with its run data. n8n keeps and sends the data serialised with `flatted` (a JSON
	 * of shared references); it is read with the flatted of the line's own install, the one that wrote it.
	 */
	async execution(cookie: string, executionId: string): Promise<N8nExecution> {
		const raw = await this.rest<N8nExecutionSummary & { data: unknown }>(cookie, 'GET', `/executions/${executionId}`);
		const flatted = createRequire(join(this.line.n8nDir, 'package.json'))('flatted') as { parse(text: string): unknown };
		const data = (typeof raw.data === 'string' ? flatted.parse(raw.data) : raw.data) as N8nExecution['data'];
		return { ...raw, id: String(raw.id), data };
	}

	/**
	 * Contents of an item's binary property (default: its first). n8n 2.x keeps binary data in files
	 * (the run only holds an id like "filesystem-v2:workflows/…"); 1.x inlines it as base64.
	 */
	readBinary(item: N8nItem, key?: string): Buffer {
		const binary = item.binary?.[key ?? Object.keys(item.binary ?? {})[0]];
		if (!binary) throw new Error(`item has no binary property ${key ?? ''}`.trim());
		const id: unknown = binary.id;
		if (typeof id === 'string' && id.includes(':')) {
			const rel = id.slice(id.indexOf(':') + 1);
			for (const dir of ['storage', 'binaryData']) {
				const file = join(this.userFolder, '.n8n', dir, rel);
				if (existsSync(file)) return readFileSync(file);
			}
			throw new Error(`binary data ${id} not found under ${join(this.userFolder, '.n8n')}`);
		}
		return Buffer.from(String(binary.data ?? ''), 'base64');
	}

	/** Remove the user folder if this instance created it (stop the server first). */
	async cleanup(): Promise<void> {
		await this.stop();
		if (this.ownsUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Log files of this instance's CLI calls and server. */
	logFiles(): string[] {
		const dir = join(this.userFolder, 'pgai-logs');
		return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
	}
}

/** 2.x: GET /rest/workflows/:id/publication-status */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed' | string;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/** An execution as GET /rest/executions lists it (the fields both lines send). */
export interface N8nExecutionSummary {
	id: string;
	workflowId: string;
	/** e.g. 'trigger' for a poll's run, 'manual', 'webhook' */
	mode: string;
	/** 'success', 'error', 'running', 'waiting', 'canceled', 'crashed', 'new' */
	status: string;
	/** null for a failed poll: n8n records it without starting a run */
	startedAt: string | null;
	stoppedAt?: string | null;
	[k: string]: unknown;
}

/** An execution with its run data (GET /rest/executions/:id, data parsed). */
export interface N8nExecution extends N8nExecutionSummary {
	data: { resultData: N8nResultData; [k: string]: unknown };
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

// ---------------------------------------------------------------------------------------------------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function randomId(length = 16): string {
	let s = '';
	for (let i = 0; i < length; i++) s += ALNUM[Math.floor(Math.random() * ALNUM.length)];
	return s;
}

function tailOf(path: string, lines = 30): string {
	try {
		return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

function killGroupSync(child: ChildProcess): () => void {
	return () => {
		if (child.pid !== undefined && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	};
}

export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => resolvePromise(port));
		});
	});
}

export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const srv = createServer();
		srv.once('error', () => resolvePromise(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePromise(true)));
	});
}
