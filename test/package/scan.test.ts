/**
 * n8n's verification scan (@n8n/scan-community-package), its two static legs run here by the
 * scanner itself: the source the npm provenance attests (GitHub's tarball of the commit) and the
 * npm tarball. Its provenance check needs a publish from GitHub Actions and is not run here.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fixture, readPackageJson, ROOT, unpackTarball } from './helpers';
import { errorRules, scanSource, scanTarball } from './scan/scanner';

const NAME = readPackageJson().name;

/** The committed tree at HEAD, unpacked as the scanner unpacks GitHub's tarball of a commit. */
function archiveHead(): { dir: string; cleanup: () => void } {
	const base = mkdtempSync(join(tmpdir(), 'pgai-source-'));
	const dir = join(base, 'source');
	mkdirSync(dir);
	execFileSync('git', ['archive', '--format=tar', '-o', join(base, 'source.tar'), 'HEAD'], { cwd: ROOT });
	execFileSync('tar', ['-xf', join(base, 'source.tar'), '-C', dir]);
	return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A copy of `dir` with some files changed. */
function tampered(dir: string, change: (copy: string) => void) {
	const copy = fixture({});
	cpSync(dir, copy.dir, { recursive: true });
	change(copy.dir);
	return copy;
}

const addToPackageJson = (dir: string, fields: Record<string, unknown>) =>
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...readPackageJson(dir), ...fields }, null, 2));

describe('the source leg: the committed source, as GitHub serves the commit', () => {
	let source: { dir: string; cleanup: () => void };

	beforeAll(() => {
		source = archiveHead();
	});
	afterAll(() => source?.cleanup());

	it('finds the package in n8n-nodes-pgai/, not the workspace root, and passes', () => {
		expect(scanSource(source.dir, NAME)).toEqual({ root: join(source.dir, 'n8n-nodes-pgai'), passed: true });
	});

	it('fails on a node file that uses a timer or process.env, and on a runtime dependency', () => {
		const bad = tampered(source.dir, (dir) => {
			const pkg = join(dir, 'n8n-nodes-pgai');
			appendFileSync(
				join(pkg, 'nodes/PgAi/PgAi.node.ts'),
				'\nsetTimeout(() => undefined, 1);\nexport const home = process.env.HOME;\n',
			);
			addToPackageJson(pkg, { dependencies: { lodash: '^4.17.21' } });
		});
		try {
			const result = scanSource(bad.dir, NAME);
			expect(result).toMatchObject({ root: join(bad.dir, 'n8n-nodes-pgai'), passed: false });
			expect(errorRules(result, join(bad.dir, 'n8n-nodes-pgai'))).toEqual([
				'nodes/PgAi/PgAi.node.ts: @n8n/community-nodes/no-restricted-globals',
				'nodes/PgAi/PgAi.node.ts: @n8n/community-nodes/no-restricted-globals',
				'package.json: @n8n/community-nodes/no-runtime-dependencies',
			]);
		} finally {
			bad.cleanup();
		}
	});
});

describe('the tarball leg: the unpacked npm pack tarball', () => {
	let tarball: { dir: string; cleanup: () => void };

	beforeAll(() => {
		tarball = unpackTarball();
	});
	afterAll(() => tarball?.cleanup());

	it('passes', () => {
		// Exactly `{ passed: true }`: with nothing to lint the scanner would also pass, saying so in `message`.
		expect(scanTarball(tarball.dir)).toEqual({ passed: true });
	});

	it('fails on compiled code that loads fs or uses a restricted global or console, and on an install script and a runtime dependency', () => {
		const bad = tampered(tarball.dir, (dir) => {
			appendFileSync(
				join(dir, 'dist/nodes/PgAi/PgAi.node.js'),
				"\nconst fs = require('fs');\nsetTimeout(() => console.log(process.env.HOME, fs), 1);\n",
			);
			addToPackageJson(dir, { scripts: { postinstall: 'node dist/setup.js' }, dependencies: { lodash: '^4.17.21' } });
		});
		try {
			const result = scanTarball(bad.dir);
			expect(result.passed).toBe(false);
			expect(errorRules(result, bad.dir)).toEqual([
				'dist/nodes/PgAi/PgAi.node.js: @n8n/community-nodes/no-restricted-imports',
				'dist/nodes/PgAi/PgAi.node.js: @n8n/community-nodes/no-restricted-globals',
				'dist/nodes/PgAi/PgAi.node.js: no-console',
				'dist/nodes/PgAi/PgAi.node.js: @n8n/community-nodes/no-restricted-globals',
				'package.json: @n8n/community-nodes/no-forbidden-lifecycle-scripts',
				'package.json: @n8n/community-nodes/no-runtime-dependencies',
			]);
		} finally {
			bad.cleanup();
		}
	});
});
