import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	body: any;
}

export interface CallOptions {
	method?: string;
	/** The x-api-key header; null sends none. Default: the demo key. */
	key?: string | null;
	body?: unknown;
	/** Sent as is instead of JSON of `body`. */
	raw?: string;
}

export async function call(sandbox: Sandbox, path: string, options: CallOptions = {}): Promise<ApiResponse> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const key = options.key === undefined ? sandbox.demoKey : options.key;
	if (key !== null) headers['x-api-key'] = key;
	const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const res = await fetch(`${sandbox.url}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: parsed };
}

/** One sandbox for a test file, closed afterwards; small sizes unless the file asks for more. */
export function useSandbox(options: SandboxOptions = {}): { sandbox: Sandbox } {
	const holder = {} as { sandbox: Sandbox };
	beforeAll(async () => {
		holder.sandbox = await startSandbox({ sizes: { territories: 6, accounts: 120, contacts: 300 }, assistantDelayMs: 0, ...options });
	});
	afterAll(async () => {
		await holder.sandbox.close();
	});
	return holder;
}

export const ids = (items: Array<{ id?: string; content_id?: string }>) => items.map((item) => item.id ?? item.content_id);
