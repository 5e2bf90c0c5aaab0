/**
 * Workflow executions (§8). Unlike operations (§6), which advance by being polled, executions
 * advance with the sandbox's clock, as the real ones ("may take up to 2 minutes") do: 'queued' for
 * queuedMs after the trigger, then 'running' for runningMs, then finished. Tests move an injected
 * clock instead of waiting; the timing and the outcome are fixed when the run is triggered.
 */
import type { OrgName } from './keys';
import type { Outcome } from './operations';
import type { ExecutionTiming } from './types';

/** The 202 of POST /workflows/trigger, as documented. */
export interface ExecutionAccepted {
	execution_id: string;
	workflow_id: string;
	status: 'queued';
	created_at: string;
}

/**
 * GET /workflows/executions/{id}. Inferred where the docs show only the completed form: the
 * timestamps are null until they happen, and a failed run carries `error` as a failed operation
 * does, and no result.
 */
export interface ExecutionView {
	execution_id: string;
	workflow_id: string;
	status: 'queued' | 'running' | 'completed' | 'failed';
	started_at: string | null;
	completed_at: string | null;
	result?: unknown;
	error?: { code: string; message: string };
}

interface Entry {
	org: OrgName;
	workflowId: string;
	startsAt: number;
	endsAt: number;
	outcome: Outcome;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Executions {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly newId: () => string,
		private readonly now: () => number,
	) {}

	/** The accepted run, and the seconds until its status next changes (the Retry-After hint). */
	start(org: OrgName, workflowId: string, timing: ExecutionTiming, outcome: Outcome): { accepted: ExecutionAccepted; retryAfter: number } {
		const createdAt = this.now();
		const entry: Entry = { org, workflowId, startsAt: createdAt + timing.queuedMs, endsAt: createdAt + timing.queuedMs + timing.runningMs, outcome };
		const id = `exec_${this.newId()}`;
		this.entries.set(id, entry);
		return { accepted: { execution_id: id, workflow_id: workflowId, status: 'queued', created_at: iso(createdAt) }, retryAfter: retryAfter(entry, createdAt) };
	}

	/** The run as of now, with the Retry-After hint while it is unfinished; another organisation's is as unknown as a missing one. */
	view(id: string, org: OrgName): { view: ExecutionView; retryAfter?: number } | undefined {
		const entry = this.entries.get(id);
		if (!entry || entry.org !== org) return undefined;
		const now = this.now();
		const { startsAt, endsAt, outcome } = entry;
		const finished = now >= endsAt;
		const view: ExecutionView = {
			execution_id: id,
			workflow_id: entry.workflowId,
			status: now < startsAt ? 'queued' : !finished ? 'running' : 'error' in outcome ? 'failed' : 'completed',
			started_at: now >= startsAt ? iso(startsAt) : null,
			completed_at: finished ? iso(endsAt) : null,
		};
		if (!finished) return { view, retryAfter: retryAfter(entry, now) };
		if ('error' in outcome) view.error = outcome.error;
		else view.result = outcome.result;
		return { view };
	}
}

/** Whole seconds until the run's status next changes, rounded up, at least 1. */
function retryAfter(entry: Entry, now: number): number {
	const next = now < entry.startsAt ? entry.startsAt : entry.endsAt;
	return Math.max(1, Math.ceil((next - now) / 1000));
}
