/** The sandbox's public types: options, the running handle, faults and the request log. */
import type { SandboxData } from './data';

export type EnvelopeMode = 'current' | 'legacy' | 'paged' | 'ranked' | 'data' | 'bare' | 'rich' | 'next';
export type PageSizeParam = 'both' | 'per_page' | 'limit';
/** Order of the plain lists (not searches): by created_at (the default), newest first, or by id (not by time). */
export type ListOrder = 'created' | 'newest' | 'id';
export type CreditKind = 'company_credits' | 'content_credits' | 'territory_credits' | 'contact_credits';
export type Credits = Record<CreditKind, number>;

export interface RateLimitOptions {
	/** Requests per window, per API key. */
	limit: number;
	/** Length of the fixed windows. */
	windowMs: number;
	/**
	 * 'clock' (default): a window starts at a multiple of windowMs since the epoch. 'first-request':
	 * a key's window starts with its first request after the one before ended, so that a reset in
	 * seconds is the window's end rounded up.
	 */
	windowStart?: 'clock' | 'first-request';
	/** 'all' (default): X-RateLimit-* on every response; 'none': never; 'no-429': on all but 429s. */
	headers?: 'all' | 'none' | 'no-429';
	/** Add Retry-After (delta seconds, rounded up) to 429s. Default false. */
	retryAfter?: boolean;
	/** X-RateLimit-Reset as Unix seconds ('s', default, ceil of the window end) or milliseconds. */
	resetUnit?: 's' | 'ms';
}

/**
 * The time an answer takes over a real network, before it leaves: `ms`, plus up to `jitterMs` more
 * (uniformly drawn per answer). The request counts against the rate limit when it arrives.
 */
export interface LatencyOptions {
	ms: number;
	jitterMs?: number;
}

/** How long a workflow execution (§8) takes by the sandbox's clock, and how it ends. */
export interface ExecutionTiming {
	/** It stays 'queued' this long after the trigger, */
	queuedMs: number;
	/** then 'running' this long, then it is finished. */
	runningMs: number;
	/** Finish 'failed' rather than 'completed'. Default false. */
	fail?: boolean;
}

export interface LyingTotals {
	items: number;
	pages: number;
}

export interface SandboxOptions {
	host?: string;
	port?: number;
	seed?: number;
	sizes?: { territories?: number; accounts?: number; contacts?: number; tasks?: number };
	envelope?: EnvelopeMode;
	pageSizeParam?: PageSizeParam;
	listOrder?: ListOrder;
	rateLimit?: RateLimitOptions | null;
	/** A delay before every API answer (faults included); null (the default): answer at once. */
	latency?: LatencyOptions | null;
	/**
	 * Per API key, a latency that replaces `latency` for requests carrying that key ({ms: 0}: at once),
	 * as when clients of one API sit at different distances from it. Requests with no key or a key
	 * not listed get `latency`. Each key must be one the sandbox knows. Configuring it replaces the
	 * whole map; {} (the default) drops every override.
	 */
	keyLatency?: Record<string, LatencyOptions>;
	/**
	 * Totals every list envelope announces instead of the true ones (itemsTotal and pageTotal, total,
	 * total_items and total_pages), as a server with a broken count does; the pages themselves, and
	 * nextPage and has_next, stay true. null (the default): the true totals.
	 */
	lyingTotals?: LyingTotals | null;
	/** Extra keys of the main organisation: key -> scopes. */
	keys?: Record<string, string[]>;
	credits?: Partial<Credits>;
	/** Every workflow execution's timing, fixed when it is triggered; default {queuedMs: 1000, runningMs: 4000}. */
	executions?: ExecutionTiming;
	/**
	 * Per workflow id, fields that replace those of `executions` for that workflow's runs, e.g.
	 * {wf_account_research: {runningMs: 120000}}. Each id must be a seeded workflow's. Configuring it
	 * replaces the whole map; {} (the default) drops every override.
	 */
	workflowExecutions?: Record<string, Partial<ExecutionTiming>>;
	/** Polls of GET /operations/{id} that see an operation unfinished. */
	operationPolls?: number;
	assistantDelayMs?: number;
	/**
	 * The sandbox's clock, ms since the epoch (default Date.now): the timestamps of records created
	 * while running, and the progress and timestamps of workflow executions. In process only, so
	 * that tests can move time instead of waiting; the transport (latency, rate-limit windows, the
	 * request log) keeps real time.
	 */
	clock?: () => number;
	/** In-process default true (tests); the CLI logs unless --quiet. */
	quiet?: boolean;
}

export type ConfigPatch = Partial<Pick<SandboxOptions, 'envelope' | 'pageSizeParam' | 'listOrder' | 'rateLimit' | 'latency' | 'keyLatency' | 'lyingTotals' | 'operationPolls' | 'executions' | 'workflowExecutions' | 'assistantDelayMs' | 'credits'>>;

export type Fault =
	| { type: 'status'; status: number; body?: unknown; headers?: Record<string, string>; raw?: string }
	| { type: 'malformedJson'; status?: number }
	| { type: 'html'; status: number }
	| { type: 'delay'; ms: number }
	| { type: 'reset' }
	| { type: 'redirect'; status?: number; location: string };

export interface FaultRule {
	/** Match; path is without /v1. Omitted = any API request. */
	method?: string;
	path?: string | RegExp;
	/** Query parameters the request must carry, e.g. {page: '2'}: one page of a walk, whatever order pages arrive in. */
	query?: Record<string, string>;
	/** Top-level fields the JSON body must carry with these values, e.g. {email: 'a@b.io'}: one item's create, whatever order items arrive in. */
	body?: Record<string, unknown>;
	/**
	 * The request is processed first (a record stored, a credit spent) and the fault replaces its
	 * answer: a server or proxy that failed after the API acted. Not with a delay.
	 */
	processed?: boolean;
	/** Matching requests let through before the fault applies. */
	skip?: number;
	/** Matching requests that get the fault (default 1; Infinity = always). */
	times?: number;
	fault: Fault;
}

/** A window the rate limiter opened for one API key. */
export interface RateWindow {
	apiKey: string;
	/** ms since the epoch */
	start: number;
	end: number;
}

export interface RecordedRequest {
	seq: number;
	method: string;
	/** Without the /v1 prefix, e.g. '/contacts/abc'. */
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	apiKey: string | undefined;
	/** 0 while the request is still being answered. */
	status: number;
	fault?: string;
	rateLimited: boolean;
	/** Arrival, ms since the epoch. */
	at: number;
	/** When the answer left, ms since the epoch; undefined while it is being answered or when the client had gone. */
	answeredAt?: number;
}

export type RecordKind = 'contact' | 'account' | 'territoryCompany' | 'task';

export interface Sandbox {
	/** Base URL the node uses, e.g. http://127.0.0.1:PORT/v1 (no trailing slash). */
	url: string;
	origin: string;
	demoKey: string;
	/** Named keys: demo, readOnly, contactsOnly, noScopes, noCredits, insightsOnly, accountsOnly. */
	keys: Record<string, string>;
	data: SandboxData;
	requests: RecordedRequest[];
	clearRequests(): void;
	/** The rate-limit windows opened since the limit was last configured, in order. */
	rateWindows(): RateWindow[];
	/** Changes behaviour while running; resets the rate-limit counters. */
	configure(patch: ConfigPatch): void;
	inject(rule: FaultRule): void;
	clearFaults(): void;
	addRecords(kind: RecordKind, records: Array<Record<string, unknown>>): Array<Record<string, unknown>>;
	close(): Promise<void>;
}
