/**
 * The memory of the n8n process tree while `n8n execute` runs, sampled from /proc every 20 ms. The
 * run itself is the shared runner's (scripts/lib/n8n/execute.ts); it hands over the pid to sample.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { CliOptions, N8n, N8nRun } from '../../scripts/lib/n8n';

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

/** Descendants of `root`, recursively (from /proc/<pid>/task/<pid>/children, else a scan of /proc). */
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

/** An `n8n execute` that runs longer than this is killed (the run then fails with that reason). */
export const EXECUTE_TIMEOUT_MS = 10 * 60_000;

const NO_SAMPLES: Memory = { peakRss: 0, maxSampledRss: 0, treePeakRss: 0, samples: 0, pid: 0, command: '' };

/**
 * `n8n execute --id=<id>` with the memory of the n8n process sampled while it runs.
 * `env`: extra environment (e.g. NODE_OPTIONS=--cpu-prof for a profile).
 */
export async function executeMeasured(
	n8n: N8n,
	id: string,
	opts: Pick<CliOptions, 'env' | 'name'> = {},
): Promise<MeasuredRun> {
	let sampler: MemorySampler | undefined;
	const run = await n8n.executeWorkflow(id, {
		...opts,
		timeoutMs: EXECUTE_TIMEOUT_MS,
		onSpawn: (pid) => (sampler = new MemorySampler(pid, n8n.line.n8nBin)),
	});
	return { run, memory: sampler?.stop() ?? NO_SAMPLES };
}
