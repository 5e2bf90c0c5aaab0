/**
 * The request pipeline: admin endpoints aside, every /v1 request is recorded, then meets in order
 * the injected faults, the key check, the rate limiter, the route table and the scope check; the
 * answer leaves after the configured latency (the request's key's own, or the default).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { admin } from './admin';
import type { Ctx } from './context';
import { ApiError, forbidden, internalError, invalidKey, methodNotAllowed, missingKey, rateLimited, routeNotFound } from './errors';
import { writeFault } from './faults';
import { parseJson, queryObject, readBody, sendJson, type Reply } from './http';
import { hasScope } from './keys';
import type { RateDecision } from './rate-limit';
import { matchRoute } from './routes';
import type { State } from './state';
import type { RecordedRequest } from './types';

const BASE = '/v1';
const ADMIN = '/_sandbox';

export type Logger = (line: string) => void;

export function requestListener(state: State, log: Logger | null): RequestListener {
	return (req, res) => {
		handle(state, req, res, log).catch((error) => {
			process.stderr.write(`sandbox: ${(error as Error).stack ?? error}\n`);
			sendJson(res, internalError());
		});
	};
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse, log: Logger | null): Promise<void> {
	const at = Date.now();
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	const method = (req.method ?? 'GET').toUpperCase();
	const raw = await readBody(req);
	if (url.pathname === ADMIN || url.pathname.startsWith(`${ADMIN}/`)) {
		sendJson(res, admin(state, method, url.pathname.slice(ADMIN.length), raw));
		return;
	}
	if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) {
		sendJson(res, routeNotFound());
		return;
	}

	const path = url.pathname.slice(BASE.length) || '/';
	const { body, bodyInvalid } = parseJson(raw);
	const header = req.headers['x-api-key'];
	const apiKey = Array.isArray(header) ? header[0] : header;
	const entry = state.record({ method, path, query: queryObject(url.searchParams), body, apiKey, status: 0, rateLimited: false, at });
	const done = () => log?.(logLine(entry, url, state));

	const rule = state.faults.take(method, path, entry.query, body);
	const fault = rule?.fault;
	if (fault) {
		entry.fault = fault.type;
		if (fault.type !== 'delay') {
			// processed: the API acts (and counts the request) before the fault takes its answer's place
			if (rule?.processed) await answer(state, entry, { body, bodyInvalid });
			if (!(await afterLatency(state, entry, res))) return;
			entry.status = writeFault(res, fault);
			entry.answeredAt = Date.now();
			done();
			return;
		}
		await state.wait(fault.ms);
		if (state.closed) return;
	}
	// Decided when the request arrives (the rate limiter counts it then), sent after the latency.
	const reply = await answer(state, entry, { body, bodyInvalid });
	if (!(await afterLatency(state, entry, res))) return;
	entry.status = reply.status;
	sendJson(res, reply);
	entry.answeredAt = Date.now();
	done();
}

/**
 * Waits out the latency of the request's key (the default for no key or an unknown one); false when
 * there is nobody left to answer (closed, or the client gone).
 */
async function afterLatency(state: State, entry: RecordedRequest, res: ServerResponse): Promise<boolean> {
	await state.latency(entry.apiKey);
	return !state.closed && !res.destroyed;
}

async function answer(state: State, entry: RecordedRequest, payload: Pick<Ctx, 'body' | 'bodyInvalid'>): Promise<Reply> {
	const match = matchRoute(entry.method, entry.path);
	// Public handlers (health) read nothing of the key or its organisation.
	if (match.route !== undefined && match.route.scope === 'public') return run(match.route.handler, { state, params: match.params, query: entry.query, ...payload } as Ctx);
	if (entry.apiKey === undefined || entry.apiKey === '') return missingKey();
	const key = state.keys.get(entry.apiKey);
	if (!key) return invalidKey();

	const limiter = state.limiter;
	let decision: RateDecision | undefined;
	if (limiter) {
		decision = limiter.hit(entry.apiKey, Date.now());
		if (!decision.allowed) {
			entry.rateLimited = true;
			return withHeaders(rateLimited(), limiter.headers(decision, 429));
		}
	}
	let reply: Reply;
	if (!match.route) reply = match.pathKnown ? methodNotAllowed() : routeNotFound();
	else if (match.route.scope !== null && !hasScope(key.scopes, match.route.scope)) reply = forbidden(match.route.scope);
	else {
		const ctx: Ctx = { state, key, org: state.orgs[key.org], params: match.params, query: entry.query, ...payload };
		reply = await run(match.route.handler, ctx);
	}
	return limiter && decision ? withHeaders(reply, limiter.headers(decision, reply.status)) : reply;
}

async function run(handler: (ctx: Ctx) => Reply | Promise<Reply>, ctx: Ctx): Promise<Reply> {
	try {
		return await handler(ctx);
	} catch (error) {
		if (error instanceof ApiError) return error.reply;
		process.stderr.write(`sandbox: ${(error as Error).stack ?? error}\n`);
		return internalError();
	}
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
	return { ...reply, headers: { ...reply.headers, ...headers } };
}

function logLine(entry: RecordedRequest, url: URL, state: State): string {
	const time = new Date().toISOString().slice(11, 23);
	const who = entry.apiKey === undefined ? '-' : state.keys.get(entry.apiKey)?.name ?? 'unknown key';
	const notes = [entry.fault && `fault=${entry.fault}`, entry.rateLimited && 'rate-limited'].filter(Boolean).join(' ');
	return `${time} ${entry.method} ${url.pathname}${url.search} ${entry.status} ${Date.now() - entry.at}ms ${who}${notes ? ` ${notes}` : ''}`;
}
