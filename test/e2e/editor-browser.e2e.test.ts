/**
 * What `npm run demo` serves, clicked through in Chromium: the owner signs in through the demo's
 * link, runs an example from the canvas, adds a PG:AI node from the node creator, fetches the
 * trigger's test event and tests the credential. The steps run in order on one page; each leaves a
 * screenshot in the folder printed at the start (test-results/editor-browser/line-<n>/).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, freePort } from '../../scripts/lib/n8n';
import { DEMO_OWNER, editorLinks, importExamples, loadExamples } from '../../scripts/demo';
import { openBrowser, signIn, type Browser } from './browser';
import { CREDENTIAL, LINE, setupLine, teardownLine, type E2eN8n, type Sandbox } from './helpers';

const REJECTED = 'PG:AI rejected the API key (401). Copy the key again from PG:AI.';

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

test(`n8n line ${LINE}: the demo's link signs in and opens the workflows overview, the runnable examples first`, async () => {
	const { overview } = editorLinks(base(), examples);
	await signIn(page, base(), DEMO_OWNER, new URL(overview).pathname);
	expect(new URL(page.url()).pathname).toBe('/home/workflows');
	const cards = page.getByTestId('workflow-card-name');
	await cards.nth(examples.length - 1).waitFor();
	// in the demo's order: the examples it can run first
	expect(await cards.allInnerTexts()).toEqual(examples.map((e) => e.workflow.name));
	await browser.shot('overview');
});

test(`n8n line ${LINE}: the contact export runs from the canvas and its PG:AI node outputs 5,000 items`, async () => {
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
});

test(`n8n line ${LINE}: a PG:AI node added from the node creator lists contacts to pick from`, async () => {
	await page.goto(`${base()}/workflow/${example('pgai-contact-export.json').id}`);
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('PG:AI');
	const node = page.getByTestId('node-creator-item-name').getByText('PG:AI', { exact: true }).first();
	await node.waitFor();
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
});

test(`n8n line ${LINE}: Fetch Test Event on the trigger shows the newest matching accounts`, async () => {
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
});

// Last: it saves a wrong key into the credential the other steps use.
test(`n8n line ${LINE}: the PG:AI credential's connection test passes, and names the 401 for a wrong key`, async () => {
	await page.goto(`${base()}/home/credentials/${CREDENTIAL.id}`);
	await page.getByTestId('credentials-config-container-test-success').waitFor();
	await browser.shot('credential-test-passed');
	const key = page.getByTestId('parameter-input-apiKey').locator('input');
	await key.fill('not-a-pgai-key');
	await page.getByTestId('credential-save-button').click();
	await page.getByText('More details').click();
	await page.getByTestId('editCredential-modal').getByText(REJECTED).waitFor();
	await browser.shot('credential-test-401');
});
