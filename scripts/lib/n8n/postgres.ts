/**
 * A throwaway PostgreSQL cluster for queue mode: Debian's packages (`apt-get install postgresql`),
 * a fresh data folder, loopback only, trust authentication, durability off. PostgreSQL refuses to
 * run as root: as root, the cluster belongs to, and runs as, the `postgres` OS user the package
 * creates.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './command';
import { freePort } from './ports';
import { Service } from './service';

export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'n8n';

/** The bin folder of the newest PostgreSQL Debian installed (not on PATH there), else PATH's. */
function binDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
	if (versions.length) return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
	try {
		return execFileSync('sh', ['-c', 'dirname "$(command -v initdb)"'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('PostgreSQL is not installed: apt-get install postgresql');
	}
}

/** As root, the command as the postgres user (setpriv execs it: the pid stays PostgreSQL's). */
function asOwner(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['setpriv', ['--reuid', POSTGRES_USER, '--regid', POSTGRES_USER, '--init-groups', '--', command, ...args]];
}

export class Postgres {
	private constructor(
		private readonly service: Service,
		private readonly root: string,
		readonly port: number,
	) {}

	static async start(opts: { logsDir: string; log?: (line: string) => void }): Promise<Postgres> {
		const bin = binDir();
		const root = mkdtempSync(join(tmpdir(), 'pgai-postgres-'));
		const data = join(root, 'data');
		mkdirSync(data, { mode: 0o700 });
		if (process.getuid?.() === 0) {
			const uid = Number(execFileSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8' }));
			const gid = Number(execFileSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8' }));
			chownSync(root, uid, gid);
			chownSync(data, uid, gid);
		}
		try {
			opts.log?.(`initdb ${data}`);
			await runCommand(...asOwner(join(bin, 'initdb'), ['-D', data, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-sync']));
			const port = await freePort();
			const isReady = join(bin, 'pg_isready');
			const [command, args] = asOwner(join(bin, 'postgres'), [
				'-D', data, '-p', String(port),
				'-c', 'listen_addresses=127.0.0.1',
				'-c', 'unix_socket_directories=',
				// a throwaway database: nothing to recover after a crash
				'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
			]);
			const service = await Service.start({
				name: 'postgres',
				command,
				args,
				env: process.env,
				cwd: root,
				logsDir: opts.logsDir,
				ready: async () => {
					await runCommand(isReady, ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER]);
					return true;
				},
				timeoutMs: 60_000,
				stopSignal: 'SIGINT', // fast shutdown: ends the clients' sessions
			});
			await runCommand(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER, POSTGRES_DATABASE]);
			return new Postgres(service, root, port);
		} catch (error) {
			rmSync(root, { recursive: true, force: true });
			throw error;
		}
	}

	/** n8n's settings for this database. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: POSTGRES_DATABASE,
			DB_POSTGRESDB_USER: POSTGRES_USER,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/** Stops the server and removes its data folder. */
	async stop(): Promise<void> {
		await this.service.stop();
		rmSync(this.root, { recursive: true, force: true });
	}
}
