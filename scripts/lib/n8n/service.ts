/**
 * A long-running process of the runner (`n8n start`, `n8n worker`, PostgreSQL, Redis): its own
 * process group, output in log files, started once it answers, stopped with its whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tailOf } from './logs';

export interface ServiceSpec {
	/** names the log files (`<name>.out.log`, `<name>.err.log`) and the messages */
	name: string;
	command: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	logsDir: string;
	/** resolves true once the process serves; polled every 500 ms */
	ready: () => Promise<boolean>;
	timeoutMs?: number;
	/** the signal that stops it cleanly (default SIGTERM; PostgreSQL's fast shutdown is SIGINT) */
	stopSignal?: NodeJS.Signals;
}

export class Service {
	private exit?: { code: number | null; signal: NodeJS.Signals | null; error?: Error };
	private readonly exited: Promise<void>;
	readonly outPath: string;
	readonly errPath: string;

	private constructor(
		private readonly spec: ServiceSpec,
		private readonly child: ChildProcess,
	) {
		this.outPath = join(spec.logsDir, `${spec.name}.out.log`);
		this.errPath = join(spec.logsDir, `${spec.name}.err.log`);
		this.exited = new Promise((res) => {
			child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				res();
			});
			// not started at all (e.g. the command is not installed)
			child.on('error', (error) => {
				this.exit = { code: null, signal: null, error };
				res();
			});
		});
		process.once('exit', () => {
			if (!this.exit) this.signalGroup('SIGKILL');
		});
	}

	get running(): boolean {
		return !this.exit;
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Spawns the process and resolves once `ready()` says so; throws with its output if it exits or times out. */
	static async start(spec: ServiceSpec): Promise<Service> {
		const out = openSync(join(spec.logsDir, `${spec.name}.out.log`), 'a');
		const err = openSync(join(spec.logsDir, `${spec.name}.err.log`), 'a');
		const child = spawn(spec.command, spec.args, {
			cwd: spec.cwd,
			env: spec.env,
			stdio: ['ignore', out, err],
			detached: true, // own process group: stop() ends it and its children (task runners) together
		});
		closeSync(out);
		closeSync(err);
		const service = new Service(spec, child);
		const timeoutMs = spec.timeoutMs ?? 120_000;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (service.exit) {
				const how = service.exit.error?.message ?? `exited with ${service.exit.code ?? service.exit.signal}`;
				throw new Error(`${spec.name} ${how}\n${service.tail()}`);
			}
			if (await spec.ready().catch(() => false)) return service;
			await sleep(500);
		}
		await service.stop();
		throw new Error(`${spec.name} was not ready within ${timeoutMs} ms\n${service.tail()}`);
	}

	/** The stop signal to the process group, SIGKILL after 15 s; resolves when the process is gone. */
	async stop(): Promise<void> {
		if (this.exit) return;
		this.signalGroup(this.spec.stopSignal ?? 'SIGTERM');
		const killer = setTimeout(() => this.signalGroup('SIGKILL'), 15_000);
		await this.exited;
		clearTimeout(killer);
		this.signalGroup('SIGKILL'); // leftovers of the group
	}

	tail(): string {
		return `${tailOf(this.outPath)}\n${tailOf(this.errPath)}`;
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
