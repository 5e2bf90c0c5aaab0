/** A command of the workshop's own (installer, build, pack), its output streamed line by line. */
import { spawn } from 'node:child_process';

/**
 * Run a command, streaming its output lines (stdout and stderr) to onLine; resolves with its stdout,
 * rejects with the tail of its output on failure.
 */
export function runCommand(
	cmd: string,
	args: string[],
	opts: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let stdout = '';
		let partial = '';
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			output += text;
			if (!opts.onLine) return;
			const lines = (partial + text).split('\n');
			partial = lines.pop() ?? '';
			for (const l of lines) opts.onLine(l);
		};
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			onData(chunk);
		});
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (partial && opts.onLine) opts.onLine(partial);
			if (code === 0) resolvePromise(stdout);
			else
				reject(
					new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${output.split('\n').slice(-40).join('\n')}`),
				);
		});
	});
}
