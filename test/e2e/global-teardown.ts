export default async function globalTeardown(): Promise<void> {
	const cleanup = (globalThis as any).__pgaiPackageCleanup as (() => void) | undefined;
	if (cleanup) {
		cleanup();
		delete process.env.PGAI_E2E_PACKAGE_DIR;
	}
}
