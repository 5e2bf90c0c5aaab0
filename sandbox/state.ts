/** Everything a running sandbox holds: configuration, records, keys, counters, the request log. */
import { Faults } from './faults';
import { buildKeyTable, type KeyInfo, type OrgName } from './keys';
import { Operations } from './operations';
import { RateLimiter } from './rate-limit';
import { Store } from './store';
import type { ConfigPatch, CreditKind, Credits, EnvelopeMode, LatencyOptions, ListOrder, LyingTotals, PageSizeParam, RateLimitOptions, RecordedRequest, SandboxOptions } from './types';

export interface Config {
	envelope: EnvelopeMode;
	pageSizeParam: PageSizeParam;
	listOrder: ListOrder;
	rateLimit: RateLimitOptions | null;
	latency: LatencyOptions | null;
	lyingTotals: LyingTotals | null;
	operationPolls: number;
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

/** Throws on a patch the sandbox cannot honour, naming the field. */
function checkPatch(patch: ConfigPatch): void {
	const known = ['envelope', 'pageSizeParam', 'listOrder', 'rateLimit', 'latency', 'lyingTotals', 'operationPolls', 'assistantDelayMs', 'credits'];
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
	}
	const latency = patch.latency;
	if (latency && (!isCount(latency.ms) || (latency.jitterMs !== undefined && !isCount(latency.jitterMs)))) {
		throw new Error('latency.ms and latency.jitterMs must be non-negative integers');
	}
	const lying = patch.lyingTotals;
	if (lying && (!isCount(lying.items) || !isCount(lying.pages))) throw new Error('lyingTotals.items and lyingTotals.pages must be non-negative integers');
	for (const [kind, value] of Object.entries(patch.credits ?? {})) {
		if (!CREDIT_KINDS.includes(kind as CreditKind)) throw new Error(`unknown credit kind "${kind}"`);
		if (!isCount(value)) throw new Error(`credits.${kind} must be a non-negative integer`);
	}
}

export class State {
	readonly config: Config = { envelope: 'current', pageSizeParam: 'both', listOrder: 'created', rateLimit: null, latency: null, lyingTotals: null, operationPolls: 2, assistantDelayMs: 200 };
	readonly store: Store;
	readonly keys: Map<string, KeyInfo>;
	readonly orgs: Record<OrgName, Organisation>;
	readonly faults = new Faults();
	readonly operations: Operations;
	readonly conversations = new Map<string, Conversation>();
	readonly requests: RecordedRequest[] = [];
	limiter: RateLimiter | null = null;
	/** Set by close(): answers still waiting are dropped. */
	closed = false;
	private seq = 0;
	private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	constructor(options: SandboxOptions) {
		const sizes = { territories: 12, accounts: 2000, contacts: 5000, ...options.sizes };
		for (const [name, value] of Object.entries(sizes)) if (!isCount(value)) throw new Error(`sizes.${name} must be a non-negative integer`);
		const seed = options.seed ?? 42;
		if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
		this.store = new Store(seed, sizes);
		this.keys = buildKeyTable(options.keys);
		this.orgs = {
			main: { ...this.store.data.organization, credits: { ...DEFAULT_CREDITS } },
			noCredits: { id: this.store.uuid(), name: 'Sandbox Workspace Without Credits', credits: { company_credits: 0, content_credits: 0, territory_credits: 0, contact_credits: 0 } },
		};
		this.operations = new Operations(() => `op_${this.store.hex(24)}`);
		this.configure({
			envelope: options.envelope,
			pageSizeParam: options.pageSizeParam,
			listOrder: options.listOrder,
			rateLimit: options.rateLimit,
			latency: options.latency,
			lyingTotals: options.lyingTotals,
			operationPolls: options.operationPolls,
			assistantDelayMs: options.assistantDelayMs,
			credits: options.credits,
		});
	}

	/** Applies the defined fields of `patch` (rateLimit: null turns limiting off, latency: null the delay, lyingTotals: null the lies) and resets the rate-limit counters. */
	configure(patch: ConfigPatch): void {
		const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as ConfigPatch;
		checkPatch(defined);
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

	/** The configured latency of one answer, drawn afresh each time; close() cuts it short. */
	async latency(): Promise<void> {
		const latency = this.config.latency;
		if (!latency) return;
		const ms = latency.ms + Math.round(Math.random() * (latency.jitterMs ?? 0));
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
