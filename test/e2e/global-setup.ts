/**
 * Once per e2e run: build and pack the package (n8n loads the unpacked tarball, as users install it)
 * and install the n8n line under test if the cache lacks it. Test files find the package through
 * PGAI_E2E_PACKAGE_DIR.
 */
import { buildPackage, installN8n, lineInfo, parseLine } from '../../scripts/lib/n8n';

export default async function globalSetup(): Promise<void> {
	const line = parseLine(process.env.PGAI_N8N_LINE, 2);
	const log = (l: string) => process.stderr.write(`${l}\n`);
	const info = lineInfo(line);
	log(`\ne2e: n8n line ${line} = n8n ${info.n8nVersion} on Node ${info.nodeVersion}`);
	await installN8n(line, log);
	if (!process.env.PGAI_E2E_PACKAGE_DIR) {
		const pkg = await buildPackage({ log: (l) => log(`e2e: ${l}`) });
		process.env.PGAI_E2E_PACKAGE_DIR = pkg.dir;
		(globalThis as any).__pgaiPackageCleanup = pkg.cleanup;
		log(`e2e: package unpacked in ${pkg.dir}`);
	}
}
