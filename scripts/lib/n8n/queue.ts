/**
 * n8n in queue mode on one machine: PostgreSQL and Redis started for it (throwaway data, loopback),
 * a main process (`n8n start`: editor, REST API, webhooks, triggers) and workers (`n8n worker`) that
 * run the executions, all with the same database, Redis, encryption key and package.
 *
 *   const queue = await N8nQueue.start({ line: 2, extensionsDir: pkg.dir, workers: 2, concurrency: 3 });
 *   await queue.main.importCredentials([...]);     // the N8n of the main process: CLI, REST, …
 *   await queue.addWorker();  await queue.stopWorker('worker2');  await queue.restartMain();
 *   queue.workerOf('17');                           // 'worker1': which worker ran execution 17
 *   await queue.stop();                             // every process, every data folder
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8n, type N8nOptions } from './instance';
import { logsDir } from './logs';
import { freePort } from './ports';
import { Postgres } from './postgres';
import { Redis } from './redis';
import { N8nWorker } from './worker';

export interface QueueOptions extends Pick<N8nOptions, 'line' | 'extensionsDir' | 'env' | 'log'> {
	/** workers started with main (default 2) */
	workers?: number;
	/** `n8n worker --concurrency`: executions one worker runs at once */
	concurrency: number;
}

export class N8nQueue {
	readonly workers: N8nWorker[] = [];
	private started = 0;

	private constructor(
		/** the main process's instance: its CLI calls and `n8n start` use the shared database */
		readonly main: N8n,
		private readonly postgres: Postgres,
		private readonly redis: Redis,
		private readonly concurrency: number,
	) {}

	static async start(opts: QueueOptions): Promise<N8nQueue> {
		const log = opts.log ?? (() => undefined);
		// main's user folder; its pgai-logs/ holds every process's log
		const userFolder = mkdtempSync(join(tmpdir(), 'pgai-n8n-queue-'));
		const logs = logsDir(userFolder);
		log('queue: PostgreSQL and Redis');
		const services = await Promise.allSettled([Postgres.start({ logsDir: logs, log }), Redis.start({ logsDir: logs })]);
		const [postgres, redis] = services.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [Postgres?, Redis?];
		let queue: N8nQueue | undefined;
		try {
			const failed = services.find((s) => s.status === 'rejected');
			if (failed || !postgres || !redis) throw (failed as PromiseRejectedResult | undefined)?.reason;
			const main = await N8n.create({
				line: opts.line,
				extensionsDir: opts.extensionsDir,
				userFolder,
				port: await freePort(),
				env: { EXECUTIONS_MODE: 'queue', ...postgres.n8nEnv, ...redis.n8nEnv, ...opts.env },
				log,
			});
			queue = new N8nQueue(main, postgres, redis, opts.concurrency);
			// main first: it migrates the fresh database, which workers starting alongside would race
			log('queue: n8n main');
			await main.startServer();
			for (let i = 0; i < (opts.workers ?? 2); i++) await queue.addWorker();
			return queue;
		} catch (error) {
			if (queue) await queue.stop();
			else {
				await Promise.all([postgres?.stop(), redis?.stop()]);
				rmSync(userFolder, { recursive: true, force: true });
			}
			throw error;
		}
	}

	/** Starts another worker (worker1, worker2, …); resolves once it is ready for jobs. */
	async addWorker(): Promise<N8nWorker> {
		const worker = await N8nWorker.start(this.main, { name: `worker${++this.started}`, concurrency: this.concurrency });
		this.workers.push(worker);
		return worker;
	}

	/** Stops a worker (it finishes its running executions first) and forgets it. */
	async stopWorker(name: string): Promise<void> {
		const worker = this.workers.find((w) => w.name === name);
		if (!worker) throw new Error(`no worker ${name}; running: ${this.workers.map((w) => w.name).join(', ')}`);
		await worker.stop();
		this.workers.splice(this.workers.indexOf(worker), 1);
	}

	/** Stops `n8n start` and starts it again: active workflows and their triggers come back from the database. */
	async restartMain(): Promise<void> {
		await this.main.stop();
		await this.main.startServer();
	}

	/** The worker that started an execution, from the workers' logs (stopped ones forgotten). */
	workerOf(executionId: string): string | undefined {
		return this.workers.find((w) => w.startedExecutions().includes(executionId))?.name;
	}

	/** Stops workers, main, Redis and PostgreSQL and removes their folders (`keepLogs`: not n8n's user folders). */
	async stop(opts: { keepLogs?: boolean } = {}): Promise<void> {
		await Promise.all(this.workers.map((w) => w.stop()));
		this.workers.length = 0;
		await this.main.stop();
		await Promise.all([this.postgres.stop(), this.redis.stop()]);
		if (!opts.keepLogs) rmSync(this.main.userFolder, { recursive: true, force: true });
	}
}
