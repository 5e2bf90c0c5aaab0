/**
 * A local fake of the PG:AI API (pgai-api.md) for tests, the e2e suite, benchmarks and demos.
 * Start it in-process with startSandbox(), or from the command line with `npm run sandbox`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NAMED_KEYS } from './keys';
import { requestListener } from './server';
import { State } from './state';
import type { Sandbox, SandboxOptions } from './types';

export type { SandboxData } from './data';
export { NAMED_KEYS } from './keys';
export type * from './types';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const state = new State(options);
	const quiet = options.quiet ?? true;
	const server = createServer(requestListener(state, quiet ? null : (line) => process.stdout.write(`${line}\n`)));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const origin = `http://${host}:${address.port}`;
	return {
		url: `${origin}/v1`,
		origin,
		demoKey: NAMED_KEYS.demo.key,
		keys: Object.fromEntries(Object.entries(NAMED_KEYS).map(([name, entry]) => [name, entry.key])),
		data: state.store.data,
		requests: state.requests,
		clearRequests: () => state.clearRequests(),
		rateWindows: () => state.limiter?.opened ?? [],
		configure: (patch) => state.configure(patch),
		inject: (rule) => state.faults.inject(rule),
		clearFaults: () => state.faults.clear(),
		addRecords: (kind, records) => state.store.addRecords(kind, records),
		close: () =>
			new Promise<void>((resolve) => {
				state.shutDown();
				server.close(() => resolve());
				// Clients that keep connections alive (n8n's) would otherwise hold close() open.
				server.closeAllConnections();
			}),
	};
}
