/**
 * Run real n8n (line 1 = 1.123.x on Node 20, line 2 = 2.40.x on Node 24) with this package loaded.
 * The one runner of scripts/demo.ts, the e2e suite (test/e2e) and the benchmarks (bench/); queue mode
 * (main + workers, PostgreSQL, Redis) is N8nQueue (queue.ts).
 *
 *   const line = await installN8n(2);                      // scripts/install-n8n.sh (cached)
 *   const pkg = await buildPackage();                      // npm run build, npm pack, unpack
 *   const n8n = await N8n.create({ line, extensionsDir: pkg.dir });
 *   await n8n.importCredentials([{ id, name, type: 'pgAiApi', data: { apiKey, baseUrl } }]);
 *   const run = await n8n.run(workflowJson);               // import:workflow + execute
 *   itemsOf(run, 'PG:AI');
 *
 * Every n8n CLI call boots n8n (seconds); import many workflows/credentials in one call.
 */
export { REPO_ROOT, PACKAGE_DIR } from './paths';
export * from './install';
export * from './pack';
export * from './ports';
export * from './workflow';
export * from './run';
export { ENCRYPTION_KEY } from './env';
export type { CliOptions, CliResult } from './cli';
export { parseExecuteOutput } from './execute';
export type { OwnerAccount, N8nExecutionSummary, N8nExecution } from './rest';
export { N8n, type N8nOptions } from './instance';
export { N8nQueue, type QueueOptions } from './queue';
export type { N8nWorker } from './worker';
