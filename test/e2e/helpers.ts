/**
 * End-to-end helpers: one real n8n instance (line from PGAI_N8N_LINE) per test file, the sandbox API,
 * and a PG:AI credential pointing at it.
 *
 *   let n8n: E2eN8n;
 *   let sandbox: Sandbox;
 *   beforeAll(async () => ({ n8n, sandbox } = await setupLine()));
 *   afterAll(() => teardownLine());
 *
 *   const run = await n8n.run(workflow([{ type: 'CUSTOM.pgAi', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } }]));
 *   expect(itemsOf(run, 'PG:AI').map((i) => i.json.id)).toEqual(sandbox.data.contacts.map((c) => c.id));
 */
import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import {
	N8n,
	buildPackage,
	installN8n,
	parseLine,
	randomId,
	type CredentialJson,
	type LineNumber,
	type N8nRun,
	type NodeJson,
	type WorkflowJson,
} from '../../scripts/lib/n8n';

export { itemsOf, nodeError, itemCounts } from '../../scripts/lib/n8n';
export type { N8nRun, N8nItem, WorkflowJson } from '../../scripts/lib/n8n';

/** The line under test: PGAI_N8N_LINE=1 or 2 (default 2). */
export const LINE: LineNumber = parseLine(process.env.PGAI_N8N_LINE, 2);

/** The credential every PG:AI node of `workflow()` uses unless it sets its own. */
export const CREDENTIAL = { id: 'pgaiE2eCred', name: 'PG:AI sandbox' } as const;
export const CREDENTIAL_TYPE = 'pgAiApi';

export type { Sandbox, SandboxOptions };

/** n8n of one line with an isolated user folder; `run()` imports a workflow and executes it. */
export type E2eN8n = N8n;

export interface LineContext {
	n8n: E2eN8n;
	/** undefined when set up with `{ sandbox: false }` */
	sandbox: Sandbox;
	line: LineNumber;
}

let current: { ctx: LineContext; cleanupPackage?: () => void } | undefined;

/**
 * Set up the line for this test file: the packed package (built once by the global setup, or here
 * when run without it), n8n installed (cached), a fresh user folder, the sandbox and the credential.
 */
export async function setupLine(
	opts: { sandbox?: boolean | SandboxOptions; apiKey?: string; line?: LineNumber; port?: number } = {},
): Promise<LineContext> {
	if (current) return current.ctx;
	const line = opts.line ?? LINE;
	const log = (l: string) => process.stderr.write(`${l}\n`);

	let extensionsDir = process.env.PGAI_E2E_PACKAGE_DIR;
	let cleanupPackage: (() => void) | undefined;
	if (!extensionsDir) {
		const pkg = await buildPackage({ log });
		extensionsDir = pkg.dir;
		cleanupPackage = pkg.cleanup;
	}
	const info = await installN8n(line, log);
	// `port` is for n8n.startServer(); CLI runs listen on nothing
	const n8n = await N8n.create({ line: info, extensionsDir, port: opts.port });

	let sandbox: Sandbox | undefined;
	try {
		if (opts.sandbox !== false) {
			sandbox = await startSandbox({ host: '127.0.0.1', ...(typeof opts.sandbox === 'object' ? opts.sandbox : {}) });
			await n8n.importCredentials([credentialFor(sandbox, opts.apiKey)]);
		}
	} catch (err) {
		await sandbox?.close();
		await n8n.cleanup();
		cleanupPackage?.();
		throw err;
	}
	current = { ctx: { n8n, sandbox: sandbox as Sandbox, line }, cleanupPackage };
	return current.ctx;
}

export async function teardownLine(): Promise<void> {
	if (!current) return;
	const { ctx, cleanupPackage } = current;
	current = undefined;
	await ctx.sandbox?.close();
	// keep the user folder (logs of every n8n call) when asked, e.g. to debug a failure; a server
	// started for the file is stopped either way
	if (process.env.PGAI_E2E_KEEP) {
		await ctx.n8n.stop();
		process.stderr.write(`n8n user folder kept: ${ctx.n8n.userFolder}\n`);
	} else await ctx.n8n.cleanup();
	cleanupPackage?.();
}

/** The PG:AI credential for a sandbox (the sandbox's demo key unless another key is given). */
export function credentialFor(sandbox: Sandbox, apiKey?: string, credential: { id: string; name: string } = CREDENTIAL): CredentialJson {
	return {
		id: credential.id,
		name: credential.name,
		type: CREDENTIAL_TYPE,
		data: { apiKey: apiKey ?? sandbox.demoKey, baseUrl: sandbox.url },
	};
}

// ---------------------------------------------------------------------------------------------------
// workflows

export interface NodeDef {
	type: string;
	name?: string;
	parameters?: Record<string, unknown>;
	typeVersion?: number;
	/** default for CUSTOM.pgAi / CUSTOM.pgAiTrigger: { pgAiApi: CREDENTIAL } */
	credentials?: Record<string, { id: string; name: string }>;
	/** any other node field (onError, retryOnFail, alwaysOutputData, ...) */
	[k: string]: unknown;
}

const DEFAULT_NAMES: Record<string, string> = {
	'CUSTOM.pgAi': 'PG:AI',
	'CUSTOM.pgAiTrigger': 'PG:AI Trigger',
	'n8n-nodes-base.manualTrigger': 'Manual Trigger',
	'n8n-nodes-base.code': 'Code',
	'n8n-nodes-base.set': 'Edit Fields',
	'n8n-nodes-base.noOp': 'No Operation',
};

const DEFAULT_VERSIONS: Record<string, number> = {
	'CUSTOM.pgAi': 1,
	'CUSTOM.pgAiTrigger': 1,
	'n8n-nodes-base.manualTrigger': 1,
	'n8n-nodes-base.code': 2,
	'n8n-nodes-base.set': 3.4,
	'n8n-nodes-base.noOp': 1,
};

/**
 * A workflow of a Manual Trigger followed by `nodes` connected in a chain (main output 0 → input 0).
 * Node names default to n8n's (PG:AI, PG:AI1, PG:AI2, ... for repeats). Importable as is: id,
 * versionId, active: false.
 */
export function workflow(nodes: NodeDef[], opts: { name?: string; id?: string; settings?: Record<string, unknown> } = {}): WorkflowJson {
	const used = new Set<string>();
	const uniqueName = (base: string) => {
		let name = base;
		for (let i = 1; used.has(name); i++) name = `${base}${i}`;
		used.add(name);
		return name;
	};
	const all: NodeDef[] = [{ type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...nodes];
	const built = all.map((def, i) => {
		const { type, name, parameters, typeVersion, credentials, ...rest } = def;
		const node: NodeJson = {
			id: randomUUID(),
			name: uniqueName(name ?? DEFAULT_NAMES[type] ?? defaultName(type)),
			type,
			typeVersion: typeVersion ?? DEFAULT_VERSIONS[type] ?? 1,
			position: [i * 220, 0],
			parameters: parameters ?? {},
			...rest,
		};
		const creds = credentials ?? (type.startsWith('CUSTOM.pgAi') ? { [CREDENTIAL_TYPE]: { ...CREDENTIAL } } : undefined);
		if (creds) node.credentials = creds;
		return node;
	});
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < built.length; i++) {
		connections[built[i].name] = { main: [[{ node: built[i + 1].name, type: 'main', index: 0 }]] };
	}
	const id = opts.id ?? randomId(16);
	return {
		id,
		name: opts.name ?? `e2e ${built.slice(1).map((n) => n.name).join(' → ') || 'empty'} ${id}`,
		nodes: built,
		connections,
		active: false,
		versionId: randomUUID(),
		settings: { executionOrder: 'v1', ...opts.settings },
	};
}

export const TRIGGER = 'PG:AI Trigger';

/** Poll times of a PG:AI Trigger: n8n's custom mode with a cron expression (seconds first). */
export function cronPollTimes(cron: string) {
	return { item: [{ mode: 'custom', cronExpression: cron }] };
}

/** PG:AI Trigger (`parameters`, `credential`) → No Operation. Importable as is: versionId, active: false. */
export function triggerWorkflow(id: string, name: string, parameters: Record<string, unknown>, credential: { id: string; name: string } = CREDENTIAL): WorkflowJson {
	return {
		id,
		name,
		nodes: [
			{ id: randomUUID(), name: TRIGGER, type: 'CUSTOM.pgAiTrigger', typeVersion: 1, position: [0, 0], parameters, credentials: { [CREDENTIAL_TYPE]: { ...credential } } },
			{ id: randomUUID(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
		active: false,
		versionId: randomUUID(),
		settings: { executionOrder: 'v1' },
	};
}

function defaultName(type: string): string {
	const short = type.slice(type.lastIndexOf('.') + 1);
	return short.charAt(0).toUpperCase() + short.slice(1);
}

/** Fail with n8n's error (and the log files) when a run failed; returns the run for chaining. */
export function expectSuccess(run: N8nRun): N8nRun {
	if (run.error) {
		throw new Error(`workflow failed: ${run.error.message}${run.error.description ? `\n${run.error.description}` : ''}\nlogs: ${run.stdoutPath}`);
	}
	return run;
}
