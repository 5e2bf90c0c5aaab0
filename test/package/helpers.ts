/**
 * What the package tests share: the repository root, the package's folder and manifest, the
 * tarball npm would publish (listed or unpacked), and temporary fixtures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The published package's folder. */
export const PACKAGE = join(ROOT, 'n8n-nodes-pgai');

export interface PackageJson {
	name: string;
	version: string;
	main?: string;
	files?: string[];
	scripts?: Record<string, string>;
	n8n?: { n8nNodesApiVersion?: number; strict?: boolean; nodes?: string[]; credentials?: string[] };
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	peerDependenciesMeta?: Record<string, { optional?: boolean }>;
	[key: string]: unknown;
}

export const readPackageJson = (dir = PACKAGE): PackageJson =>
	JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

const npm = (args: string[], cwd = PACKAGE) =>
	execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

/**
 * The paths npm would put in the tarball, from `npm pack --dry-run --json`. Scripts are ignored
 * explicitly (the project's .npmrc does so too), so packing neither builds nor changes anything.
 */
export function packedPaths(cwd = PACKAGE): string[] {
	const [report] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], cwd)) as [
		{ files: Array<{ path: string }> },
	];
	return report.files.map((file) => file.path).sort();
}

/** Packs the package for real into a temporary folder and unpacks it, as n8n's scanner does. */
export function unpackTarball(): { dir: string; cleanup: () => void } {
	const base = mkdtempSync(join(tmpdir(), 'pgai-pack-'));
	const [report] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', base])) as [
		{ filename: string },
	];
	const dir = join(base, 'package');
	mkdirSync(dir);
	execFileSync('tar', ['-xzf', join(base, report.filename), '-C', dir, '--strip-components=1']);
	return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A temporary folder holding the given files (path → content); for proving a check can fail. */
export function fixture(files: Record<string, string>): { dir: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'pgai-fixture-'));
	for (const [path, content] of Object.entries(files)) {
		const full = join(dir, ...path.split('/'));
		mkdirSync(join(full, '..'), { recursive: true });
		writeFileSync(full, content);
	}
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
