/**
 * n8n appends its `?utm_…` query to a Docs link, after any fragment: `…#credentials?utm_source=n8n`
 * names an anchor that does not exist. The links the editor opens have no fragment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const { PgAiApi } = require('../../n8n-nodes-pgai/dist/credentials/PgAiApi.credentials.js') as {
	PgAiApi: new () => { documentationUrl: string };
};

const NODES = join(__dirname, '../../n8n-nodes-pgai/nodes/PgAi');
const codexLinks = readdirSync(NODES)
	.filter((file) => file.endsWith('.node.json'))
	.flatMap((file) => {
		const codex = JSON.parse(readFileSync(join(NODES, file), 'utf8')) as { resources: Record<string, Array<{ url: string }>> };
		return Object.entries(codex.resources).flatMap(([kind, links]) => links.map((link) => [`${file} ${kind}`, link.url] as const));
	});

describe('Docs links', () => {
	it('both nodes have codex links', () => {
		expect(codexLinks.map(([where]) => where.split(' ')[0]).sort()).toEqual(
			expect.arrayContaining(['PgAi.node.json', 'PgAiTrigger.node.json']),
		);
	});

	it.each([...codexLinks, ['credential documentationUrl', new PgAiApi().documentationUrl] as const])('%s is an https URL without a fragment', (_, url) => {
		const parsed = new URL(url);
		expect(parsed.protocol).toBe('https:');
		expect(parsed.hash).toBe('');
		expect(url).not.toContain('#');
	});
});
