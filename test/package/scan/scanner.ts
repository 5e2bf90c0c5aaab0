/**
 * n8n's scanner (@n8n/scan-community-package), run through ./run-scanner.mjs in a child process,
 * and the errors of its report.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';

import { ROOT } from '../helpers';

export interface ScanResult {
	/** Source leg only: the folder findPackageRoot chose, or null. */
	root?: string | null;
	passed: boolean;
	message?: string;
	/** ESLint's stylish report, when the scan failed. */
	details?: string;
}

function run(args: string[]): ScanResult {
	// eslint-plugin-n8n-nodes-base switches to a test mode (every file is "Test.node.ts") when
	// NODE_ENV is "test", which jest sets; the scanner must see the real file names. The scanner
	// also makes a temporary folder on import that it never removes: give it one we do.
	const scratch = mkdtempSync(join(tmpdir(), 'pgai-scanner-'));
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch };
	delete env.NODE_ENV;
	try {
		const out = execFileSync(process.execPath, [join(__dirname, 'run-scanner.mjs'), ...args], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		});
		return JSON.parse(out) as ScanResult;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/** The source leg, on a checkout of the repository (as GitHub's tarball of a commit unpacks). */
export const scanSource = (checkout: string, packageName: string) => run(['source', checkout, packageName]);

/** The tarball leg, on an unpacked `npm pack` tarball. */
export const scanTarball = (dir: string) => run(['tarball', dir]);

/**
 * `file: rule` for each error of a failed scan, in the report's order, file relative to `dir`.
 * The stylish report prints each file's absolute path, then one line per message ending in its rule.
 */
export function errorRules(result: ScanResult, dir: string): string[] {
	const errors: string[] = [];
	let file = '';
	for (const line of (result.details ?? '').split('\n')) {
		const error = /^\s+\d+:\d+\s+error\s.*\s(\S+)$/.exec(line);
		if (error) errors.push(`${file}: ${error[1]}`);
		else if (isAbsolute(line)) file = relative(dir, line).split(sep).join('/');
	}
	return errors;
}
