/**
 * What `npm run demo` serves: n8n's editor with the package loaded, the owner set up over the REST API
 * (no sign-up screen), and the imported credential and workflows owned by that account.
 */
import { freePort } from '../../scripts/lib/n8n';
import { DEMO_OWNER } from '../../scripts/demo';
import { CREDENTIAL, LINE, setupLine, teardownLine, workflow, type E2eN8n } from './helpers';

let n8n: E2eN8n;
let base: string;
let signUpBefore: boolean;
let firstSetup: boolean;
const imported = workflow([{ type: 'n8n-nodes-base.noOp' }], { name: 'editor check' });

beforeAll(async () => {
	({ n8n } = await setupLine({ port: await freePort() }));
	await n8n.importWorkflows([imported]);
	await n8n.startServer();
	base = `http://127.0.0.1:${n8n.port}`;
	signUpBefore = (await (await fetch(`${base}/rest/settings`)).json()).data.userManagement.showSetupOnFirstLoad;
	firstSetup = await n8n.setupOwner(DEMO_OWNER);
});
afterAll(() => teardownLine());

test(`n8n line ${LINE}: the owner is set up once, then signs in and sees the imported workflow and credential`, async () => {
	expect(signUpBefore).toBe(true);
	expect(firstSetup).toBe(true);
	expect(await n8n.setupOwner(DEMO_OWNER)).toBe(false);
	const after = await (await fetch(`${base}/rest/settings`)).json();
	expect(after.data.userManagement.showSetupOnFirstLoad).toBe(false);

	const cookie = await n8n.login(DEMO_OWNER.email, DEMO_OWNER.password);
	const workflows = await (await fetch(`${base}/rest/workflows`, { headers: { cookie } })).json();
	expect(workflows.data.map((w: { id: string }) => w.id)).toContain(imported.id);
	const credentials = await (await fetch(`${base}/rest/credentials`, { headers: { cookie } })).json();
	expect(credentials.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: CREDENTIAL.id, type: 'pgAiApi' })]));
});

test(`n8n line ${LINE}: the editor offers the PG:AI node, its trigger, its AI tool variant and its credential`, async () => {
	const headers = { cookie: await n8n.login(DEMO_OWNER.email, DEMO_OWNER.password) };
	const nodes: Array<{ name: string }> = await (await fetch(`${base}/types/nodes.json`, { headers })).json();
	expect(nodes.map((n) => n.name)).toEqual(expect.arrayContaining(['CUSTOM.pgAi', 'CUSTOM.pgAiTrigger', 'CUSTOM.pgAiTool']));
	const credentials: Array<{ name: string }> = await (await fetch(`${base}/types/credentials.json`, { headers })).json();
	expect(credentials.map((c) => c.name)).toContain('pgAiApi');
	const editor = await fetch(`${base}/`);
	expect(editor.status).toBe(200);
	expect(await editor.text()).toContain('<html');
});
