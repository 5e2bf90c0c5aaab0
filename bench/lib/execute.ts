/**
 * `n8n execute --id` as scripts/lib/n8n.ts runs it (same environment, same output parsing), but with
 * the process id in hand, so that the memory of the n8n process can be sampled while it runs.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, parseExecuteOutput, type N8n, type N8nRun } from '../../scripts/lib/n8n';

export interface Memory {
	/** Peak resident set (VmHWM) of the n8n process, bytes; the last sample before it exited. */
	peakRss: number;
	/** Largest VmRSS seen by the sampler, bytes (≤ peakRss). */
	maxSampledRss: number;
	/** Peak of the whole process tree (n8n and any task runner it started), bytes: sum of each process's VmHWM. */
	treePeakRss: number;
	samples: number;
	/** The pid sampled and its command line, to show it is n8n itself and not a wrapper. */
	pid: number;
	command: string;
}

export interface MeasuredRun {
	run: N8nRun;
	memory: Memory;
}

const SAMPLE_MS = 20;

function readStatus(pid: number): { hwm: number; rss: number } | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
		const hwm = kb('VmHWM');
		const rss = kb('VmRSS');
		return Number.isFinite(hwm) ? { hwm, rss } : undefined;
	} catch {
		return undefined;
	}
}

function commandOf(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return '';
	}
}

/** Children of every process in `roots`, recursively (from /proc/<pid>/task/<pid>/children, else a scan). */
function descendants(root: number): number[] {
	const out: number[] = [];
	const queue = [root];
	while (queue.length) {
		const pid = queue.shift()!;
		let children: number[] = [];
		const file = `/proc/${pid}/task/${pid}/children`;
		if (existsSync(file)) {
			try {
				children = readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
			} catch {
				children = [];
			}
		} else {
			for (const entry of readdirSync('/proc')) {
				if (!/^\d+$/.test(entry)) continue;
				try {
					const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
					const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
					if (ppid === pid) children.push(Number(entry));
				} catch {
					/* gone */
				}
			}
		}
		out.push(...children);
		queue.push(...children);
	}
	return out;
}

/**
 * Polls the memory of the process tree started as `pid`. The n8n process is the process whose
 * command line runs n8n's bin script (the spawned process itself, unless something wraps it).
 */
class MemorySampler {
	private timer: NodeJS.Timeout;
	private peaks = new Map<number, number>();
	private mainPid: number;
	private command = '';
	private maxRss = 0;
	private samples = 0;

	constructor(
		private readonly rootPid: number,
		private readonly n8nBin: string,
	) {
		this.mainPid = rootPid;
		this.sample();
		this.timer = setInterval(() => this.sample(), SAMPLE_MS);
	}

	private sample(): void {
		const pids = [this.rootPid, ...descendants(this.rootPid)];
		if (!this.command || !this.command.includes(this.n8nBin)) {
			const main = pids.find((pid) => commandOf(pid).includes(this.n8nBin) && !commandOf(pid).includes('task-runner'));
			if (main !== undefined) {
				this.mainPid = main;
				this.command = commandOf(main);
			}
		}
		for (const pid of pids) {
			const status = readStatus(pid);
			if (!status) continue;
			this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, status.hwm));
			if (pid === this.mainPid) {
				this.maxRss = Math.max(this.maxRss, status.rss);
				this.samples++;
			}
		}
	}

	stop(): Memory {
		clearInterval(this.timer);
		let tree = 0;
		for (const peak of this.peaks.values()) tree += peak;
		return {
			peakRss: this.peaks.get(this.mainPid) ?? 0,
			maxSampledRss: this.maxRss,
			treePeakRss: tree,
			samples: this.samples,
			pid: this.mainPid,
			command: this.command,
		};
	}
}

/**
 * `n8n execute --id=<id> --rawOutput` with stdout/stderr in files (n8n exits right after printing:
 * a pipe would cut a large run off) and the memory of the n8n process sampled every 20 ms.
 * `env`: extra environment (e.g. NODE_OPTIONS=--cpu-prof for a profile).
 */
/** An `n8n execute` that runs longer than this is killed (the run then fails with that reason). */
export const EXECUTE_TIMEOUT_MS = 10 * 60_000;

export async function executeMeasured(
	n8n: N8n,
	id: string,
	opts: { env?: Record<string, string>; name?: string; timeoutMs?: number } = {},
): Promise<MeasuredRun> {
	const logs = join(n8n.userFolder, 'pgai-logs');
	mkdirSync(logs, { recursive: true });
	const base = join(logs, `bench-${opts.name ?? id}-${Date.now()}`);
	const stdoutPath = `${base}.out.log`;
	const stderrPath = `${base}.err.log`;
	const out = openSync(stdoutPath, 'w');
	const err = openSync(stderrPath, 'w');
	const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...opts.env });
	const started = Date.now();
	let sampler: MemorySampler | undefined;
	let exitCode: number | null;
	let signal: NodeJS.Signals | null;
	let timedOut = false;
	try {
		[exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
			const child = spawn(n8n.line.nodeBin, [n8n.line.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
				cwd: n8n.userFolder,
				env,
				stdio: ['ignore', out, err],
			});
			const timer = setTimeout(() => {
				timedOut = true;
				child.kill('SIGKILL');
			}, opts.timeoutMs ?? EXECUTE_TIMEOUT_MS);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			if (child.pid !== undefined) sampler = new MemorySampler(child.pid, n8n.line.n8nBin);
			child.on('exit', (code, sig) => {
				clearTimeout(timer);
				resolve([code, sig]);
			});
		});
	} finally {
		closeSync(out);
		closeSync(err);
	}
	const memory = sampler?.stop() ?? { peakRss: 0, maxSampledRss: 0, treePeakRss: 0, samples: 0, pid: 0, command: '' };
	const durationMs = Date.now() - started;
	const { resultData, messages } = parseExecuteOutput(readFileSync(stdoutPath, 'utf8'));
	// As scripts/lib/n8n.ts: n8n 2.x sometimes dies with SIGSEGV while exiting, after printing the complete run.
	const crashedOnExit = !!resultData && signal === 'SIGSEGV';
	const run: N8nRun = {
		data: resultData ?? { runData: {} },
		exitCode,
		signal,
		crashedOnExit,
		durationMs,
		stdoutPath,
		stderrPath,
	};
	if (resultData?.error) {
		run.error = { message: resultData.error.message, description: resultData.error.description ?? undefined, node: resultData.error.node?.name };
	} else if (!resultData || (exitCode !== 0 && !crashedOnExit)) {
		let stderr = '';
		try {
			stderr = readFileSync(stderrPath, 'utf8').split('\n').slice(-15).join('\n');
		} catch {
			/* none */
		}
		run.error = {
			message: timedOut
				? `n8n execute --id=${id} was killed after ${(opts.timeoutMs ?? EXECUTE_TIMEOUT_MS) / 1000} s`
				: `n8n execute --id=${id} exited with ${exitCode ?? signal}${resultData ? '' : ' without printing a run'}:\n${[...messages.slice(-15), stderr].join('\n')}`,
		};
	}
	return { run, memory };
}
