import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { ApiRequest } from '../transport/client';
import { clientFor } from '../transport/context';
import { hasMorePages, readPage } from '../transport/envelopes';
import { MAX_PAGE_SIZE } from '../transport/paging';

/** Pages one dropdown request may scan for name matches before handing back a token. */
const PAGES_PER_FILTERED_SEARCH = 20;

interface ListSource {
	request: (filter: string | undefined) => ApiRequest;
	/** Whether the server filters by itself; otherwise names are matched here. */
	serverFilters?: boolean;
	toItem: (record: IDataObject) => INodeListSearchItems;
}

const text = (...values: unknown[]) => values.filter((value) => typeof value === 'string' && value).join(' ');

/** Pages through a list endpoint for a resource locator, with the shared client (retry, pacing, errors). */
async function search(
	context: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await clientFor(context);
	const wanted = filter?.trim().toLowerCase() || undefined;
	const request = source.request(wanted && source.serverFilters ? filter?.trim() : undefined);
	const results: INodeListSearchItems[] = [];
	let pageNumber = Number(paginationToken) || 1;
	const scanLimit = wanted && !source.serverFilters ? PAGES_PER_FILTERED_SEARCH : 1;
	for (let scanned = 0; scanned < scanLimit && results.length < MAX_PAGE_SIZE; scanned++) {
		const { body } = await client.request({
			...request,
			qs: { ...request.qs, page: pageNumber, per_page: MAX_PAGE_SIZE, limit: MAX_PAGE_SIZE },
		});
		const page = readPage(body);
		if (!page) return { results };
		for (const record of page.records) {
			if (!record || typeof record !== 'object') continue;
			const item = source.toItem(record as IDataObject);
			if (!wanted || source.serverFilters || item.name.toLowerCase().includes(wanted)) results.push(item);
		}
		const more = hasMorePages(page, pageNumber, MAX_PAGE_SIZE);
		pageNumber = typeof page.nextPage === 'number' ? page.nextPage : pageNumber + 1;
		if (!more) return { results };
	}
	return { results, paginationToken: String(pageNumber) };
}

export async function searchTerritories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(
		this,
		{
			request: () => ({ method: 'GET', url: '/territories' }),
			toItem: (territory) => ({
				name: text(territory.territory_name ?? territory.name) || String(territory.id),
				value: String(territory.id),
			}),
		},
		filter,
		paginationToken,
	);
}

/** Tracked accounts, searched by the server when filtered; `value` picks the ID to hand back. */
function trackedAccounts(value: (account: IDataObject) => unknown): ListSource {
	return {
		request: (query) =>
			query ? { method: 'POST', url: '/accounts/search', body: { query } } : { method: 'GET', url: '/accounts' },
		serverFilters: true,
		toItem: (account) => ({
			name: text(account.name, account.domain ? `(${String(account.domain)})` : '') || String(value(account)),
			value: String(value(account)),
		}),
	};
}

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, trackedAccounts((account) => account.id), filter, paginationToken);
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(
		this,
		{
			// Contact search may spend credits, so the dropdown filters listed pages instead.
			request: () => ({ method: 'GET', url: '/contacts' }),
			toItem: (contact) => ({
				name:
					text(contact.full_name ?? text(contact.first_name, contact.last_name), contact.email ? `<${String(contact.email)}>` : '') ||
					String(contact.id),
				value: String(contact.id),
			}),
		},
		filter,
		paginationToken,
	);
}

/** Companies have no list of their own: the tracked accounts name them by company_id. */
export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, trackedAccounts((account) => account.company_id ?? account.id), filter, paginationToken);
}
