/**
 * The built PG:AI Trigger polled as n8n polls an active workflow (a PollContext run by n8n-core's
 * PollTriggerExecutor), and tested as the editor tests it (a manual execution), against the
 * sandbox, with records added between polls.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { poll, pollManually, TRIGGER_NODE, type PollRun } from './harness';
import { useSandbox } from './sandbox';

const env = useSandbox({ sizes: { territories: 4, accounts: 160, contacts: 230 } });

afterEach(() => env.sandbox.configure({ listOrder: 'created' }));

const ids = (items: INodeExecutionData[]) => items.map((item) => String(item.json.id));
const stateOf = (staticData: IDataObject) => (staticData[`node:${TRIGGER_NODE}`] as IDataObject | undefined)?.pgAiTrigger as IDataObject | undefined;

/** Timestamps after every seeded record, a second apart: t(1), t(2), … */
const base = Math.ceil(Date.now() / 1000) * 1000;
const t = (second: number) => new Date(base + second * 1000).toISOString();

/** An activated workflow with the trigger: the static data n8n keeps for it, and its polls. */
function activate(parameters: INodeParameters) {
	const staticData: IDataObject = {};
	return {
		staticData,
		poll: (tick: 'activation' | 'scheduled' = 'scheduled', extra: INodeParameters = {}) =>
			poll({ parameters: { ...parameters, ...extra }, credentials: env.credentials, staticData, tick }),
	};
}

/** Records added to the sandbox, ordered as the trigger emits them: created_at, then id. */
function add(kind: 'contact' | 'account' | 'territoryCompany' | 'task', records: Array<Record<string, unknown>>): string[] {
	return env.sandbox
		.addRecords(kind, records)
		.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id)))
		.map((record) => String(record.id));
}

const pagesAsked = () => env.sandbox.requests.map((request) => Number(request.query.page));

function expectQuiet(run: PollRun) {
	expect(run.error).toBeUndefined();
	expect(run.emitted).toBe(false);
}

describe('new contacts, over a sequence of polls', () => {
	it('emits every contact added between polls exactly once: ties, a failing poll, a page boundary', async () => {
		const trigger = activate({ event: 'newContact' });
		const emitted: string[] = [];
		const added: string[] = [];

		// Activation: nothing emitted, what exists remembered; page 1 and the last page read.
		expectQuiet(await trigger.poll('activation'));
		expect(pagesAsked()).toEqual([1, 5]);
		const newest = [...env.sandbox.data.contacts].sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)!;
		expect(stateOf(trigger.staticData)).toEqual({
			version: 1,
			scope: 'newContact',
			mark: { at: new Date(newest.created_at).toISOString(), ids: [newest.id] },
		});

		// Two contacts sharing a timestamp, and one after them.
		added.push(...add('contact', [{ created_at: t(1) }, { created_at: t(1) }, { created_at: t(2) }]));
		let run = await trigger.poll();
		expect(run.error).toBeUndefined();
		expect(ids(run.items)).toEqual(added.slice(0, 3));
		emitted.push(...ids(run.items));
		expect(stateOf(trigger.staticData)?.mark).toEqual({ at: t(2), ids: [added[2]] });

		// Two more at the mark's instant and one later; the poll fails on its second request.
		const next = add('contact', [{ created_at: t(2) }, { created_at: t(2) }, { created_at: t(3) }]);
		added.push(...next);
		const before = JSON.stringify(trigger.staticData);
		env.sandbox.clearRequests();
		env.sandbox.inject({ path: '/contacts', skip: 1, fault: { type: 'status', status: 500, body: { error: 'Internal error' } } });
		run = await trigger.poll('scheduled', { options: { maxRetries: 0 } });
		expect(run.emitted).toBe(false);
		expect(run.error?.message).toBe('Internal error');
		expect(run.error?.httpCode).toBe('500');
		expect(JSON.stringify(trigger.staticData)).toBe(before);

		// The next poll emits what the failed one missed, and only that.
		run = await trigger.poll();
		expect(run.error).toBeUndefined();
		expect(ids(run.items)).toEqual(next);
		emitted.push(...ids(run.items));

		// Sixty more, over the boundary of pages 5 and 6, many sharing seconds.
		const many = add('contact', Array.from({ length: 60 }, (_, i) => ({ created_at: t(10 + Math.floor(i / 7)) })));
		added.push(...many);
		run = await trigger.poll();
		expect(ids(run.items)).toEqual(many);
		emitted.push(...ids(run.items));

		// Nothing new: nothing emitted, two requests.
		env.sandbox.clearRequests();
		expectQuiet(await trigger.poll());
		expect(pagesAsked()).toEqual([1, 6]);

		expect(emitted).toEqual(added);
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	it('emits the records as the API sent them', async () => {
		const trigger = activate({ event: 'newContact' });
		await trigger.poll('activation');
		const [id] = add('contact', [{ created_at: t(100), first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' }]);
		const run = await trigger.poll();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual(JSON.parse(JSON.stringify(env.sandbox.data.contacts.find((c) => c.id === id))));
	});

	it('retries a page that failed once, alone, and the poll succeeds', async () => {
		const trigger = activate({ event: 'newContact' });
		await trigger.poll('activation');
		const [id] = add('contact', [{ created_at: t(200) }]);
		env.sandbox.clearRequests();
		env.sandbox.inject({ path: '/contacts', skip: 1, fault: { type: 'status', status: 503, body: { error: 'Busy' } } });
		const run = await trigger.poll();
		expect(run.error).toBeUndefined();
		expect(ids(run.items)).toEqual([id]);
		const last = pagesAsked()[1];
		expect(pagesAsked().slice(0, 3)).toEqual([1, last, last]);
	});

	it('fails the activation when the first poll fails, and remembers nothing', async () => {
		const trigger = activate({ event: 'newContact' });
		env.sandbox.inject({ path: '/contacts', fault: { type: 'status', status: 401, body: { error: 'Invalid API key' } } });
		const run = await trigger.poll('activation');
		expect(run.error?.message).toBe('Invalid API key');
		expect(stateOf(trigger.staticData)).toBeUndefined();
	});
});

describe('lists whose order is not oldest first', () => {
	it('not by time (by id): every page, each poll, and still each new contact once', async () => {
		env.sandbox.configure({ listOrder: 'id' });
		const trigger = activate({ event: 'newContact' });
		await trigger.poll('activation');
		expect(stateOf(trigger.staticData)?.unordered).toBe(true);
		const added = add('contact', [{ created_at: t(300) }, { created_at: t(300) }, { created_at: t(301) }]);
		env.sandbox.clearRequests();
		const run = await trigger.poll();
		expect(ids(run.items)).toEqual(added);
		const pages = Math.ceil(env.sandbox.data.contacts.length / 50);
		expect(pagesAsked()).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
		expectQuiet(await trigger.poll());
	});

	it('newest first: page 1 alone', async () => {
		env.sandbox.configure({ listOrder: 'newest' });
		const trigger = activate({ event: 'newContact' });
		await trigger.poll('activation');
		const added = add('contact', [{ created_at: t(400) }, { created_at: t(401) }]);
		env.sandbox.clearRequests();
		expect(ids((await trigger.poll()).items)).toEqual(added);
		expect(pagesAsked()).toEqual([1]);
	});
});

describe('new accounts with filters', () => {
	it('emits only new accounts that match, and starts afresh when the filters change', async () => {
		const parameters = { event: 'newAccount', filters: { tier: 'A', minScore: 80 } };
		const trigger = activate(parameters);
		await trigger.poll('activation');
		expect(env.sandbox.requests[0].query).toMatchObject({ tier: 'A', min_score: '80' });
		const [matching] = add('account', [{ tier: 'A', score: 91, created_at: t(500) }]);
		add('account', [{ tier: 'B', score: 95, created_at: t(500) }, { tier: 'A', score: 40, created_at: t(501) }]);
		expect(ids((await trigger.poll()).items)).toEqual([matching]);

		const changed = { event: 'newAccount', filters: { tier: 'B' } };
		const run = await poll({ parameters: changed, credentials: env.credentials, staticData: trigger.staticData });
		expectQuiet(run);
		expect(stateOf(trigger.staticData)?.scope).toBe('newAccount {"tier":"B"}');
		const [tierB] = add('account', [{ tier: 'B', score: 10, created_at: t(502) }]);
		expect(ids((await poll({ parameters: changed, credentials: env.credentials, staticData: trigger.staticData })).items)).toEqual([tierB]);
	});

	it('reports the API’s error when the key may not read accounts', async () => {
		const trigger = activate({ event: 'newAccount' });
		const run = await poll({ parameters: { event: 'newAccount' }, credentials: { ...env.credentials, apiKey: env.sandbox.keys.contactsOnly }, staticData: trigger.staticData });
		expect(run.error?.message).toMatch(/accounts:read/);
		expect(run.error?.httpCode).toBe('403');
	});
});

describe('new tasks with filters', () => {
	it('emits each new task about the company and in the status once, across polls', async () => {
		const [company, other] = env.sandbox.data.companies;
		const trigger = activate({ event: 'newTask', filters: { companyId: { __rl: true, mode: 'list', value: company.id }, status: 'pending' } });
		expectQuiet(await trigger.poll('activation'));
		expect(env.sandbox.requests[0].query).toMatchObject({ company_id: company.id, status: 'pending' });
		expect(stateOf(trigger.staticData)?.scope).toBe(`newTask {"company_id":"${company.id}","status":"pending"}`);

		const [first] = add('task', [{ company_id: company.id, status: 'pending', created_at: t(600) }]);
		add('task', [{ company_id: other.id, status: 'pending', created_at: t(600) }, { company_id: company.id, status: 'completed', created_at: t(601) }]);
		expect(ids((await trigger.poll()).items)).toEqual([first]);
		expectQuiet(await trigger.poll());

		const ties = add('task', [{ company_id: company.id, status: 'pending', created_at: t(602) }, { company_id: company.id, status: 'pending', created_at: t(602) }]);
		expect(ids((await trigger.poll()).items)).toEqual(ties);
		expectQuiet(await trigger.poll());
	});
});

describe('new companies in a territory', () => {
	it('emits the companies that joined the chosen territory, not others', async () => {
		const [territory, other] = env.sandbox.data.territories;
		const trigger = activate({ event: 'newTerritoryCompany', territoryId: { __rl: true, mode: 'list', value: territory.id } });
		await trigger.poll('activation');
		expect(env.sandbox.requests[0].path).toBe(`/territories/${territory.id}/companies`);
		const joined = add('territoryCompany', [
			{ territory_id: territory.id, created_at: t(600) },
			{ territory_id: territory.id, created_at: t(600) },
		]);
		add('territoryCompany', [{ territory_id: other.id, created_at: t(600) }]);
		expect(ids((await trigger.poll()).items)).toEqual(joined);
		expectQuiet(await trigger.poll());
	});

	it('tells companies apart by id when the older API lists them without created_at', async () => {
		const territory = env.sandbox.data.territories[1];
		const trigger = activate({ event: 'newTerritoryCompany', territoryId: { __rl: true, mode: 'id', value: territory.id } });
		env.sandbox.configure({ envelope: 'legacy' });
		await trigger.poll('activation');
		expect(stateOf(trigger.staticData)?.seen).toHaveLength(env.sandbox.data.territoryCompanies[territory.id].length);
		const [row] = env.sandbox.addRecords('territoryCompany', [{ territory_id: territory.id }]);
		const run = await trigger.poll();
		// The older shape lists the company, not the membership row.
		expect(ids(run.items)).toEqual([row.company_id]);
		expectQuiet(await trigger.poll());
	});
});

describe('a manual test run (the editor’s Fetch Test Event)', () => {
	it('shows the newest five contacts and leaves the active workflow’s state alone', async () => {
		const trigger = activate({ event: 'newContact' });
		await trigger.poll('activation');
		const before = JSON.stringify(trigger.staticData);
		const added = add('contact', [{ created_at: t(700) }, { created_at: t(700) }, { created_at: t(701) }]);
		const run = await pollManually({ parameters: { event: 'newContact' }, credentials: env.credentials, staticData: trigger.staticData });
		expect(run.error).toBeUndefined();
		const newestFive = [...env.sandbox.data.contacts]
			.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id.localeCompare(b.id))
			.slice(-5)
			.map((c) => c.id);
		expect(ids(run.items)).toEqual(newestFive);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		// The active workflow still sees the three as new.
		expect(ids((await trigger.poll()).items)).toEqual(added);
	});

	it('works before any activation, and stores nothing', async () => {
		const staticData: IDataObject = {};
		const run = await pollManually({ parameters: { event: 'newAccount', filters: { tier: 'C' } }, credentials: env.credentials, staticData });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(5);
		expect(run.items.every((item) => item.json.tier === 'C')).toBe(true);
		expect(stateOf(staticData)).toBeUndefined();
	});
});
