/** Unit, sandbox and engine tests. The end-to-end suite in real n8n has its own config. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	// Rate-limit tests wait real windows; a stuck run still fails, after a minute.
	testTimeout: 60_000,
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};
