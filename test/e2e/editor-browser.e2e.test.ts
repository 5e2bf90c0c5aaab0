/**
 * What `npm run demo` serves, clicked through in Chromium: the owner signs in through the demo's
 * link, runs an example from the canvas, adds a PG:AI node from the node creator (version 1.1, its
 * hint and its resources), sees a tool's hint and the trigger's Trigger On, fetches the trigger's
 * test event and tests the credential. The steps run in order on one page; each leaves a
 * screenshot in the folder printed at the start (test-results/editor-browser/line-<n>/).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, freePort } from '../../scripts/lib/n8n';
import { DEMO_OWNER, editorLinks, importExamples, loadExamples } from '../../scripts/demo';
import { openBrowser, signIn, type Browser } from './browser';
import { CREDENTIAL, LINE, setupLine, teardownLine, type E2eN8n, type Sandbox } from './helpers';

const REJECTED = 'PG:AI rejected the API key (401). Copy the key again from PG:AI.';
const TRIGGER_DESCRIPTION = 'PG:AI’s territories, accounts, contacts, tasks, company intelligence and workflows, and n8n workflows started by new records';

let n8n: E2eN8n;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;
const examples = loadExamples(join(REPO_ROOT, 'examples'), CREDENTIAL);
const example = (file: string) => {
	const found = examples.find((e) => e.file === file);
	if (!found) throw new Error(`no example ${file}`);
	return found.workflow;
};

beforeAll(async () => {
	({ n8n, sandbox } = await setupLine({ port: await freePort() }));
	await importExamples(n8n, examples);
	await n8n.startServer();
	await n8n.setupOwner(DEMO_OWNER);
	browser = await openBrowser('editor-browser', LINE);
	page = browser.page;
	process.stderr.write(`screenshots: ${browser.shots}\n`);
});
afterAll(async () => {
	await browser?.close();
	await teardownLine();
});

/** The base URL the browser uses: the demo's, on this instance's port. */
const base = () => n8n.url;

/** Open a canvas node's details view by the node's name. */
async function openNode(name: string): Promise<void> {
	await page.getByTestId('canvas-node').filter({ hasText: name }).first().dblclick();
	await page.getByTestId('ndv').waitFor();
}

/**
 * A saved workflow's PG:AI nodes as [operation, typeVersion], read over n8n's REST API once it has
 * `count` of them (saving takes a moment). Its own sign-in: n8n 2.x binds the browser's session to
 * a header its editor sends, and signs the browser out on a call without it.
 */
async function savedPgAiNodes(workflowId: string, count: number): Promise<Array<[string, number]>> {
	const cookie = await n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
	let nodes: Array<[string, number]> = [];
	for (let attempt = 0; attempt < 30 && nodes.length < count; attempt++) {
		if (attempt > 0) await page.waitForTimeout(1000);
		const saved = await n8n.rest<{ nodes: Array<{ type: string; typeVersion: number; parameters: { operation?: string } }> }>(cookie, 'GET', `/workflows/${workflowId}`);
		nodes = saved.nodes.filter((n) => n.type === 'CUSTOM.pgAi').map((n) => [n.parameters.operation ?? 'getAll', n.typeVersion]);
	}
	return nodes;
}

test(`n8n line ${LINE}: the demo's link signs in and opens the workflows overview, the runnable examples first`, () =>
	browser.explained('overview', async () => {
		const { overview } = editorLinks(base(), examples);
		await signIn(page, base(), DEMO_OWNER, new URL(overview).pathname);
		expect(new URL(page.url()).pathname).toBe('/home/workflows');
		const cards = page.getByTestId('workflow-card-name');
		await cards.nth(examples.length - 1).waitFor();
		// in the demo's order: the examples it can run first
		expect(await cards.allInnerTexts()).toEqual(examples.map((e) => e.workflow.name));
		await browser.shot('overview');
	}));

test(`n8n line ${LINE}: the contact export runs from the canvas and its PG:AI node outputs 5,000 items`, () =>
	browser.explained('contact-export', async () => {
		const workflow = example('pgai-contact-export.json');
		await page.goto(`${base()}/workflow/${workflow.id}`);
		await page.getByTestId('execute-workflow-button').click();
		// the run is over when its last node has succeeded
		await page.getByTestId('canvas-node').filter({ hasText: 'Contacts CSV' }).getByTestId('canvas-node-status-success').waitFor();
		await browser.shot('contact-export-executed');
		await openNode('All contacts');
		const count = page.getByTestId('output-panel').getByTestId('ndv-items-count');
		await count.waitFor();
		expect(await count.innerText()).toMatch(/^5,?000 items$/);
		expect(sandbox.data.contacts).toHaveLength(5000);
		await browser.shot('contact-export-output');
	}));

test(`n8n line ${LINE}: a PG:AI node added from the node creator lists contacts to pick from`, () =>
	browser.explained('node-creator', async () => {
		await page.goto(`${base()}/workflow/${example('pgai-contact-export.json').id}`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('PG:AI');
		const node = page.getByTestId('node-creator-item-name').getByText('PG:AI', { exact: true }).first();
		await node.waitFor();
		// one entry for the node and its trigger, which n8n describes with the trigger's description
		// (2.40 shows it under a search result; 1.123 shows search results by name only)
		if (LINE === 2) expect(await page.getByTestId('node-creator-item-description').first().innerText()).toBe(TRIGGER_DESCRIPTION);
		await browser.shot('node-creator-search');
		await node.click();
		await page.getByTestId('node-creator-item-name').getByText('Get a contact', { exact: true }).click();
		await page.getByTestId('ndv').waitFor();
		await page.getByTestId('resource-locator-contactId').getByTestId('rlc-input').click();
		const first = sandbox.data.contacts[0];
		const label = `${first.first_name} ${first.last_name}`;
		const item = page.getByTestId('rlc-item').filter({ hasText: label }).first();
		await item.waitFor();
		await browser.shot('contact-list-search');
		await item.click();
		expect(await page.getByTestId('resource-locator-contactId').getByTestId('rlc-input').inputValue()).toContain(label);
		await browser.shot('contact-picked');
	}));

test(`n8n line ${LINE}: the node just added is version 1.1 and returns the contact's essentials; its output pane says what it retries by itself; its resources read as a person says them`, () =>
	browser.explained('new-node', async () => {
		// the node details of the step before are still open, before any run
		await page.getByTestId('node-hint').filter({ hasText: 'retries by itself' }).waitFor();
		await browser.shot('hint-retry-on-fail');
		await page.getByTestId('parameter-input-resource').click();
		const resources = page.getByRole('option').filter({ visible: true });
		await resources.filter({ hasText: 'Async Operation' }).waitFor();
		expect(await resources.allInnerTexts()).toEqual(['Account', 'Async Operation', 'Company', 'Contact', 'Organization', 'Signal', 'Task', 'Territory', 'Workflow']);
		await browser.shot('resource-list');
		await page.keyboard.press('Escape');
		await page.getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		const count = output.getByTestId('ndv-items-count');
		await count.waitFor();
		expect(await count.innerText()).toBe('1 item');
		const contact = sandbox.data.contacts[0];
		await output.getByText(contact.email, { exact: true }).first().waitFor();
		// every view of the output (table, JSON, schema) names the fields: the essentials only
		expect(await output.innerText()).not.toContain('first_name');
		await browser.shot('new-node-output');
		await page.keyboard.press('Escape');
		await page.getByTestId('ndv').waitFor({ state: 'hidden' });
		// the subtitle names the operation and resource as the user picked them
		await page.getByTestId('canvas-node').filter({ hasText: 'Get: Contact' }).waitFor();
		await page.keyboard.press('Control+s');
		// the example's node as saved (version 1), and the one added, as n8n saved it
		expect(await savedPgAiNodes(example('pgai-contact-export.json').id, 2)).toEqual([
			['getAll', 1],
			['get', 1.1],
		]);
	}));

test(`n8n line ${LINE}: Fetch Test Event on the trigger shows the newest matching accounts`, () =>
	browser.explained('trigger-test-event', async () => {
		const workflow = example('trigger-to-crm.json');
		const trigger = workflow.nodes.find((n) => n.type === 'CUSTOM.pgAiTrigger');
		if (!trigger) throw new Error('trigger-to-crm.json has no PG:AI Trigger');
		await page.goto(`${base()}/workflow/${workflow.id}`);
		await openNode(trigger.name);
		await page.getByTestId('node-execute-button').click();
		const count = page.getByTestId('output-panel').getByTestId('ndv-items-count');
		await count.waitFor();
		expect(await count.innerText()).toBe('5 items');
		const filters = trigger.parameters?.filters as { tier: string; minScore: number };
		const newest = sandbox.data.accounts
			.filter((a) => a.tier === filters.tier && a.score >= filters.minScore)
			.sort((a, b) => a.created_at.localeCompare(b.created_at))
			.at(-1);
		if (!newest) throw new Error('the sandbox has no account the example matches');
		await page.getByTestId('output-panel').getByText(newest.name, { exact: true }).first().waitFor();
		await browser.shot('trigger-test-event');
	}));

test(`n8n line ${LINE}: a PG:AI tool's output pane says how refusals reach the model`, () =>
	browser.explained('tool-hint', async () => {
		const workflow = example('pgai-ai-agent.json');
		const tool = workflow.nodes.find((n) => n.type === 'CUSTOM.pgAiTool');
		if (!tool) throw new Error('pgai-ai-agent.json has no PG:AI tool');
		await page.goto(`${base()}/workflow/${workflow.id}`);
		await openNode(tool.name);
		await page.getByTestId('node-hint').filter({ hasText: 'is the tool’s answer to the model' }).waitFor();
		await browser.shot('hint-tool');
	}));

test(`n8n line ${LINE}: the trigger's choice reads Trigger On, its subtitle the event's name`, () =>
	browser.explained('trigger-on', async () => {
		const workflow = example('trigger-to-crm.json');
		const trigger = workflow.nodes.find((n) => n.type === 'CUSTOM.pgAiTrigger');
		if (!trigger) throw new Error('trigger-to-crm.json has no PG:AI Trigger');
		await page.goto(`${base()}/workflow/${workflow.id}`);
		await page.getByTestId('canvas-node').filter({ hasText: trigger.name }).getByText('New Account', { exact: true }).waitFor();
		await openNode(trigger.name);
		await page.getByTestId('parameter-item').filter({ has: page.getByTestId('parameter-input-event') }).getByText('Trigger On', { exact: true }).waitFor();
		await browser.shot('trigger-on');
		await page.keyboard.press('Escape');
	}));

// Last: it saves a wrong key into the credential the other steps use.
test(`n8n line ${LINE}: the PG:AI credential's connection test passes, and names the 401 for a wrong key`, () =>
	browser.explained('credential-test', async () => {
		await page.goto(`${base()}/home/credentials/${CREDENTIAL.id}`);
		await page.getByTestId('credentials-config-container-test-success').waitFor();
		await browser.shot('credential-test-passed');
		const key = page.getByTestId('parameter-input-apiKey').locator('input');
		await key.fill('not-a-pgai-key');
		await page.getByTestId('credential-save-button').click();
		await page.getByText('More details').click();
		await page.getByTestId('editCredential-modal').getByText(REJECTED).waitFor();
		await browser.shot('credential-test-401');
	}));
