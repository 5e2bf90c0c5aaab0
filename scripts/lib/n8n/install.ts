/**
 * The two n8n lines (1 = 1.123.x on Node 20, 2 = 2.40.x on Node 24): where scripts/n8n-env.sh says
 * each lives in the cache, and installing one with scripts/install-n8n.sh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command';
import { REPO_ROOT, SCRIPTS_DIR } from './paths';

export type LineNumber = 1 | 2;

export interface N8nLine {
	line: LineNumber;
	n8nVersion: string;
	nodeVersion: string;
	/** node binary that runs this line */
	nodeBin: string;
	/** n8n's bin script, run as `nodeBin n8nBin ...` */
	n8nBin: string;
	/** npm folder n8n is installed into */
	n8nDir: string;
	marker: string;
	cache: string;
	/** N8N_EXPRESSION_ENGINE for this line ('legacy' on Node < 22, see n8n-env.sh), or '' for n8n's default */
	expressionEngine: string;
}

export function parseLine(value: string | number | undefined, fallback: LineNumber = 2): LineNumber {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (n !== 1 && n !== 2) throw new Error(`n8n line must be 1 (n8n 1.x) or 2 (n8n 2.x), got ${JSON.stringify(value)}`);
	return n;
}

/** Paths and versions of a line, from scripts/n8n-env.sh (the one place the versions are pinned). */
export function lineInfo(line: LineNumber): N8nLine {
	const out = execFileSync('bash', [join(SCRIPTS_DIR, 'n8n-env.sh'), String(line)], { encoding: 'utf8' });
	const v: Record<string, string> = {};
	for (const l of out.split('\n')) {
		const i = l.indexOf('=');
		if (i > 0) v[l.slice(0, i)] = l.slice(i + 1);
	}
	return {
		line,
		n8nVersion: v.PGAI_N8N_VERSION,
		nodeVersion: v.PGAI_NODE_VERSION,
		nodeBin: v.PGAI_NODE_BIN,
		n8nBin: v.PGAI_N8N_BIN,
		n8nDir: v.PGAI_N8N_DIR,
		marker: v.PGAI_N8N_MARKER,
		cache: v.PGAI_N8N_CACHE,
		expressionEngine: v.PGAI_N8N_EXPRESSION_ENGINE ?? '',
	};
}

/** n8n's major version on this line (1 or 2), for what differs between them. */
export function n8nMajor(info: N8nLine): number {
	return Number(info.n8nVersion.split('.')[0]);
}

export function isInstalled(info: N8nLine): boolean {
	return existsSync(info.marker) && existsSync(info.nodeBin) && existsSync(info.n8nBin);
}

/**
 * Install the line through scripts/install-n8n.sh unless the cache already holds it.
 * `log` receives the installer's progress lines (default: this process's stderr).
 */
export async function installN8n(
	line: LineNumber,
	log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<N8nLine> {
	const info = lineInfo(line);
	if (isInstalled(info)) return info;
	await runCommand('bash', [join(SCRIPTS_DIR, 'install-n8n.sh'), String(line)], { cwd: REPO_ROOT, onLine: log });
	if (!isInstalled(info)) throw new Error(`n8n line ${line} is still not installed after scripts/install-n8n.sh`);
	return info;
}
