/**
 * An in-memory list endpoint behind the real ApiClient, for unit tests of the trigger's walk and
 * state: every envelope of the contract, three list orders, request counting, failures and records
 * added while a poll runs. Only n8n's HTTP helper is replaced (by `send`); the pages are rendered by
 * the sandbox's own envelopes.
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse, IN8nHttpResponse, INode } from 'n8n-workflow';

import { ApiClient } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { Pacer } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';
import { pageBody, type PageShape } from '../../sandbox/envelopes';

export type Order = 'asc' | 'desc' | 'id';
/** The page shapes of the sandbox; `next` is items with only `has_next`. */
export type Envelope = PageShape;

export interface Row {
	id: string;
	created_at?: string;
	[field: string]: unknown;
}

export const node: INode = {
	id: 'trigger',
	name: 'PG:AI Trigger',
	type: 'CUSTOM.pgAiTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const BASE = Date.UTC(2026, 0, 1);

/** An ISO timestamp `seconds` after a fixed instant. */
export const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString();

const hashes = new Map<string, number>();
function hashOf(id: string): number {
	let hash = hashes.get(id);
	if (hash === undefined) {
		hash = [...id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
		hashes.set(id, hash);
	}
	return hash;
}

export interface Served {
	page: number;
	size: number;
	status: number;
}

export class FakeList {
	rows: Row[] = [];
	order: Order = 'asc';
	envelope: Envelope = 'paged';
	/** The largest page the server gives, whatever is asked. */
	maxPageSize = 50;
	/** Every request answered, in order. */
	served: Served[] = [];
	/** Status to answer instead of the page, for the request with this index (0-based, over the list's life). */
	failWhen?: (index: number, page: number) => number | undefined;
	/** Runs before a page is answered (e.g. to add records between two requests of one poll). */
	beforeAnswer?: (page: number, index: number) => void;
	private seq = 0;

	/** Adds records; `seconds` is their created_at offset, several may share one. */
	add(...seconds: number[]): Row[] {
		const rows = seconds.map((second) => ({ id: `r${String(++this.seq).padStart(6, '0')}`, created_at: at(second) }));
		this.rows.push(...rows);
		return rows;
	}

	listed(): Row[] {
		const byCreation = (a: Row, b: Row) =>
			(a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id);
		const rows = [...this.rows];
		if (this.order === 'asc') return rows.sort(byCreation);
		if (this.order === 'desc') return rows.sort((a, b) => byCreation(b, a));
		// Not by time: by a hash of the id, as an API ordering by UUID would.
		return rows.sort((a, b) => hashOf(a.id) - hashOf(b.id) || a.id.localeCompare(b.id));
	}

	answer(qs: Record<string, unknown>): IN8nHttpFullResponse {
		const index = this.served.length;
		const page = Number(qs.page ?? 1);
		const size = Math.min(Number(qs.per_page ?? 25), this.maxPageSize);
		this.beforeAnswer?.(page, index);
		const status = this.failWhen?.(index, page);
		this.served.push({ page, size, status: status ?? 200 });
		if (status) return { statusCode: status, headers: {}, body: { error: `failure ${status}` } };
		// The contacts list of the rich envelope and `limit` in the data one, as the contacts endpoints send them.
		const body = pageBody(this.envelope, this.listed(), page, size, { listName: 'contacts', current: 'paged', sizeKey: 'limit' });
		return { statusCode: 200, headers: {}, body: body as IN8nHttpResponse };
	}

	/** The shared client of the action node, sending to this list; no retries, so failures surface. */
	client(): ApiClient {
		return new ApiClient({
			node,
			policy: { maxRetries: 0, maxWaitMs: 0 },
			pacer: new Pacer(),
			baseUrl: 'http://fake.invalid/v1',
			apiKey: 'test-key',
			transport: {},
			send: async (options: IHttpRequestOptions) => this.answer((options.qs ?? {}) as Record<string, unknown>),
		});
	}

	requestsSince(mark: number): number {
		return this.served.length - mark;
	}
}
