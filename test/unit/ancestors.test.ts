import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ancestors, isAlive } from '../../scripts/lib/ancestors';

const TSX = join(__dirname, '../../node_modules/.bin/tsx');

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
	for (let i = 0; i < 400; i++) {
		const value = probe();
		if (value !== undefined) return value;
		await sleep(50);
	}
	throw new Error(`gave up waiting: ${what}`);
}

describe('ancestors', () => {
	it('lists the parent first and ends before init', () => {
		const chain = ancestors();
		expect(chain[0]).toBe(process.ppid);
		expect(chain).not.toContain(1);
		expect(chain.every(isAlive)).toBe(true);
	});

	it('a gone pid is not alive', () => {
		const child = spawn('true');
		return new Promise<void>((done) =>
			child.on('exit', () => {
				expect(isAlive(child.pid as number)).toBe(false);
				done();
			}),
		);
	});

	// The demo's case: npm → sh → tsx → the script, and npm's SIGTERM reaches none of them.
	it('watchAncestors notices a grandparent exiting while the parent lives on', async () => {
		const out = join(mkdtempSync(join(tmpdir(), 'pgai-ancestors-')), 'state');
		// `; :` keeps sh waiting as the tsx process's parent instead of exec'ing it
		const sh = spawn('sh', ['-c', `'${TSX}' '${join(__dirname, 'ancestors-child.ts')}' '${out}'; :`], { stdio: 'ignore' });
		const ready = await until('the child to start', () => (existsSync(out) ? readFileSync(out, 'utf8') : undefined));
		const watched = ready.split(' ').slice(1).map(Number);
		expect(watched).toContain(sh.pid);
		const tsx = watched[0];
		expect(tsx).not.toBe(sh.pid);

		sh.kill('SIGKILL');
		const gone = await until('the child to notice', () => {
			const state = readFileSync(out, 'utf8');
			return state.startsWith('gone') ? state : undefined;
		});
		expect(gone).toBe(`gone ${sh.pid}`);
		await until('the child to exit', () => (isAlive(tsx) ? undefined : true));
	});
});
