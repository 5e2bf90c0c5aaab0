/**
 * No record made twice in real n8n, whatever n8n is told: five input items into Contact → Create
 * with n8n's Retry On Fail on (3 tries, 1 s apart, as the issue measured it), against a 503, a 500
 * and a loop, with the packed package loaded as n8n loads a custom extension.
 */
import {
	LINE,
	expectSuccess,
	itemsOf,
	nodeError,
	setupLine,
	teardownLine,
	workflow,
	type E2eN8n,
	type N8nItem,
	type N8nRun,
	type NodeDef,
	type Sandbox,
} from './helpers';

let n8n: E2eN8n;
let sandbox: Sandbox;

beforeAll(async () => ({ n8n, sandbox } = await setupLine()));
afterAll(() => teardownLine());
beforeEach(() => {
	sandbox.clearFaults();
	sandbox.clearRequests();
});

const RETRY_ON_FAIL = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 };
const UNAVAILABLE = { type: 'status', status: 503, body: { error: 'Service unavailable' } } as const;

let batch = 0;
/** Five people no earlier test stored. */
function freshPeople() {
	batch++;
	return Array.from({ length: 5 }, (_, i) => ({ first: `Person${i}`, last: `Batch${batch}`, email: `person${i}.batch${batch}@no-duplicates.example` }));
}
type Person = ReturnType<typeof freshPeople>[number];

const input = (items: object[]): NodeDef => ({ type: 'n8n-nodes-base.code', name: 'People', parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` } });
const createContact = (settings: Record<string, unknown> = {}, options: Record<string, unknown> = {}): NodeDef => ({
	type: 'CUSTOM.pgAi',
	name: 'Create',
	parameters: { resource: 'contact', operation: 'create', firstName: '={{ $json.first }}', lastName: '={{ $json.last }}', email: '={{ $json.email }}', options },
	...RETRY_ON_FAIL,
	...settings,
});

/** How often each person is stored in the sandbox, in input order. */
const stored = (people: Person[]) => people.map((person) => sandbox.data.contacts.filter((c) => c.email === person.email).length);
const posts = (path: string) => sandbox.requests.filter((r) => r.method === 'POST' && r.path === path);
const pairedTo = (items: N8nItem[]) => items.map((item) => item.pairedItem);
const inOrder = (indexes: number[]) => indexes.map((item) => ({ item }));

describe(`nothing made twice under Retry On Fail in real n8n ${LINE === 1 ? '1.123' : '2.40'}`, () => {
	test('the issue’s scenario: a 503 on the third create; five contacts, each once, in input order', async () => {
		const people = freshPeople();
		sandbox.inject({ method: 'POST', path: '/contacts', body: { email: people[2].email }, fault: UNAVAILABLE });
		const run = expectSuccess(await n8n.run(workflow([input(people), createContact()])));
		expect(stored(people)).toEqual([1, 1, 1, 1, 1]);
		expect(posts('/contacts').map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 503]);
		const items = itemsOf(run, 'Create');
		expect(items.map((item) => item.json.email)).toEqual(people.map((p) => p.email));
		expect(pairedTo(items)).toEqual(inOrder([0, 1, 2, 3, 4]));
	});

	test('a 503 that outlasts Max Retries: n8n runs the node again and sends only the third create', async () => {
		const people = freshPeople();
		sandbox.inject({ method: 'POST', path: '/contacts', body: { email: people[2].email }, times: 2, fault: UNAVAILABLE });
		const run = expectSuccess(await n8n.run(workflow([input(people), createContact({}, { maxRetries: 1 })])));
		expect(stored(people)).toEqual([1, 1, 1, 1, 1]);
		expect(posts('/contacts')).toHaveLength(7);
		expect(pairedTo(itemsOf(run, 'Create'))).toEqual(inOrder([0, 1, 2, 3, 4]));
	});

	test.each([
		['third', 2],
		// n8n runs a node again when its first output item holds an error, Continue On Fail or not
		['first', 0],
	])('a 503 on every try of the %s create, with Continue On Fail: the others made once, the failed one on the error output', async (_, failing) => {
		const people = freshPeople();
		sandbox.inject({ method: 'POST', path: '/contacts', body: { email: people[failing].email }, times: Infinity, fault: UNAVAILABLE });
		const run = expectSuccess(await n8n.run(workflow([input(people), createContact({ onError: 'continueErrorOutput' }, { maxRetries: 1 })])));
		expect(stored(people)).toEqual(people.map((_, i) => (i === failing ? 0 : 1)));
		// the failed create twice per run of the node (Max Retries 1): n8n ran it 3 times when the first failed
		expect(posts('/contacts')).toHaveLength(4 + 2 * (failing === 0 ? 3 : 1));
		const others = [0, 1, 2, 3, 4].filter((i) => i !== failing);
		expect(itemsOf(run, 'Create').map((item) => item.json.email)).toEqual(others.map((i) => people[i].email));
		expect(pairedTo(itemsOf(run, 'Create'))).toEqual(inOrder(others));
		expect(pairedTo(itemsOf(run, 'Create', { output: 1 }))).toEqual(inOrder([failing]));
	});

	test.each([
		['after PG:AI stored the contact', true],
		['that PG:AI did not process', false],
	])('a 500 %s instead: no create sent twice, n8n’s runs of the node included', async (_, processed) => {
		const people = freshPeople();
		sandbox.inject({ method: 'POST', path: '/contacts', body: { email: people[2].email }, processed, fault: { type: 'status', status: 500, body: { error: 'Internal error' } } });
		const run = await n8n.run(workflow([input(people), createContact()]));
		expect(nodeError(run, 'Create')?.message).toBe('Internal error');
		expect(nodeError(run, 'Create')?.description).toMatch(/not sent again/);
		expect(stored(people)).toEqual([1, 1, processed ? 1 : 0, 1, 1]);
		expect(posts('/contacts')).toHaveLength(5);
	});

	test('Company → Add: one credit per company when n8n runs the node again', async () => {
		sandbox.configure({ credits: { company_credits: 100 } });
		const domains = freshPeople().map((_, i) => ({ domain: `newco${i}.batch${batch}.example` }));
		sandbox.inject({ method: 'POST', path: '/companies', body: domains[2], times: 2, fault: UNAVAILABLE });
		const add: NodeDef = { type: 'CUSTOM.pgAi', name: 'Add', parameters: { resource: 'company', operation: 'add', domain: '={{ $json.domain }}', options: { maxRetries: 1, waitForCompletion: false } }, ...RETRY_ON_FAIL };
		const run = expectSuccess(await n8n.run(workflow([input(domains), add])));
		const config = (await (await fetch(`${sandbox.origin}/_sandbox/config`)).json()) as { credits: { company_credits: number } };
		expect(config.credits.company_credits).toBe(95);
		expect(posts('/companies')).toHaveLength(7);
		expect(pairedTo(itemsOf(run, 'Add'))).toEqual(inOrder([0, 1, 2, 3, 4]));
	});

	test('a loop that creates the same person twice creates them twice: each pass is a new run of the node', async () => {
		const [person] = freshPeople();
		const built = workflow([input([person, person]), { type: 'n8n-nodes-base.splitInBatches', name: 'Loop', typeVersion: 3, parameters: { batchSize: 1, options: {} } }, createContact()]);
		// Loop's second output ("loop") feeds Create, which feeds Loop again; its first ("done") ends.
		built.connections.Loop = { main: [[], [{ node: 'Create', type: 'main', index: 0 }]] };
		built.connections.Create = { main: [[{ node: 'Loop', type: 'main', index: 0 }]] };
		const run: N8nRun = expectSuccess(await n8n.run(built));
		expect(run.data.runData.Create).toHaveLength(2);
		expect(stored([person])).toEqual([2]);
		expect(posts('/contacts')).toHaveLength(2);
	});
});
