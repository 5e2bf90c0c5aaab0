/** The package as users install it: built, packed with `npm pack` in n8n-nodes-pgai/, unpacked. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './command';
import { PACKAGE_DIR, REPO_ROOT } from './paths';

export interface PackedPackage {
	/** folder with the unpacked tarball (package.json, dist/): the N8N_CUSTOM_EXTENSIONS folder */
	dir: string;
	tarball: string;
	/** remove the temp folder */
	cleanup(): void;
}

/**
 * Build the package (the root's `npm run build`) and unpack its `npm pack` tarball into a temp
 * folder, so n8n loads exactly what users install. `build: false` packs the existing
 * n8n-nodes-pgai/dist/.
 */
export async function buildPackage(
	opts: { build?: boolean; log?: (line: string) => void } = {},
): Promise<PackedPackage> {
	const log = opts.log ?? (() => undefined);
	if (opts.build !== false) {
		log('npm run build');
		await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT });
	}
	const root = mkdtempSync(join(tmpdir(), 'pgai-pack-'));
	try {
		log('npm pack (n8n-nodes-pgai/)');
		const out = await runCommand('npm', ['pack', '--json', '--pack-destination', root], { cwd: PACKAGE_DIR });
		const filename = (JSON.parse(out) as Array<{ filename: string }>)[0].filename;
		const tarball = join(root, filename);
		execFileSync('tar', ['-xzf', tarball, '-C', root]);
		const dir = join(root, 'package');
		if (!existsSync(join(dir, 'package.json'))) throw new Error(`no package/ folder in ${tarball}`);
		return { dir, tarball, cleanup: () => rmSync(root, { recursive: true, force: true }) };
	} catch (err) {
		rmSync(root, { recursive: true, force: true });
		throw err;
	}
}
