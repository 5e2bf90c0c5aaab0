/**
 * n8n's command line as an instance calls it: one call (`node n8n <args>`, output in log files), and
 * the imports of credentials and workflows. Every call boots n8n (seconds): import many in one call.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nContext } from './context';
import { logsDir, tailOf } from './logs';
import { freePort } from './ports';
import { isValidWorkflowId, type CredentialJson, type WorkflowJson } from './workflow';

export interface CliOptions {
	/** extra environment of this call (e.g. NODE_OPTIONS=--cpu-prof) */
	env?: Record<string, string>;
	/** names the call's log files */
	name?: string;
	/** a call still running after this long is killed (SIGKILL); default 5 minutes */
	timeoutMs?: number;
	/** called with the pid of the n8n process as soon as it is spawned (bench/lib/memory.ts samples it) */
	onSpawn?: (pid: number) => void;
}

export interface CliResult {
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	/** set when the call was killed for running longer than its timeout: that timeout, ms */
	killedAfterMs?: number;
	stdoutPath: string;
	stderrPath: string;
	/** wall time of the call (n8n's boot included), ms */
	durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Run an n8n CLI command with stdout and stderr in files (not pipes: n8n exits right after printing). */
export async function cli(n8n: N8nContext, args: string[], opts: CliOptions = {}): Promise<CliResult> {
	const name = opts.name ?? args[0].replace(/[^a-z0-9]+/gi, '_');
	const base = join(logsDir(n8n.userFolder), `${String(n8n.nextCallNumber()).padStart(3, '0')}-${name}`);
	const stdoutPath = `${base}.out.log`;
	const stderrPath = `${base}.err.log`;
	const out = openSync(stdoutPath, 'w');
	const err = openSync(stderrPath, 'w');
	const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env });
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const started = Date.now();
	let killed = false;
	try {
		const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolvePromise, reject) => {
			const child = spawn(n8n.line.nodeBin, [n8n.line.n8nBin, ...args], { cwd: n8n.userFolder, env, stdio: ['ignore', out, err] });
			const timer = setTimeout(() => {
				killed = true;
				child.kill('SIGKILL');
			}, timeoutMs);
			child.on('error', (e) => {
				clearTimeout(timer);
				reject(e);
			});
			child.on('exit', (code, sig) => {
				clearTimeout(timer);
				resolvePromise([code, sig]);
			});
			if (child.pid !== undefined) opts.onSpawn?.(child.pid);
		});
		return { exitCode, signal, killedAfterMs: killed ? timeoutMs : undefined, stdoutPath, stderrPath, durationMs: Date.now() - started };
	} finally {
		closeSync(out);
		closeSync(err);
	}
}

/** How a call ended, for messages: "exited with 1", "exited with SIGSEGV", "was killed after 300 s". */
export function endOf(r: CliResult): string {
	return r.killedAfterMs !== undefined ? `was killed after ${r.killedAfterMs / 1000} s` : `exited with ${r.exitCode ?? r.signal}`;
}

async function cliOrThrow(n8n: N8nContext, args: string[], name: string): Promise<void> {
	const r = await cli(n8n, args, { name });
	if (r.exitCode !== 0) throw new Error(`n8n ${args.join(' ')} ${endOf(r)}\n${tailOf(r.stdoutPath)}\n${tailOf(r.stderrPath)}`);
}

/** Import credentials (plain `data` is encrypted by n8n on import). */
export async function importCredentials(n8n: N8nContext, creds: CredentialJson[]): Promise<void> {
	if (!creds.length) return;
	const file = join(n8n.userFolder, `pgai-import-credentials-${n8n.nextCallNumber()}.json`);
	writeFileSync(file, JSON.stringify(creds, null, 2));
	await cliOrThrow(n8n, ['import:credentials', `--input=${file}`], 'import_credentials');
}

/** Import workflows (each needs an id; a versionId is made up if missing; imported inactive). */
export async function importWorkflows(n8n: N8nContext, workflows: WorkflowJson[]): Promise<void> {
	if (!workflows.length) return;
	for (const w of workflows) {
		if (!isValidWorkflowId(w.id)) throw new Error(`workflow "${w.name}": id must be 1-16 letters or digits, got ${JSON.stringify(w.id)}`);
	}
	const file = join(n8n.userFolder, `pgai-import-workflows-${n8n.nextCallNumber()}.json`);
	const prepared = workflows.map((w) => ({ active: false, settings: {}, ...w, versionId: w.versionId ?? randomUUID() }));
	writeFileSync(file, JSON.stringify(prepared, null, 2));
	await cliOrThrow(n8n, ['import:workflow', `--input=${file}`], 'import_workflows');
}
