/**
 * What else used the machine while the bench ran: the CPU time of every process that is not the
 * bench or one of its children, read from /proc every 2 s. Shown in RESULTS.md as the load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

const CLOCK_TICKS = 100;

interface Seen {
	first: number;
	last: number;
	command: string;
}

function stat(pid: string): { ppid: number; ticks: number } | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
	} catch {
		return undefined;
	}
}

function command(pid: string): string {
	try {
		const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
		const interesting = argv.slice(1).find((a) => /jest|n8n|tsx|tsc|eslint|sandbox|\.ts$|\.js$/.test(a)) ?? argv[1] ?? '';
		const base = (argv[0] ?? '').split('/').pop() ?? '';
		const arg = interesting.split('/').slice(-2).join('/');
		return `${base} ${arg}`.trim().slice(0, 60);
	} catch {
		return '';
	}
}

export class LoadWatcher {
	private seen = new Map<string, Seen>();
	private ours = new Set<string>([String(process.pid)]);
	private loads: number[] = [];
	private samples = 0;
	private timer: NodeJS.Timeout;

	constructor(private readonly everyMs = 2000) {
		this.sample();
		this.timer = setInterval(() => this.sample(), this.everyMs);
		this.timer.unref();
	}

	private sample(): void {
		this.loads.push(loadavg()[0]);
		const parents = new Map<string, number>();
		const ticks = new Map<string, number>();
		for (const pid of readdirSync('/proc')) {
			if (!/^\d+$/.test(pid)) continue;
			const s = stat(pid);
			if (!s) continue;
			parents.set(pid, s.ppid);
			ticks.set(pid, s.ticks);
		}
		// the bench's own tree (sandbox, n8n, its task runners)
		let grew = true;
		while (grew) {
			grew = false;
			for (const [pid, ppid] of parents) {
				if (!this.ours.has(pid) && this.ours.has(String(ppid))) {
					this.ours.add(pid);
					grew = true;
				}
			}
		}
		for (const [pid, t] of ticks) {
			if (this.ours.has(pid)) continue;
			const entry = this.seen.get(pid);
			if (entry) entry.last = t;
			// a process that started after the first sample used all its CPU time while the bench ran
			else this.seen.set(pid, { first: this.samples === 0 ? t : 0, last: t, command: command(pid) });
		}
		this.samples++;
	}

	stop(): { load: number[]; others: string[] } {
		clearInterval(this.timer);
		this.sample();
		const byCommand = new Map<string, number>();
		for (const { first, last, command: cmd } of this.seen.values()) {
			const seconds = (last - first) / CLOCK_TICKS;
			if (!cmd || seconds <= 0) continue;
			byCommand.set(cmd, (byCommand.get(cmd) ?? 0) + seconds);
		}
		const others = [...byCommand]
			.filter(([, s]) => s >= 5)
			.sort((a, b) => b[1] - a[1])
			.slice(0, 6)
			.map(([cmd, s]) => `\`${cmd}\` ${s.toFixed(0)} CPU-s`);
		return { load: this.loads, others };
	}
}
