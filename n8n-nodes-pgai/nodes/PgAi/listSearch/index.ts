import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { joined } from '../shared/text';
import { ENDPOINTS, requestTo } from '../transport/api';
import type { ApiRequest } from '../transport/client';
import { connect } from '../transport/connect';
import { fetchPages, MAX_PAGE_SIZE } from '../transport/paging';

/** Pages one dropdown request may scan for name matches before handing back a token. */
const PAGES_PER_FILTERED_SEARCH = 20;

interface ListSource {
	request: (filter: string | undefined) => ApiRequest;
	/** Whether the server filters by itself; otherwise names are matched here. */
	serverFilters?: boolean;
	toItem: (record: IDataObject) => INodeListSearchItems;
}

/**
 * Pages through a list endpoint for a resource locator with the shared client and pager (retry,
 * pacing, envelopes, errors): one page, or up to PAGES_PER_FILTERED_SEARCH pages while names are
 * matched here, and a token for the page after the last one read.
 */
async function search(
	context: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await connect(context);
	const wanted = filter?.trim() || undefined;
	/** Matched here against the names, when the server does not filter. */
	const matching = wanted && !source.serverFilters ? wanted.toLowerCase() : undefined;
	const results: INodeListSearchItems[] = [];
	let scanned = 0;
	let token: string | undefined;
	await fetchPages(client, context.getNode(), source.request(source.serverFilters ? wanted : undefined), {
		from: Number(paginationToken) || 1,
		onPage: (page, _, next) => {
			for (const record of page.records) {
				if (!record || typeof record !== 'object') continue;
				const item = source.toItem(record as IDataObject);
				if (matching === undefined || item.name.toLowerCase().includes(matching)) results.push(item);
			}
			token = next === undefined ? undefined : String(next);
			return ++scanned < (matching === undefined ? 1 : PAGES_PER_FILTERED_SEARCH) && results.length < MAX_PAGE_SIZE;
		},
	});
	return token === undefined ? { results } : { results, paginationToken: token };
}

/**
 * A list's records as the options of a dropdown, by name: as many as a filtered search scans, for
 * a multi-select or a filter, which n8n cannot search page by page; others are given by expression.
 */
async function options(context: ILoadOptionsFunctions, source: ListSource): Promise<INodePropertyOptions[]> {
	const client = await connect(context);
	const records = await fetchPages(client, context.getNode(), source.request(undefined), {
		limit: PAGES_PER_FILTERED_SEARCH * MAX_PAGE_SIZE,
	});
	return records
		.filter((record): record is IDataObject => Boolean(record) && typeof record === 'object')
		.map((record) => {
			const { name, value } = source.toItem(record);
			return { name, value };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

const territories: ListSource = {
	request: () => requestTo(ENDPOINTS.territory.getAll),
	toItem: (territory) => ({
		name: joined(territory.territory_name ?? territory.name) || String(territory.id),
		value: String(territory.id),
	}),
};

export async function searchTerritories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, territories, filter, paginationToken);
}

export async function getTerritories(this: ILoadOptionsFunctions) {
	return await options(this, territories);
}

/** Tracked accounts, searched by the server when filtered; `value` picks the ID to hand back. */
function trackedAccounts(value: (account: IDataObject) => unknown): ListSource {
	return {
		request: (query) =>
			query ? { ...requestTo(ENDPOINTS.account.search), body: { query } } : requestTo(ENDPOINTS.account.getAll),
		serverFilters: true,
		toItem: (account) => ({
			name: joined(account.name, account.domain ? `(${String(account.domain)})` : '') || String(value(account)),
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
			request: () => requestTo(ENDPOINTS.contact.getAll),
			toItem: (contact) => ({
				name:
					joined(contact.full_name ?? joined(contact.first_name, contact.last_name), contact.email ? `<${String(contact.email)}>` : '') ||
					String(contact.id),
				value: String(contact.id),
			}),
		},
		filter,
		paginationToken,
	);
}

/** Companies have no list of their own: the tracked accounts name them by company_id. */
const trackedCompanies = trackedAccounts((account) => account.company_id ?? account.id);

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(this, trackedCompanies, filter, paginationToken);
}

export async function getCompanies(this: ILoadOptionsFunctions) {
	return await options(this, trackedCompanies);
}

export async function searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(
		this,
		{
			request: () => requestTo(ENDPOINTS.task.getAll),
			toItem: (task) => ({
				name: joined(task.title, task.status ? `(${String(task.status)})` : '') || String(task.id),
				value: String(task.id),
			}),
		},
		filter,
		paginationToken,
	);
}

/** PG:AI's workflows come in one bare list, matched here by name. */
export async function searchWorkflows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search(
		this,
		{
			request: () => requestTo(ENDPOINTS.workflow.getAll),
			toItem: (workflow) => ({
				name: joined(workflow.name, workflow.status && workflow.status !== 'active' ? `(${String(workflow.status)})` : '') || String(workflow.id),
				value: String(workflow.id),
			}),
		},
		filter,
		paginationToken,
	);
}
