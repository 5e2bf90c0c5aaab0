/**
 * An in-memory list endpoint behind the real ApiClient, for unit tests of the trigger's walk and
 * state: every envelope of the contract, three list orders, request counting, failures and records
 * added while a poll runs. Only n8n's HTTP helper is replaced (by `send`).
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import { ApiClient } from '../../n8n-nodes-pgai/nodes/PgAi/transport/client';
import { Pacer } from '../../n8n-nodes-pgai/nodes/PgAi/transport/pacer';

export type Order = 'asc' | 'desc' | 'id';
export type Envelope = 'paged' | 'ranked' | 'data' | 'rich' | 'bare' | 'hasNext';

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
		const all = this.listed();
		const total = all.length;
		const items = all.slice((page - 1) * size, page * size);
		const pageTotal = Math.ceil(total / size);
		const next = page < pageTotal;
		const body = (() => {
			switch (this.envelope) {
				case 'paged':
					return { itemsReceived: items.length, curPage: page, nextPage: next ? page + 1 : null, prevPage: page > 1 ? page - 1 : null, offset: (page - 1) * size, perPage: size, itemsTotal: total, pageTotal, items };
				case 'ranked':
					return { items, total, page, per_page: size };
				case 'data':
					return { data: items, pagination: { page, limit: size, total } };
				case 'rich':
					return { contacts: items, pagination: { page, per_page: size, total, total_items: total, total_pages: pageTotal, has_next: next, has_previous: page > 1 } };
				case 'hasNext':
					return { items, has_next: next };
				case 'bare':
					return items;
			}
		})();
		return { statusCode: 200, headers: {}, body };
	}

	/** The shared client of the action node, sending to this list; no retries, so failures surface. */
	client(): ApiClient {
		return new ApiClient({
			node,
			policy: { maxRetries: 0, maxWaitMs: 0 },
			pacer: new Pacer(),
			baseUrl: 'http://fake.invalid/v1',
			apiKey: 'test-key',
			prepared: {},
			send: async (options: IHttpRequestOptions) => this.answer((options.qs ?? {}) as Record<string, unknown>),
		});
	}

	requestsSince(mark: number): number {
		return this.served.length - mark;
	}
}

/** A small seeded generator (mulberry32), so that the randomised tests repeat exactly. */
export function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		shuffle: <T>(list: T[]): T[] => {
			const copy = [...list];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		},
	};
}
