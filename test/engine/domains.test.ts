/**
 * The credential's Allowed HTTP Request Domains (n8n 2.x), and every option n8n prepares for a
 * request reaching its HTTP helper: through RoutingNode (operations, an operation's wait) and where
 * the node prepares the request itself (list searches, the trigger's polls).
 */
import type { IDataObject } from 'n8n-workflow';

import { ids, listSearch, poll, runNode, sent, type Credentials } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 3, accounts: 60, contacts: 120 } });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const restrictedTo = (allowedDomains: string): Credentials => ({ ...env.credentials, allowedHttpRequestDomains: 'domains', allowedDomains });
/** n8n's own words (n8n-workflow 2.x's assertUrlAllowed), for the sandbox's host. */
const refusal = () =>
	`Domain not allowed: This credential is restricted from accessing ${new URL(env.sandbox.url).host}. Only the following domains are allowed: api.example.com, *.example.org`;

beforeEach(() => sent.splice(0));

describe('a credential restricted to other domains sends nothing', () => {
	const elsewhere = () => restrictedTo('api.example.com, *.example.org');

	it.each([
		['a list', { resource: 'contact', operation: 'getAll', returnAll: true }],
		['a get', { resource: 'contact', operation: 'get', contactId: rl('c1') }],
		['a create', { resource: 'contact', operation: 'create', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }],
	])('%s fails with n8n’s domain message', async (_, parameters) => {
		const { error, serialized } = await runNode({ parameters: parameters as never, credentials: elsewhere() });
		expect(error?.message).toBe(refusal());
		expect(env.sandbox.requests).toHaveLength(0);
		expect(sent).toHaveLength(0);
		expect(serialized).not.toContain(env.sandbox.demoKey);
	});

	it('a list search fails with n8n’s domain message', async () => {
		await expect(listSearch('searchContacts', elsewhere())).rejects.toThrow(refusal());
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('a poll of the trigger fails with n8n’s domain message', async () => {
		const run = await poll({ parameters: { event: 'newContact' }, credentials: elsewhere(), staticData: {}, tick: 'activation' });
		expect(run.error?.message).toBe(refusal());
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('with Specific Domains and no domain given, in n8n’s words, everywhere', async () => {
		const empty = restrictedTo('  ');
		const message = 'No allowed domains specified. Configure allowed domains or change restriction setting.';
		expect((await runNode({ parameters: { resource: 'contact', operation: 'getAll' }, credentials: empty })).error?.message).toBe(message);
		await expect(listSearch('searchContacts', empty)).rejects.toThrow(message);
		expect((await poll({ parameters: { event: 'newContact' }, credentials: empty, staticData: {}, tick: 'activation' })).error?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('a credential restricted to the base URL’s host works everywhere', () => {
	const here = () => restrictedTo(new URL(env.sandbox.url).hostname);

	it('every request carries the restriction to n8n’s HTTP helper: a walk, an operation and its wait', async () => {
		const list = await runNode({ parameters: { resource: 'contact', operation: 'getAll', returnAll: true }, credentials: here() });
		expect(ids(list.items)).toEqual(env.sandbox.data.contacts.map((c) => c.id));
		env.sandbox.configure({ operationPolls: 0 });
		const added = await runNode({ parameters: { resource: 'company', operation: 'add', domain: 'allowed.example' }, credentials: here() });
		env.sandbox.configure({ operationPolls: 2 });
		expect(added.error).toBeUndefined();
		expect(added.items[0].json).toMatchObject({ status: 'completed' });
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path.replace(/op_\w+/, 'op')}`)).toEqual([
			'GET /contacts',
			'GET /contacts',
			'GET /contacts',
			'POST /companies',
			'GET /operations/op',
		]);
		expect(sent).toHaveLength(5);
		expect(sent.every((options) => options.allowedDomains === new URL(env.sandbox.url).hostname)).toBe(true);
	});

	it('a list search and a poll carry it too', async () => {
		const { results } = await listSearch('searchContacts', here());
		expect(results.map((r) => r.value)).toEqual(env.sandbox.data.contacts.slice(0, 50).map((c) => c.id));
		const run = await poll({ parameters: { event: 'newContact' }, credentials: here(), staticData: {}, tick: 'activation' });
		expect(run.error).toBeUndefined();
		expect(sent.length).toBeGreaterThan(1);
		expect(sent.every((options) => options.allowedDomains === new URL(env.sandbox.url).hostname)).toBe(true);
	});

	it('“None” leaves the node free: n8n applies it to its HTTP Request node only', async () => {
		const none: Credentials = { ...env.credentials, allowedHttpRequestDomains: 'none' };
		expect((await runNode({ parameters: { resource: 'territory', operation: 'getAll', returnAll: true }, credentials: none })).error).toBeUndefined();
		expect((await listSearch('searchTerritories', none)).results).toHaveLength(3);
		expect(sent.some((options) => 'allowedDomains' in options)).toBe(false);
	});
});

describe('the options n8n prepared reach its HTTP helper on every page', () => {
	it('the request options of the node (timeout, certificates) and its defaults, on every page of a walk', async () => {
		const { items } = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, requestOptions: { timeout: 12_345, allowUnauthorizedCerts: true } },
			credentials: env.credentials,
		});
		expect(items).toHaveLength(120);
		expect(sent.map((options) => (options.qs as IDataObject).page)).toEqual([1, 2, 3]);
		for (const options of sent) {
			expect(options).toMatchObject({
				method: 'GET',
				url: `${env.sandbox.url}/contacts`,
				timeout: 12_345,
				skipSslCertificateValidation: true,
				arrayFormat: 'repeat',
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
				disableFollowRedirect: true,
			});
		}
	});

	it('the operation’s own timeout, set when n8n prepares the request', async () => {
		const company = env.sandbox.data.companies[0].id;
		await runNode({
			parameters: { resource: 'company', operation: 'askAssistant', companyId: rl(company), message: 'Why?', options: { timeoutSeconds: 42 } },
			credentials: env.credentials,
		});
		expect(sent.map((options) => options.timeout)).toEqual([42_000]);
	});
});
