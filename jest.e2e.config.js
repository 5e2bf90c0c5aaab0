/**
 * End-to-end suite: real n8n processes (scripts/lib/n8n/) running workflows against the sandbox.
 * One n8n line per run: PGAI_N8N_LINE=1 (n8n 1.123.x) or 2 (n8n 2.40.x, default).
 * The global setup builds and packs the package once and installs the line if it is not cached.
 * PGAI_E2E_QUEUE=1 runs the queue-mode suite (queue.e2e.test.ts, needs postgresql and redis-server)
 * instead of the others.
 */
const queue = Boolean(process.env.PGAI_E2E_QUEUE);

module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: [queue ? '**/queue.e2e.test.ts' : '**/*.e2e.test.ts'],
	testPathIgnorePatterns: queue ? [] : ['/queue\\.e2e\\.test\\.ts$'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	// every n8n CLI call boots n8n (seconds); a file's beforeAll also migrates a fresh user folder
	testTimeout: 10 * 60 * 1000,
	// n8n processes are heavy and share ports and the package folder: one test file at a time
	maxWorkers: 1,
	verbose: true,
};
