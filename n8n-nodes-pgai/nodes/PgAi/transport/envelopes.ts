import type { IDataObject } from 'n8n-workflow';

/** One page of a list, whatever envelope it came in, with what it says about the next page. */
export interface Page {
	records: unknown[];
	/** `nextPage` of the paged envelope: a number, or null for "no more". */
	nextPage?: number | null;
	/** `has_next` of the richer older form. */
	hasNext?: boolean;
	/** The page size the server says it used. */
	pageSize?: number;
	total?: number;
	/** The number of pages it announces (`pageTotal`, `total_pages`). */
	pageCount?: number;
}

const num = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value)
		? value
		: typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
			? Number(value)
			: undefined;

/** Keys that carry the list in the documented envelopes, in order of preference. */
const LIST_KEYS = ['items', 'data'];

function findList(body: IDataObject): { key: string; list: unknown[] } | undefined {
	for (const key of LIST_KEYS) {
		if (Array.isArray(body[key])) return { key, list: body[key] as unknown[] };
	}
	// The older rich form names the list after the resource: {contacts: [...], pagination: {...}}.
	const arrays = Object.entries(body).filter(([, value]) => Array.isArray(value));
	if (arrays.length === 1) return { key: arrays[0][0], list: arrays[0][1] as unknown[] };
	return undefined;
}

/**
 * Reads any of the API's documented list envelopes: paged, ranked, data, bare, and the rich form with
 * `has_next`. Returns undefined when the body holds no list at all.
 */
export function readPage(body: unknown): Page | undefined {
	if (Array.isArray(body)) return { records: body };
	if (!body || typeof body !== 'object') return undefined;
	const envelope = body as IDataObject;
	const found = findList(envelope);
	if (!found) return undefined;
	const pagination =
		envelope.pagination && typeof envelope.pagination === 'object'
			? (envelope.pagination as IDataObject)
			: {};
	const nextPage = envelope.nextPage === null ? null : num(envelope.nextPage);
	const hasNext = pagination.has_next ?? envelope.has_next;
	return {
		records: found.list,
		nextPage: 'nextPage' in envelope ? nextPage ?? null : undefined,
		hasNext: typeof hasNext === 'boolean' ? hasNext : undefined,
		pageSize:
			num(envelope.perPage) ??
			num(envelope.per_page) ??
			num(pagination.per_page) ??
			num(pagination.limit),
		total:
			num(envelope.itemsTotal) ??
			num(envelope.total) ??
			num(pagination.total_items) ??
			num(pagination.total),
		pageCount: num(envelope.pageTotal) ?? num(pagination.total_pages),
	};
}

/**
 * Whether another page should be fetched after `page` (1-based), by the documented stop rules in
 * order of trust: the server's own next/has-next signal, an empty page, a short page, the total.
 * `received` is how many distinct records the walk has so far (by default: full pages up to this
 * one). A total ends the walk only when they reach it exactly: more records than it announces
 * prove it wrong, and a wrong total never cuts a walk short.
 */
export function hasMorePages(page: Page, pageNumber: number, requestedSize: number, received?: number): boolean {
	if (page.nextPage === null || page.hasNext === false) return false;
	if (page.records.length === 0) return false;
	if (page.nextPage !== undefined || page.hasNext === true) return true;
	const size = page.pageSize ?? requestedSize;
	if (page.records.length < size) return false;
	return page.total === undefined || (received ?? pageNumber * size) !== page.total;
}

/** The id a record is known by, for spotting a page that repeats. */
export function recordKey(record: unknown): string {
	if (record && typeof record === 'object') {
		const fields = record as IDataObject;
		const id = fields.id ?? fields.content_id ?? fields.public_operation_id;
		if (id !== undefined && id !== null) return String(id);
	}
	return JSON.stringify(record);
}
