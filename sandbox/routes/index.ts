/** Every API path in one table: method, path (relative to /v1), the scope it needs, the handler. */
import type { Ctx } from '../context';
import type { Reply } from '../http';
import { getAccount, listAccounts, searchAccounts } from './accounts';
import { chat } from './assistant';
import { addCompany, getCompany, listContent, listRelevance, searchCompanyContacts } from './companies';
import { createContact, getContact, listContacts, searchContacts } from './contacts';
import { getOperation } from './operations';
import { credits, health } from './organization';
import { search } from './search';
import { createTask, getTask, listTasks } from './tasks';
import { getTerritory, listTerritories, listTerritoryCompanies } from './territories';
import { getExecution, listWorkflows, triggerWorkflow } from './workflows';

export interface Route {
	method: string;
	path: string;
	/** 'public': no key needed; null: any valid key; else the scope the key must hold. */
	scope: string | null | 'public';
	handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

export const ROUTES: Route[] = [
	{ method: 'GET', path: '/health', scope: 'public', handler: health },
	{ method: 'GET', path: '/territories', scope: 'territories:read', handler: listTerritories },
	{ method: 'GET', path: '/territories/:territoryId', scope: 'territories:read', handler: getTerritory },
	{ method: 'GET', path: '/territories/:territoryId/companies', scope: 'territories:read', handler: listTerritoryCompanies },
	{ method: 'GET', path: '/accounts', scope: 'accounts:read', handler: listAccounts },
	{ method: 'POST', path: '/accounts/search', scope: 'accounts:read', handler: searchAccounts },
	{ method: 'GET', path: '/accounts/:accountId', scope: 'accounts:read', handler: getAccount },
	{ method: 'GET', path: '/contacts', scope: 'contacts:read', handler: listContacts },
	{ method: 'POST', path: '/contacts', scope: 'contacts:write', handler: createContact },
	{ method: 'POST', path: '/contacts/search', scope: 'contacts:read', handler: searchContacts },
	{ method: 'GET', path: '/contacts/:contactId', scope: 'contacts:read', handler: getContact },
	{ method: 'POST', path: '/companies', scope: 'insights:write', handler: addCompany },
	{ method: 'GET', path: '/companies/:companyId', scope: 'companies:read', handler: getCompany },
	{ method: 'GET', path: '/companies/:companyId/relevance', scope: 'companies:read', handler: listRelevance },
	{ method: 'GET', path: '/companies/:companyId/graph', scope: 'companies:read', handler: listRelevance },
	{ method: 'GET', path: '/companies/:companyId/content', scope: 'insights:read', handler: listContent },
	{ method: 'POST', path: '/companies/:companyId/contacts/search', scope: 'contacts:read', handler: searchCompanyContacts },
	{ method: 'POST', path: '/companies/:companyId/assistant/chat', scope: 'insights:read', handler: chat },
	{ method: 'GET', path: '/search', scope: 'companies:read', handler: search },
	{ method: 'GET', path: '/organization/credits', scope: 'org_settings:read', handler: credits },
	{ method: 'GET', path: '/operations/:operationId', scope: null, handler: getOperation },
	{ method: 'GET', path: '/tasks', scope: 'tasks:read', handler: listTasks },
	{ method: 'POST', path: '/tasks', scope: 'tasks:write', handler: createTask },
	{ method: 'GET', path: '/tasks/:taskId', scope: 'tasks:read', handler: getTask },
	{ method: 'GET', path: '/workflows', scope: 'workflows:read', handler: listWorkflows },
	{ method: 'POST', path: '/workflows/trigger', scope: 'workflows:execute', handler: triggerWorkflow },
	{ method: 'GET', path: '/workflows/executions/:executionId', scope: 'workflows:read', handler: getExecution },
];

const compiled = ROUTES.map((route) => ({
	route,
	pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
}));

export type RouteMatch =
	| { route: Route; params: Record<string, string> }
	| { route: undefined; pathKnown: boolean };

/** The route for a request; `pathKnown` tells a wrong method (405) from an unknown path (404). */
export function matchRoute(method: string, path: string): RouteMatch {
	let pathKnown = false;
	for (const { route, pattern } of compiled) {
		const found = pattern.exec(path);
		if (!found) continue;
		pathKnown = true;
		if (route.method !== method) continue;
		try {
			const params = Object.fromEntries(Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
			return { route, params };
		} catch {
			return { route: undefined, pathKnown: false }; // a malformed escape names no record
		}
	}
	return { route: undefined, pathKnown };
}
