/** `n8n execute --id=<id> --rawOutput`, and the run read from what it printed. */
import { readFileSync } from 'node:fs';
import { cli, endOf, type CliOptions } from './cli';
import type { N8nContext } from './context';
import { tailOf } from './logs';
import type { N8nResultData, N8nRun } from './run';

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
			const entry: unknown = JSON.parse(line);
			const text = (entry as { message?: unknown } | null)?.message;
			message = typeof text === 'string' ? text : line;
		} catch {
			messages.push(line);
			continue;
		}
		if (!resultData && message.includes('"resultData"')) {
			try {
				const parsed = JSON.parse(message) as { data?: { resultData?: N8nResultData }; resultData?: N8nResultData } | null;
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

/** Execute an imported workflow; returns the run's resultData and the error if it failed. */
export async function executeWorkflow(n8n: N8nContext, id: string, opts: CliOptions = {}): Promise<N8nRun> {
	const r = await cli(n8n, ['execute', `--id=${id}`, '--rawOutput'], { ...opts, name: opts.name ?? `execute_${id}` });
	const { resultData, messages } = parseExecuteOutput(readFileSync(r.stdoutPath, 'utf8'));
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
		run.error = { message: `n8n execute --id=${id} ${endOf(r)}${resultData ? '' : ' without printing a run'}:\n${detail}` };
	}
	return run;
}
