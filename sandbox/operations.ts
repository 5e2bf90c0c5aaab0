/**
 * Asynchronous operations (§6). They advance by being polled, not by the clock, so tests and
 * demos see queued -> running -> completed at fixed points: the first `polls` polls see the
 * operation unfinished (the last of them 'running', earlier ones 'queued'); the next completes it.
 */
import type { OrgName } from './keys';

export type Outcome = { result: unknown } | { error: { code: string; message: string } };

export interface OperationView {
	public_operation_id: string;
	status: 'queued' | 'running' | 'completed' | 'failed';
	result?: unknown;
	error?: { code: string; message: string };
}

interface Entry {
	org: OrgName;
	polls: number;
	seen: number;
	/** Applies the operation's effect once, when a poll first finds it finished. */
	finish: () => Outcome;
	view: OperationView;
}

export class Operations {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly newId: () => string) {}

	create(org: OrgName, polls: number, finish: () => Outcome): OperationView {
		const view: OperationView = { public_operation_id: this.newId(), status: 'queued' };
		this.entries.set(view.public_operation_id, { org, polls, seen: 0, finish, view });
		return { ...view };
	}

	/** Another organisation's operation is as unknown as a missing one. */
	poll(id: string, org: OrgName): OperationView | undefined {
		const entry = this.entries.get(id);
		if (!entry || entry.org !== org) return undefined;
		entry.seen++;
		if (entry.view.status === 'queued' || entry.view.status === 'running') {
			if (entry.seen < entry.polls) entry.view.status = 'queued';
			else if (entry.seen === entry.polls) entry.view.status = 'running';
			else {
				const outcome = entry.finish();
				if ('error' in outcome) entry.view = { ...entry.view, status: 'failed', error: outcome.error };
				else entry.view = { ...entry.view, status: 'completed', result: outcome.result };
			}
		}
		return { ...entry.view };
	}
}

export function isFinished(view: OperationView): boolean {
	return view.status === 'completed' || view.status === 'failed';
}
