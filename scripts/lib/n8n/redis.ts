/** A throwaway Redis for queue mode (`apt-get install redis-server`): loopback only, nothing saved. */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { Service } from './service';

/** Whether Redis answers PING with PONG. */
function pong(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const socket = connect(port, '127.0.0.1');
		const done = (ok: boolean) => {
			socket.destroy();
			resolvePromise(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
	});
}

export class Redis {
	private constructor(
		private readonly service: Service,
		private readonly dir: string,
		readonly port: number,
	) {}

	static async start(opts: { logsDir: string }): Promise<Redis> {
		const dir = mkdtempSync(join(tmpdir(), 'pgai-redis-'));
		const port = await freePort();
		try {
			const service = await Service.start({
				name: 'redis',
				command: 'redis-server',
				args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
				env: process.env,
				cwd: dir,
				logsDir: opts.logsDir,
				ready: () => pong(port),
				timeoutMs: 30_000,
			});
			return new Redis(service, dir, port);
		} catch (error) {
			rmSync(dir, { recursive: true, force: true });
			throw error;
		}
	}

	/** n8n's settings for this Redis. */
	get n8nEnv(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop(): Promise<void> {
		await this.service.stop();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
