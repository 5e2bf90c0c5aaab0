/**
 * An isolated n8n instance of one line: its own user folder, its CLI calls (cli.ts, execute.ts), its
 * `n8n start` (server.ts) and that server's REST API (rest.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, importCredentials, importWorkflows, type CliOptions, type CliResult } from './cli';
import type { N8nContext } from './context';
import { n8nEnv } from './env';
import { executeWorkflow } from './execute';
import { installN8n, isInstalled, lineInfo, type LineNumber, type N8nLine } from './install';
import { logFiles } from './logs';
import * as api from './rest';
import { readBinary, type N8nItem, type N8nRun } from './run';
import { N8nServer } from './server';
import type { CredentialJson, WorkflowJson } from './workflow';

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

export class N8n implements N8nContext {
	readonly line: N8nLine;
	readonly userFolder: string;
	readonly port: number;
	readonly extensionsDir?: string;
	private readonly ownsUserFolder: boolean;
	private readonly extraEnv: Record<string, string>;
	private server?: N8nServer;
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

	/** Environment of every n8n process of this instance (env.ts). */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return n8nEnv({ line: this.line, userFolder: this.userFolder, extensionsDir: this.extensionsDir, port: this.port, env: this.extraEnv }, extra);
	}

	/** Numbers the files of this instance's CLI calls in the order of the calls. */
	nextCallNumber(): number {
		return ++this.calls;
	}

	cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
		return cli(this, args, opts);
	}

	importCredentials(creds: CredentialJson[]): Promise<void> {
		return importCredentials(this, creds);
	}

	importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		return importWorkflows(this, workflows);
	}

	executeWorkflow(id: string, opts: CliOptions = {}): Promise<N8nRun> {
		return executeWorkflow(this, id, opts);
	}

	/** Import one workflow and execute it. */
	async run(workflow: WorkflowJson, opts: CliOptions = {}): Promise<N8nRun> {
		await this.importWorkflows([workflow]);
		return this.executeWorkflow(workflow.id, opts);
	}

	/** `n8n start`; resolves with the editor's URL once it answers. */
	async startServer(opts: { timeoutMs?: number } = {}): Promise<string> {
		if (!this.server?.running) this.server = await N8nServer.start(this, opts);
		return this.url;
	}

	/** Stop `n8n start` if it runs. */
	async stop(): Promise<void> {
		await this.server?.stop();
	}

	setupOwner(owner: api.OwnerAccount): Promise<boolean> {
		return api.setupOwner(this, owner);
	}

	login(email: string, password: string): Promise<string> {
		return api.login(this, email, password);
	}

	rest<T = unknown>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
		return api.rest<T>(this, cookie, method, path, body);
	}

	activateWorkflow(cookie: string, workflowId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
		return api.activateWorkflow(this, cookie, workflowId, opts);
	}

	executions(cookie: string, workflowId: string): Promise<api.N8nExecutionSummary[]> {
		return api.executions(this, cookie, workflowId);
	}

	execution(cookie: string, executionId: string): Promise<api.N8nExecution> {
		return api.execution(this, cookie, executionId);
	}

	readBinary(item: N8nItem, key?: string): Buffer {
		return readBinary(this.userFolder, item, key);
	}

	/** Log files of this instance's CLI calls and server. */
	logFiles(): string[] {
		return logFiles(this.userFolder);
	}

	/** Stop the server and remove the user folder if this instance created it. */
	async cleanup(): Promise<void> {
		await this.stop();
		if (this.ownsUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
