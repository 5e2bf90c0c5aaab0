/**
 * The reliability matrix: each fault the sandbox can inject, what the node does about it for a
 * list, a get and a create, and the test that proves it. docs/reliability.md is rendered from this
 * table by faults.test.ts, so the document cannot drift from the suite.
 */
import type { FaultRule, Sandbox } from '../../sandbox';

export type Kind = 'list' | 'get' | 'create';

export interface Target {
	kind: Kind;
	/** Matches the request the fault is for: page 2 of a list, the get, the create. */
	rule: Pick<FaultRule, 'method' | 'path' | 'query' | 'skip'>;
}

/**
 * recovered: the exact records, only the failed request sent again; or a clear error (its description
 * matching `advice`, when given), after a create was sent `sent` times (once unless said).
 */
export type Outcome = { recovered: string } | { error: RegExp; says: string; advice?: RegExp; sent?: number };

export interface FaultRow {
	fault: string;
	inject: (sandbox: Sandbox, target: Target) => void;
	outcomes: Partial<Record<Kind, Outcome>>;
	/** Options for the node (e.g. fewer retries to keep a test short). */
	options?: Record<string, unknown>;
	/** n8n's own request timeout, in ms (Request Options → Timeout). */
	timeoutMs?: number;
	/**
	 * How long the sandbox may go on with the faulted request after the node gave up on it (a slow
	 * create is still processed): the test waits it out, so that none of it lands in the next test.
	 */
	lingersMs?: number;
	/** The status after which a create is sent again, the API not having processed it (default 429). */
	resentAfter?: number;
}

const once = (target: Target, fault: FaultRule['fault'], times = 1): FaultRule => ({ ...target.rule, times, fault });
const TOO_MANY = { error: 'Rate limit exceeded' };
const UNAVAILABLE = { error: 'Service unavailable' };
const WAIT_ASKED = /asked to be tried again in 7200 s, longer than this request may still wait/;
const secondsFromNow = (s: number) => String(Math.floor(Date.now() / 1000) + s);

const retried = (what: string): Outcome => ({ recovered: `recovered: ${what}; only the failed request is sent again` });
const notResent = (error: RegExp, says: string): Outcome => ({ error, says: `clear error, not sent again: ${says}`, advice: /It was not sent again: PG:AI may have processed it/ });
const readsRecover = (what: string, createError: RegExp, says: string) => ({
	list: retried(what),
	get: retried(what),
	create: notResent(createError, says),
});

function serverError(status: number): FaultRow[] {
	const body = { error: `Upstream failure ${status}` };
	return [
		{
			fault: `${status} once`,
			inject: (sb, t) => sb.inject(once(t, { type: 'status', status, body })),
			outcomes: readsRecover('backs off and retries (GET only)', new RegExp(`^Upstream failure ${status}$`), `“Upstream failure ${status}”`),
		},
		{
			fault: `${status} always`,
			options: { maxRetries: 2 },
			inject: (sb, t) => sb.inject(once(t, { type: 'status', status, body }, Infinity)),
			outcomes: {
				list: { error: new RegExp(`^Upstream failure ${status}$`), says: 'clear error after Max Retries, with the API’s words and the retry count' },
				get: { error: new RegExp(`^Upstream failure ${status}$`), says: 'clear error after Max Retries, with the API’s words and the retry count' },
				create: notResent(new RegExp(`^Upstream failure ${status}$`), `“Upstream failure ${status}”`),
			},
		},
	];
}

export const FAULTS: FaultRow[] = [
	{
		fault: '429 with Retry-After in seconds',
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY, headers: { 'Retry-After': '1' } })),
		outcomes: { list: retried('waits as told'), get: retried('waits as told'), create: retried('waits as told; the 429 means it was not processed') },
	},
	{
		fault: '429 with Retry-After as an HTTP date',
		inject: (sb, t) =>
			sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY, headers: { 'Retry-After': new Date(Date.now() + 2000).toUTCString() } })),
		outcomes: { list: retried('waits until the date'), get: retried('waits until the date'), create: retried('waits until the date') },
	},
	{
		fault: '429 with only X-RateLimit-Reset in seconds',
		inject: (sb, t) =>
			sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': secondsFromNow(1) } })),
		outcomes: { list: retried('waits for the reset'), get: retried('waits for the reset'), create: retried('waits for the reset') },
	},
	{
		fault: '429 with X-RateLimit-Reset in milliseconds',
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Reset': String(Date.now() + 700) } })),
		outcomes: { list: retried('waits for the reset'), get: retried('waits for the reset'), create: retried('waits for the reset') },
	},
	{
		fault: '429 with no header',
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY })),
		outcomes: { list: retried('exponential backoff with jitter'), get: retried('exponential backoff with jitter'), create: retried('exponential backoff with jitter') },
	},
	{
		fault: '429 whose reset is further away than Max Wait',
		options: { maxWaitSeconds: 30 },
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Reset': secondsFromNow(7200) } })),
		outcomes: {
			list: { error: /rate limit resets at \d{4}-\d\d-\d\dT.*longer than this request may wait/, says: 'clear error at once, naming when the limit resets' },
			get: { error: /rate limit resets at \d{4}-\d\d-\d\dT.*longer than this request may wait/, says: 'clear error at once, naming when the limit resets' },
			create: { error: /rate limit resets at \d{4}-\d\d-\d\dT.*longer than this request may wait/, says: 'clear error at once, naming when the limit resets' },
		},
	},
	...[500, 502, 504].flatMap(serverError),
	{
		fault: '503 once',
		resentAfter: 503,
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 503, body: UNAVAILABLE })),
		outcomes: {
			list: retried('backs off and retries'),
			get: retried('backs off and retries'),
			create: retried('backs off and retries; the 503 means it was not processed'),
		},
	},
	{
		fault: '503 with Retry-After in seconds',
		resentAfter: 503,
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 503, body: UNAVAILABLE, headers: { 'Retry-After': '1' } })),
		outcomes: { list: retried('waits as told'), get: retried('waits as told'), create: retried('waits as told; the 503 means it was not processed') },
	},
	{
		fault: '503 whose Retry-After is further away than Max Wait',
		options: { maxWaitSeconds: 30 },
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 503, body: UNAVAILABLE, headers: { 'Retry-After': '7200' } })),
		outcomes: {
			list: { error: /^Service unavailable$/, says: 'clear error at once, naming the wait PG:AI asked for', advice: WAIT_ASKED },
			get: { error: /^Service unavailable$/, says: 'clear error at once, naming the wait PG:AI asked for', advice: WAIT_ASKED },
			create: { error: /^Service unavailable$/, says: 'clear error at once, naming the wait PG:AI asked for', advice: WAIT_ASKED },
		},
	},
	{
		fault: '503 always',
		options: { maxRetries: 2 },
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 503, body: UNAVAILABLE }, Infinity)),
		outcomes: {
			list: { error: /^Service unavailable$/, says: 'clear error after Max Retries, with the API’s words and the retry count' },
			get: { error: /^Service unavailable$/, says: 'clear error after Max Retries, with the API’s words and the retry count' },
			create: { error: /^Service unavailable$/, says: 'clear error after Max Retries (sent 1 + Max Retries times: it was never processed)', sent: 3 },
		},
	},
	{
		fault: 'connection reset in the middle of the body',
		inject: (sb, t) => sb.inject(once(t, { type: 'reset' })),
		outcomes: readsRecover('retries (GET only)', /^The connection to PG:AI was closed in the middle of the answer$/, 'the connection broke; check PG:AI before running again'),
	},
	{
		fault: 'an answer slower than the timeout',
		timeoutMs: 1000,
		lingersMs: 2500,
		inject: (sb, t) => sb.inject(once(t, { type: 'delay', ms: 2500 })),
		outcomes: readsRecover('retries (GET only)', /^PG:AI did not answer within the timeout$/, 'no answer within the timeout'),
	},
	{
		fault: 'malformed JSON with status 200',
		inject: (sb, t) => sb.inject(once(t, { type: 'malformedJson', status: 200 })),
		outcomes: readsRecover('retries (GET only)', /^PG:AI answered 200 with malformed JSON instead of JSON$/, 'malformed JSON'),
	},
	{
		fault: 'an HTML error page (502) from a proxy',
		inject: (sb, t) => sb.inject(once(t, { type: 'html', status: 502 })),
		outcomes: readsRecover('retries (GET only)', /^PG:AI answered 502 with an HTML page .*instead of JSON/, 'an HTML page instead of JSON'),
	},
	{
		fault: 'an empty body with status 200',
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 200, raw: '' })),
		outcomes: readsRecover('retries (GET only)', /^PG:AI answered 200 with an empty body instead of JSON$/, 'an empty body'),
	},
	{
		fault: 'an envelope with no list in it',
		inject: (sb, t) => sb.inject(once(t, { type: 'status', status: 200, body: { status: 'ok', count: 3 } })),
		outcomes: { list: { error: /^PG:AI answered \/contacts without a list$/, says: 'clear error naming the fields it had' } },
	},
	{
		fault: 'a page that repeats the previous one',
		inject: (sb) => sb.inject({ method: 'GET', path: '/contacts', query: { page: '2' }, fault: { type: 'status', status: 200, body: repeatOfFirstPage(sb) } }),
		outcomes: { list: { error: /^PG:AI answered page 2 of \/contacts with the same records as the page before$/, says: 'clear error: the walk stops instead of looping, nothing output twice' } },
	},
	{
		fault: 'null entries in a list',
		inject: (sb) => sb.inject({ method: 'GET', path: '/contacts', query: { page: '2' }, fault: { type: 'status', status: 200, body: pageWithNulls(sb) } }),
		outcomes: { list: { recovered: 'recovered: null entries are skipped, every record is output once' } },
	},
];

/** Page 1 of the current envelope, for a server that serves it again as page 2. */
export function repeatOfFirstPage(sb: Sandbox) {
	const items = sb.data.contacts.slice(0, 50);
	return { itemsReceived: 50, curPage: 1, nextPage: 2, prevPage: null, offset: 0, perPage: 50, itemsTotal: sb.data.contacts.length, pageTotal: 3, items };
}

/** Page 2 with nulls between the records. */
export function pageWithNulls(sb: Sandbox) {
	const items = sb.data.contacts.slice(50, 100).flatMap((contact, index) => (index % 10 === 0 ? [null, contact] : [contact]));
	return { itemsReceived: items.length, curPage: 2, nextPage: 3, prevPage: 1, offset: 50, perPage: 50, itemsTotal: sb.data.contacts.length, pageTotal: 3, items };
}

export const testName = (row: FaultRow, kind: Kind) => `${kind}: ${row.fault}`;

/** docs/reliability.md, from the table. */
export function renderReliabilityDoc(): string {
	const cell = (outcome: Outcome | undefined) =>
		!outcome ? 'n/a' : 'recovered' in outcome ? outcome.recovered : outcome.says;
	const lines = [
		'# Reliability matrix',
		'',
		'What the PG:AI node does when the API, or something in front of it, misbehaves. Each cell is',
		'asserted by the engine test named in the last column (`test/engine/faults.test.ts`, “fault matrix”),',
		'which runs the built node in n8n’s engine against the sandbox with the fault injected: for a list',
		'(Contact → Get Many, Return All, fault on page 2), a get (Contact → Get) and a create',
		'(Contact → Create). Every recovered case also asserts that each record is output exactly once and',
		'that only the failed request was sent again; every error case asserts that a create was sent',
		'once, or, where PG:AI did not process it (a 503), once more per retry. A connection refused before',
		'anything was sent is tried again for every method (“a connection refused before anything was',
		'sent”). This file is generated from `test/engine/fault-matrix.ts`; `npm test` fails when it is stale',
		'(regenerate with `UPDATE_DOCS=1 npx jest test/engine/faults`).',
		'',
		'| fault | list | get | create | tests |',
		'|---|---|---|---|---|',
		...FAULTS.map((row) => {
			const kinds = (['list', 'get', 'create'] as const).filter((kind) => row.outcomes[kind]);
			const tests = kinds.map((kind) => `“${testName(row, kind)}”`).join(', ');
			return `| ${row.fault} | ${cell(row.outcomes.list)} | ${cell(row.outcomes.get)} | ${cell(row.outcomes.create)} | ${tests} |`;
		}),
		'',
		'Also covered by the engine tests: a `nextPage` that never ends (stopped after 10,000 pages with a',
		'clear error; an announced total that the pages contradict is ignored), a redirect to another host',
		'(the key is not sent there), bad input refused before any request, cancellation during a rate-limit',
		'wait, and the API key absent from every output and error.',
		'',
	];
	return lines.join('\n');
}
