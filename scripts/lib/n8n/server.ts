/** `n8n start` of an instance (editor, REST API, active triggers) in its own process group. */
import type { N8nContext } from './context';
import { logsDir } from './logs';
import { freePort, isPortFree } from './ports';
import { Service } from './service';

export class N8nServer {
	private constructor(private readonly service: Service) {}

	get running(): boolean {
		return this.service.running;
	}

	/** Start `n8n start`; resolves when the editor answers on the instance's port. */
	static async start(n8n: N8nContext, opts: { timeoutMs?: number } = {}): Promise<N8nServer> {
		if (!(await isPortFree(n8n.port))) throw new Error(`port ${n8n.port} is already in use (another n8n?); choose another port`);
		const answers = async (path: string) => (await fetch(`http://127.0.0.1:${n8n.port}${path}`, { signal: AbortSignal.timeout(2000) })).ok;
		const service = await Service.start({
			name: 'server',
			command: n8n.line.nodeBin,
			args: [n8n.line.n8nBin, 'start'],
			env: n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
			cwd: n8n.userFolder,
			logsDir: logsDir(n8n.userFolder),
			ready: async () => (await answers('/rest/settings')) && (await answers('/')),
			timeoutMs: opts.timeoutMs,
		});
		return new N8nServer(service);
	}

	/** SIGTERM to the process group, SIGKILL after 15 s; resolves when n8n is gone. */
	async stop(): Promise<void> {
		await this.service.stop();
	}
}
