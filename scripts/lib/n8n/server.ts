/** `n8n start` of an instance (editor, REST API, active triggers) in its own process group. */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { N8n } from './instance';
import { logsDir, tailOf } from './logs';
import { freePort, isPortFree } from './ports';

export class N8nServer {
	private exit?: { code: number | null; signal: NodeJS.Signals | null };
	private readonly exited: Promise<void>;

	private constructor(private readonly child: ChildProcess) {
		this.exited = new Promise((res) =>
			child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				res();
			}),
		);
		process.once('exit', () => {
			if (!this.exit) this.signalGroup('SIGKILL');
		});
	}

	get running(): boolean {
		return !this.exit;
	}

	/** Start `n8n start`; resolves when the editor answers on the instance's port. */
	static async start(n8n: N8n, opts: { timeoutMs?: number } = {}): Promise<N8nServer> {
		const logs = logsDir(n8n.userFolder);
		const outPath = join(logs, 'server.out.log');
		const errPath = join(logs, 'server.err.log');
		if (!(await isPortFree(n8n.port))) throw new Error(`port ${n8n.port} is already in use (another n8n?); choose another port`);
		const out = openSync(outPath, 'a');
		const err = openSync(errPath, 'a');
		const child = spawn(n8n.line.nodeBin, [n8n.line.n8nBin, 'start'], {
			cwd: n8n.userFolder,
			env: n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
			stdio: ['ignore', out, err],
			detached: true, // own process group: stop() ends n8n and its task runners together
		});
		closeSync(out);
		closeSync(err);
		const server = new N8nServer(child);

		const timeoutMs = opts.timeoutMs ?? 120_000;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (server.exit) {
				throw new Error(`n8n start exited with ${server.exit.code ?? server.exit.signal}\n${tailOf(outPath)}\n${tailOf(errPath)}`);
			}
			try {
				const res = await fetch(`http://127.0.0.1:${n8n.port}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				if (res.ok) {
					const editor = await fetch(`http://127.0.0.1:${n8n.port}/`, { signal: AbortSignal.timeout(2000) });
					if (editor.ok) return server;
				}
			} catch {
				/* not up yet */
			}
			await sleep(500);
		}
		await server.stop();
		throw new Error(`n8n did not answer on port ${n8n.port} within ${timeoutMs} ms\n${tailOf(outPath)}`);
	}

	/** SIGTERM to the process group, SIGKILL after 15 s; resolves when n8n is gone. */
	async stop(): Promise<void> {
		if (this.exit) return;
		this.signalGroup('SIGTERM');
		const killer = setTimeout(() => this.signalGroup('SIGKILL'), 15_000);
		await this.exited;
		clearTimeout(killer);
		this.signalGroup('SIGKILL'); // leftovers of the group (task runners)
	}

	private signalGroup(sig: NodeJS.Signals): void {
		if (this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, sig);
		} catch {
			/* gone */
		}
	}
}
