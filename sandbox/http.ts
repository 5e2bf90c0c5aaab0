/** Reading requests and writing replies with node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Bodies beyond this are cut (and then fail to parse): the API takes no large inputs. */
const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** An empty body is no body; one that is not JSON is kept as text. */
export function parseJson(raw: string): { body: unknown; bodyInvalid: boolean } {
	if (raw.trim() === '') return { body: undefined, bodyInvalid: false };
	try {
		return { body: JSON.parse(raw), bodyInvalid: false };
	} catch {
		return { body: raw, bodyInvalid: true };
	}
}

/** The query as the request log and the handlers see it: repeated parameters become arrays. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [name, value] of params) {
		const seen = query[name];
		query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return query;
}

export function sendRaw(res: ServerResponse, status: number, payload: string, headers: Record<string, string>): void {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
	res.end(payload);
}

export function sendJson(res: ServerResponse, reply: Reply): void {
	const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
	sendRaw(res, reply.status, payload, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
}
