import { startSandbox, type Sandbox } from '../../sandbox';
import type { Credentials } from './harness';

/** One sandbox per test file; each test starts from a clean request log, no faults, default behaviour. */
export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}) {
	const state: { sandbox: Sandbox; credentials: Credentials } = {} as never;
	beforeAll(async () => {
		state.sandbox = await startSandbox({ quiet: true, ...options });
		state.credentials = { apiKey: state.sandbox.demoKey, baseUrl: state.sandbox.url };
	});
	beforeEach(() => {
		state.sandbox.clearFaults();
		state.sandbox.clearRequests();
		state.sandbox.configure({ envelope: options.envelope ?? 'current', rateLimit: options.rateLimit ?? null, latency: options.latency ?? null, pageSizeParam: options.pageSizeParam ?? 'both', lyingTotals: options.lyingTotals ?? null });
	});
	afterAll(async () => {
		await state.sandbox.close();
	});
	return state;
}
