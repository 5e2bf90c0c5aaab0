/** Everything a running sandbox holds: configuration, records, keys, counters, the request log. */
import { Executions } from './executions';
import { Faults } from './faults';
import { buildKeyTable, type KeyInfo, type OrgName } from './keys';
import { Operations } from './operations';
import { RateLimiter } from './rate-limit';
import { Store } from './store';
import type { ConfigPatch, CreditKind, Credits, EnvelopeMode, ExecutionTiming, LatencyOptions, ListOrder, LyingTotals, PageSizeParam, RateLimitOptions, RecordedRequest, SandboxOptions } from './types';

export interface Config {
	envelope: EnvelopeMode;
	pageSizeParam: PageSizeParam;
	listOrder: ListOrder;
	rateLimit: RateLimitOptions | null;
	latency: LatencyOptions | null;
	/** API key -> the latency that replaces `latency` for its requests. */
	keyLatency: Record<string, LatencyOptions>;
	lyingTotals: LyingTotals | null;
	operationPolls: number;
	executions: ExecutionTiming;
	/** Workflow id -> the fields that replace those of `executions` for its runs. */
	workflowExecutions: Record<string, Partial<ExecutionTiming>>;
	assistantDelayMs: number;
}

export interface Organisation {
	id: string;
	name: string;
	credits: Credits;
}

export interface Conversation {
	org: OrgName;
	companyId: string;
	turns: number;
}

const ENVELOPES: EnvelopeMode[] = ['current', 'legacy', 'paged', 'ranked', 'data', 'bare', 'rich', 'next'];
const PAGE_SIZE_PARAMS: PageSizeParam[] = ['both', 'per_page', 'limit'];
const LIST_ORDERS: ListOrder[] = ['created', 'newest', 'id'];
const CREDIT_KINDS: CreditKind[] = ['company_credits', 'content_credits', 'territory_credits', 'contact_credits'];
const DEFAULT_CREDITS: Credits = { company_credits: 100, content_credits: 500, territory_credits: 20, contact_credits: 1000 };
/** The oldest tenth is dropped past this, so a long-running CLI sandbox does not grow without end. */
const MAX_RECORDED = 200_000;

const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `name` is the field to name in the error: latency, or keyLatency["<key>"]. */
function checkLatency(name: string, latency: LatencyOptions): void {
	if (!isObject(latency) || !isCount(latency.ms) || (latency.jitterMs !== undefined && !isCount(latency.jitterMs))) {
		throw new Error(`${name}.ms and ${name}.jitterMs must be non-negative integers`);
	}
}

/** `name` is the field to name in the error; `partial`: a per-workflow override, where every field is optional. */
function checkTiming(name: string, timing: Partial<ExecutionTiming>, partial: boolean): void {
	const problem = `${name} must be {queuedMs, runningMs, fail}: non-negative integers${partial ? ', each optional' : ''}, fail true or false`;
	if (!isObject(timing)) throw new Error(problem);
	const unknown = Object.keys(timing).some((field) => !['queuedMs', 'runningMs', 'fail'].includes(field));
	const wrongMs = [timing.queuedMs, timing.runningMs].some((ms) => !(partial && ms === undefined) && !isCount(ms));
	if (unknown || wrongMs || (timing.fail !== undefined && typeof timing.fail !== 'boolean')) throw new Error(problem);
}

/**
 * Throws on a patch the sandbox cannot honour, naming the field; `keys` are the API keys it knows,
 * `workflowIds` its workflows.
 */
function checkPatch(patch: ConfigPatch, keys: ReadonlyMap<string, KeyInfo>, workflowIds: readonly string[]): void {
	const known = ['envelope', 'pageSizeParam', 'listOrder', 'rateLimit', 'latency', 'keyLatency', 'lyingTotals', 'operationPolls', 'executions', 'workflowExecutions', 'assistantDelayMs', 'credits'];
	for (const field of Object.keys(patch)) if (!known.includes(field)) throw new Error(`unknown setting "${field}"`);
	if (patch.envelope !== undefined && !ENVELOPES.includes(patch.envelope)) throw new Error(`envelope must be one of ${ENVELOPES.join(', ')}`);
	if (patch.pageSizeParam !== undefined && !PAGE_SIZE_PARAMS.includes(patch.pageSizeParam)) throw new Error(`pageSizeParam must be one of ${PAGE_SIZE_PARAMS.join(', ')}`);
	if (patch.listOrder !== undefined && !LIST_ORDERS.includes(patch.listOrder)) throw new Error(`listOrder must be one of ${LIST_ORDERS.join(', ')}`);
	if (patch.operationPolls !== undefined && !isCount(patch.operationPolls)) throw new Error('operationPolls must be a non-negative integer');
	if (patch.assistantDelayMs !== undefined && !isCount(patch.assistantDelayMs)) throw new Error('assistantDelayMs must be a non-negative integer');
	const limit = patch.rateLimit;
	if (limit) {
		if (!Number.isInteger(limit.limit) || limit.limit < 1) throw new Error('rateLimit.limit must be a positive integer');
		if (!Number.isInteger(limit.windowMs) || limit.windowMs < 1) throw new Error('rateLimit.windowMs must be a positive integer');
		if (limit.headers !== undefined && !['all', 'none', 'no-429'].includes(limit.headers)) throw new Error('rateLimit.headers must be all, none or no-429');
		if (limit.resetUnit !== undefined && !['s', 'ms'].includes(limit.resetUnit)) throw new Error('rateLimit.resetUnit must be s or ms');
		if (limit.windowStart !== undefined && !['clock', 'first-request'].includes(limit.windowStart)) throw new Error('rateLimit.windowStart must be clock or first-request');
	}
	if (patch.latency) checkLatency('latency', patch.latency);
	if (patch.keyLatency !== undefined) {
		if (!isObject(patch.keyLatency)) throw new Error('keyLatency must be an object of API key -> {ms, jitterMs}');
		for (const [key, latency] of Object.entries(patch.keyLatency)) {
			// An override for a key no request can carry would silently never apply: most likely a typo.
			if (!keys.has(key)) throw new Error(`keyLatency: unknown API key "${key}"; known keys: ${[...keys.keys()].join(', ')}`);
			checkLatency(`keyLatency["${key}"]`, latency);
		}
	}
	if (patch.executions !== undefined) checkTiming('executions', patch.executions, false);
	if (patch.workflowExecutions !== undefined) {
		if (!isObject(patch.workflowExecutions)) throw new Error('workflowExecutions must be an object of workflow id -> {queuedMs, runningMs, fail}');
		for (const [id, timing] of Object.entries(patch.workflowExecutions)) {
			if (!workflowIds.includes(id)) throw new Error(`workflowExecutions: unknown workflow "${id}"; known workflows: ${workflowIds.join(', ')}`);
			checkTiming(`workflowExecutions["${id}"]`, timing, true);
		}
	}
	const lying = patch.lyingTotals;
	if (lying && (!isCount(lying.items) || !isCount(lying.pages))) throw new Error('lyingTotals.items and lyingTotals.pages must be non-negative integers');
	for (const [kind, value] of Object.entries(patch.credits ?? {})) {
		if (!CREDIT_KINDS.includes(kind as CreditKind)) throw new Error(`unknown credit kind "${kind}"`);
		if (!isCount(value)) throw new Error(`credits.${kind} must be a non-negative integer`);
	}
}

export class State {
	readonly config: Config = { envelope: 'current', pageSizeParam: 'both', listOrder: 'created', rateLimit: null, latency: null, keyLatency: {}, lyingTotals: null, operationPolls: 2, executions: { queuedMs: 1000, runningMs: 4000 }, workflowExecutions: {}, assistantDelayMs: 200 };
	readonly store: Store;
	readonly keys: Map<string, KeyInfo>;
	readonly orgs: Record<OrgName, Organisation>;
	readonly faults = new Faults();
	readonly operations: Operations;
	readonly executions: Executions;
	readonly conversations = new Map<string, Conversation>();
	readonly requests: RecordedRequest[] = [];
	limiter: RateLimiter | null = null;
	readonly now: () => number;
	/** Set by close(): answers still waiting are dropped. */
	closed = false;
	private seq = 0;
	private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	constructor(options: SandboxOptions) {
		const sizes = { territories: 12, accounts: 2000, contacts: 5000, tasks: 120, ...options.sizes };
		for (const [name, value] of Object.entries(sizes)) if (!isCount(value)) throw new Error(`sizes.${name} must be a non-negative integer`);
		const seed = options.seed ?? 42;
		if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
		this.now = options.clock ?? Date.now;
		this.store = new Store(seed, sizes, this.now);
		this.keys = buildKeyTable(options.keys);
		this.orgs = {
			main: { ...this.store.data.organization, credits: { ...DEFAULT_CREDITS } },
			noCredits: { id: this.store.uuid(), name: 'Sandbox Workspace Without Credits', credits: { company_credits: 0, content_credits: 0, territory_credits: 0, contact_credits: 0 } },
		};
		this.operations = new Operations(() => `op_${this.store.hex(24)}`);
		this.executions = new Executions(() => this.store.hex(24), this.now);
		this.configure({
			envelope: options.envelope,
			pageSizeParam: options.pageSizeParam,
			listOrder: options.listOrder,
			rateLimit: options.rateLimit,
			latency: options.latency,
			keyLatency: options.keyLatency,
			lyingTotals: options.lyingTotals,
			operationPolls: options.operationPolls,
			executions: options.executions,
			workflowExecutions: options.workflowExecutions,
			assistantDelayMs: options.assistantDelayMs,
			credits: options.credits,
		});
	}

	/**
	 * Applies the defined fields of `patch` (rateLimit: null turns limiting off, latency: null the delay,
	 * keyLatency: {} the per-key delays, workflowExecutions: {} the per-workflow timings, lyingTotals:
	 * null the lies) and resets the rate-limit counters.
	 */
	configure(patch: ConfigPatch): void {
		const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as ConfigPatch;
		checkPatch(defined, this.keys, this.store.data.workflows.map((workflow) => workflow.id));
		const { credits, ...rest } = defined;
		Object.assign(this.config, rest);
		Object.assign(this.orgs.main.credits, credits);
		this.limiter = this.config.rateLimit ? new RateLimiter(this.config.rateLimit) : null;
	}

	record(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
		const recorded = { seq: ++this.seq, ...entry };
		this.requests.push(recorded);
		if (this.requests.length > MAX_RECORDED) this.requests.splice(0, MAX_RECORDED / 10);
		return recorded;
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** A wait that close() cuts short, so delayed answers never hold the process open. */
	wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const pending = { timer: setTimeout(() => { this.waits.delete(pending); resolve(); }, ms), resolve };
			this.waits.add(pending);
		});
	}

	/** The latency that applies to a request with `apiKey`: its own override, else the default (null: none). */
	latencyFor(apiKey: string | undefined): LatencyOptions | null {
		const overrides = this.config.keyLatency;
		// hasOwn, not a plain lookup: a header such as "constructor" must not find Object.prototype's.
		if (apiKey !== undefined && Object.hasOwn(overrides, apiKey)) return overrides[apiKey];
		return this.config.latency;
	}

	/** The delay in ms of one answer to a request with `apiKey`, drawn afresh each time (jitter included). */
	drawLatency(apiKey: string | undefined): number {
		const latency = this.latencyFor(apiKey);
		if (!latency) return 0;
		return latency.ms + Math.round(Math.random() * (latency.jitterMs ?? 0));
	}

	/** Waits out the latency of one answer to a request with `apiKey`; close() cuts it short. */
	async latency(apiKey: string | undefined): Promise<void> {
		const ms = this.drawLatency(apiKey);
		if (ms > 0) await this.wait(ms);
	}

	shutDown(): void {
		this.closed = true;
		for (const pending of this.waits) {
			clearTimeout(pending.timer);
			pending.resolve();
		}
		this.waits.clear();
	}
}
