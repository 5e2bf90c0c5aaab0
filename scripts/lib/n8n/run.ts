/** A workflow run as n8n prints or stores it (only the fields read here), and readers of its items. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface N8nError {
	message: string;
	description?: string | null;
	name?: string;
	node?: { name: string };
	[k: string]: unknown;
}

/** A binary property of an item: inline base64 `data` (1.x) or an `id` of a file n8n keeps (2.x). */
export interface N8nBinary {
	data?: string;
	id?: string;
	mimeType?: string;
	fileName?: string;
	fileSize?: string;
	bytes?: number;
	[k: string]: unknown;
}

export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, N8nBinary>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: N8nError;
}

export interface N8nTaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	data?: { main: Array<N8nItem[] | null> };
	error?: N8nError;
	source?: unknown;
}

export interface N8nResultData {
	runData: Record<string, N8nTaskData[]>;
	lastNodeExecuted?: string;
	error?: N8nError;
}

export interface N8nRun {
	/** the run's resultData (runData per node, lastNodeExecuted, error) */
	data: N8nResultData;
	/** set when the workflow failed (n8n's error, or the CLI's error when no run was printed) */
	error?: { message: string; description?: string; node?: string };
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	/** n8n printed the complete run, then crashed while exiting (SIGSEGV; see execute.ts) */
	crashedOnExit: boolean;
	/** wall time of the whole CLI call (boot + run), ms */
	durationMs: number;
	stdoutPath: string;
	stderrPath: string;
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
export function nodeError(run: N8nRun, nodeName: string, runIndex = 0): N8nError | undefined {
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
 * Contents of an item's binary property (default: its first) from a run of the n8n whose user
 * folder is `userFolder`. n8n 2.x keeps binary data in files (the run only holds an id like
 * "filesystem-v2:workflows/…"); 1.x inlines it as base64.
 */
export function readBinary(userFolder: string, item: N8nItem, key?: string): Buffer {
	const binary = item.binary?.[key ?? Object.keys(item.binary ?? {})[0]];
	if (!binary) throw new Error(`item has no binary property ${key ?? ''}`.trim());
	const id = binary.id;
	if (typeof id === 'string' && id.includes(':')) {
		const rel = id.slice(id.indexOf(':') + 1);
		for (const dir of ['storage', 'binaryData']) {
			const file = join(userFolder, '.n8n', dir, rel);
			if (existsSync(file)) return readFileSync(file);
		}
		throw new Error(`binary data ${id} not found under ${join(userFolder, '.n8n')}`);
	}
	return Buffer.from(String(binary.data ?? ''), 'base64');
}
