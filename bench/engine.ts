/**
 * The node's own cost per request, in-process with n8n's engine (n8n-core's WorkflowExecute and
 * RoutingNode, as test/engine/harness.ts runs them), against a sandbox that answers at once (its own
 * process, no rate limit). The same 100-page walk is timed in layers:
 *
 *   1. raw fetch of the 100 pages, body read as text      network + the sandbox's answer
 *   2. JSON.parse of those 100 bodies                     parsing
 *   3. the PG:AI transport (ApiClient + fetchPages) over fetch: pacer, paging, envelopes, de-duplication
 *   4. the PG:AI node run by WorkflowExecute: n8n's HTTP helper (axios) and credential, RoutingNode,
 *      output items; split by the sandbox's request log into start-up (node start → first request),
 *      the page loop, and the tail (last request → node end: last answer, items handed to n8n)
 *
 * Each layer runs `reps` times; medians are reported.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_DIR, freePort } from '../scripts/lib/n8n';
import { median } from './lib/measure';
import { SANDBOX_KEY, SandboxProcess } from './lib/sandbox';

export const ENGINE_PAGES = 100;
const PAGE = 50;

export interface EngineLayer {
	name: string;
	/** Median time of the 100-page walk, ms. */
	ms: number;
	/** µs per request. */
	usPerRequest: number;
	note: string;
}

export interface EngineResult {
	pages: number;
	reps: number;
	layers: EngineLayer[];
	/** Requests per second of the whole node. */
	nodeRequestsPerSecond: number;
	nodeVersion: string;
	n8nCore: string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
function pageUrl(base: string, page: number): string {
	return `${base}/contacts?page=${page}&per_page=${PAGE}&limit=${PAGE}`;
}

async function rawFetch(base: string): Promise<{ ms: number; bodies: string[] }> {
	const bodies: string[] = [];
	const started = performance.now();
	for (let page = 1; page <= ENGINE_PAGES; page++) {
		const res = await fetch(pageUrl(base, page), { headers: { 'x-api-key': SANDBOX_KEY, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
		bodies.push(await res.text());
	}
	return { ms: performance.now() - started, bodies };
}

function parseAll(bodies: string[]): number {
	const started = performance.now();
	let n = 0;
	for (const body of bodies) n += (JSON.parse(body) as { items: unknown[] }).items.length;
	if (n !== ENGINE_PAGES * PAGE) throw new Error(`parsed ${n} records, expected ${ENGINE_PAGES * PAGE}`);
	return performance.now() - started;
}

/** The compiled transport (n8n-nodes-pgai/dist/), with a `send` over fetch in place of n8n's HTTP helper. */
async function transportOverFetch(base: string): Promise<number> {
	const { ApiClient } = require(join(PACKAGE_DIR, 'dist/nodes/PgAi/transport/client.js'));
	const { Pacer } = require(join(PACKAGE_DIR, 'dist/nodes/PgAi/transport/pacer.js'));
	const { fetchPages } = require(join(PACKAGE_DIR, 'dist/nodes/PgAi/transport/paging.js'));
	const node = { id: 'bench', name: 'PG:AI', type: 'CUSTOM.pgAi', typeVersion: 1, position: [0, 0], parameters: {} };
	const client = new ApiClient({
		node,
		policy: { maxRetries: 5, maxWaitMs: 300_000 },
		pacer: new Pacer(),
		baseUrl: base,
		apiKey: SANDBOX_KEY,
		// nothing prepared by n8n here: the transport alone
		prepared: {},
		send: async (options: { url: string; qs?: Record<string, unknown>; headers?: Record<string, string> }) => {
			const url = new URL(options.url);
			for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.append(k, String(v));
			const res = await fetch(url, { headers: { ...options.headers, 'x-api-key': SANDBOX_KEY }, signal: AbortSignal.timeout(30_000) });
			const text = await res.text();
			return { statusCode: res.status, headers: Object.fromEntries(res.headers as unknown as Iterable<[string, string]>), body: JSON.parse(text) };
		},
	});
	const started = performance.now();
	const records: unknown[] = await fetchPages(client, node, { method: 'GET', url: '/contacts' }, {});
	const ms = performance.now() - started;
	if (records.length !== ENGINE_PAGES * PAGE) throw new Error(`transport returned ${records.length} records`);
	return ms;
}

interface NodeTiming {
	ms: number;
	startupMs: number;
	loopMs: number;
	tailMs: number;
}

async function nodeInEngine(sandbox: SandboxProcess): Promise<NodeTiming> {
	const { runNode } = await import('../test/engine/harness');
	const before = (await sandbox.requests()).length;
	const { run, items, error } = await runNode({
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
		credentials: { apiKey: SANDBOX_KEY, baseUrl: sandbox.url },
	});
	if (error) throw error;
	if (items.length !== ENGINE_PAGES * PAGE) throw new Error(`node returned ${items.length} items`);
	const task = run.data.resultData.runData['PG:AI'][0];
	const requests = (await sandbox.requests()).slice(before);
	const end = task.startTime + task.executionTime;
	const first = requests[0].at;
	const last = requests[requests.length - 1].at;
	return { ms: task.executionTime, startupMs: first - task.startTime, loopMs: last - first, tailMs: end - last };
}

export async function engineOverhead(opts: { reps?: number; log?: (line: string) => void } = {}): Promise<EngineResult> {
	const reps = opts.reps ?? 5;
	const log = opts.log ?? (() => undefined);
	// n8n-core writes an encryption-key config into its user folder on first use: keep it out of $HOME
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'pgai-bench-engine-'));
	const sandbox = await SandboxProcess.start(await freePort(), { contacts: ENGINE_PAGES * PAGE });
	try {
		const raw: number[] = [];
		const parse: number[] = [];
		const transport: number[] = [];
		const nodes: NodeTiming[] = [];
		// one warm-up of each layer (JIT, connections), not counted
		await rawFetch(sandbox.url);
		await transportOverFetch(sandbox.url);
		await nodeInEngine(sandbox);
		for (let rep = 0; rep < reps; rep++) {
			const fetched = await rawFetch(sandbox.url);
			raw.push(fetched.ms);
			parse.push(parseAll(fetched.bodies));
			transport.push(await transportOverFetch(sandbox.url));
			nodes.push(await nodeInEngine(sandbox));
			log(`engine rep ${rep + 1}/${reps}: fetch ${fetched.ms.toFixed(0)} ms, transport ${transport[rep].toFixed(0)} ms, node ${nodes[rep].ms} ms`);
		}
		const us = (ms: number) => (ms * 1000) / ENGINE_PAGES;
		const rawMs = median(raw);
		const parseMs = median(parse);
		const transportMs = median(transport);
		const nodeMs = median(nodes.map((n) => n.ms));
		const layer = (name: string, ms: number, note: string): EngineLayer => ({ name, ms, usPerRequest: us(ms), note });
		return {
			pages: ENGINE_PAGES,
			reps,
			nodeRequestsPerSecond: (ENGINE_PAGES * 1000) / nodeMs,
			nodeVersion: process.versions.node,
			n8nCore: require('n8n-core/package.json').version,
			layers: [
				layer('raw fetch, body as text', rawMs, 'network and the sandbox answering'),
				layer('JSON.parse of the bodies', parseMs, 'parsing (≈63 KB per page)'),
				layer('PG:AI transport over fetch', transportMs, `fetch + parse + pacer, paging, envelopes, de-duplication: ${(us(transportMs - rawMs - parseMs)).toFixed(0)} µs/request of its own`),
				layer('PG:AI node in WorkflowExecute', nodeMs, 'the whole node as n8n runs it (n8n HTTP helper with the credential, RoutingNode, items)'),
				layer('  of which start-up', median(nodes.map((n) => n.startupMs)), 'node start → first request: parameters, credential, RoutingNode set-up'),
				layer('  of which page loop', median(nodes.map((n) => n.loopMs)), `first → last request: per request ${(us(median(nodes.map((n) => n.loopMs))) - us(rawMs) - us(parseMs)).toFixed(0)} µs more than fetch + parse (n8n's axios helper, credential, our transport)`),
				layer('  of which tail', median(nodes.map((n) => n.tailMs)), "last request → node end: last answer, 5,000 items handed to n8n's output"),
			],
		};
	} finally {
		await sandbox.stop();
	}
}
