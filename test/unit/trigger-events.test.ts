/**
 * The trigger's parameters: the fixed internal names, account and task filters that are
 * account.getAll's and task.getAll's, and the request and state scope each event polls.
 */
import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { accountListQuery, accountResource } from '../../n8n-nodes-pgai/nodes/PgAi/resources/account';
import { taskListQuery, taskResource } from '../../n8n-nodes-pgai/nodes/PgAi/resources/task';
import { retryPolicy } from '../../n8n-nodes-pgai/nodes/PgAi/shared/parameters';
import { eventProperties, eventSource } from '../../n8n-nodes-pgai/nodes/PgAi/trigger/events';
import { PgAi } from '../../n8n-nodes-pgai/nodes/PgAi/PgAi.node';
import { PgAiTrigger } from '../../n8n-nodes-pgai/nodes/PgAi/PgAiTrigger.node';
import { node } from './trigger-fake-api';

/** Just enough of a poll context to read parameters (the engine tests use n8n's own). */
function context(parameters: Record<string, unknown>): IPollFunctions {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => {
			const found = name.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], parameters);
			const value = found ?? fallback;
			const locator = value as { __rl?: boolean; value?: unknown };
			return locator && typeof locator === 'object' && locator.__rl ? locator.value : value;
		},
	} as unknown as IPollFunctions;
}

const getAllFilters = (accountResource.filters ?? []).find((field) => field.name === 'filters' && field.displayOptions?.show?.operation?.includes('getAll'));
const triggerFilters = eventProperties.find((field) => field.name === 'filters');
const taskGetAllFilters = (taskResource.filters ?? []).find((field) => field.name === 'filters' && field.displayOptions?.show?.operation?.includes('getAll'));
const newTaskFilters = eventProperties.find((field) => field.name === 'filters' && field.displayOptions?.show?.event?.includes('newTask'));

describe('the node’s public names (node-interface.md)', () => {
	const { description } = new PgAiTrigger();

	it('is pgAiTrigger, "PG:AI Trigger", a polling trigger with the pgAiApi credential', () => {
		expect(description).toMatchObject({ name: 'pgAiTrigger', displayName: 'PG:AI Trigger', polling: true, inputs: [], version: 1 });
		expect(description.credentials).toEqual([{ name: 'pgAiApi', required: true }]);
	});

	it('has the event values and their parameters', () => {
		const event = description.properties.find((p) => p.name === 'event');
		expect(event?.options?.map((o) => (o as { value: string }).value).sort()).toEqual(['newAccount', 'newContact', 'newTask', 'newTerritoryCompany']);
		const territory = description.properties.find((p) => p.name === 'territoryId');
		expect(territory).toMatchObject({ type: 'resourceLocator', displayOptions: { show: { event: ['newTerritoryCompany'] } } });
		expect(territory?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		// the editor shows no asterisk, and greys out Fetch Test Event without saying why
		expect(territory).toMatchObject({ required: true, hint: expect.stringMatching(/^Required\..*Fetch Test Event/) });
		expect(triggerFilters?.displayOptions).toEqual({ show: { event: ['newAccount'] } });
		expect(newTaskFilters?.displayOptions).toEqual({ show: { event: ['newTask'] } });
	});

	it('offers the territory and company list searches of the action node, and its territory list for the New Account filter', () => {
		const { listSearch, loadOptions } = new PgAiTrigger().methods;
		expect(Object.keys(listSearch)).toEqual(['searchTerritories', 'searchCompanies']);
		expect(listSearch.searchCompanies).toBe(new PgAi().methods.listSearch.searchCompanies);
		expect(Object.keys(loadOptions)).toEqual(['getTerritories']);
		const territory = (triggerFilters?.options as INodeProperties[]).find((option) => option.name === 'territoryId');
		expect(territory).toMatchObject({ type: 'options', typeOptions: { loadOptionsMethod: 'getTerritories' }, default: '' });
	});
});

describe('the account filters', () => {
	it('are the fields of account.getAll, by name, type and default', () => {
		const shape = (options: INodeProperties['options']) =>
			(options as INodeProperties[]).map(({ name, type, default: value }) => ({ name, type, default: value }));
		expect(getAllFilters).toBeDefined();
		expect(shape(triggerFilters?.options)).toEqual(shape(getAllFilters?.options));
		expect(shape(triggerFilters?.options).map((o) => o.name).sort()).toEqual(['industry', 'minScore', 'territoryId', 'tier', 'updatedSince']);
	});

	it('are the very fields of account.getAll, sent as the query parameters it sends', () => {
		expect(triggerFilters?.options).toBe(getAllFilters?.options);
		const filters = { tier: 'A', minScore: 70, industry: 'Software', territoryId: 't1', updatedSince: '2026-03-01T10:00:00+02:00' };
		expect(accountListQuery(context({ filters }))).toEqual({ tier: 'A', min_score: 70, industry: 'Software', territory_id: 't1', updated_since: '2026-03-01T08:00:00.000Z' });
		expect(accountListQuery(context({ filters: { industry: '', minScore: 0 } }))).toEqual({ min_score: 0 });
		expect(eventSource(context({ event: 'newAccount', filters })).request.qs).toEqual(accountListQuery(context({ filters })));
	});

	it('refuse a date that is not one', () => {
		expect(() => accountListQuery(context({ filters: { updatedSince: 'soon' } }))).toThrow('Updated Since "soon" is not a date');
	});
});

describe('the task filters', () => {
	it('are the very fields of task.getAll, sent as the query parameters it sends, empty ones left out', () => {
		expect(taskGetAllFilters).toBeDefined();
		expect(newTaskFilters?.options).toBe(taskGetAllFilters?.options);
		const filters = { companyId: { __rl: true, mode: 'list', value: ' cmp_1 ' }, status: 'in_progress' };
		expect(taskListQuery(context({ filters }))).toEqual({ company_id: 'cmp_1', status: 'in_progress' });
		expect(taskListQuery(context({ filters: { companyId: { __rl: true, mode: 'id', value: '' } } }))).toEqual({});
	});
});

describe('what each event polls', () => {
	it('new contacts: the contacts list', () => {
		expect(eventSource(context({ event: 'newContact' }))).toEqual({ request: { method: 'GET', url: '/contacts' }, scope: 'newContact' });
	});

	it('new accounts: the accounts list with the filters, whose values make the scope', () => {
		const a = eventSource(context({ event: 'newAccount', filters: { tier: 'B', minScore: 50 } }));
		const b = eventSource(context({ event: 'newAccount', filters: { minScore: 50, tier: 'B' } }));
		expect(a.request).toEqual({ method: 'GET', url: '/accounts', qs: { tier: 'B', min_score: 50 } });
		expect(a.scope).toBe(b.scope);
		expect(eventSource(context({ event: 'newAccount', filters: { tier: 'C' } })).scope).not.toBe(a.scope);
	});

	it('new tasks: the tasks list with the filters, whose values make the scope', () => {
		const source = eventSource(context({ event: 'newTask', filters: { status: 'pending', companyId: { __rl: true, mode: 'id', value: 'cmp_1' } } }));
		expect(source).toEqual({ request: { method: 'GET', url: '/tasks', qs: { company_id: 'cmp_1', status: 'pending' } }, scope: 'newTask {"company_id":"cmp_1","status":"pending"}' });
		expect(eventSource(context({ event: 'newTask' }))).toEqual({ request: { method: 'GET', url: '/tasks', qs: {} }, scope: 'newTask {}' });
	});

	it('new territory companies: that territory’s companies, its id one path segment', () => {
		const source = eventSource(context({ event: 'newTerritoryCompany', territoryId: { __rl: true, mode: 'id', value: ' ter/1?x ' } }));
		expect(source.request).toEqual({ method: 'GET', url: '/territories/ter%2F1%3Fx/companies' });
		expect(source.scope).toBe('newTerritoryCompany /territories/ter%2F1%3Fx/companies');
	});

	it('refuses an empty territory', () => {
		// in the action node's words: one check of record IDs for both nodes
		expect(() => eventSource(context({ event: 'newTerritoryCompany', territoryId: { __rl: true, mode: 'list', value: '' } }))).toThrow('Territory ID is empty');
		expect(() => eventSource(context({ event: 'newTerritoryCompany', territoryId: '..' }))).toThrow('".." is not a valid Territory ID');
	});
});

describe('the retry options', () => {
	it('are read as the action node reads them: its defaults, the node’s Options', () => {
		expect(retryPolicy(context({}))).toEqual({ maxRetries: 5, maxWaitMs: 300_000 });
		expect(retryPolicy(context({ options: { maxRetries: 0, maxWaitSeconds: 20 } }))).toEqual({ maxRetries: 0, maxWaitMs: 20_000 });
		expect(() => retryPolicy(context({ options: { maxRetries: 1.5 } }))).toThrow('Max Retries must be a whole number of at least 0, not 1.5');
	});
});
