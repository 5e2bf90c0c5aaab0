/**
 * `n8n worker` of a queue-mode instance: the main's database, Redis and encryption key, its own user
 * folder, task-broker port and health-check port, and, as root, its own host name (an `unshare --uts`
 * namespace): workers on one machine would otherwise share a hostId, which main warns about.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nContext } from './context';
import { logsDir } from './logs';
import { freePort } from './ports';
import { Service } from './service';

export class N8nWorker {
	private constructor(
		readonly name: string,
		private readonly service: Service,
	) {}

	get running(): boolean {
		return this.service.running;
	}

	/** Starts `n8n worker --concurrency=<concurrency>`; resolves once its readiness check answers. */
	static async start(n8n: N8nContext, opts: { name: string; concurrency: number; timeoutMs?: number }): Promise<N8nWorker> {
		const userFolder = join(n8n.userFolder, 'workers', opts.name);
		mkdirSync(userFolder, { recursive: true });
		const port = await freePort();
		const worker = [n8n.line.nodeBin, n8n.line.n8nBin, 'worker', `--concurrency=${opts.concurrency}`];
		const [command, ...args] = process.getuid?.() === 0 ? ['unshare', '--uts', 'sh', '-c', 'hostname "$0" && exec "$@"', opts.name, ...worker] : worker;
		const service = await Service.start({
			name: opts.name,
			command,
			args,
			env: n8n.env({
				N8N_USER_FOLDER: userFolder,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(port),
				N8N_PORT: String(port),
			}),
			cwd: userFolder,
			logsDir: logsDir(n8n.userFolder),
			ready: async () => (await fetch(`http://127.0.0.1:${port}/healthz/readiness`, { signal: AbortSignal.timeout(2000) })).ok,
			timeoutMs: opts.timeoutMs,
		});
		return new N8nWorker(opts.name, service);
	}

	/** Ids of the executions this worker started, from its log ("Worker started execution N"). */
	startedExecutions(): string[] {
		const log = readFileSync(this.service.outPath, 'utf8');
		return [...log.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	}

	/** SIGTERM (n8n lets running executions finish first), SIGKILL after 15 s. */
	async stop(): Promise<void> {
		await this.service.stop();
	}
}
