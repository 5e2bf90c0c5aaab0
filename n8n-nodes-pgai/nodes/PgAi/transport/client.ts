import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { backoffMs, rateLimitDelay, unavailableDelay } from './delays';
import { assertAllowed } from './domains';
import { isHtml } from './apiWords';
import { apiError, asNodeError, networkFailure, rateLimitWaitError, redirectRefused, unreadableAnswer, type FailedRequest } from './errors';
import { rateLimitHeaders, type Headers } from './headers';
import { WaitTooLongError, type Pacer } from './pacer';
import type { Memo, Rerun } from './rerun';
import { pause, throwIfCancelled } from './wait';

export interface RetryPolicy {
	/** Retries of one request after an answer that it was not processed (any method), or another 5xx / network failure (GET only). */
	maxRetries: number;
	/** Longest time one request may spend waiting: retries plus any single rate-limit pause. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, maxWaitMs: 300_000 };

/** What one request names: its method, its path below the base URL (already encoded), query and body. */
export interface ApiRequest {
	method?: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IHttpRequestOptions['body'];
}

/** A request as the client sends it, its method settled. */
type Sent = ApiRequest & { method: IHttpRequestMethods };

export interface ApiResponse {
	status: number;
	headers: Headers;
	body: unknown;
}

interface ClientSetup {
	node: INode;
	itemIndex?: number;
	signal?: AbortSignal;
	policy: RetryPolicy;
	pacer: Pacer;
	baseUrl: string;
	/** Redacted from every message, in case something echoes it back. */
	apiKey: string;
	/**
	 * The transport options (headers, timeout, proxy, TLS, allowedDomains and whatever n8n adds), kept
	 * on every request the client sends; each request brings its own method, path, query and body.
	 */
	transport: Partial<IHttpRequestOptions>;
	/** n8n's authenticated HTTP helper, which adds the x-api-key header. */
	send: (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;
	/** What earlier tries of this node run got, where n8n's Retry On Fail may run it again. */
	rerun?: Rerun;
}

const MAX_REDIRECTS = 5;

const isIdempotent = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Network failures before anything was sent: the connection was refused, or the host name could not
 * be looked up for the moment. Unlike a reset or a timeout, they leave no doubt that PG:AI did not act.
 */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/** Network failure codes worth a retry; anything else (a bad certificate, say) will not heal. */
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	// axios: the response stream broke off after the headers
	'ERR_BAD_RESPONSE',
]);

function networkCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Turns a body that should be JSON into a value; a string body is parsed if it can be. */
function parseJson(body: unknown): { ok: true; value: unknown } | { ok: false; text: string } {
	if (typeof body !== 'string') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false, text: body };
	}
}

/**
 * Sends requests to PG:AI with everything the API needs from a careful client: pacing by the
 * rate-limit headers, retry of only the failed request (for any method when PG:AI did not process
 * it: a 429, a 503, a refused connection; for GETs also after other 5xx and network failures),
 * redirects kept on the API's own origin, one error mapper for every failure, and no request that
 * is not a read sent again by a later try of the node run (n8n's Retry On Fail).
 */
export class ApiClient {
	/** The transport options and what the client needs on every request, set once. */
	private readonly fixed: Partial<IHttpRequestOptions>;

	constructor(private readonly setup: ClientSetup) {
		this.fixed = {
			...setup.transport,
			// Retry and pacing read the status and headers of every answer themselves.
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Redirects are followed here, on the API's own origin only: n8n's client would carry
			// the x-api-key header to any host a redirect names.
			disableFollowRedirect: true,
		};
	}

	/**
	 * Sends one request, retried as its method allows. `until`: the request is no longer wanted once it
	 * aborts (a walk that ended before this page): no retry or wait of it goes on after that.
	 */
	async request(asked: ApiRequest, until?: AbortSignal): Promise<ApiResponse> {
		const request: Sent = { ...asked, method: asked.method ?? 'GET' };
		// A try of the node run before this one may have sent it already (n8n's Retry On Fail).
		const memo = isIdempotent(request.method) ? undefined : this.setup.rerun?.of(request);
		const earlier = memo?.earlier();
		if (earlier) return earlier;
		const response = await this.exchange(request, until, memo);
		memo?.answered(response);
		return response;
	}

	/** Sends the request until an answer, within the bounds; a failure after which PG:AI may have acted goes into `memo`. */
	private async exchange(request: Sent, until: AbortSignal | undefined, memo: Memo | undefined): Promise<ApiResponse> {
		const { policy, pacer } = this.setup;
		const signal = until && this.setup.signal ? AbortSignal.any([this.setup.signal, until]) : (until ?? this.setup.signal);
		let retries = 0;
		let waitedMs = 0;
		let url = `${this.setup.baseUrl}${request.url}`;
		let redirects = 0;
		/** Waits, and the request goes again; false when Max Retries or Max Wait forbid it. */
		const retry = async (delayMs: number): Promise<boolean> => {
			if (retries >= policy.maxRetries || waitedMs + delayMs > policy.maxWaitMs) return false;
			retries++;
			waitedMs += delayMs;
			await pause(delayMs, signal);
			return true;
		};
		/** Another try after a failure that PG:AI may have acted on: for a read only. */
		const retryRead = async (): Promise<boolean> => isIdempotent(request.method) && (await retry(backoffMs(retries)));
		const mayHaveActed = <E extends Error>(error: E): E => (memo ? memo.failed(error) : error);
		for (;;) {
			assertAllowed(this.setup.node, url, this.setup.transport.allowedDomains, this.setup.itemIndex);
			const slot = await this.acquire(pacer, policy.maxWaitMs - waitedMs, signal);
			let response: IN8nHttpFullResponse;
			try {
				response = await this.setup.send({ ...this.fixed, method: request.method, url, qs: request.qs, body: request.body });
			} catch (error) {
				pacer.settle(slot, undefined, false);
				throwIfCancelled(signal);
				const code = networkCode(error);
				if (code !== undefined && NOTHING_SENT.has(code)) {
					if (await retry(backoffMs(retries))) continue;
					throw this.networkError(request, code, retries, true);
				}
				if ((!code || TRANSIENT_CODES.has(code)) && (await retryRead())) continue;
				throw mayHaveActed(this.networkError(request, code, retries, isIdempotent(request.method)));
			}
			const headers = (response.headers ?? {}) as Headers;
			const status = response.statusCode;
			pacer.settle(slot, rateLimitHeaders(headers, Date.now()), true);

			if (status === 429) {
				const delay = rateLimitDelay(headers, retries, Date.now());
				if (retries >= policy.maxRetries) {
					throw this.failure(request, status, response.body, retries);
				}
				if (waitedMs + delay.ms > policy.maxWaitMs) {
					throw this.waitTooLong(delay.ms, delay.resetAt ?? Date.now() + delay.ms, policy.maxWaitMs - waitedMs);
				}
				// The server did not process it, so even a POST may go again.
				retries++;
				waitedMs += delay.ms;
				pacer.block(Date.now() + delay.ms, slot, delay.source !== 'backoff');
				continue;
			}
			if (status === 503) {
				// Unavailable: PG:AI did not take the request, so even a POST may go again, when it asks.
				const delay = unavailableDelay(headers, retries, Date.now());
				if (await retry(delay.ms)) continue;
				throw this.failure(request, status, response.body, retries, { waitAskedMs: delay.asked && retries < policy.maxRetries ? delay.ms : undefined });
			}
			if (status >= 500) {
				if (await retryRead()) continue;
				throw mayHaveActed(this.failure(request, status, response.body, retries, { mayHaveActed: !isIdempotent(request.method) }));
			}
			if (status >= 300 && status < 400) {
				url = this.redirectTarget(request, url, headers, status, ++redirects);
				continue;
			}
			if (status >= 400) throw this.failure(request, status, response.body, retries);

			// A success that is not JSON is a proxy's or gateway's doing: a read may try again.
			const parsed = parseJson(response.body);
			if (parsed.ok && parsed.value !== '' && parsed.value !== undefined) {
				return { status, headers, body: parsed.value };
			}
			if (await retryRead()) continue;
			throw mayHaveActed(this.unreadable(request, status, parsed.ok ? '' : parsed.text, retries));
		}
	}

	private async acquire(pacer: Pacer, budgetMs: number, signal: AbortSignal | undefined) {
		try {
			return await pacer.acquire(Math.max(0, budgetMs), signal);
		} catch (error) {
			if (error instanceof WaitTooLongError) {
				throw this.waitTooLong(error.waitMs, error.resumeAt, budgetMs);
			}
			throwIfCancelled(signal);
			throw asNodeError(this.setup.node, error, this.setup.itemIndex);
		}
	}

	private redirectTarget(
		request: Sent,
		from: string,
		headers: Headers,
		status: number,
		count: number,
	): string {
		const location = headers.location ?? headers.Location;
		const target = typeof location === 'string' ? new URL(location, from) : undefined;
		const origin = new URL(this.setup.baseUrl).origin;
		const keepsMethod = status === 307 || status === 308 || isIdempotent(request.method);
		if (!target || target.origin !== origin || !keepsMethod || count > MAX_REDIRECTS) {
			throw redirectRefused(this.setup.node, { status, target, otherOrigin: target !== undefined && target.origin !== origin }, this.setup.itemIndex);
		}
		return target.toString();
	}

	private failure(request: Sent, status: number, body: unknown, retries: number, more: Pick<FailedRequest, 'waitAskedMs' | 'mayHaveActed'> = {}) {
		return apiError(
			this.setup.node,
			{ method: request.method, path: request.url, status, body: parseJsonLoose(body), retries, ...more },
			this.setup.apiKey,
			this.setup.itemIndex,
		);
	}

	private unreadable(request: Sent, status: number, text: string, retries: number) {
		const kind = text.trim() === '' ? 'empty' : isHtml(text) ? 'html' : 'json';
		const answer = { method: request.method, path: request.url, status, kind, text, retries, mayResend: isIdempotent(request.method) } as const;
		return unreadableAnswer(this.setup.node, answer, this.setup.apiKey, this.setup.itemIndex);
	}

	private networkError(request: Sent, code: string | undefined, retries: number, mayResend: boolean) {
		const failure = { method: request.method, path: request.url, code, retries, mayResend };
		return networkFailure(this.setup.node, failure, this.setup.itemIndex);
	}

	private waitTooLong(waitMs: number, resumeAt: number, budgetMs: number) {
		return rateLimitWaitError(this.setup.node, { waitMs, resumeAt, budgetMs }, this.setup.itemIndex);
	}
}

function parseJsonLoose(body: unknown): unknown {
	const parsed = parseJson(body);
	return parsed.ok ? parsed.value : parsed.text;
}
