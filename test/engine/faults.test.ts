import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

import { MAX_PAGES } from '../../n8n-nodes-pgai/nodes/PgAi/transport/paging';
import { FAULTS, renderReliabilityDoc, testName, type Kind, type Target } from './fault-matrix';
import { ids, runNode, sent } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { contacts: 120 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const TARGETS: Record<Kind, Target> = {
	// page 2, by its number: with pages in flight, pages 2 and 3 may arrive in either order
	list: { kind: 'list', rule: { method: 'GET', path: '/contacts', query: { page: '2' } } },
	get: { kind: 'get', rule: { method: 'GET', path: /^\/contacts\/[^/]+$/ } },
	create: { kind: 'create', rule: { method: 'POST', path: '/contacts' } },
};

let created = 0;
function parametersFor(kind: Kind): Record<string, unknown> {
	if (kind === 'list') return { resource: 'contact', operation: 'getAll', returnAll: true };
	if (kind === 'get') return { resource: 'contact', operation: 'get', contactId: rl(env.sandbox.data.contacts[7].id) };
	created++;
	return { resource: 'contact', operation: 'create', firstName: 'Grace', lastName: 'Hopper', email: `grace.${created}@navy.example` };
}

const cases = FAULTS.flatMap((row) =>
	(Object.keys(row.outcomes) as Kind[]).map((kind) => [testName(row, kind), row, kind] as const),
);

describe('fault matrix', () => {
	it.each(cases)('%s', async (_, row, kind) => {
		const target = TARGETS[kind];
		row.inject(env.sandbox, target);
		const parameters: Record<string, unknown> = {
			...parametersFor(kind),
			options: row.options ?? {},
			...(row.timeoutMs ? { requestOptions: { timeout: row.timeoutMs } } : {}),
		};
		const { items, error } = await runNode({ parameters: parameters as never, credentials: env.credentials });
		if (row.lingersMs) await new Promise((resolve) => setTimeout(resolve, row.lingersMs));
		const outcome = row.outcomes[kind]!;
		const posts = env.sandbox.requests.filter((r) => r.method === 'POST');

		if ('error' in outcome) {
			expect(error?.message).toMatch(outcome.error);
			if (outcome.advice) expect(error?.description).toMatch(outcome.advice);
			expect(items).toHaveLength(0);
			if (kind === 'create') expect(posts).toHaveLength(outcome.sent ?? 1);
			return;
		}
		expect(error).toBeUndefined();
		if (kind === 'list') {
			expect(ids(items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
			const pages = env.sandbox.requests.filter((r) => r.path === '/contacts').map((r) => Number(r.query.page));
			// Pages 1 and 3 once each: only the failed page 2 was asked for again.
			expect(pages.filter((page) => page !== 2).sort()).toEqual([1, 3]);
		} else if (kind === 'get') {
			expect(items.map((i) => i.json)).toEqual([env.sandbox.data.contacts[7]]);
		} else {
			expect(items).toHaveLength(1);
			expect(items[0].json.email).toBe(parameters.email);
			expect(posts.filter((r) => r.status === 201)).toHaveLength(1);
			// Sent again only after the answer that says the server did not process it.
			expect(posts.filter((r) => r.status !== 201).every((r) => r.status === (row.resentAfter ?? 429))).toBe(true);
		}
	});

	it('docs/reliability.md is the matrix as it is tested', () => {
		const path = join(__dirname, '../../docs/reliability.md');
		if (process.env.UPDATE_DOCS) writeFileSync(path, renderReliabilityDoc());
		expect(readFileSync(path, 'utf8')).toBe(renderReliabilityDoc());
	});
});

describe('a connection refused before anything was sent', () => {
	/** A free port on 127.0.0.1, with nothing listening at it. */
	const freePort = async () => {
		const probe = createTcpServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const { port } = probe.address() as AddressInfo;
		await new Promise((resolve) => probe.close(resolve));
		return port;
	};
	/** From now on, the port forwards every connection to the sandbox. */
	const openGate = async (port: number) => {
		const sandbox = new URL(env.sandbox.url);
		const sockets = new Set<Socket>();
		const gate = createTcpServer((socket) => {
			const upstream = connect(Number(sandbox.port), sandbox.hostname);
			for (const end of [socket, upstream]) {
				sockets.add(end);
				end.on('error', () => undefined);
			}
			socket.pipe(upstream).pipe(socket);
		});
		await new Promise<void>((resolve) => gate.listen(port, '127.0.0.1', resolve));
		return async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => gate.close(resolve));
		};
	};

	it.each(['get', 'create'] as const)('%s: sent again until PG:AI is there, and done once', async (kind) => {
		const port = await freePort();
		const parameters = parametersFor(kind);
		sent.length = 0;
		let settled = false;
		const running = runNode({ parameters: parameters as never, credentials: { ...env.credentials, baseUrl: `http://127.0.0.1:${port}/v1` } }).finally(() => (settled = true));
		// The first try was refused when the node authenticates a second one (or the run ended).
		await new Promise<void>((resolve) => {
			const watch = setInterval(() => {
				if (sent.length < 2 && !settled) return;
				clearInterval(watch);
				resolve();
			}, 10);
		});
		const close = await openGate(port);
		try {
			const { items, error } = await running;
			expect(error).toBeUndefined();
			expect(sent.length).toBeGreaterThanOrEqual(2);
			if (kind === 'get') expect(items.map((i) => i.json)).toEqual([env.sandbox.data.contacts[7]]);
			else {
				expect(items.map((i) => i.json.email)).toEqual([parameters.email]);
				expect(env.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			}
		} finally {
			await close();
		}
	});
});

describe('a nextPage that never ends', () => {
	let endless: Server;
	let url: string;
	beforeAll(async () => {
		// Always one more page of fresh records, while announcing 100 in all.
		endless = createServer((request, response) => {
			const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page'));
			const items = Array.from({ length: 50 }, (_, i) => ({ id: `p${page}-${i}` }));
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, nextPage: page + 1, perPage: 50, itemsTotal: 100 }));
		});
		await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/v1`;
	});
	afterAll(async () => {
		endless.closeAllConnections();
		await new Promise((resolve) => endless.close(resolve));
	});

	// The announced total is no guard: a server whose count is wrong would lose the user's records.
	it('is stopped by the page cap, not by the total it contradicts, with a clear error', async () => {
		const { error } = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			credentials: { apiKey: 'k-endless', baseUrl: url },
		});
		expect(error?.message).toBe(`PG:AI kept announcing further pages after ${MAX_PAGES} pages of /contacts`);
	});
});

describe('cancellation', () => {
	it('ends a run that is waiting out a long rate limit', async () => {
		env.sandbox.inject({ path: '/contacts', fault: { type: 'status', status: 429, body: { error: 'Rate limit exceeded' }, headers: { 'Retry-After': '120' } } });
		const { error } = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			credentials: env.credentials,
			cancelWhen: () => env.sandbox.requests.length > 0,
		});
		// Without cancellation this run would wait 120 s, far past the test's timeout. n8n's
		// RoutingNode rewraps the node's cancellation error, keeping its message.
		expect(error?.message).toBe('The execution was cancelled manually');
		expect(env.sandbox.requests).toHaveLength(1);
	});
});
