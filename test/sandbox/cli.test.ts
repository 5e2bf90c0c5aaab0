import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the CLI under tsx in one process (no npx wrapper), so signals reach it directly. */
function startCli(args: string[]): { child: ChildProcess; output: () => string; url: Promise<string>; exit: Promise<number | null> } {
	const { PGAI_SANDBOX_PORT: _port, ...env } = process.env;
	const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: ROOT, env });
	let output = '';
	const url = new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', (chunk) => {
			output += chunk;
			const found = /listening on (http:\/\/\S+\/v1)/.exec(output);
			if (found) resolve(found[1]);
		});
		child.stderr!.on('data', (chunk) => (output += chunk));
		child.on('exit', () => reject(new Error(`CLI exited before listening:\n${output}`)));
	});
	const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => output, url, exit };
}

/** Starts the CLI with `args` and expects it to exit with `code`, having printed `message`. */
async function refused(args: string[], code: number, message: string): Promise<void> {
	const cli = startCli(args);
	cli.url.catch(() => undefined);
	expect(await cli.exit).toBe(code);
	expect(cli.output()).toContain(message);
}

/** Polls for the log line, which arrives on a pipe some time after the response. */
async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
	expect(condition()).toBe(true);
}

describe('sandbox CLI', () => {
	it('starts on a free port with the given options, prints the keys, logs requests, and stops cleanly on SIGTERM', async () => {
		const cli = startCli(['--port', '0', '--contacts', '30', '--accounts', '20', '--tasks', '7', '--envelope', 'legacy', '--rate-limit', '100/3600000', '--latency', '20', '--latency-jitter', '10']);
		try {
			const url = await cli.url;
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
			expect(cli.output()).toContain('pgai-sandbox-demo');
			expect(cli.output()).toContain('readOnly');
			expect(cli.output()).toContain('30 contacts, 7 tasks');
			const health = await fetch(`${url}/health`);
			expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
			const contacts = await fetch(`${url}/contacts`, { headers: { 'x-api-key': 'pgai-sandbox-demo' } });
			const body = await contacts.json();
			expect(body.pagination).toEqual({ page: 1, limit: 25, total: 30 });
			expect(contacts.headers.get('x-ratelimit-limit')).toBe('100');
			await until(() => /GET \/v1\/contacts 200 \d+ms demo/.test(cli.output()));
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exit).toBe(0);
		expect(cli.output()).toContain('sandbox stopped (SIGTERM)');
	}, 30_000);

	it('refuses an option it cannot honour', async () => {
		const cli = startCli(['--rate-limit', 'fast']);
		cli.url.catch(() => undefined);
		expect(await cli.exit).toBe(2);
		expect(cli.output()).toContain('--rate-limit needs LIMIT/WINDOW_MS');
		const jitter = startCli(['--latency-jitter', '20']);
		jitter.url.catch(() => undefined);
		expect(await jitter.exit).toBe(2);
		expect(jitter.output()).toContain('--latency-jitter needs --latency');
	}, 30_000);

	it('takes a latency per API key, repeated for several keys, beside the default', async () => {
		const cli = startCli(['--port', '0', '--contacts', '5', '--accounts', '5', '--quiet', '--latency', '30', '--key-latency', 'pgai-sandbox-read-only=0', '--key-latency', 'pgai-sandbox-demo=20:5']);
		try {
			const url = await cli.url;
			const config = await (await fetch(`${new URL(url).origin}/_sandbox/config`)).json();
			expect([config.latency, config.keyLatency]).toEqual([{ ms: 30 }, { 'pgai-sandbox-read-only': { ms: 0 }, 'pgai-sandbox-demo': { ms: 20, jitterMs: 5 } }]);
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exit).toBe(0);
		const help = startCli(['--help']);
		help.url.catch(() => undefined);
		expect(await help.exit).toBe(0);
		expect(help.output()).toContain('--key-latency KEY=MS[:J]');
	}, 30_000);

	it('takes windows that start at the first request, and refuses them without a rate limit or with another start', async () => {
		const cli = startCli(['--port', '0', '--contacts', '5', '--accounts', '5', '--quiet', '--rate-limit', '5/1000', '--window-start', 'first-request']);
		try {
			const url = await cli.url;
			const config = await (await fetch(`${new URL(url).origin}/_sandbox/config`)).json();
			expect(config.rateLimit).toMatchObject({ limit: 5, windowMs: 1000, windowStart: 'first-request' });
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exit).toBe(0);
		const exits = async (args: string[], code: number, message: string) => {
			const other = startCli(args);
			other.url.catch(() => undefined);
			expect(await other.exit).toBe(code);
			expect(other.output()).toContain(message);
		};
		await Promise.all([
			exits(['--window-start', 'first-request'], 2, 'rate-limit options need --rate-limit'),
			exits(['--port', '0', '--rate-limit', '5/1000', '--window-start', 'sliding'], 1, 'rateLimit.windowStart must be clock or first-request'),
			exits(['--help'], 0, '--window-start S'),
		]);
	}, 30_000);

	it('refuses a per-key latency it cannot honour, naming what is wrong', async () => {
		await Promise.all([
			refused(['--key-latency', 'pgai-sandbox-demo'], 2, '--key-latency needs KEY=MS or KEY=MS:JITTER_MS, e.g. pgai-sandbox-demo=150:50, got "pgai-sandbox-demo"'),
			refused(['--key-latency', 'pgai-sandbox-demo=fast'], 2, 'got "pgai-sandbox-demo=fast"'),
			refused(['--key-latency', 'pgai-sandbox-demo=10:-1'], 2, 'got "pgai-sandbox-demo=10:-1"'),
			refused(['--key-latency', 'pgai-sandbox-demo=10', '--key-latency', 'pgai-sandbox-demo=20'], 2, '--key-latency names "pgai-sandbox-demo" twice'),
			// well formed, but no request can carry the key: the sandbox itself refuses it
			refused(['--port', '0', '--key-latency', 'pgai-sandbox-typo=10'], 1, 'keyLatency: unknown API key "pgai-sandbox-typo"'),
		]);
	}, 30_000);

	it('takes the time of workflow executions, per workflow too, and workflows whose runs fail; prints the workflows', async () => {
		const cli = startCli(['--port', '0', '--contacts', '5', '--accounts', '5', '--quiet', '--execution-time', '0:2000', '--workflow-time', 'wf_account_research=10:120000', '--fail-workflow', 'wf_account_research', '--fail-workflow', 'wf_crm_sync']);
		try {
			const url = await cli.url;
			const config = await (await fetch(`${new URL(url).origin}/_sandbox/config`)).json();
			expect([config.executions, config.workflowExecutions]).toEqual([
				{ queuedMs: 0, runningMs: 2000 },
				{ wf_account_research: { queuedMs: 10, runningMs: 120000, fail: true }, wf_crm_sync: { fail: true } },
			]);
			expect(cli.output()).toContain('workflows: wf_account_research (Account Research), ');
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exit).toBe(0);
	}, 30_000);

	it('refuses execution times it cannot honour, and unknown workflows', async () => {
		await Promise.all([
			refused(['--execution-time', '5000'], 2, '--execution-time needs QUEUED_MS:RUNNING_MS, e.g. 1000:4000, got "5000"'),
			refused(['--workflow-time', 'wf_account_research'], 2, '--workflow-time needs ID=QUEUED_MS:RUNNING_MS'),
			refused(['--port', '0', '--fail-workflow', 'wf_typo'], 1, 'workflowExecutions: unknown workflow "wf_typo"'),
		]);
	}, 30_000);
});
