/**
 * The scenarios of issue 6. Each runs once with the PG:AI node and once with the HTTP Request node
 * (bench/workflows.ts), against a sandbox started fresh for that run.
 */
import type { WorkflowJson } from '../scripts/lib/n8n';
import type { EnvelopeMode, LatencyOptions, RateLimitOptions } from '../sandbox/types';
import * as wf from './workflows';

export type Variant = 'pgai' | 'http';
/** `floor`: the fan-out with the sandbox answering at once and no limit; its second contestant is the bare declarative node of bench/floor/. */
export type Kind = 'export' | 'limited' | 'fanout' | 'memory' | 'floor';

export interface BuildContext {
	baseUrl: string;
	/** Ids of the fan-out sandbox's contacts, in its order. */
	fanOutIds: string[];
}

export interface Scenario {
	key: string;
	title: string;
	/** One line on the setup, for the report. */
	setup: string;
	kind: Kind;
	contacts: number;
	rateLimit?: RateLimitOptions;
	/** The sandbox's delay before every answer, as over a real network. */
	latency?: LatencyOptions;
	/** The sandbox's envelope, when not its default. */
	envelope?: EnvelopeMode;
	/** Requests the job needs at least (pages, or one per input item). */
	neededRequests: number;
	/** Contacts the output must hold, every one exactly once. */
	expectedItems: number;
	workflowId(variant: Variant): string;
	build(variant: Variant, ctx: BuildContext): WorkflowJson;
	/** Nodes whose time is the contestant's time (summed), the first one's start is its start. */
	timedNodes(variant: Variant): string[];
	/** Node whose output items are the contacts. */
	outputNode(variant: Variant): string;
	/** What the HTTP Request node was given beyond pagination and Retry On Fail, for the report. */
	httpTuning: string;
}

const PAGE = 50;
const exportNodes = (v: Variant) => (v === 'pgai' ? [wf.NODE.pgai] : [wf.NODE.http, wf.NODE.split]);
const exportOutput = (v: Variant) => (v === 'pgai' ? wf.NODE.pgai : wf.NODE.split);

/** 150 ms per answer: an ordinary round trip to an API across the internet. */
const NETWORK: LatencyOptions = { ms: 150 };

interface Network {
	latency?: LatencyOptions;
	envelope?: EnvelopeMode;
	/** Added to the set-up line. */
	note?: string;
}

const networkText = (latency?: LatencyOptions) => (latency ? `, ${latency.ms} ms per answer` : '');

/** Where the windows start, for the set-up line. */
function windowText(rateLimit: RateLimitOptions): string {
	if (rateLimit.windowStart === 'first-request') return ', each window opened by the key’s first request after the one before ended';
	return ', windows aligned to the clock';
}

function exportScenario(key: string, title: string, contacts: number, kind: Kind, rateLimit?: RateLimitOptions, setupNote = '', network: Network = {}): Scenario {
	const pages = Math.ceil(contacts / PAGE);
	const intervalMs = rateLimit ? Math.ceil(rateLimit.windowMs / rateLimit.limit) : 0;
	const limitText = rateLimit ? `, ${rateLimit.limit} requests per ${rateLimit.windowMs / 1000}-second window${windowText(rateLimit)}${setupNote}` : ', no rate limit';
	return {
		key,
		title,
		setup: `${contacts.toLocaleString('en-US')} contacts (${pages} pages of ${PAGE})${limitText}${networkText(network.latency)}${network.note ?? ''}`,
		kind,
		contacts,
		rateLimit,
		latency: network.latency,
		envelope: network.envelope,
		neededRequests: pages,
		expectedItems: contacts,
		workflowId: (v) => `${key}${v === 'pgai' ? 'Pgai' : 'Http'}`,
		build: (v, ctx) => (v === 'pgai' ? wf.pgaiExport(`${key}Pgai`) : wf.httpExport(`${key}Http`, ctx.baseUrl, intervalMs)),
		timedNodes: exportNodes,
		outputNode: exportOutput,
		httpTuning: intervalMs ? `Interval Between Requests ${intervalMs} ms (window / limit)` : 'no interval (no limit to respect)',
	};
}

export const FAN_OUT_ITEMS = 500;
const FAN_OUT_LIMIT: RateLimitOptions = { limit: 50, windowMs: 1000, headers: 'all' };

function fanOutScenario(key: string, title: string, latency?: LatencyOptions): Scenario {
	return {
		key,
		title,
		setup: `${FAN_OUT_ITEMS} input items → contact get, ${FAN_OUT_LIMIT.limit} requests per 1-second window${windowText(FAN_OUT_LIMIT)}, headers on${networkText(latency)}`,
		kind: 'fanout',
		contacts: FAN_OUT_ITEMS,
		rateLimit: FAN_OUT_LIMIT,
		latency,
		neededRequests: FAN_OUT_ITEMS,
		expectedItems: FAN_OUT_ITEMS,
		workflowId: (v) => `${key}${v === 'pgai' ? 'Pgai' : 'Http'}`,
		build: (v, ctx) =>
			v === 'pgai'
				? wf.pgaiFanOut(`${key}Pgai`, ctx.fanOutIds)
				: wf.httpFanOut(`${key}Http`, ctx.baseUrl, ctx.fanOutIds, { size: FAN_OUT_LIMIT.limit, intervalMs: FAN_OUT_LIMIT.windowMs }),
		timedNodes: (v) => [v === 'pgai' ? wf.NODE.pgai : wf.NODE.http],
		outputNode: (v) => (v === 'pgai' ? wf.NODE.pgai : wf.NODE.http),
		httpTuning: `Batching: ${FAN_OUT_LIMIT.limit} items per batch, ${FAN_OUT_LIMIT.windowMs} ms between batches`,
	};
}

/** The fan-out's floor: what n8n alone spends on 500 items of a declarative node, the API answering at once without a limit. */
const FLOOR: Scenario = {
	key: 'floor',
	title: 'fan-out floor',
	setup: `${FAN_OUT_ITEMS} input items → contact get, no rate limit, answers at once; second column: a declarative node that only reads its parameters (bench/floor/)`,
	kind: 'floor',
	contacts: FAN_OUT_ITEMS,
	neededRequests: FAN_OUT_ITEMS,
	expectedItems: FAN_OUT_ITEMS,
	workflowId: (v) => `floor${v === 'pgai' ? 'Pgai' : 'Bare'}`,
	build: (v, ctx) => (v === 'pgai' ? wf.pgaiFanOut('floorPgai', ctx.fanOutIds) : wf.floorFanOut('floorBare', ctx.baseUrl, ctx.fanOutIds)),
	timedNodes: (v) => [v === 'pgai' ? wf.NODE.pgai : wf.NODE.floor],
	outputNode: (v) => (v === 'pgai' ? wf.NODE.pgai : wf.NODE.floor),
	httpTuning: 'the bare declarative node: n8n’s routing of the same record-ID parameter, nothing else',
};

/**
 * The rate-limited exports without latency: 10 requests per 1-second window. The clock-aligned and
 * request-aligned rows export 10,000 contacts (200 requests, 20 windows) and differ only in where the
 * windows start: a pacer that learns where a request-aligned window starts spends its first windows
 * learning, which a run of 6 windows would weigh five times more. The rows without headers keep
 * 3,000 contacts.
 */
const LIMITED_CONTACTS = 3_000;
const WINDOWS_CONTACTS = 10_000;
const LIMITED: RateLimitOptions = { limit: 10, windowMs: 1000, headers: 'all' };
const RESET_SECONDS = ', X-RateLimit-Reset the window’s end in Unix seconds';

export const SCENARIOS: Scenario[] = [
	exportScenario('export', 'export', 10_000, 'export'),
	exportScenario('limited', 'rate-limited export, headers, clock-aligned windows', WINDOWS_CONTACTS, 'limited', LIMITED, `, X-RateLimit-* on every answer${RESET_SECONDS}`),
	exportScenario(
		'limitedFirst',
		'rate-limited export, headers, request-aligned windows',
		WINDOWS_CONTACTS,
		'limited',
		{ ...LIMITED, windowStart: 'first-request' },
		`, X-RateLimit-* on every answer${RESET_SECONDS} rounded up to a whole second; otherwise the clock-aligned row’s set-up`,
	),
	exportScenario('no429', 'rate-limited, no headers on 429', LIMITED_CONTACTS, 'limited', { ...LIMITED, headers: 'no-429' }, ', X-RateLimit-* on every answer but the 429s'),
	exportScenario('noheaders', 'rate-limited, no headers at all', LIMITED_CONTACTS, 'limited', { ...LIMITED, headers: 'none' }, ', no X-RateLimit-* header on any answer'),
	fanOutScenario('fanout', 'fan-out'),
	exportScenario('memory', 'memory', 50_000, 'memory'),
	exportScenario('netLimited', 'network export, rate-limited', 10_000, 'limited', { limit: 20, windowMs: 1000, headers: 'all' }, ', X-RateLimit-* on every answer', { latency: NETWORK }),
	exportScenario('netFree', 'network export, no limit', 10_000, 'export', undefined, '', { latency: NETWORK }),
	exportScenario('netSerial', 'network export, no limit, one page at a time', 10_000, 'export', undefined, '', {
		latency: NETWORK,
		envelope: 'next',
		note: '; envelope `{items, has_next}`: the page numbers ahead are not known, so PG:AI walks one page at a time',
	}),
	fanOutScenario('netFanout', 'network fan-out', NETWORK),
	FLOOR,
];

// n8n imports a workflow only with an id of 1–16 letters or digits: the key leaves 4 for Pgai/Http
for (const s of SCENARIOS) {
	for (const v of ['pgai', 'http'] as Variant[]) {
		if (!/^[A-Za-z0-9]{1,16}$/.test(s.workflowId(v))) throw new Error(`scenario ${s.key}: workflow id ${s.workflowId(v)} is not 1–16 letters or digits`);
	}
}

export function selectScenarios(only: string[] | undefined): Scenario[] {
	if (!only?.length) return SCENARIOS;
	const unknown = only.filter((k) => !SCENARIOS.some((s) => s.key === k));
	if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; one of ${SCENARIOS.map((s) => s.key).join(', ')}, engine`);
	return SCENARIOS.filter((s) => only.includes(s.key));
}
