/**
 * The REST API of `n8n start` (the editor's API): the owner account, signing in, activating a
 * workflow, and the executions n8n recorded.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nContext } from './context';
import { n8nMajor } from './install';
import type { N8nResultData } from './run';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
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

/** 2.x: GET /rest/workflows/:id/publication-status */
interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed' | string;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/**
 * Create the instance owner, so the editor opens on the sign-in page instead of the sign-up form.
 * Returns false if an owner already exists.
 */
export async function setupOwner(n8n: N8nContext, owner: OwnerAccount): Promise<boolean> {
	const res = await fetch(`http://127.0.0.1:${n8n.port}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (res.ok) return true;
	const text = await res.text();
	if (res.status === 400 && /already.*setup|owner.*already/i.test(text)) return false;
	throw new Error(`POST /rest/owner/setup answered ${res.status}: ${text.slice(0, 500)}`);
}

/** Sign in; returns the session cookie (for REST calls in tests and checks). */
export async function login(n8n: N8nContext, email: string, password: string): Promise<string> {
	// Once in CI (n8n 2.40.7, just started) a sign-in was answered without the cookie (fetch follows
	// redirects; this does not): it is tried twice more, and the error says what each answer held.
	const answers: string[] = [];
	for (let attempt = 1; attempt <= 3; attempt++) {
		if (attempt > 1) await sleep(2000);
		// 1.123 and 2.40 both take `emailOrLdapLoginId` (older n8n took `email`; a plain email alone is a 400)
		const res = await fetch(`http://127.0.0.1:${n8n.port}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
			redirect: 'manual',
		});
		if (res.status >= 400) throw new Error(`POST /rest/login answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
		const auth = /n8n-auth=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
		if (auth) return auth[0];
		const names: string[] = [];
		res.headers.forEach((_, name) => names.push(name));
		answers.push(`${res.status} (location ${res.headers.get('location') ?? 'none'}) with headers ${names.join(', ')} and body ${(await res.text()).slice(0, 300)}`);
	}
	throw new Error(`POST /rest/login on port ${n8n.port} set no n8n-auth cookie; answers: ${answers.join(' | ')}`);
}

/**
 * A call with login()'s cookie; resolves with the answer's `data`. Both lines wrap their answers in
 * { data }; a status other than 2xx throws.
 */
export async function rest<T = unknown>(n8n: N8nContext, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`http://127.0.0.1:${n8n.port}/rest${path}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /rest${path} answered ${res.status}: ${text.slice(0, 1000)}`);
	if (!text) return undefined as T;
	try {
		return (JSON.parse(text) as { data: T }).data;
	} catch {
		throw new Error(`${method} /rest${path} answered ${res.status} (${res.headers.get('content-type') ?? 'no content type'}) with no JSON: ${text.slice(0, 300)}`);
	}
}

/**
 * Activate (2.x: publish) a workflow's current version, as the editor's switch does, and resolve
 * once its triggers run (a poll trigger's first poll included); throws n8n's reason when a trigger
 * cannot be activated. Only `n8n start` runs triggers: the CLI's update:workflow --active /
 * publish:workflow only mark the workflow for the next start.
 * 1.x activates within the request and answers with the error. 2.x answers at once and applies the
 * publication in the background (its publication outbox; under a second here, 15 s for one that
 * failed), reporting the outcome under /workflows/:id/publication-status, which this waits for
 * (`timeoutMs`, default 60 s).
 */
export async function activateWorkflow(n8n: N8nContext, cookie: string, workflowId: string, opts: { timeoutMs?: number } = {}): Promise<void> {
	const workflow = await rest<{ versionId: string }>(n8n, cookie, 'GET', `/workflows/${workflowId}`);
	await rest(n8n, cookie, 'POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	if (n8nMajor(n8n.line) < 2) return;
	const timeoutMs = opts.timeoutMs ?? 60_000;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = await rest<PublicationStatus>(n8n, cookie, 'GET', `/workflows/${workflowId}/publication-status`);
		if (status.status === 'published') return;
		if (status.status !== 'in_progress' && status.status !== 'not_published') {
			const reasons = status.triggers.map((t) => t.errorMessage).filter(Boolean);
			throw new Error(`workflow ${workflowId} was not published (${status.status}): ${reasons.join('; ') || 'no reason given'}`);
		}
		if (Date.now() > deadline) {
			throw new Error(`workflow ${workflowId} still not published after ${timeoutMs} ms: ${JSON.stringify(status)}`);
		}
		await sleep(250);
	}
}

/**
 * The executions n8n recorded for a workflow (trigger runs and failed polls included), oldest
 * first, without their data; `execution()` reads one with its data.
 */
export async function executions(n8n: N8nContext, cookie: string, workflowId: string): Promise<N8nExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await rest<{ results: N8nExecutionSummary[] }>(n8n, cookie, 'GET', `/executions?filter=${filter}&limit=250`);
	return [...list.results].map((e) => ({ ...e, id: String(e.id) })).sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * One execution with its run data. n8n keeps and sends the data serialised with `flatted` (a JSON
 * of shared references); it is read with the flatted of the line's own install, the one that wrote it.
 */
export async function execution(n8n: N8nContext, cookie: string, executionId: string): Promise<N8nExecution> {
	const raw = await rest<N8nExecutionSummary & { data: unknown }>(n8n, cookie, 'GET', `/executions/${executionId}`);
	const flatted = createRequire(join(n8n.line.n8nDir, 'package.json'))('flatted') as { parse(text: string): unknown };
	const data = (typeof raw.data === 'string' ? flatted.parse(raw.data) : raw.data) as N8nExecution['data'];
	return { ...raw, id: String(raw.id), data };
}
