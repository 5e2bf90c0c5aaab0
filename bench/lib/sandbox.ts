/**
 * The sandbox API as its own process (the CLI), started fresh for every measured run, so that its
 * work does not share an event loop with n8n or the bench, and its request log is exactly one run's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/n8n';
import { NAMED_KEYS } from '../../sandbox/keys';
import type { EnvelopeMode, LatencyOptions, RateLimitOptions, RateWindow, RecordedRequest } from '../../sandbox/types';

export interface SandboxSpec {
	contacts: number;
	rateLimit?: RateLimitOptions;
	latency?: LatencyOptions;
	envelope?: EnvelopeMode;
}

export const SANDBOX_KEY = NAMED_KEYS.demo.key;

export class SandboxProcess {
	private exited: Promise<void>;

	private constructor(
		private readonly child: ChildProcess,
		readonly port: number,
	) {
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get url(): string {
		return `${this.origin}/v1`;
	}

	/** `node --import tsx sandbox/cli.ts …` (not through npx: signals must reach the server itself). */
	static async start(port: number, spec: SandboxSpec, timeoutMs = 60_000): Promise<SandboxProcess> {
		const args = ['--import', 'tsx', join(REPO_ROOT, 'sandbox', 'cli.ts'), '--port', String(port), '--contacts', String(spec.contacts), '--quiet'];
		if (spec.rateLimit) {
			args.push('--rate-limit', `${spec.rateLimit.limit}/${spec.rateLimit.windowMs}`);
			if (spec.rateLimit.headers) args.push('--rate-limit-headers', spec.rateLimit.headers);
			if (spec.rateLimit.retryAfter) args.push('--retry-after');
			if (spec.rateLimit.resetUnit) args.push('--reset-unit', spec.rateLimit.resetUnit);
			if (spec.rateLimit.windowStart) args.push('--window-start', spec.rateLimit.windowStart);
		}
		if (spec.latency) {
			args.push('--latency', String(spec.latency.ms));
			if (spec.latency.jitterMs) args.push('--latency-jitter', String(spec.latency.jitterMs));
		}
		if (spec.envelope) args.push('--envelope', spec.envelope);
		const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		const sandbox = new SandboxProcess(child, port);
		let output = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error(`sandbox did not start within ${timeoutMs} ms:\n${output}`));
			}, timeoutMs);
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('listening on')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout!.on('data', onData);
			child.stderr!.on('data', onData);
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				reject(new Error(`sandbox exited with ${code ?? signal} before listening:\n${output}`));
			});
		});
		// keep draining its pipes so it never blocks on a full buffer
		child.stdout!.resume();
		child.stderr!.resume();
		return sandbox;
	}

	/** Every API request the sandbox received, in arrival order. */
	async requests(): Promise<RecordedRequest[]> {
		const res = await fetch(`${this.origin}/_sandbox/requests`, { signal: AbortSignal.timeout(60_000) });
		if (!res.ok) throw new Error(`GET /_sandbox/requests answered ${res.status}`);
		return (await res.json()) as RecordedRequest[];
	}

	/** Every rate-limit window the sandbox opened, in order, per key (none without a limit). */
	async windows(): Promise<RateWindow[]> {
		const res = await fetch(`${this.origin}/_sandbox/windows`, { signal: AbortSignal.timeout(60_000) });
		if (!res.ok) throw new Error(`GET /_sandbox/windows answered ${res.status}`);
		return (await res.json()) as RateWindow[];
	}

	async contactIds(): Promise<string[]> {
		const res = await fetch(`${this.origin}/_sandbox/data/contacts`, { signal: AbortSignal.timeout(60_000) });
		if (!res.ok) throw new Error(`GET /_sandbox/data/contacts answered ${res.status}`);
		return ((await res.json()) as Array<{ id: string }>).map((c) => c.id);
	}

	/** SIGTERM, SIGKILL after 5 s; resolves when the process is gone. */
	async stop(): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGTERM');
		const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
		await this.exited;
		clearTimeout(killer);
	}
}
