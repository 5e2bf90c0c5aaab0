/**
 * Notice when the process that started us is gone. npm passes only SIGINT and SIGTERM on to its
 * script, and only to the shell it runs it in (which without `exec` ignores SIGINT while it waits and
 * dies of SIGTERM alone); a SIGHUP or SIGKILL of npm reaches nothing. The demo runs under tsx, whose
 * process lives on, so watching `process.ppid` is not enough: every ancestor is.
 */
import { readFileSync } from 'node:fs';

/** pid, parent pid and state ('Z' = zombie) of a process, from /proc; undefined when it is gone. */
function stat(pid: number): { ppid: number; state: string } | undefined {
	try {
		// comm (field 2) is in parentheses and may hold spaces: the fields after the last ')' are fixed
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(ppid), state };
	} catch {
		return undefined;
	}
}

/** A process that exited is gone even while its parent has not reaped it yet (a zombie). */
export function isAlive(pid: number): boolean {
	const s = stat(pid);
	return s !== undefined && s.state !== 'Z';
}

/** The parent, grandparent, … of `pid`, up to but without pid 1 (init never exits). */
export function ancestors(pid: number = process.pid): number[] {
	const out: number[] = [];
	for (let p = stat(pid)?.ppid; p !== undefined && p > 1 && !out.includes(p); p = stat(p)?.ppid) out.push(p);
	return out;
}

/**
 * Call `onGone` once when any of this process's current ancestors exits; checked every
 * `intervalMs`. Returns a function that stops watching. The timer does not keep the process alive.
 */
export function watchAncestors(onGone: (pid: number) => void, intervalMs = 1000): () => void {
	const watched = ancestors();
	const timer = setInterval(() => {
		const gone = watched.find((pid) => !isAlive(pid));
		if (gone === undefined) return;
		clearInterval(timer);
		onGone(gone);
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
